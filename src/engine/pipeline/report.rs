//! `Report`: everything a run produces for the UI, the CLI and exports. Plain data; no behaviour.

use serde::{Deserialize, Serialize};

/// One segment's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSummary {
    /// Segment id as in the labels (0, 1, …).
    pub id: i32,
    pub size: usize,
    /// Share of the clustered rows, 0..=1.
    pub share: f64,
    /// Mean of each feature (in `Report::features` order) in the original units.
    pub means: Vec<f64>,
}

/// A 2-D map of the clustered rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Map2d {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub x_label: String,
    pub y_label: String,
}

/// How long a stage took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub stage: String,
    pub ms: f64,
}

/// The result of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Input file name.
    pub source: String,
    /// Data rows in the input.
    pub n_rows: usize,
    /// Rows that were clustered.
    pub n_used: usize,
    /// Feature columns used, in matrix order.
    pub features: Vec<String>,
    /// Number of segments found.
    pub n_clusters: usize,
    /// For each clustered row, its input row index (0-based, data rows only).
    pub rows: Vec<usize>,
    /// For each clustered row, its segment (−1 = noise).
    pub labels: Vec<i32>,
    pub segments: Vec<SegmentSummary>,
    pub map: Map2d,
    /// Plain-language notes on what the run did.
    pub notes: Vec<String>,
    pub timings: Vec<Timing>,
}
