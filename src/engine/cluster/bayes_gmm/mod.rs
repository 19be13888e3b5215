//! Bayesian Gaussian mixture by variational inference, following scikit-learn's `BayesianGaussianMixture`:
//! Dirichlet-process or Dirichlet-distribution weight priors, Gaussian–Wishart priors on means and
//! precisions (defaults from the data), the four covariance shapes, k-means start, real restarts. Surplus
//! components are switched off; [`FittedBayesGmm::effective_components`] counts those above 1 % weight.
//!
//! linfa has no Bayesian mixture; this shares the Gaussian mixture's statistics, precision factors and
//! log-sum-exp E-step. `tests/cluster_centroid_bgmm.rs` compares the effective number of components and the
//! labels (ARI) with scikit-learn on real data.

mod error;
mod fit;
mod model;
mod params;
mod special;
mod vb;

pub use error::{BayesGmmError, Result};
pub use fit::BayesGmmFit;
pub use model::FittedBayesGmm;
pub use params::{BayesGmmParams, BayesGmmValidParams, WeightPrior};
pub use special::{betaln, digamma, lgamma};
