//! Clustering algorithms, one module each, sharing the contract in [`common`].

pub mod common;
pub mod consensus;

pub use common::*;
