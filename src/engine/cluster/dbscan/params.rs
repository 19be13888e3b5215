//! DBSCAN parameters, their validation and the module's error type.

use serde::{Deserialize, Serialize};

use crate::engine::progress::Cancelled;

/// Errors of the DBSCAN module.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DbscanError {
    /// `eps` is not a finite number > 0.
    #[error("eps must be a finite number > 0, got {eps}")]
    InvalidEps { eps: f64 },
    /// `min_samples` is 0.
    #[error("min_samples must be >= 1 (it counts the point itself), got {min_samples}")]
    InvalidMinSamples { min_samples: usize },
    /// `max_core_points` is 0.
    #[error("max_core_points must be >= 1, got {max_core_points}")]
    InvalidMaxCorePoints { max_core_points: usize },
    /// The data has no rows.
    #[error("dbscan needs at least 1 row, got 0")]
    NoRows,
    /// The data has no columns.
    #[error("dbscan needs at least 1 feature column, got 0")]
    NoFeatures,
    /// A value is NaN or infinite.
    #[error("input must be finite, found a non-finite value at row {row}, column {column}")]
    NonFinite { row: usize, column: usize },
    /// The k-distance curve needs at least `min_samples` rows.
    #[error("the k-distance curve needs at least min_samples = {needed} rows, got {rows}")]
    TooFewRows { rows: usize, needed: usize },
    /// New rows have a different number of columns than the training data.
    #[error("the model was fitted on {expected} features, got {got}")]
    FeatureMismatch { expected: usize, got: usize },
    /// The caller cancelled the run.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Module-local result.
pub type Result<T> = std::result::Result<T, DbscanError>;

/// DBSCAN settings as the form and the wire carry them.
///
/// Defaults (as scikit-learn where it has one): `eps = 0.5`, `min_samples = 5` (the point itself counts),
/// `max_core_points = 20_000` (core points stored in the model for predict; above it a seeded sample),
/// `seed = 0` (used only for that sample).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DbscanParams {
    /// Neighbourhood radius (Euclidean); a neighbour is at distance ≤ eps.
    pub eps: f64,
    /// Neighbours (including the point itself) a point needs to be a core point.
    pub min_samples: usize,
    /// Cap on the core points kept in the fitted model (memory and model.json size).
    pub max_core_points: usize,
    /// Seed for the sample of core points when there are more than `max_core_points`.
    pub seed: u64,
}

impl Default for DbscanParams {
    fn default() -> Self {
        Self { eps: 0.5, min_samples: 5, max_core_points: 20_000, seed: 0 }
    }
}

impl DbscanParams {
    /// Sets `eps`.
    pub fn with_eps(mut self, eps: f64) -> Self {
        self.eps = eps;
        self
    }

    /// Sets `min_samples`.
    pub fn with_min_samples(mut self, min_samples: usize) -> Self {
        self.min_samples = min_samples;
        self
    }

    /// Sets `max_core_points`.
    pub fn with_max_core_points(mut self, max_core_points: usize) -> Self {
        self.max_core_points = max_core_points;
        self
    }

    /// Sets `seed`.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Validates the settings.
    pub fn check(&self) -> Result<DbscanValidParams> {
        if !(self.eps.is_finite() && self.eps > 0.0) {
            return Err(DbscanError::InvalidEps { eps: self.eps });
        }
        if self.min_samples == 0 {
            return Err(DbscanError::InvalidMinSamples { min_samples: self.min_samples });
        }
        if self.max_core_points == 0 {
            return Err(DbscanError::InvalidMaxCorePoints { max_core_points: self.max_core_points });
        }
        Ok(DbscanValidParams(self.clone()))
    }
}

/// Settings that passed [`DbscanParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct DbscanValidParams(DbscanParams);

impl DbscanValidParams {
    /// The neighbourhood radius.
    pub fn eps(&self) -> f64 {
        self.0.eps
    }

    /// Neighbours (including the point itself) needed to be core.
    pub fn min_samples(&self) -> usize {
        self.0.min_samples
    }

    /// Cap on stored core points.
    pub fn max_core_points(&self) -> usize {
        self.0.max_core_points
    }

    /// Seed of the core-point sample.
    pub fn seed(&self) -> u64 {
        self.0.seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eps_must_be_positive_and_finite() {
        for eps in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let err = DbscanParams::default().with_eps(eps).check().unwrap_err();
            assert!(matches!(err, DbscanError::InvalidEps { .. }), "{err}");
        }
        assert_eq!(
            DbscanParams::default().with_eps(-1.0).check().unwrap_err().to_string(),
            "eps must be a finite number > 0, got -1"
        );
    }

    #[test]
    fn min_samples_must_be_at_least_one() {
        let err = DbscanParams::default().with_min_samples(0).check().unwrap_err();
        assert_eq!(err, DbscanError::InvalidMinSamples { min_samples: 0 });
        assert!(DbscanParams::default().with_min_samples(1).check().is_ok());
    }

    #[test]
    fn max_core_points_must_be_at_least_one() {
        let err = DbscanParams::default().with_max_core_points(0).check().unwrap_err();
        assert_eq!(err, DbscanError::InvalidMaxCorePoints { max_core_points: 0 });
    }

    #[test]
    fn unknown_fields_are_rejected_and_missing_fields_default() {
        let p: DbscanParams = serde_json::from_str(r#"{"eps": 0.3}"#).unwrap();
        assert_eq!(p, DbscanParams::default().with_eps(0.3));
        assert!(serde_json::from_str::<DbscanParams>(r#"{"epsilon": 0.3}"#).is_err());
    }
}
