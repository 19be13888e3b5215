//! The error type of the k sweep: invalid parameters, unusable data, a failed fit, or a cancel.

use crate::engine::metrics::MetricsError;
use crate::engine::progress::Cancelled;

/// Why a sweep over k could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ChooseKError {
    /// `k_min` below 2.
    #[error("k_min must be at least 2, got {0}")]
    KMin(usize),
    /// `k_max` below `k_min`.
    #[error("k_max must be at least k_min = {k_min}, got {k_max}")]
    KRange {
        /// Smallest k asked for.
        k_min: usize,
        /// Largest k asked for.
        k_max: usize,
    },
    /// Exactly one resampled fit: no pair to compare (0 turns stability off).
    #[error("stability_runs must be 0 (off) or at least 2, got {0}")]
    StabilityRuns(usize),
    /// Subsample fraction outside (0, 1].
    #[error("stability_fraction must be in (0, 1], got {0}")]
    StabilityFraction(f64),
    /// A cap on auxiliary fits too small to fit k_max clusters.
    #[error("aux_sample_cap must be at least 2·k_max = {needed}, got {got}")]
    AuxSampleCap {
        /// The cap received.
        got: usize,
        /// The smallest cap accepted.
        needed: usize,
    },
    /// A cap on the fits too small to fit k_max clusters.
    #[error("fit_sample_cap must be at least 2·k_max = {needed}, got {got}")]
    FitSampleCap {
        /// The cap received.
        got: usize,
        /// The smallest cap accepted.
        needed: usize,
    },
    /// No clusterer was given.
    #[error("at least one clusterer is needed, got 0")]
    NoClusterers,
    /// Too few rows for the smallest k.
    #[error("the data must have at least {needed} rows for k_min, got {rows}")]
    TooFewRows {
        /// Rows of the data.
        rows: usize,
        /// Rows needed.
        needed: usize,
    },
    /// The data is unusable (empty, NaN…) or silhouette parameters are invalid.
    #[error(transparent)]
    Data(#[from] MetricsError),
    /// A clusterer failed for one k.
    #[error("{algorithm} failed for k = {k}: {message}")]
    Fit {
        /// The clusterer's name.
        algorithm: String,
        /// The k being fitted.
        k: usize,
        /// The clusterer's message.
        message: String,
    },
    /// A clusterer returned a wrong number of labels.
    #[error("{algorithm} returned {got} labels for {rows} rows at k = {k}")]
    FitLength {
        /// The clusterer's name.
        algorithm: String,
        /// The k being fitted.
        k: usize,
        /// Rows fitted.
        rows: usize,
        /// Labels returned.
        got: usize,
    },
    /// The monitor asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result type of the k sweep.
pub type Result<T> = std::result::Result<T, ChooseKError>;
