//! The one error type of the k-means module (full and mini-batch): every rule a parameter or an input can break.

use crate::engine::progress::Cancelled;

/// Why a k-means fit or its parameters were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum KMeansError {
    /// `n_clusters` was 0.
    #[error("n_clusters must be at least 1, got 0")]
    ZeroClusters,
    /// More clusters than rows.
    #[error("n_clusters must be at most the number of rows ({n_rows}), got {n_clusters}")]
    TooManyClusters { n_clusters: usize, n_rows: usize },
    /// `n_init` was 0.
    #[error("n_init must be at least 1, got 0")]
    ZeroNInit,
    /// `max_iter` was 0.
    #[error("max_iter must be at least 1, got 0")]
    ZeroMaxIter,
    /// `tol` was negative or not finite.
    #[error("tol must be finite and >= 0, got {0}")]
    BadTol(f64),
    /// `batch_size` was 0 (mini-batch).
    #[error("batch_size must be at least 1, got 0")]
    ZeroBatchSize,
    /// `reassignment_ratio` outside 0..=1 (mini-batch).
    #[error("reassignment_ratio must be in 0..=1, got {0}")]
    BadReassignmentRatio(f64),
    /// `init_size` smaller than `n_clusters` (mini-batch).
    #[error("init_size must be at least n_clusters ({n_clusters}), got {init_size}")]
    InitSizeTooSmall { init_size: usize, n_clusters: usize },
    /// The data has no rows or no columns.
    #[error("the data must have at least one row and one column, got {rows} x {cols}")]
    EmptyData { rows: usize, cols: usize },
    /// A cell is NaN or infinite.
    #[error("the data must be finite, got {value} at row {row}, column {col}")]
    NonFinite { row: usize, col: usize, value: f64 },
    /// The weights do not have one entry per row.
    #[error("sample_weight must have one entry per row ({rows}), got {len}")]
    WeightsLength { len: usize, rows: usize },
    /// A weight is negative or not finite.
    #[error("sample_weight must be finite and >= 0, got {value} at row {row}")]
    BadWeight { row: usize, value: f64 },
    /// All weights are zero.
    #[error("sample_weight must have a positive sum, got 0")]
    ZeroTotalWeight,
    /// New rows for prediction have a different number of columns than the fitted centroids.
    #[error("expected {expected} columns, got {got}")]
    FeatureMismatch { expected: usize, got: usize },
    /// Restarts computed apart do not make up restarts 0..n_init with a partition of the data.
    #[error("the restarts computed apart are incomplete: expected restarts 0..{n_init} and a partition of every row")]
    Restarts { n_init: usize },
    /// The caller cancelled the run.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, KMeansError>;
