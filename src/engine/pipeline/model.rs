//! `SavedModel` (model.json): the fitted pipeline — config, preprocessing, clustering model, segment edits,
//! names — plus the training distributions, so that new customers can be scored and their drift measured.

use super::algorithm::FittedModel;
use super::config::PipelineConfig;
use super::data;
use super::edits::FittedEdits;
use super::run::PipelineError;
use super::session::Prepared;
use crate::engine::prep::{FeatureKind, FittedPrep};
use crate::engine::profile::SegmentProfiles;
use crate::engine::progress::Monitor;
use crate::engine::table::{Column, ColumnData, ColumnKind, Table};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The model file format name and version.
pub const MODEL_FORMAT: &str = "segscope-model";
pub const MODEL_VERSION: u32 = 1;

/// A segment as saved: number, name and colour index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSegment {
    pub id: i32,
    pub name: String,
    pub colour: Option<usize>,
    /// Share of the training customers.
    pub share: f64,
}

/// How one feature was distributed in training: decile bins (numeric) or level shares (categorical).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureDistribution {
    pub feature: String,
    /// Numeric: inner bin edges; categorical: empty.
    pub edges: Vec<f64>,
    /// Categorical: the levels, one per share (the last share is "missing" for both kinds).
    pub levels: Vec<String>,
    pub shares: Vec<f64>,
    /// A date: its latest training date (seconds since 1970); the edges are days before it, and a scored
    /// file's days are counted back from the later of it and the file's own latest date, as scoring does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<f64>,
}

/// A number column's values, a date's as days before `reference` (or before its own latest date).
fn numbers_as_used<'a>(c: &'a Column, v: &'a [f64], reference: Option<f64>) -> (Cow<'a, [f64]>, Option<f64>) {
    if c.kind != ColumnKind::Date {
        return (Cow::Borrowed(v), None);
    }
    let own = v.iter().copied().filter(|x| x.is_finite()).reduce(f64::max);
    let Some(latest) = own.into_iter().chain(reference).reduce(f64::max) else {
        return (Cow::Borrowed(v), None);
    };
    (Cow::Owned(v.iter().map(|x| (latest - x) / 86_400.0).collect()), Some(latest))
}

/// The fitted pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedModel {
    pub format: String,
    pub version: u32,
    /// The config that was fitted (data mode resolved, so new files are read the same way).
    pub config: PipelineConfig,
    pub prep: FittedPrep,
    pub model: FittedModel,
    pub edits: FittedEdits,
    pub segments: Vec<SavedSegment>,
    pub training: Vec<FeatureDistribution>,
    pub training_rows: usize,
}

/// Bins and shares of `values` (NaN → the last, "missing" bin).
fn shares_in(values: impl Iterator<Item = f64>, edges: &[f64]) -> Vec<f64> {
    let mut counts = vec![0usize; edges.len() + 2];
    let mut n = 0usize;
    for v in values {
        n += 1;
        let bin = if v.is_nan() { edges.len() + 1 } else { edges.partition_point(|&e| e < v) };
        counts[bin] += 1;
    }
    counts.into_iter().map(|c| c as f64 / n.max(1) as f64).collect()
}

/// Training distributions over `rows` of the columns the model reads (`used`), dates among them: the drift
/// of a scored file covered every column with the feature role instead, and never a date made a feature.
pub fn distributions(table: &Table, rows: &[usize], used: &[&str]) -> Vec<FeatureDistribution> {
    let mut out = Vec::new();
    for c in table.columns.iter().filter(|c| used.contains(&c.name.as_str())) {
        match &c.data {
            ColumnData::Numbers(v) => {
                let (v, latest) = numbers_as_used(c, v, None);
                let mut sorted: Vec<f64> = rows.iter().map(|&r| v[r]).filter(|x| x.is_finite()).collect();
                sorted.sort_by(f64::total_cmp);
                let mut edges: Vec<f64> = if sorted.is_empty() {
                    Vec::new()
                } else {
                    (1..10).map(|q| sorted[(q * (sorted.len() - 1)) / 10]).collect()
                };
                edges.dedup();
                let shares = shares_in(rows.iter().map(|&r| v[r]), &edges);
                let (feature, levels) = (c.name.clone(), Vec::new());
                out.push(FeatureDistribution { feature, edges, levels, shares, latest });
            }
            ColumnData::Categories { codes, levels } => {
                let mut counts = vec![0usize; levels.len() + 1];
                for &r in rows {
                    let code = codes[r] as usize;
                    counts[code.min(levels.len())] += 1;
                }
                let shares = counts.into_iter().map(|c| c as f64 / rows.len().max(1) as f64).collect();
                out.push(FeatureDistribution {
                    feature: c.name.clone(),
                    edges: Vec::new(),
                    levels: levels.clone(),
                    shares,
                    latest: None,
                });
            }
            ColumnData::Texts(_) => {}
        }
    }
    out
}

