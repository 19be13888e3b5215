//! [`fit_transform`]: fits each step on the output of the previous one and applies it with the same code
//! [`FittedPrep::transform`] uses, so re-transforming the training table reproduces this output exactly.

use std::collections::BTreeMap;

use super::config::PrepConfig;
use super::encode;
use super::error::{PrepError, Result};
use super::fitted::{stage, FittedFeature, FittedPrep};
use super::frame::FeatureKind;
use super::impute;
use super::outliers::{self, FittedOutliers};
use super::prepared::{check_magnitudes, encode_all, finish, fit_scalers, Prepared};
use super::report::{Action, PrepReport, Step};
use super::select;
use super::transform;
use crate::engine::progress::Monitor;
use crate::engine::table::Table;

/// Fits the preprocessing described by `cfg` on `table` and returns the fitted pipeline with the prepared
/// training data. `seed` drives every random choice (Isolation Forest, reference-row samples).
pub fn fit_transform(
    table: &Table,
    cfg: &PrepConfig,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<(FittedPrep, Prepared)> {
    let cfg = cfg.check()?.0;
    stage(monitor, "prep: reading features")?;
    let mut report =
        PrepReport { rows_in: table.n_rows(), lines: table.row_lines.clone(), ..Default::default() };
    let features = select::plan(table, &cfg, &mut report)?;
    if features.is_empty() {
        return Err(PrepError::NoFeatures);
    }
    for column in select::unused_settings(&cfg, &features).into_keys() {
        let action = Action::RuleSkipped {
            rule: "its per-column settings".into(),
            reason: "it is not a feature".into(),
        };
        report.push(Step::Select, Some(column), action);
    }
    let mut frame = select::extract(table, &features, &mut report)?;
    select::drop_empty_columns(&mut frame, &mut report)?;
    let features: Vec<FittedFeature> =
        frame.cols.iter().map(|c| FittedFeature { name: c.name.clone(), kind: c.kind }).collect();

    stage(monitor, "prep: missing values")?;
    let missing = impute::fit(&frame, &cfg.impute, seed)?;
    missing.apply(&mut frame, &mut report, monitor)?;

    stage(monitor, "prep: outliers")?;
    let mut flagged = Vec::new();
    let mut outliers =
        FittedOutliers { columns: outliers::fit_columns(&frame, &cfg.outliers)?, multivariate: None };
    outliers.apply_columns(&mut frame, &mut flagged, &mut report)?;
    let (detector, scores) = outliers::fit_multivariate(&frame, &cfg.outliers, seed, monitor)?;
    outliers.multivariate = detector;
    outliers.apply_multivariate(&mut frame, &mut flagged, &mut report, scores, monitor)?;

    stage(monitor, "prep: transforms")?;
    let transforms = transform::fit(&frame, &cfg.transforms)?;
    transform::apply(&transforms, &mut frame, &mut report);

    stage(monitor, "prep: encoding and scaling")?;
    let mut encodings = BTreeMap::new();
    for col in frame.cols.iter().filter(|c| c.kind == FeatureKind::Categorical) {
        encodings.insert(col.name.clone(), encode::fit(col, &cfg.encode)?);
    }
    for (name, e) in &cfg.encode.columns {
        if let Some(col) = frame.cols.iter().find(|c| &c.name == name && c.kind != FeatureKind::Categorical) {
            return Err(PrepError::RuleNotForKind {
                column: name.clone(),
                rule: format!("encoding {e:?}").to_lowercase(),
                applies_to: "categorical".into(),
                kind: col.kind.word().into(),
            });
        }
    }
    let (out, block) = encode_all(&mut frame, &encodings, &mut report);
    let outputs = fit_scalers(&out, cfg.scale, cfg.scale_encoded);
    let fitted = FittedPrep { features, missing, outliers, transforms, encodings, outputs };
    check_magnitudes(&out, &fitted.outputs)?;
    let prepared = finish(frame, out, block, &fitted.outputs, flagged, report);
    Ok((fitted, prepared))
}
