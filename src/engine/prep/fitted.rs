//! [`FittedPrep`]: everything preprocessing learned from the training table, serialisable (it goes into
//! model.json), and its `transform`, which runs the same steps with the fitted values on any table with the
//! same feature columns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::encode::FittedEncoding;
use super::error::{PrepError, Result};
use super::frame::{FeatureKind, Frame};
use super::impute::FittedMissing;
use super::outliers::FittedOutliers;
use super::prepared::{check_magnitudes, encode_all, finish, FittedOutput, Prepared};
use super::report::PrepReport;
use super::select;
use super::transform::{self, FittedTransform};
use crate::engine::progress::Monitor;
use crate::engine::table::Table;

/// An input feature of the fitted pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedFeature {
    pub name: String,
    #[serde(flatten)]
    pub kind: FeatureKind,
}

/// The fitted preprocessing pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedPrep {
    /// The input columns, in order, with how each is read.
    pub features: Vec<FittedFeature>,
    pub missing: FittedMissing,
    pub outliers: FittedOutliers,
    pub transforms: BTreeMap<String, FittedTransform>,
    /// Per categorical feature.
    pub encodings: BTreeMap<String, FittedEncoding>,
    /// The matrix columns and their scalers.
    pub outputs: Vec<FittedOutput>,
}

/// Stops with [`PrepError::Cancelled`] when the monitor asks; reports the stage.
pub(crate) fn stage(monitor: &mut dyn Monitor, name: &str) -> Result<()> {
    monitor.progress(name, 0.0);
    if monitor.cancelled() {
        return Err(PrepError::Cancelled);
    }
    Ok(())
}

impl FittedPrep {
    /// The matrix column names.
    pub fn feature_names(&self) -> Vec<String> {
        self.outputs.iter().map(|o| o.name.clone()).collect()
    }

    /// Preprocesses `table` with the fitted values: new customers get the same columns. Levels unseen in training
    /// go to "other" (or all zeros when there is no "other" column); missing cells get the fitted fill; rows
    /// missing a `drop` column, or caught by a `remove` outlier rule with the fitted bounds / detector, are removed
    /// and listed in the report. On the training table this gives exactly the output of
    /// [`super::fit_transform`].
    pub fn transform(&self, table: &Table, monitor: &mut dyn Monitor) -> Result<Prepared> {
        stage(monitor, "prep: reading features")?;
        if table.n_rows() == 0 {
            return Err(PrepError::EmptyTable);
        }
        let mut report =
            PrepReport { rows_in: table.n_rows(), lines: table.row_lines.clone(), ..Default::default() };
        let features: Vec<(String, FeatureKind)> =
            self.features.iter().map(|f| (f.name.clone(), f.kind)).collect();
        let mut frame = select::extract(table, &features, &mut report)?;
        let mut flagged = Vec::new();
        self.clean(&mut frame, &mut flagged, &mut report, monitor)?;
        stage(monitor, "prep: encoding and scaling")?;
        let (out, block) = encode_all(&mut frame, &self.encodings, &mut report);
        check_magnitudes(&out, &self.outputs)?;
        Ok(finish(frame, out, block, &self.outputs, flagged, report))
    }

    /// Missing values, outliers and transforms with the fitted values.
    fn clean(
        &self,
        frame: &mut Frame,
        flagged: &mut Vec<usize>,
        report: &mut PrepReport,
        monitor: &mut dyn Monitor,
    ) -> Result<()> {
        stage(monitor, "prep: missing values")?;
        self.missing.apply(frame, report, monitor)?;
        stage(monitor, "prep: outliers")?;
        self.outliers.apply_columns(frame, flagged, report)?;
        self.outliers.apply_multivariate(frame, flagged, report, None, monitor)?;
        stage(monitor, "prep: transforms")?;
        transform::apply(&self.transforms, frame, report);
        Ok(())
    }
}
