//! Clustering algorithms, one module each, sharing the contract in [`common`].

pub mod common;
pub mod consensus;
pub mod dbscan;
pub mod hierarchical;
pub mod spatial;

pub use common::*;
pub mod bayes_gmm;
pub mod gmm;
pub mod kmeans;
pub mod kprototypes;
