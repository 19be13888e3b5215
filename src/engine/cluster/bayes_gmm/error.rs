//! The one error type of the Bayesian Gaussian mixture module.

use crate::engine::progress::Cancelled;

/// Why a Bayesian Gaussian mixture fit or its parameters were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BayesGmmError {
    /// `n_components` was 0.
    #[error("n_components must be at least 1, got 0")]
    ZeroComponents,
    /// More components than rows.
    #[error("n_components must be at most the number of rows ({n_rows}), got {n_components}")]
    TooManyComponents { n_components: usize, n_rows: usize },
    /// `n_init` was 0.
    #[error("n_init must be at least 1, got 0")]
    ZeroNInit,
    /// `max_iter` was 0.
    #[error("max_iter must be at least 1, got 0")]
    ZeroMaxIter,
    /// `tol` negative or not finite.
    #[error("tol must be finite and >= 0, got {0}")]
    BadTol(f64),
    /// `reg_covar` negative or not finite.
    #[error("reg_covar must be finite and >= 0, got {0}")]
    BadRegCovar(f64),
    /// `weight_concentration_prior` not > 0.
    #[error("weight_concentration_prior must be finite and > 0, got {0}")]
    BadWeightConcentration(f64),
    /// `mean_precision_prior` not > 0.
    #[error("mean_precision_prior must be finite and > 0, got {0}")]
    BadMeanPrecision(f64),
    /// `degrees_of_freedom_prior` not > n_features − 1.
    #[error("degrees_of_freedom_prior must be > n_features - 1 ({min}), got {got}")]
    BadDegreesOfFreedom { got: f64, min: f64 },
    /// `mean_prior` has the wrong length or is not finite.
    #[error("mean_prior must have one finite value per feature ({expected}), got {got} values")]
    BadMeanPrior { expected: usize, got: usize },
    /// `covariance_prior` has the wrong size for the covariance type, or is not positive (definite).
    #[error("covariance_prior must have {expected} values and be positive definite, got {got} values")]
    BadCovariancePrior { expected: usize, got: usize },
    /// Initial labels of the wrong length or out of range.
    #[error("init labels must be one per row ({rows}) in 0..{n_components}, got {len} labels")]
    BadInitLabels { len: usize, rows: usize, n_components: usize },
    /// The data has no rows or no columns.
    #[error("the data must have at least one row and one column, got {rows} x {cols}")]
    EmptyData { rows: usize, cols: usize },
    /// A cell is NaN or infinite.
    #[error("the data must be finite, got {value} at row {row}, column {col}")]
    NonFinite { row: usize, col: usize, value: f64 },
    /// New rows have the wrong number of features.
    #[error("expected {expected} features, got {got}")]
    FeatureMismatch { expected: usize, got: usize },
    /// The k-means initialisation failed.
    #[error("k-means initialisation failed: {0}")]
    Init(#[from] crate::engine::cluster::kmeans::KMeansError),
    /// A shared mixture helper failed.
    #[error(transparent)]
    Mixture(crate::engine::cluster::gmm::GmmError),
    /// The caller cancelled the run.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, BayesGmmError>;

impl From<crate::engine::cluster::gmm::GmmError> for BayesGmmError {
    fn from(e: crate::engine::cluster::gmm::GmmError) -> Self {
        use crate::engine::cluster::gmm::GmmError as G;
        match e {
            G::EmptyData { rows, cols } => Self::EmptyData { rows, cols },
            G::NonFinite { row, col, value } => Self::NonFinite { row, col, value },
            G::FeatureMismatch { expected, got } => Self::FeatureMismatch { expected, got },
            G::Cancelled(c) => Self::Cancelled(c),
            other => Self::Mixture(other),
        }
    }
}
