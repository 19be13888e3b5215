//! Per-column transform settings: log1p (with a stated rule for negatives), Yeo-Johnson, quantile binning.

use serde::{Deserialize, Serialize};

use crate::engine::prep::error::{out_of_range, Result};

/// What log1p does with a column that has negative training values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NegativeValues {
    /// Leave the column untransformed and report how many values were negative.
    #[default]
    Skip,
    /// Shift the column by −min so its smallest training value becomes 0: `log1p(x − min)`.
    Shift,
}

/// A transform of one numeric column, fitted on the training rows left after the outlier step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Transform {
    /// No transform.
    #[default]
    None,
    /// `log1p(x + shift)`, `shift` = 0 unless `negatives = "shift"` and the training minimum is negative.
    /// New values below the fitted floor (`x + shift < 0`) are raised to it and counted in the report.
    Log1p {
        #[serde(default)]
        negatives: NegativeValues,
    },
    /// Yeo-Johnson with λ fitted by maximum likelihood (bounded Brent, as scipy's `yeojohnson_normmax` that
    /// scikit-learn's `PowerTransformer` calls); a constant column keeps λ = 1 (identity).
    /// Standardise afterwards with `scale = "standard"` to get `PowerTransformer(standardize=True)`.
    YeoJohnson,
    /// Bin index 0…n_bins−1 by training quantiles (scikit-learn's `KBinsDiscretizer(strategy="quantile",
    /// encode="ordinal")`, quantile method `averaged_inverted_cdf`); bins narrower than 1e-8 are merged.
    QuantileBins {
        #[serde(default = "default_bins")]
        n_bins: usize,
    },
}

fn default_bins() -> usize {
    5
}

impl Transform {
    /// Checks `n_bins >= 2`. `column` names the setting.
    pub fn check(&self, column: &str) -> Result<()> {
        match self {
            Transform::QuantileBins { n_bins } if *n_bins < 2 => {
                Err(out_of_range(format!("transforms.{column}.n_bins"), ">= 2", n_bins))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bin_rejected() {
        let e = Transform::QuantileBins { n_bins: 1 }.check("Age").unwrap_err();
        assert_eq!(e.to_string(), "transforms.Age.n_bins must be >= 2, got 1");
        assert!(Transform::QuantileBins { n_bins: 2 }.check("Age").is_ok());
    }

    #[test]
    fn serde_shape() {
        let t: Transform = serde_json::from_str(r#"{"method":"log1p","negatives":"shift"}"#).unwrap();
        assert_eq!(t, Transform::Log1p { negatives: NegativeValues::Shift });
        let t: Transform = serde_json::from_str(r#"{"method":"quantile_bins"}"#).unwrap();
        assert_eq!(t, Transform::QuantileBins { n_bins: 5 });
        assert!(serde_json::from_str::<Transform>(r#"{"method":"quantile_bins","bins":3}"#).is_err());
        assert!(serde_json::from_str::<Transform>(r#"{"method":"box_cox"}"#).is_err());
    }
}
