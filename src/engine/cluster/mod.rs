//! Clustering algorithms, one module each, sharing the contract in [`common`].

pub mod common;
pub mod dbscan;
pub mod hierarchical;
pub mod spatial;

pub use common::*;
