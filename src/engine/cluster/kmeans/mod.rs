//! K-means: full batch (k-means++ restarts, Lloyd or Hamerly passes) and mini-batch, following
//! scikit-learn's `KMeans` / `MiniBatchKMeans` semantics (greedy k-means++, relative tolerance, empty-cluster
//! relocation, inertia as a weighted *sum*), plus an optional Hartigan refinement of each restart and a swap
//! polish of the best one (both on by default, with a bounded cost) that only ever lower the inertia.
//!
//! Written here rather than taken from linfa-clustering 0.8.1 because linfa's `inertia()` is a per-sample
//! mean, it has no accelerated variant with identical results and no weighted mini-batch with scikit-learn's
//! reassignment and early stopping; `tests/cluster_centroid_kmeans.rs` checks the inertia against
//! scikit-learn on three real data sets. Assignment passes run on rayon in fixed chunks with ordered
//! reductions, so results do not depend on the thread count.

mod dense;
mod error;
mod fit;
mod hamerly;
mod hartigan;
mod init;
mod lloyd;
mod minibatch;
mod minibatch_params;
mod model;
mod params;
mod swap;

pub use error::{KMeansError, Result};
pub use fit::{BestRestart, RestartSummary, Restarts};
pub use minibatch_params::{MiniBatchKMeansParams, MiniBatchKMeansValidParams};
pub use model::{FittedKMeans, KMeansFit};
pub use params::{KMeansAlgorithm, KMeansParams, KMeansValidParams};
