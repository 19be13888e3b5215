//! [`PrepConfig`]: the whole preprocessing description, as it appears in the user-visible pipeline JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::encode::EncodeConfig;
use super::error::Result;
use super::impute::ImputeConfig;
use super::outliers::OutlierConfig;
use super::scale::Scaling;
use super::transform::Transform;

/// What preprocessing does, step by step: select features → missing values → outliers → transforms → encode
/// categoricals → scale.
///
/// Defaults: every column with role `Feature`; mean imputation (most frequent for categorical and boolean
/// columns); no outlier rule; no transform; standard scaling of numeric and date features; one-hot encoding
/// with rare levels (< 1 %) grouped and at most 20 columns per feature; encoded columns not scaled.
///
/// Unknown fields are rejected with the field's name, including inside strategies with parameters
/// (`{"strategy": "constant", "valeu": 0}`); serde cannot reject extra fields next to a parameterless strategy
/// (`{"strategy": "mean", "k": 3}` reads as mean).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct PrepConfig {
    /// The columns to use, in table order; `None` = every column whose role is `Feature`. Listing a column
    /// overrides its role; text and identifier columns cannot be listed.
    pub features: Option<Vec<String>>,
    pub impute: ImputeConfig,
    pub outliers: OutlierConfig,
    /// Per-column transforms of numeric and date features (by column name).
    pub transforms: BTreeMap<String, Transform>,
    /// Scaling of numeric and date features.
    pub scale: Scaling,
    /// Also scale boolean, one-hot, ordinal and missing-indicator columns (default: they stay 0/1 / codes).
    pub scale_encoded: bool,
    pub encode: EncodeConfig,
}

/// A [`PrepConfig`] whose table-independent rules hold; made by [`PrepConfig::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPrepConfig(pub(crate) PrepConfig);

impl CheckedPrepConfig {
    /// The checked config.
    pub fn get(&self) -> &PrepConfig {
        &self.0
    }
}

impl PrepConfig {
    /// Sets the feature list.
    pub fn with_features(mut self, names: &[&str]) -> Self {
        self.features = Some(names.iter().map(|s| s.to_string()).collect());
        self
    }
    /// Sets the missing-value settings.
    pub fn with_impute(mut self, impute: ImputeConfig) -> Self {
        self.impute = impute;
        self
    }
    /// Sets the outlier settings.
    pub fn with_outliers(mut self, outliers: OutlierConfig) -> Self {
        self.outliers = outliers;
        self
    }
    /// Sets the transform of one column.
    pub fn with_transform(mut self, column: &str, t: Transform) -> Self {
        self.transforms.insert(column.to_string(), t);
        self
    }
    /// Sets the scaling.
    pub fn with_scale(mut self, scale: Scaling) -> Self {
        self.scale = scale;
        self
    }
    /// Sets `scale_encoded`.
    pub fn with_scale_encoded(mut self, on: bool) -> Self {
        self.scale_encoded = on;
        self
    }
    /// Sets the categorical settings.
    pub fn with_encode(mut self, encode: EncodeConfig) -> Self {
        self.encode = encode;
        self
    }

    /// Checks every rule that does not depend on the table (ranges, constant values, ordinal lists). Column
    /// names and kinds are checked against the table by [`super::fit_transform`].
    pub fn check(&self) -> Result<CheckedPrepConfig> {
        self.impute.check()?;
        self.outliers.check()?;
        for (name, t) in &self.transforms {
            t.check(name)?;
        }
        self.encode.check()?;
        Ok(CheckedPrepConfig(self.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prep::transform::Transform;

    #[test]
    fn default_round_trips_and_checks() {
        let cfg = PrepConfig::default();
        let json = serde_json::to_string(&cfg).unwrap();
        assert_eq!(serde_json::from_str::<PrepConfig>(&json).unwrap(), cfg);
        assert!(cfg.check().is_ok());
        assert_eq!(serde_json::from_str::<PrepConfig>("{}").unwrap(), cfg);
    }

    #[test]
    fn unknown_field_named() {
        let e = serde_json::from_str::<PrepConfig>(r#"{"scaling":"standard"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `scaling`"), "{e}");
    }

    #[test]
    fn check_reaches_transforms() {
        let cfg = PrepConfig::default().with_transform("Age", Transform::QuantileBins { n_bins: 0 });
        assert!(cfg.check().is_err());
    }
}
