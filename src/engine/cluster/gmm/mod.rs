//! Gaussian mixture models fitted by EM, following scikit-learn's `GaussianMixture`: four covariance shapes,
//! k-means initialisation, real restarts, `reg_covar`, a log-sum-exp E-step on precision Cholesky factors,
//! BIC/AIC with scikit-learn's parameter count.
//!
//! Written here rather than taken from linfa-clustering 0.8.1, whose GMM has full covariance only, whose
//! `n_runs` does not re-initialise, which returns an error on non-convergence and whose E-step can overflow
//! to NaN on tight clusters. `tests/cluster_centroid_gmm.rs` checks the log-likelihood against scikit-learn
//! on three real data sets and the score/BIC/AIC on scikit-learn's own fitted parameters.

mod covariance;
mod data;
mod em;
mod error;
mod estep;
pub mod linalg;
mod model;
mod params;
mod stats;

pub use covariance::{n_parameters, precisions_from_cholesky, Covariances};
pub use em::GmmFit;
pub use error::{GmmError, Result};
pub use model::FittedGmm;
pub use params::{CovarianceType, GmmParams, GmmValidParams};

pub(crate) use covariance::{precision_factors, Precisions};
pub(crate) use data::{Rows, CHUNK};
pub(crate) use em::kmeans_resp;
pub(crate) use estep::{argmax_rows, responsibilities};
pub(crate) use stats::estimate;
