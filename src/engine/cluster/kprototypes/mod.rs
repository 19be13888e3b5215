//! k-prototypes (Huang 1998) for mixed numeric + categorical customers: squared Euclidean distance on the
//! (standardised) numeric columns plus γ per categorical mismatch, Huang or Cao initialisation, restarts,
//! a non-increasing cost history. Categorical code [`MISSING`] (`u32::MAX`) contributes 0 to any distance.
//!
//! linfa has no k-prototypes; `tests/cluster_centroid_kproto.rs` checks the monotone cost and recomputes it
//! independently from the final labels and prototypes.

mod data;
mod fit;
mod init;
mod model;
mod params;

pub use data::MISSING;
pub use model::{FittedKPrototypes, KPrototypesFit};
pub use params::{KPrototypesError, KPrototypesInit, KPrototypesParams, KPrototypesValidParams, Result};
