//! Per-column transforms of numeric and date features — log1p, Yeo-Johnson, quantile bins — fitted on the rows
//! left after the outlier step.

mod bins;
mod brent;
mod params;
mod yeo_johnson;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use params::{NegativeValues, Transform};
pub use yeo_johnson::{fit_lambda, yeo_johnson};

use super::error::{PrepError, Result};
use super::frame::Frame;
use super::report::{Action, PrepReport, Step};

/// A fitted transform of one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum FittedTransform {
    /// `log1p(max(x + shift, 0))`.
    Log1p {
        shift: f64,
    },
    /// Not applied: the training column had negative values and the rule is "skip".
    Log1pSkipped {
        negatives: usize,
        min: f64,
    },
    YeoJohnson {
        lambda: f64,
    },
    /// Bin index by these edges.
    QuantileBins {
        edges: Vec<f64>,
    },
}

/// Fits the configured transforms on `frame`.
pub(crate) fn fit(
    frame: &Frame,
    cfg: &BTreeMap<String, Transform>,
) -> Result<BTreeMap<String, FittedTransform>> {
    let mut out = BTreeMap::new();
    for col in &frame.cols {
        let Some(t) = cfg.get(&col.name) else { continue };
        if *t == Transform::None {
            continue;
        }
        if !col.kind.is_continuous() {
            return Err(PrepError::RuleNotForKind {
                column: col.name.clone(),
                rule: "a transform".into(),
                applies_to: "numeric and date".into(),
                kind: col.kind.word().into(),
            });
        }
        let xs = col.nums();
        let fitted = match t {
            Transform::None => continue,
            Transform::Log1p { negatives } => {
                let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
                let n_neg = xs.iter().filter(|&&x| x < 0.0).count();
                match (n_neg, negatives) {
                    (0, _) => FittedTransform::Log1p { shift: 0.0 },
                    (_, NegativeValues::Shift) => FittedTransform::Log1p { shift: -min },
                    (_, NegativeValues::Skip) => FittedTransform::Log1pSkipped { negatives: n_neg, min },
                }
            }
            Transform::YeoJohnson => FittedTransform::YeoJohnson { lambda: fit_lambda(xs) },
            Transform::QuantileBins { n_bins } => {
                FittedTransform::QuantileBins { edges: bins::fit_edges(xs, *n_bins) }
            }
        };
        out.insert(col.name.clone(), fitted);
    }
    Ok(out)
}

/// Applies fitted transforms to the frame columns of the same names.
pub(crate) fn apply(fitted: &BTreeMap<String, FittedTransform>, frame: &mut Frame, report: &mut PrepReport) {
    for col in &mut frame.cols {
        let Some(t) = fitted.get(&col.name) else { continue };
        let Some(v) = col.nums_mut() else { continue };
        let action = match t {
            FittedTransform::Log1p { shift } => {
                let mut raised = 0;
                for x in v.iter_mut() {
                    let s = *x + shift;
                    if s < 0.0 {
                        raised += 1;
                    }
                    *x = libm::log1p(s.max(0.0));
                }
                Action::Log1p { shift: *shift, raised }
            }
            FittedTransform::Log1pSkipped { negatives, min } => {
                Action::Log1pSkipped { negatives: *negatives, min: *min }
            }
            FittedTransform::YeoJohnson { lambda } => {
                v.iter_mut().for_each(|x| *x = yeo_johnson(*x, *lambda));
                Action::YeoJohnson { lambda: *lambda }
            }
            FittedTransform::QuantileBins { edges } => {
                v.iter_mut().for_each(|x| *x = bins::bin_of(edges, *x));
                Action::Binned { edges: edges.clone() }
            }
        };
        report.push(Step::Transform, Some(&col.name), action);
    }
}
