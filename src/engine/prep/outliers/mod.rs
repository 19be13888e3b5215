//! Outliers: per-column rules (IQR, z-score, MAD → clip, remove or flag), then an optional detector across columns
//! (Isolation Forest or LOF → remove or flag). Every clipped value, removed and flagged row is reported.

mod iforest;
mod lof;
mod multivariate;
mod params;
mod univariate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use iforest::{IsolationForest, IsolationTree};
pub use lof::Lof;
pub use multivariate::{DetectorModel, FittedDetector, FittedMultivariate};
pub use params::{
    AutoWord, Contamination, Detector, IsolationForestParams, LofParams, MultivariateRule, OutlierAction,
    OutlierConfig, OutlierRule, RowAction,
};
pub use univariate::{FittedRule, MAD_TO_STD};

use super::error::{PrepError, Result};
use super::frame::Frame;
use super::report::{Action, PrepReport, Step};
use crate::engine::progress::Monitor;

/// The fitted outlier step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FittedOutliers {
    /// Per-column rules, for the columns that have one.
    pub columns: BTreeMap<String, FittedRule>,
    pub multivariate: Option<FittedMultivariate>,
}

/// Fits the per-column rules on `frame` (imputed).
pub(crate) fn fit_columns(frame: &Frame, cfg: &OutlierConfig) -> Result<BTreeMap<String, FittedRule>> {
    let mut out = BTreeMap::new();
    for col in &frame.cols {
        let explicit = cfg.columns.get(&col.name);
        let rule = explicit.unwrap_or(&cfg.default);
        if !col.kind.is_continuous() {
            if explicit.is_some_and(|r| *r != OutlierRule::None) {
                return Err(PrepError::RuleNotForKind {
                    column: col.name.clone(),
                    rule: format!("outlier rule {}", rule.label()),
                    applies_to: "numeric and date".into(),
                    kind: col.kind.word().into(),
                });
            }
            continue;
        }
        if let Some(f) = univariate::fit(rule, col.nums()) {
            out.insert(col.name.clone(), f);
        }
    }
    Ok(out)
}

impl FittedOutliers {
    /// Applies the per-column rules: clips, removes rows, adds to `flagged` (table rows).
    pub(crate) fn apply_columns(
        &self,
        frame: &mut Frame,
        flagged: &mut Vec<usize>,
        report: &mut PrepReport,
    ) -> Result<()> {
        let mut keep = vec![true; frame.n_rows()];
        let mut removals: Vec<(String, String, Vec<usize>)> = Vec::new();
        for col in &mut frame.cols {
            let Some(rule) = self.columns.get(&col.name) else { continue };
            let (label, low, high, action) = match rule {
                FittedRule::Skipped { rule, reason } => {
                    let action = Action::RuleSkipped { rule: rule.clone(), reason: reason.clone() };
                    report.push(Step::Outliers, Some(&col.name), action);
                    continue;
                }
                FittedRule::Bounds { rule, low, high, action } => (rule, *low, *high, *action),
            };
            let Some(v) = col.nums_mut() else { continue };
            let (below, above) = univariate::outside(v, low, high);
            let mut hit: Vec<usize> = below.iter().chain(&above).copied().collect();
            hit.sort_unstable();
            let table_rows: Vec<usize> = hit.iter().map(|&i| frame.rows[i]).collect();
            match action {
                OutlierAction::Clip => {
                    below.iter().for_each(|&i| v[i] = low);
                    above.iter().for_each(|&i| v[i] = high);
                    let a = Action::Clipped {
                        rule: label.clone(),
                        low,
                        high,
                        n_low: below.len(),
                        n_high: above.len(),
                    };
                    report.push(Step::Outliers, Some(&col.name), a);
                }
                OutlierAction::Remove => {
                    hit.iter().for_each(|&i| keep[i] = false);
                    removals.push((col.name.clone(), label.clone(), table_rows));
                }
                OutlierAction::Flag => {
                    flagged.extend(&table_rows);
                    let a = Action::FlaggedOutliers { rule: label.clone(), rows: table_rows };
                    report.push(Step::Outliers, Some(&col.name), a);
                }
            }
        }
        for (name, rule, rows) in removals {
            report.push(Step::Outliers, Some(&name), Action::RemovedOutliers { rule, rows });
        }
        frame.retain(&keep);
        if frame.n_rows() == 0 {
            return Err(PrepError::AllRowsRemoved { rule: "per-column outlier rules".into() });
        }
        Ok(())
    }

    /// Applies the detector: removes its outlier rows or adds them to `flagged`. `scores` are this frame's scores
    /// when the fit already computed them (the same values [`FittedDetector::scores`] gives).
    pub(crate) fn apply_multivariate(
        &self,
        frame: &mut Frame,
        flagged: &mut Vec<usize>,
        report: &mut PrepReport,
        scores: Option<Vec<f64>>,
        monitor: &mut dyn Monitor,
    ) -> Result<()> {
        let det = match &self.multivariate {
            None => return Ok(()),
            Some(FittedMultivariate::Skipped { rule, reason }) => {
                report.push(
                    Step::Outliers,
                    None,
                    Action::RuleSkipped { rule: rule.clone(), reason: reason.clone() },
                );
                return Ok(());
            }
            Some(FittedMultivariate::Active(det)) => det,
        };
        if let Some((reference_rows, rows)) = det.sampling() {
            report.push(
                Step::Outliers,
                None,
                Action::Sampled { what: det.rule.clone(), reference_rows, rows },
            );
        }
        let scores = match scores {
            Some(s) if s.len() == frame.n_rows() => s,
            _ => det.scores(frame, monitor)?,
        };
        let hit: Vec<bool> = scores.iter().map(|&s| s < det.offset).collect();
        let rows: Vec<usize> = (0..frame.n_rows()).filter(|&i| hit[i]).map(|i| frame.rows[i]).collect();
        match det.action {
            RowAction::Flag => {
                flagged.extend(&rows);
                report.push(Step::Outliers, None, Action::FlaggedOutliers { rule: det.rule.clone(), rows });
            }
            RowAction::Remove => {
                let keep: Vec<bool> = hit.iter().map(|h| !h).collect();
                frame.retain(&keep);
                report.push(Step::Outliers, None, Action::RemovedOutliers { rule: det.rule.clone(), rows });
                if frame.n_rows() == 0 {
                    return Err(PrepError::AllRowsRemoved {
                        rule: format!("outlier detector ({})", det.rule),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Fits the multivariate detector, if configured, with the scores of the frame's rows when computed.
pub(crate) fn fit_multivariate(
    frame: &Frame,
    cfg: &OutlierConfig,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<(Option<FittedMultivariate>, Option<Vec<f64>>)> {
    match &cfg.multivariate {
        None => Ok((None, None)),
        Some(rule) => multivariate::fit(frame, rule, seed, monitor).map(|(m, s)| (Some(m), s)),
    }
}
