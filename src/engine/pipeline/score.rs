//! Scoring new customers with a saved model: their segments, how the segment shares moved, and how far each
//! feature drifted from the training data (population stability index).

use super::model::{psi, shares_like, SavedModel};
use super::report::DataReport;
use super::run::PipelineError;
use super::session::data_report;
use crate::engine::progress::Monitor;
use serde::{Deserialize, Serialize};

/// A segment's share in training and among the scored customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentShift {
    pub id: i32,
    pub name: String,
    pub colour: Option<usize>,
    pub training_share: f64,
    pub scored_share: f64,
}

/// Drift of one feature: PSI, with the usual reading (< 0.1 stable, 0.1–0.25 moderate, > 0.25 major).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureDrift {
    pub feature: String,
    pub psi: f64,
    pub level: String,
}

/// What scoring found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    pub data: DataReport,
    pub n_rows: usize,
    pub n_scored: usize,
    pub shift: Vec<SegmentShift>,
    pub drift: Vec<FeatureDrift>,
    pub notes: Vec<String>,
}

/// Scored customers: per scored row (customer-table row index) its segment, and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub rows: Vec<usize>,
    pub labels: Vec<i32>,
    /// Rows the model's outlier handling "flag" marked, ascending (a subset of `rows`).
    pub flagged: Vec<usize>,
    pub report: ScoreReport,
}

/// The reading of a PSI value.
pub fn drift_level(psi: f64) -> &'static str {
    if psi < 0.1 {
        "stable"
    } else if psi < 0.25 {
        "moderate shift"
    } else {
        "major shift"
    }
}

/// Scores the customers in `bytes` with `model`.
pub fn score(
    model: &SavedModel,
    bytes: &[u8],
    source: &str,
    monitor: &mut dyn Monitor,
) -> Result<Scored, PipelineError> {
    let (ingested, customers, prepared) = model.prepare(bytes, source, monitor)?;
    let table = customers.table(&ingested);
    let x = prepared.matrix.view();
    let categorical = prepared.categorical.as_ref().map(|c| c.codes.view());
    let mut labels = model
        .model
        .predict(x, categorical)
        .map_err(|error| PipelineError::Cluster { file: source.into(), error })?;
    model.edits.apply(x, &mut labels);
    let n = labels.len().max(1) as f64;
    let shift = model
        .segments
        .iter()
        .map(|s| SegmentShift {
            id: s.id,
            name: s.name.clone(),
            colour: s.colour,
            training_share: s.share,
            scored_share: labels.iter().filter(|&&l| l == s.id).count() as f64 / n,
        })
        .collect();
    let mut notes = prepared.report.entries.iter().map(|e| e.sentence.clone()).collect::<Vec<_>>();
    // A feature this file leaves blank throughout gets the training fill for everyone: say so first, as the
    // segments then rest on the other features (it passed with "scored 74 of 74" and one line among many).
    let blank: Vec<&str> = model
        .training
        .iter()
        .map(|d| d.feature.as_str())
        .filter(|f| table.column(f).is_some_and(|c| (0..c.len()).all(|r| c.is_missing(r))))
        .collect();
    if !blank.is_empty() {
        let list = crate::engine::words::and_list(&blank);
        notes.insert(
            0,
            format!(
                "{list} {} empty in this file: every customer got the value training fills in, so the \
                 segments here rest on the other features.",
                if blank.len() == 1 { "is" } else { "are" }
            ),
        );
    }
    let drift = model
        .training
        .iter()
        .filter_map(|d| {
            let actual = shares_like(d, table, &prepared.rows)?;
            let value = psi(&d.shares, &actual);
            Some(FeatureDrift { feature: d.feature.clone(), psi: value, level: drift_level(value).into() })
        })
        .collect::<Vec<_>>();
    if table.n_rows() > prepared.rows.len() {
        notes.push(format!(
            "{} of {} customers could not be scored (see the preparation notes); their segment is left empty.",
            table.n_rows() - prepared.rows.len(),
            table.n_rows()
        ));
    }
    let report = ScoreReport {
        data: data_report(&ingested, &customers),
        n_rows: table.n_rows(),
        n_scored: prepared.rows.len(),
        shift,
        drift,
        notes,
    };
    Ok(Scored { rows: prepared.rows, labels, flagged: prepared.flagged, report })
}

/// A scored file, with its labeled CSV ready for download.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredFile {
    pub source: String,
    pub scored: Scored,
    /// The file's rows with `segment` and `segment_name` appended.
    pub csv: Vec<u8>,
}

/// Scores `bytes` with `model` and builds the scored CSV.
pub fn score_file(
    model: &SavedModel,
    bytes: &[u8],
    source: &str,
    monitor: &mut dyn Monitor,
) -> Result<ScoredFile, PipelineError> {
    let scored = score(model, bytes, source, monitor)?;
    let (ingested, customers, _) = model.prepare(bytes, source, monitor)?;
    let customer_table =
        customers.transactions.as_ref().map(|t| (&t.features.table, t.mapping.customer.as_str()));
    let names = |l: i32| model.segment_name(l);
    let segments = super::export::Segments {
        customers: customer_table,
        rows: &scored.rows,
        labels: &scored.labels,
        flagged: &scored.flagged,
        name: &names,
    };
    let csv = super::export::append_segments(bytes, &ingested, segments).map_err(PipelineError::Config)?;
    Ok(ScoredFile { source: source.to_string(), scored, csv })
}
