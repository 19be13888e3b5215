//! A report as separately decodable parts, so the UI thread can decode a result a part at a time, each in its
//! own short task, instead of all at once.
//!
//! Why: the browser compiles the app's WebAssembly lazily, each function when it first runs. The first result
//! of a session ran all of the report's decoding code at once: ~60 ms of compiling (on the shared test
//! machine) in one task. Split in parts, that one-time cost is spread over several tasks; decoding itself is
//! cheap once compiled, because the big per-customer arrays are packed (`engine::pipeline::wire`).
//!
//! The parts destructure `Report` completely (a new field does not compile until it is given a part).

use crate::engine::choose_k::KSweep;
use crate::engine::cluster::FitInfo;
use crate::engine::features::selection::SelectionReport;
use crate::engine::pipeline::{
    wire, ClusterExtras, DataReport, FeatureBoxes, MapReport, Metrics, PipelineConfig, Report,
    SilhouettePlot, Timing, TransactionsReport,
};
use crate::engine::prep::PrepReport;
use crate::engine::profile::SegmentProfiles;
use serde::{Deserialize, Serialize};

/// The data as read and as prepared.
#[derive(Serialize, Deserialize)]
struct Input {
    data: DataReport,
    prep: PrepReport,
}

/// Counts, quality and notes.
#[derive(Serialize, Deserialize)]
struct Head {
    n_rows: usize,
    n_used: usize,
    features: Vec<String>,
    categorical_features: Vec<String>,
    algorithm: String,
    n_clusters: usize,
    n_noise: usize,
    metrics: Metrics,
    fit: FitInfo,
    extras: ClusterExtras,
    correlation: Option<Vec<Vec<f64>>>,
    notes: Vec<String>,
    timings: Vec<Timing>,
}

/// The segments: profiles, and each clustered customer's row and segment.
#[derive(Serialize, Deserialize)]
struct Segments {
    profiles: SegmentProfiles,
    #[serde(with = "wire::indices")]
    rows: Vec<usize>,
    #[serde(with = "wire::i32s")]
    labels: Vec<i32>,
    #[serde(with = "wire::indices")]
    flagged: Vec<usize>,
}

/// Choosing k and features.
#[derive(Serialize, Deserialize)]
struct Choice {
    sweep: Option<KSweep>,
    sweep_note: Option<String>,
    selection: Option<SelectionReport>,
}

/// Spread within segments: the silhouette plot and box plots.
#[derive(Serialize, Deserialize)]
struct Spread {
    silhouette_plot: Option<SilhouettePlot>,
    boxes: Vec<FeatureBoxes>,
}

/// A report as [`ReportParts::COUNT`] MessagePack blocks: settings, input, head, transactions, segments,
/// choice, spread, map (the settings and the input have the most decoding code to compile the first time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportParts(Vec<Block>);

/// One encoded part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Block(#[serde(with = "wire::bytes")] Vec<u8>);

fn encode<T: Serialize>(part: &T) -> Result<Block, String> {
    rmp_serde::to_vec_named(part).map(Block).map_err(|e| format!("a report part could not be encoded: {e}"))
}

fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8], what: &str) -> Result<T, String> {
    crate::engine::decode::from_msgpack(bytes).map_err(|e| format!("bad report from worker ({what}): {e}"))
}

impl ReportParts {
    /// Parts in a report.
    pub const COUNT: usize = 8;

    /// Splits and encodes `report`.
    pub fn split(report: Report) -> Result<ReportParts, String> {
        let Report {
            config,
            data,
            transactions,
            prep,
            n_rows,
            n_used,
            features,
            categorical_features,
            algorithm,
            n_clusters,
            n_noise,
            rows,
            labels,
            flagged,
            profiles,
            metrics,
            fit,
            extras,
            sweep,
            sweep_note,
            selection,
            silhouette_plot,
            map,
            boxes,
            correlation,
            notes,
            timings,
        } = report;
        let head = Head {
            n_rows,
            n_used,
            features,
            categorical_features,
            algorithm,
            n_clusters,
            n_noise,
            metrics,
            fit,
            extras,
            correlation,
            notes,
            timings,
        };
        Ok(ReportParts(vec![
            encode(&config)?,
            encode(&Input { data, prep })?,
            encode(&head)?,
            encode(&transactions)?,
            encode(&Segments { profiles, rows, labels, flagged })?,
            encode(&Choice { sweep, sweep_note, selection })?,
            encode(&Spread { silhouette_plot, boxes })?,
            encode(&map)?,
        ]))
    }

    /// Decodes every part at once.
    pub fn join(&self) -> Result<Report, String> {
        let mut assembly = Assembly::default();
        for i in 0..Self::COUNT {
            assembly.add(self, i)?;
        }
        assembly.finish()
    }

    /// Encoded size in bytes.
    pub fn len_bytes(&self) -> usize {
        self.0.iter().map(|b| b.0.len()).sum()
    }
}

/// A report being decoded part by part (in any order); [`Assembly::finish`] once all are in.
#[derive(Default)]
pub struct Assembly {
    config: Option<PipelineConfig>,
    input: Option<Input>,
    head: Option<Head>,
    transactions: Option<Option<TransactionsReport>>,
    segments: Option<Segments>,
    choice: Option<Choice>,
    spread: Option<Spread>,
    map: Option<MapReport>,
}

impl Assembly {
    /// Decodes part `i` of `parts`.
    pub fn add(&mut self, parts: &ReportParts, i: usize) -> Result<(), String> {
        let bytes = &parts.0.get(i).ok_or_else(|| format!("bad report from worker: no part {i}"))?.0;
        match i {
            0 => self.config = Some(decode(bytes, "settings")?),
            1 => self.input = Some(decode(bytes, "data as read")?),
            2 => self.head = Some(decode(bytes, "counts and quality")?),
            3 => self.transactions = Some(decode(bytes, "transactions")?),
            4 => self.segments = Some(decode(bytes, "segments")?),
            5 => self.choice = Some(decode(bytes, "choice of k and features")?),
            6 => self.spread = Some(decode(bytes, "silhouette and box plots")?),
            7 => self.map = Some(decode(bytes, "map")?),
            _ => return Err(format!("bad report from worker: part {i} of {}", ReportParts::COUNT)),
        }
        Ok(())
    }

    /// The report, once every part is in.
    pub fn finish(self) -> Result<Report, String> {
        let missing = || "bad report from worker: a part is missing".to_string();
        let (config, input) = (self.config.ok_or_else(missing)?, self.input.ok_or_else(missing)?);
        let (head, segments) = (self.head.ok_or_else(missing)?, self.segments.ok_or_else(missing)?);
        let (choice, spread) = (self.choice.ok_or_else(missing)?, self.spread.ok_or_else(missing)?);
        Ok(Report {
            config,
            data: input.data,
            transactions: self.transactions.ok_or_else(missing)?,
            prep: input.prep,
            n_rows: head.n_rows,
            n_used: head.n_used,
            features: head.features,
            categorical_features: head.categorical_features,
            algorithm: head.algorithm,
            n_clusters: head.n_clusters,
            n_noise: head.n_noise,
            rows: segments.rows,
            labels: segments.labels,
            flagged: segments.flagged,
            profiles: segments.profiles,
            metrics: head.metrics,
            fit: head.fit,
            extras: head.extras,
            sweep: choice.sweep,
            sweep_note: choice.sweep_note,
            selection: choice.selection,
            silhouette_plot: spread.silhouette_plot,
            map: self.map.ok_or_else(missing)?,
            boxes: spread.boxes,
            correlation: head.correlation,
            notes: head.notes,
            timings: head.timings,
        })
    }
}
