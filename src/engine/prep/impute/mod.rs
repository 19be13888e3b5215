//! Missing values: per-column strategy (drop rows, mean, median, most frequent, constant, k-NN) and optional
//! missing indicators. Order at fit and transform alike: drop rows → indicators → k-NN → single-value fills.

mod knn;
mod params;
mod simple;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use knn::FittedKnn;
pub use params::{FillValue, Impute, ImputeConfig, KnnParams};
pub use simple::FittedImpute;

use super::error::{PrepError, Result};
use super::frame::Frame;
use super::report::{Action, PrepReport, Step};
use crate::engine::progress::Monitor;
use crate::engine::table::format_number;

/// The fitted missing-value step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedMissing {
    /// Per feature column.
    pub columns: BTreeMap<String, FittedImpute>,
    /// Present when any column uses `knn`.
    pub knn: Option<FittedKnn>,
    /// Columns that get a `"<name>_missing"` indicator, in feature order.
    pub indicators: Vec<String>,
}

/// Fits the step on `frame` (after feature selection).
pub(crate) fn fit(frame: &Frame, cfg: &ImputeConfig, seed: u64) -> Result<FittedMissing> {
    let strategies: Vec<Impute> =
        frame.cols.iter().map(|c| simple::resolve(cfg, &c.name, c.kind)).collect::<Result<_>>()?;
    let keep: Vec<bool> = (0..frame.n_rows())
        .map(|i| {
            frame.cols.iter().zip(&strategies).all(|(c, s)| *s != Impute::Drop || !c.values.is_missing(i))
        })
        .collect();
    let mut columns = BTreeMap::new();
    let mut indicators = Vec::new();
    for (c, s) in frame.cols.iter().zip(&strategies) {
        columns.insert(c.name.clone(), simple::fit_simple(c, s, &keep));
        let had_missing = (0..frame.n_rows()).any(|i| keep[i] && c.values.is_missing(i));
        if cfg.missing_indicators && *s != Impute::Drop && had_missing {
            indicators.push(c.name.clone());
        }
    }
    let knn = strategies.contains(&Impute::Knn).then(|| knn::fit(frame, &keep, &cfg.knn, seed));
    Ok(FittedMissing { columns, knn, indicators })
}

impl FittedMissing {
    /// Applies the step: removes rows by the `drop` rule, adds indicators, fills. Errors when no row is left.
    pub(crate) fn apply(
        &self,
        frame: &mut Frame,
        report: &mut PrepReport,
        monitor: &mut dyn Monitor,
    ) -> Result<()> {
        monitor.progress("prep: missing values", 0.0);
        let rule = |name: &str| self.columns.get(name);
        // a row blank in every feature (",,,,,,,") is no customer: filled in, it sat at the means
        if frame.cols.len() >= 2 {
            let keep: Vec<bool> =
                (0..frame.n_rows()).map(|i| frame.cols.iter().any(|c| !c.values.is_missing(i))).collect();
            let blank = frame.retain(&keep);
            if !blank.is_empty() {
                report.push(Step::Missing, None, Action::BlankRows { rows: blank });
            }
        }
        let keep: Vec<bool> = (0..frame.n_rows())
            .map(|i| {
                frame
                    .cols
                    .iter()
                    .all(|c| rule(&c.name) != Some(&FittedImpute::Drop) || !c.values.is_missing(i))
            })
            .collect();
        let dropped = frame.retain(&keep);
        if !dropped.is_empty() {
            report.push(Step::Missing, None, Action::DroppedRows { rows: dropped });
        }
        if frame.n_rows() == 0 {
            return Err(PrepError::AllRowsRemoved { rule: "missing-value rule \"drop\"".into() });
        }
        for name in &self.indicators {
            let Some(col) = frame.cols.iter().find(|c| &c.name == name) else { continue };
            let v: Vec<f64> =
                (0..frame.n_rows()).map(|i| f64::from(u8::from(col.values.is_missing(i)))).collect();
            let cells = v.iter().filter(|&&x| x == 1.0).count();
            let ind = format!("{name}_missing");
            report.push(Step::Missing, Some(name), Action::MissingIndicator { name: ind.clone(), cells });
            frame.indicators.push((ind, v));
        }
        if let Some(knn) = &self.knn {
            let targets: Vec<String> = frame
                .cols
                .iter()
                .filter(|c| rule(&c.name) == Some(&FittedImpute::Knn))
                .map(|c| c.name.clone())
                .collect();
            let counts = knn::apply(frame, knn, &targets, monitor)?;
            let n_ref = knn.reference.len() / knn.columns.len().max(1);
            if n_ref < knn.sampled_from && counts.filled.iter().any(|&n| n > 0) {
                report.push(
                    Step::Missing,
                    None,
                    Action::Sampled {
                        what: "k-NN imputation".into(),
                        reference_rows: n_ref,
                        rows: knn.sampled_from,
                    },
                );
            }
            for ((name, filled), fallback) in targets.iter().zip(counts.filled).zip(counts.fallback) {
                if filled > 0 {
                    let action = Action::KnnImputed {
                        cells: filled,
                        n_neighbors: knn.n_neighbors,
                        mean_fallback: fallback,
                    };
                    report.push(Step::Missing, Some(name), action);
                }
            }
        }
        for col in &mut frame.cols {
            let Some(fitted) = self.columns.get(&col.name) else { continue };
            let n = simple::fill(col, fitted);
            if n == 0 {
                continue;
            }
            let (strategy, value) = match fitted {
                FittedImpute::Value { strategy, value } => {
                    (strategy.clone(), fill_text(strategy, col.kind, *value))
                }
                FittedImpute::Level { strategy, level } => (strategy.clone(), format!("\"{level}\"")),
                _ => continue,
            };
            report.push(Step::Missing, Some(&col.name), Action::Imputed { strategy, cells: n, value });
        }
        Ok(())
    }
}

/// A filled value for people: yes / no for a yes/no column, a computed mean or median to six significant
/// digits (it read "mean 2041.0356573507527"), a constant as given.
fn fill_text(strategy: &str, kind: super::frame::FeatureKind, value: f64) -> String {
    match (kind, strategy) {
        (super::frame::FeatureKind::Boolean, _) if value == 0.0 || value == 1.0 => {
            (if value == 1.0 { "yes" } else { "no" }).into()
        }
        (_, "constant") => format_number(value),
        _ => format_number(format!("{value:.5e}").parse().unwrap_or(value)),
    }
}
