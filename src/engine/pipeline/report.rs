//! `Report`: everything a run produces for the UI, the CLI and exports. Plain data; no behaviour.

use super::algorithm::ClusterExtras;
use super::config::PipelineConfig;
use super::data::LifetimeOutcome;
use crate::engine::choose_k::KSweep;
use crate::engine::cluster::FitInfo;
use crate::engine::features::rfm::{FeatureReport, MappingProposal, RfmScores, TransactionMapping};
use crate::engine::features::selection::SelectionReport;
use crate::engine::prep::PrepReport;
use crate::engine::profile::SegmentProfiles;
use crate::engine::table::{ColumnSummary, Dialect, RowIssue};
use serde::{Deserialize, Serialize};

/// The input file as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataReport {
    pub source: String,
    pub n_rows: usize,
    pub dialect: Dialect,
    pub columns: Vec<ColumnSummary>,
    /// Row and cell issues (capped; `issues_total` counts them all).
    pub issues: Vec<RowIssue>,
    pub issues_total: usize,
    /// What ingest noticed and did, as sentences.
    pub notes: Vec<String>,
    /// Whether rows are customers or transactions, and why.
    pub mode_note: String,
}

/// Transaction mode: how the log became customers, their RFM scores and lifetime values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionsReport {
    pub mapping: TransactionMapping,
    pub detected: Option<MappingProposal>,
    pub features: FeatureReport,
    pub rfm: RfmScores,
    pub lifetime: Option<LifetimeOutcome>,
    pub lifetime_note: Option<String>,
}

/// Quality of the segmentation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub silhouette: Option<f64>,
    /// Rows the silhouette was computed on, when it was sampled.
    pub silhouette_sample: Option<usize>,
    pub davies_bouldin: Option<f64>,
    pub calinski_harabasz: Option<f64>,
    pub inertia: Option<f64>,
    pub bic: Option<f64>,
    pub aic: Option<f64>,
    pub mean_log_likelihood: Option<f64>,
}

/// Per-sample silhouette values by segment, sorted and thinned for a silhouette plot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SilhouettePlot {
    /// (segment, sorted values — at most a few thousand per segment, evenly spaced quantiles).
    pub segments: Vec<(i32, Vec<f64>)>,
    pub mean: f64,
}

/// Customers on the 2-D map (a sample when there are many).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapReport {
    /// Clustered rows in all; the map shows `labels.len()` of them.
    pub n_total: usize,
    /// Index into `Report::rows` of each shown customer.
    #[serde(with = "super::wire::indices")]
    pub points: Vec<usize>,
    #[serde(with = "super::wire::i32s")]
    pub labels: Vec<i32>,
    /// Axes the user can pick: name ("PC1 (38% of variance)", "t-SNE 1", or a feature in original units) and
    /// one value per shown customer (NaN where a feature is missing; written as `null` in JSON).
    #[serde(with = "super::wire::axes")]
    pub axes: Vec<(String, Vec<f32>)>,
    /// The two axes shown first.
    pub default_axes: (usize, usize),
    /// Customer id of each shown customer, when the data has an id column (for hover).
    pub ids: Option<super::wire::PackedStrings>,
    /// Every clustered customer binned on the axes, when the map shows only a sample (for density shading).
    #[serde(default)]
    pub density: Option<MapDensity>,
    pub notes: Vec<String>,
}

/// Every clustered customer binned on the map's axes: the map draws a sample as dots and shades the density
/// of all of them underneath. Codes are in the order of `Report::labels` (one per clustered customer).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapDensity {
    /// One per map axis (same order as `MapReport::axes`); `None` for an axis known only for the shown
    /// customers (t-SNE) or past the size cap.
    pub axes: Vec<Option<AxisBins>>,
}

/// One map axis binned over every clustered customer (see `engine::embed::bins`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisBins {
    /// The range the bins split (every finite value lies in it).
    pub lo: f32,
    pub hi: f32,
    /// Each customer's bin, `0..bins::BINS`, or `bins::MISSING`.
    #[serde(with = "super::wire::bytes")]
    pub codes: Vec<u8>,
}

/// Five-number summary of one feature in one segment (original units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxStats {
    pub segment: i32,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
    /// Whisker ends (furthest values within 1.5 IQR of the box).
    pub low_whisker: f64,
    pub high_whisker: f64,
    /// Values beyond the whiskers (at most a few hundred, evenly chosen).
    pub outliers: Vec<f64>,
    pub n: usize,
}

/// Box plots of one feature by segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureBoxes {
    pub feature: String,
    pub boxes: Vec<BoxStats>,
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
    /// The config that produced this report (with the data mode resolved).
    pub config: PipelineConfig,
    pub data: DataReport,
    pub transactions: Option<TransactionsReport>,
    pub prep: PrepReport,
    /// Customers (rows of the customer table) and those that were clustered.
    pub n_rows: usize,
    pub n_used: usize,
    /// Columns of the prepared matrix, in order.
    pub features: Vec<String>,
    /// Features k-prototypes clustered on as categories, beside the matrix (none for other algorithms).
    #[serde(default)]
    pub categorical_features: Vec<String>,
    pub algorithm: String,
    pub n_clusters: usize,
    pub n_noise: usize,
    /// For each clustered row, its row index in the customer table (0-based).
    #[serde(with = "super::wire::indices")]
    pub rows: Vec<usize>,
    /// For each clustered row, its segment (−1 = noise).
    #[serde(with = "super::wire::i32s")]
    pub labels: Vec<i32>,
    /// Customer-table rows that outlier handling "flag" marked (kept and clustered), ascending.
    #[serde(with = "super::wire::indices", default)]
    pub flagged: Vec<usize>,
    pub profiles: SegmentProfiles,
    pub metrics: Metrics,
    pub fit: FitInfo,
    pub extras: ClusterExtras,
    pub sweep: Option<KSweep>,
    pub sweep_note: Option<String>,
    pub selection: Option<SelectionReport>,
    pub silhouette_plot: Option<SilhouettePlot>,
    pub map: MapReport,
    pub boxes: Vec<FeatureBoxes>,
    /// Pearson correlation between the prepared features (names as `features`).
    pub correlation: Option<Vec<Vec<f64>>>,
    /// Plain-language notes on what the run did (caps that applied, edits replayed, fallbacks).
    pub notes: Vec<String>,
    pub timings: Vec<Timing>,
}

impl Report {
    /// How many features the segments were found on: the matrix's columns and any categorical ones.
    pub fn n_features(&self) -> usize {
        self.features.len() + self.categorical_features.len()
    }

    /// Input file name.
    pub fn source(&self) -> &str {
        &self.data.source
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn missing_map_values_round_trip_as_null_in_json_and_as_nan_in_messagepack() {
        let map =
            super::MapReport { axes: vec![("Spend".into(), vec![1.5, f32::NAN])], ..Default::default() };
        let json = serde_json::to_string(&map).unwrap();
        assert!(json.contains("[1.5,null]"), "{json}");
        let back: super::MapReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back.axes[0].1[0], 1.5);
        assert!(back.axes[0].1[1].is_nan());
        let back: super::MapReport = rmp_serde::from_slice(&rmp_serde::to_vec_named(&map).unwrap()).unwrap();
        assert!(back.axes[0].1[1].is_nan());
    }
}