/// Population stability index of `actual` against `expected` shares (empty bins floored at 1e-4).
pub fn psi(expected: &[f64], actual: &[f64]) -> f64 {
    expected
        .iter()
        .zip(actual)
        .map(|(&e, &a)| {
            let (e, a) = (e.max(1e-4), a.max(1e-4));
            (a - e) * (a / e).ln()
        })
        .sum()
}

/// The shares of a new table's column in the training bins or levels.
pub fn shares_like(dist: &FeatureDistribution, table: &Table, rows: &[usize]) -> Option<Vec<f64>> {
    let c = table.column(&dist.feature)?;
    match &c.data {
        ColumnData::Numbers(v) if dist.levels.is_empty() => {
            // a model saved before dates were binned as days (no `latest`) binned their raw values
            let v = match dist.latest {
                Some(latest) => numbers_as_used(c, v, Some(latest)).0,
                None => Cow::Borrowed(&v[..]),
            };
            Some(shares_in(rows.iter().map(|&r| v[r]), &dist.edges))
        }
        ColumnData::Categories { codes, levels } if !dist.levels.is_empty() => {
            // levels matched as the encoder matches them (a new "VIP" is the training "vip")
            let at = crate::engine::prep::encode::level_positions(levels, &dist.levels);
            let mut counts = vec![0usize; dist.levels.len() + 1];
            for &r in rows {
                let slot = at.get(codes[r] as usize).copied().flatten().unwrap_or(dist.levels.len());
                counts[slot] += 1;
            }
            Some(counts.into_iter().map(|c| c as f64 / rows.len().max(1) as f64).collect())
        }
        _ => None,
    }
}

impl SavedModel {
    /// Assembles the model of a run.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        config: &PipelineConfig,
        prepared: &Prepared,
        model: &FittedModel,
        edits: FittedEdits,
        table: &Table,
        rows: &[usize],
        labels: &[i32],
        profiles: &SegmentProfiles,
    ) -> SavedModel {
        let segments = profiles
            .segments
            .iter()
            .map(|s| SavedSegment { id: s.label, name: s.name.clone(), colour: s.colour, share: s.share })
            .collect();
        let _ = labels;
        let used: Vec<&str> = prepared.fitted.features.iter().map(|f| f.name.as_str()).collect();
        SavedModel {
            format: MODEL_FORMAT.into(),
            version: MODEL_VERSION,
            config: config.clone(),
            prep: prepared.fitted.clone(),
            model: model.clone(),
            edits,
            segments,
            training: distributions(table, rows, &used),
            training_rows: rows.len(),
        }
    }

    /// model.json text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads model.json; errors name the field.
    pub fn from_json(text: &str) -> Result<SavedModel, String> {
        let m: SavedModel = crate::engine::decode::from_json_at(text)
            .map_err(|(path, message)| format!("model file: field `{path}`: {message}"))?;
        if m.format != MODEL_FORMAT || m.version != MODEL_VERSION {
            return Err(format!(
                "model file: expected format {MODEL_FORMAT} version {MODEL_VERSION}, got {} version {}",
                m.format, m.version
            ));
        }
        Ok(m)
    }

    /// The name of segment `id`.
    pub fn segment_name(&self, id: i32) -> String {
        self.segments.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_else(|| {
            if id < 0 {
                "Unassigned (noise)".into()
            } else {
                format!("Segment {}", id + 1)
            }
        })
    }

    /// The training's reading options, with every date feature read as a date: in a file of a few rows, one
    /// impossible date ("2023-02-30") left the column text, and every date in it was scored as missing.
    fn reading_options(&self) -> crate::engine::table::IngestOptions {
        let mut ingest = self.config.ingest.clone();
        for f in self.prep.features.iter().filter(|f| matches!(f.kind, FeatureKind::Date { .. })) {
            ingest.columns.entry(f.name.clone()).or_default().kind.get_or_insert(ColumnKind::Date);
        }
        ingest
    }

    /// Reads a new file the way the training file was read and prepares it; returns the customer table, its
    /// ingest result and the prepared rows.
    pub fn prepare(
        &self,
        bytes: &[u8],
        source: &str,
        monitor: &mut dyn Monitor,
    ) -> Result<
        (crate::engine::table::Ingested, data::CustomerData, crate::engine::prep::Prepared),
        PipelineError,
    > {
        let ingested = data::ingest(bytes, source, &self.reading_options(), monitor)?;
        let customers = data::customers(&ingested, &self.config.mode, monitor)?;
        let table = customers.table(&ingested);
        let prepared =
            self.prep.transform(table, monitor).map_err(|e| PipelineError::Prep(e, source.to_string()))?;
        Ok((ingested, customers, prepared))
    }
}
