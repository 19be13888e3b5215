//! Per-column outlier rules: bounds from IQR, z-score or MAD fitted on the training values, then clip, remove or
//! flag the values strictly outside them.

use serde::{Deserialize, Serialize};

use super::params::{OutlierAction, OutlierRule};
use crate::engine::prep::stats::{mean_var, median_sorted, quantile_linear, sorted_present};

/// 1 / Φ⁻¹(3/4): scales a MAD to a normal standard deviation (scipy's `median_abs_deviation(scale="normal")`).
pub const MAD_TO_STD: f64 = 1.482_602_218_505_602;

/// A fitted per-column rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FittedRule {
    /// Values outside `[low, high]` are outliers.
    Bounds { rule: String, low: f64, high: f64, action: OutlierAction },
    /// The rule could not apply (zero spread); reported each time.
    Skipped { rule: String, reason: String },
}

/// Fits `rule` on the values `xs` (NaN ignored). `None` for [`OutlierRule::None`].
pub(crate) fn fit(rule: &OutlierRule, xs: &[f64]) -> Option<FittedRule> {
    let action = rule.action()?;
    let label = rule.label();
    let sorted = sorted_present(xs);
    let (center_low, center_high, spread, mult) = match rule {
        OutlierRule::None => return None,
        OutlierRule::Iqr { factor, .. } => {
            let q1 = quantile_linear(&sorted, 0.25);
            let q3 = quantile_linear(&sorted, 0.75);
            (q1, q3, q3 - q1, *factor)
        }
        OutlierRule::ZScore { threshold, .. } => {
            let (mean, var, _) = mean_var(&sorted);
            (mean, mean, var.sqrt(), *threshold)
        }
        OutlierRule::Mad { threshold, .. } => {
            let med = median_sorted(&sorted);
            let dev = sorted_present(&sorted.iter().map(|x| (x - med).abs()).collect::<Vec<_>>());
            (med, med, median_sorted(&dev) * MAD_TO_STD, *threshold)
        }
    };
    if !(spread > 0.0 && spread.is_finite()) {
        let what = match rule {
            OutlierRule::Iqr { .. } => "the interquartile range",
            OutlierRule::ZScore { .. } => "the standard deviation",
            _ => "the median absolute deviation",
        };
        return Some(FittedRule::Skipped { rule: label, reason: format!("{what} is 0") });
    }
    Some(FittedRule::Bounds {
        rule: label,
        low: center_low - mult * spread,
        high: center_high + mult * spread,
        action,
    })
}

/// Positions of values below `low` and above `high`.
pub(crate) fn outside(xs: &[f64], low: f64, high: f64) -> (Vec<usize>, Vec<usize>) {
    let below = (0..xs.len()).filter(|&i| xs[i] < low).collect();
    let above = (0..xs.len()).filter(|&i| xs[i] > high).collect();
    (below, above)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iqr_bounds_match_pandas() {
        // pandas: s = Series([1, 2, 3, 4, 100]); q1, q3 = 2, 4; bounds (-1, 7)
        let f = fit(&OutlierRule::iqr(1.5, OutlierAction::Clip), &[1.0, 2.0, 3.0, 4.0, 100.0]).unwrap();
        assert_eq!(
            f,
            FittedRule::Bounds {
                rule: "IQR × 1.5".into(),
                low: -1.0,
                high: 7.0,
                action: OutlierAction::Clip
            }
        );
        assert_eq!(outside(&[1.0, -2.0, 100.0], -1.0, 7.0), (vec![1], vec![2]));
    }

    #[test]
    fn zero_spread_is_skipped() {
        let f = fit(&OutlierRule::mad(3.5, OutlierAction::Flag), &[0.0, 0.0, 0.0, 5.0]).unwrap();
        assert!(matches!(f, FittedRule::Skipped { .. }));
        assert!(fit(&OutlierRule::None, &[1.0]).is_none());
    }

    #[test]
    fn z_bounds_use_population_std() {
        let f = fit(&OutlierRule::z_score(1.0, OutlierAction::Flag), &[1.0, 3.0]).unwrap();
        assert!(matches!(f, FittedRule::Bounds { low, high, .. } if low == 1.0 && high == 3.0));
    }
}
