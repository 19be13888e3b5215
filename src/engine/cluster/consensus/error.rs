//! The error type of consensus clustering.

use crate::engine::progress::Cancelled;

/// Why a consensus could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConsensusError {
    /// `k` was given as 0 or 1.
    #[error("k must be at least 2, got {0}")]
    K(usize),
    /// The co-association cap is outside 2..=MAX_SAMPLE_CAP.
    #[error("sample_cap must be between 2 and {max}, got {got}")]
    SampleCap {
        /// The cap received.
        got: usize,
        /// The largest cap accepted (memory bound of the n×n co-association).
        max: usize,
    },
    /// Fewer than 2 labelings (or runs) to combine.
    #[error("at least 2 labelings are needed, got {0}")]
    TooFewRuns(usize),
    /// The labelings have no rows.
    #[error("the labelings must have at least one row, got 0")]
    Empty,
    /// A labeling's length differs from the first one's.
    #[error("labeling {index} has {got} labels, the first has {expected}")]
    LengthMismatch {
        /// Which labeling (0-based).
        index: usize,
        /// Its length.
        got: usize,
        /// The first labeling's length.
        expected: usize,
    },
    /// Fewer rows outside noise than segments asked for.
    #[error("k = {k} segments need at least {k} rows that are not noise in most runs, got {rows}")]
    TooFewRows {
        /// Segments asked for.
        k: usize,
        /// Rows available.
        rows: usize,
    },
    /// The data given to re-run the clusterers is unusable.
    #[error("the data must be finite with one row per label: {0}")]
    Data(String),
    /// A clusterer failed.
    #[error("{algorithm} failed for k = {k}: {message}")]
    Fit {
        /// The clusterer's name.
        algorithm: String,
        /// The k being fitted.
        k: usize,
        /// The clusterer's message.
        message: String,
    },
    /// New rows to score have another number of features than the model.
    #[error("the model expects {expected} features, got {got}")]
    FeatureMismatch {
        /// Features of the model.
        expected: usize,
        /// Features given.
        got: usize,
    },
    /// The monitor asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result type of consensus clustering.
pub type Result<T> = std::result::Result<T, ConsensusError>;
