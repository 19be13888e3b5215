//! The one error type of the Gaussian mixture module.

use crate::engine::progress::Cancelled;

/// Why a Gaussian mixture fit, its parameters, or a model built from given parameters was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GmmError {
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
    /// The data has no rows or no columns.
    #[error("the data must have at least one row and one column, got {rows} x {cols}")]
    EmptyData { rows: usize, cols: usize },
    /// A cell is NaN or infinite.
    #[error("the data must be finite, got {value} at row {row}, column {col}")]
    NonFinite { row: usize, col: usize, value: f64 },
    /// New rows or given parameters have the wrong number of features.
    #[error("expected {expected} features, got {got}")]
    FeatureMismatch { expected: usize, got: usize },
    /// Given parameters are inconsistent (shape, weights not a distribution, covariance not positive definite).
    #[error("invalid mixture parameters: {0}")]
    BadParameters(&'static str),
    /// The caller cancelled the run.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, GmmError>;
