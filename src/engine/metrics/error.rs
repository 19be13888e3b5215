//! The one error type of the metrics module: every rule a metric's input can break, with what was received.

use crate::engine::progress::Cancelled;

/// Why a metric could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// The data (or one of the labelings) has no rows.
    #[error("the data must have at least one row, got 0")]
    Empty,
    /// The data has rows but no columns.
    #[error("the data must have at least one column, got 0")]
    NoColumns,
    /// There is not one label per row (or the two labelings compared differ in length).
    #[error("there must be one label per row: {labels} labels for {rows} rows")]
    LengthMismatch {
        /// Rows of the data (or length of the first labeling).
        rows: usize,
        /// Labels received.
        labels: usize,
    },
    /// A cell is NaN or infinite.
    #[error("the data must be finite: row {row}, column {column} is {value}")]
    NonFinite {
        /// Row of the first offending cell (0-based).
        row: usize,
        /// Column of the first offending cell (0-based).
        column: usize,
        /// The offending value.
        value: f64,
    },
    /// The number of distinct labels is outside 2..=n−1 (scikit-learn's rule for silhouette, DB and CH).
    #[error("the number of distinct labels must be between 2 and n - 1 = {}, got {labels}", rows.saturating_sub(1))]
    LabelCount {
        /// Distinct labels found (−1 counts as a label).
        labels: usize,
        /// Rows scored.
        rows: usize,
    },
    /// More distinct labels than a metric with an O(labels²) step accepts.
    #[error("at most {max} distinct labels are accepted here, got {labels}")]
    TooManyLabels {
        /// Distinct labels found.
        labels: usize,
        /// The cap.
        max: usize,
    },
    /// A silhouette sample size below 2.
    #[error("sample_size must be at least 2, got {0}")]
    SampleSize(usize),
    /// A silhouette sampling cap below 2.
    #[error("sample_cap must be at least 2, got {0}")]
    SampleCap(usize),
    /// The monitor asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result type of the metrics module.
pub type Result<T> = std::result::Result<T, MetricsError>;
