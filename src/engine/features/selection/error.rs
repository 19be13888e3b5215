//! The one error type of feature selection: bad parameters, unusable input, cancellation.

use crate::engine::progress::Cancelled;

/// Why feature selection could not run. Messages are lowercase and state the rule and the received value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectionError {
    #[error("variance_threshold must be finite and >= 0, got {0}")]
    VarianceThreshold(f64),
    #[error("min_relative_std must be finite and >= 0, got {0}")]
    MinRelativeStd(f64),
    #[error("correlation_threshold must be in (0, 1], got {0}")]
    CorrelationThreshold(f64),
    #[error("min_eta_squared must be in [0, 1), got {0}")]
    MinEtaSquared(f64),
    #[error("k_neighbours must be >= 1, got {0}")]
    KNeighbours(usize),
    #[error("heat kernel width t must be finite and > 0, got {0}")]
    HeatKernelWidth(f64),
    #[error("max_rows must be >= 2, got {0}")]
    MaxRows(usize),
    #[error("repeats must be at most {max}, got {got}")]
    Repeats { got: usize, max: usize },
    #[error("min_features must be >= 1, got {0}")]
    MinFeatures(usize),
    #[error("max_features must be >= min_features ({min}), got {max}")]
    MaxFeatures { max: usize, min: usize },
    #[error("min_improvement must be finite, got {0}")]
    MinImprovement(f64),
    #[error("there are {names} feature names for {columns} columns")]
    NamesMismatch { names: usize, columns: usize },
    #[error("{what} has {found} rows, expected {expected}")]
    RowsMismatch { what: &'static str, expected: usize, found: usize },
    #[error("the unscaled matrix has {found} columns, expected {expected}")]
    ColumnsMismatch { expected: usize, found: usize },
    #[error("the prepared matrix must be finite; row {row}, column {column} is {value}")]
    NonFinite { row: usize, column: usize, value: f64 },
    #[error("feature selection needs at least {needed} rows, got {rows}")]
    TooFewRows { rows: usize, needed: usize },
    #[error("feature selection needs at least one feature")]
    NoFeatures,
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, SelectionError>;
