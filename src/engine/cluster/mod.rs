//! Clustering algorithms, one module each, sharing the contract in [`common`]: k-means (and mini-batch),
//! DBSCAN, hierarchical, Gaussian and Bayesian Gaussian mixtures, k-prototypes, and consensus of several runs.

pub mod bayes_gmm;
pub mod common;
pub mod consensus;
pub mod dbscan;
pub mod gmm;
pub mod hierarchical;
pub mod kmeans;
pub mod kprototypes;
pub mod spatial;

pub use common::*;
