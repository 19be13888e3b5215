//! Parameters and errors of k-prototypes.

use serde::{Deserialize, Serialize};

use crate::engine::progress::Cancelled;

/// How the first prototypes are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KPrototypesInit {
    /// Huang (1997): categories drawn by frequency and numbers from N(mean, sd) per column, then each
    /// prototype replaced by its nearest distinct row. Random: restarts differ.
    Huang,
    /// Cao, Liang & Bai (2009): density-based, deterministic (restarts all start alike).
    #[default]
    Cao,
}

/// K-prototypes parameters. Defaults: `n_clusters` 8, `gamma` half the mean numeric standard deviation,
/// Cao initialisation, `n_init` 10, `max_iter` 100, `seed` 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KPrototypesParams {
    /// Number of clusters, 1..=n_rows.
    pub n_clusters: usize,
    /// Weight γ of one categorical mismatch against squared numeric distance (≥ 0); `None`: half the mean
    /// population standard deviation of the numeric columns (1 when there are none or all are constant).
    pub gamma: Option<f64>,
    /// Initialisation method.
    pub init: KPrototypesInit,
    /// Restarts; the lowest cost wins. ≥ 1.
    pub n_init: usize,
    /// Assignment/update passes per restart. ≥ 1.
    pub max_iter: usize,
    /// Seed; restart `i` uses `rng::sub_rng(seed, i)`.
    pub seed: u64,
}

impl Default for KPrototypesParams {
    fn default() -> Self {
        Self { n_clusters: 8, gamma: None, init: KPrototypesInit::Cao, n_init: 10, max_iter: 100, seed: 0 }
    }
}

/// Why a k-prototypes fit, its parameters or a prediction was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum KPrototypesError {
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
    /// `gamma` negative or not finite.
    #[error("gamma must be finite and >= 0, got {0}")]
    BadGamma(f64),
    /// No rows, or neither numeric nor categorical columns.
    #[error("the data must have at least one row and one column, got {rows} rows, {numeric} numeric and {categorical} categorical columns")]
    EmptyData { rows: usize, numeric: usize, categorical: usize },
    /// The numeric and categorical parts have different row counts.
    #[error("numeric and categorical parts must have the same rows, got {numeric} and {categorical}")]
    RowMismatch { numeric: usize, categorical: usize },
    /// A numeric cell is NaN or infinite.
    #[error("numeric data must be finite, got {value} at row {row}, column {col}")]
    NonFinite { row: usize, col: usize, value: f64 },
    /// New rows have different column counts than the model.
    #[error("expected {numeric} numeric and {categorical} categorical columns, got {got_numeric} and {got_categorical}")]
    FeatureMismatch { numeric: usize, categorical: usize, got_numeric: usize, got_categorical: usize },
    /// The caller cancelled the run.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, KPrototypesError>;

impl KPrototypesParams {
    /// Defaults with `n_clusters` clusters.
    pub fn new(n_clusters: usize) -> Self {
        Self { n_clusters, ..Self::default() }
    }
    /// Sets the number of clusters.
    pub fn with_n_clusters(mut self, v: usize) -> Self {
        self.n_clusters = v;
        self
    }
    /// Sets γ (`None`: the default rule).
    pub fn with_gamma(mut self, v: Option<f64>) -> Self {
        self.gamma = v;
        self
    }
    /// Sets the initialisation method.
    pub fn with_init(mut self, v: KPrototypesInit) -> Self {
        self.init = v;
        self
    }
    /// Sets the number of restarts.
    pub fn with_n_init(mut self, v: usize) -> Self {
        self.n_init = v;
        self
    }
    /// Sets the pass limit.
    pub fn with_max_iter(mut self, v: usize) -> Self {
        self.max_iter = v;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }

    /// Checks every rule that does not depend on the data.
    pub fn check(&self) -> Result<KPrototypesValidParams> {
        if self.n_clusters == 0 {
            return Err(KPrototypesError::ZeroClusters);
        }
        if self.n_init == 0 {
            return Err(KPrototypesError::ZeroNInit);
        }
        if self.max_iter == 0 {
            return Err(KPrototypesError::ZeroMaxIter);
        }
        if let Some(g) = self.gamma.filter(|g| !(g.is_finite() && *g >= 0.0)) {
            return Err(KPrototypesError::BadGamma(g));
        }
        Ok(KPrototypesValidParams(self.clone()))
    }
}

/// Parameters that passed [`KPrototypesParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct KPrototypesValidParams(pub(crate) KPrototypesParams);

impl KPrototypesValidParams {
    /// The checked parameters.
    pub fn params(&self) -> &KPrototypesParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    type E = KPrototypesError;

    #[test]
    fn defaults_are_valid() {
        assert!(KPrototypesParams::default().check().is_ok());
    }
    #[test]
    fn zero_clusters() {
        assert_eq!(KPrototypesParams::new(0).check(), Err(E::ZeroClusters));
    }
    #[test]
    fn zero_n_init() {
        assert_eq!(KPrototypesParams::new(2).with_n_init(0).check(), Err(E::ZeroNInit));
    }
    #[test]
    fn zero_max_iter() {
        assert_eq!(KPrototypesParams::new(2).with_max_iter(0).check(), Err(E::ZeroMaxIter));
    }
    #[test]
    fn bad_gamma() {
        assert_eq!(KPrototypesParams::new(2).with_gamma(Some(-1.0)).check(), Err(E::BadGamma(-1.0)));
    }
}
