//! Column scaling — standard, min-max, robust, max-abs — fitted and applied exactly as scikit-learn's scalers
//! (same formulas, same handling of constant columns: scale 1).

use serde::{Deserialize, Serialize};

use super::stats::{is_constant_feature, mean_var, nonzero_scale, quantile_linear, sorted_present};

/// How output columns are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scaling {
    /// Leave values as they are.
    None,
    /// `(x − mean) / std`, population std (ddof = 0); a constant column gets scale 1 (`StandardScaler`).
    #[default]
    Standard,
    /// `x · s + m` mapping the training range to [0, 1]; zero range → scale 1 (`MinMaxScaler`).
    MinMax,
    /// `(x − median) / (Q3 − Q1)`, quartiles with numpy's linear interpolation; zero IQR → 1 (`RobustScaler`).
    Robust,
    /// `x / max|x|`; zero → 1 (`MaxAbsScaler`).
    MaxAbs,
}

/// A fitted scaler for one column.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum FittedScale {
    Standard { mean: f64, scale: f64 },
    MinMax { min: f64, scale: f64, offset: f64 },
    Robust { center: f64, scale: f64 },
    MaxAbs { scale: f64 },
}

impl FittedScale {
    /// Fits `method` on `xs` (NaN-free in practice; NaN values are ignored). `None` for [`Scaling::None`].
    pub fn fit(method: Scaling, xs: &[f64]) -> Option<FittedScale> {
        match method {
            Scaling::None => None,
            Scaling::Standard => {
                let (mean, var, n) = mean_var(xs);
                let scale = if is_constant_feature(var, mean, n) { 1.0 } else { nonzero_scale(var.sqrt()) };
                Some(FittedScale::Standard { mean: if n == 0 { 0.0 } else { mean }, scale })
            }
            Scaling::MinMax => {
                let s = sorted_present(xs);
                let (lo, hi) = match (s.first(), s.last()) {
                    (Some(&lo), Some(&hi)) => (lo, hi),
                    _ => (0.0, 1.0),
                };
                let scale = 1.0 / nonzero_scale(hi - lo);
                Some(FittedScale::MinMax { min: lo, scale, offset: -lo * scale })
            }
            Scaling::Robust => {
                let s = sorted_present(xs);
                if s.is_empty() {
                    return Some(FittedScale::Robust { center: 0.0, scale: 1.0 });
                }
                let center = quantile_linear(&s, 0.5);
                let iqr = quantile_linear(&s, 0.75) - quantile_linear(&s, 0.25);
                Some(FittedScale::Robust { center, scale: nonzero_scale(iqr) })
            }
            Scaling::MaxAbs => {
                let m = xs.iter().filter(|x| !x.is_nan()).fold(0.0_f64, |m, x| m.max(x.abs()));
                Some(FittedScale::MaxAbs { scale: nonzero_scale(m) })
            }
        }
    }

    /// Scales one value.
    pub fn apply(&self, x: f64) -> f64 {
        match *self {
            FittedScale::Standard { mean, scale } => (x - mean) / scale,
            FittedScale::MinMax { scale, offset, .. } => x * scale + offset,
            FittedScale::Robust { center, scale } => (x - center) / scale,
            FittedScale::MaxAbs { scale } => x / scale,
        }
    }

    /// The method's name.
    pub fn name(&self) -> &'static str {
        match self {
            FittedScale::Standard { .. } => "standard",
            FittedScale::MinMax { .. } => "min-max",
            FittedScale::Robust { .. } => "robust",
            FittedScale::MaxAbs { .. } => "max-abs",
        }
    }

    /// `(center, scale)` such that the output is `(x − center) / scale`, for reports.
    pub fn center_scale(&self) -> (f64, f64) {
        match *self {
            FittedScale::Standard { mean, scale } => (mean, scale),
            FittedScale::MinMax { min, scale, .. } => (min, 1.0 / scale),
            FittedScale::Robust { center, scale } => (center, scale),
            FittedScale::MaxAbs { scale } => (0.0, scale),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_column_gets_scale_one() {
        for m in [Scaling::Standard, Scaling::MinMax, Scaling::Robust, Scaling::MaxAbs] {
            let f = FittedScale::fit(m, &[0.0, 0.0, 0.0]).unwrap();
            assert_eq!(f.apply(0.0), 0.0, "{m:?}");
            assert!(f.apply(1.0).is_finite());
        }
    }

    #[test]
    fn standard_is_population() {
        let f = FittedScale::fit(Scaling::Standard, &[1.0, 3.0]).unwrap();
        assert_eq!(f, FittedScale::Standard { mean: 2.0, scale: 1.0 });
        let f = FittedScale::fit(Scaling::MinMax, &[2.0, 4.0]).unwrap();
        assert_eq!((f.apply(2.0), f.apply(4.0)), (0.0, 1.0));
        let f = FittedScale::fit(Scaling::Robust, &[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(f, FittedScale::Robust { center: 3.0, scale: 2.0 });
        assert!(FittedScale::fit(Scaling::None, &[1.0]).is_none());
    }
}
