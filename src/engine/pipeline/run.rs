//! Runs the pipeline: ingest (cached per loaded file) → features → standardize → cluster → map → summaries.

use super::{skeleton_input, Map2d, PipelineConfig, Report, SegmentSummary, Timing};
use crate::engine::embed::Pca;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::table::Table;
use linfa::prelude::*;
use linfa_clustering::KMeans;
use ndarray::{Array2, Axis};

/// Why a run failed. Messages name the file, line and column where they can.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    #[error("{0}")]
    Input(String),
    #[error("{file}: no numeric columns to segment on (columns: {columns})")]
    NoNumericColumns { file: String, columns: String },
    #[error("{file}: {rows} complete rows, but {k} segments were asked for; lower the number of segments")]
    TooFewRows { file: String, rows: usize, k: usize },
    #[error("clustering failed: {0}")]
    Cluster(String),
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// A loaded file and what has been computed from it, so that re-runs with a new config skip the parse.
#[derive(Debug, Clone)]
pub struct Session {
    table: Table,
}

impl Session {
    /// Parses `bytes` (the file called `source`).
    pub fn load(bytes: &[u8], source: &str, monitor: &mut dyn Monitor) -> Result<Session, PipelineError> {
        monitor.progress("reading the file", 0.0);
        let table = skeleton_input::read(bytes, source).map_err(PipelineError::Input)?;
        monitor.progress("reading the file", 1.0);
        Ok(Session { table })
    }

    /// The loaded table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Runs `config` on the loaded data.
    pub fn run(&self, config: &PipelineConfig, monitor: &mut dyn Monitor) -> Result<Report, PipelineError> {
        let t0 = monitor.now_ms();
        let mut timings = Vec::new();
        let table = &self.table;
        let numeric: Vec<(&str, &[f64])> =
            table.columns.iter().filter_map(|c| c.numbers().map(|v| (c.name.as_str(), v))).collect();
        if numeric.is_empty() {
            let columns = table.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
            return Err(PipelineError::NoNumericColumns { file: table.source.clone(), columns });
        }
        let rows: Vec<usize> =
            (0..table.n_rows()).filter(|&i| numeric.iter().all(|(_, v)| v[i].is_finite())).collect();
        if rows.len() < config.k.max(2) {
            return Err(PipelineError::TooFewRows {
                file: table.source.clone(),
                rows: rows.len(),
                k: config.k,
            });
        }
        let raw = Array2::from_shape_fn((rows.len(), numeric.len()), |(i, j)| numeric[j].1[rows[i]]);
        let scaled = standardize(&raw);
        monitor.progress("k-means", 0.0);
        if monitor.cancelled() {
            return Err(Cancelled.into());
        }
        let t1 = monitor.now_ms();
        let dataset = DatasetBase::from(scaled.clone());
        let model = KMeans::params_with_rng(config.k, crate::engine::rng::rng(config.seed))
            .n_runs(10)
            .max_n_iterations(300)
            .tolerance(1e-4)
            .fit(&dataset)
            .map_err(|e| PipelineError::Cluster(e.to_string()))?;
        let labels: Vec<i32> = model.predict(&scaled).iter().map(|&l| l as i32).collect();
        timings.push(Timing { stage: "k-means".into(), ms: monitor.now_ms() - t1 });
        monitor.progress("k-means", 1.0);
        let t2 = monitor.now_ms();
        let pca = Pca::fit(scaled.view(), 2).map_err(|e| PipelineError::Cluster(e.to_string()))?;
        let xy = pca.transform(scaled.view());
        let axis = |i: usize| match pca.explained_variance_ratio.get(i) {
            Some(r) => format!("PC{} ({:.0}% of variance)", i + 1, r * 100.0),
            None => format!("PC{}", i + 1),
        };
        let map = Map2d {
            x: xy.column(0).iter().map(|&v| v as f32).collect(),
            y: if xy.ncols() > 1 {
                xy.column(1).iter().map(|&v| v as f32).collect()
            } else {
                vec![0.0; xy.nrows()]
            },
            x_label: axis(0),
            y_label: axis(1),
        };
        timings.push(Timing { stage: "map".into(), ms: monitor.now_ms() - t2 });
        let segments = summarize(&raw, &labels, config.k);
        timings.push(Timing { stage: "total".into(), ms: monitor.now_ms() - t0 });
        let mut notes = Vec::new();
        if rows.len() < table.n_rows() {
            notes.push(format!(
                "{} rows with a missing numeric value were left out",
                table.n_rows() - rows.len()
            ));
        }
        Ok(Report {
            source: table.source.clone(),
            n_rows: table.n_rows(),
            n_used: rows.len(),
            features: numeric.iter().map(|(n, _)| n.to_string()).collect(),
            n_clusters: segments.len(),
            rows,
            labels,
            segments,
            map,
            notes,
            timings,
        })
    }
}

/// Loads and runs in one call.
pub fn run(
    bytes: &[u8],
    source: &str,
    config: &PipelineConfig,
    monitor: &mut dyn Monitor,
) -> Result<Report, PipelineError> {
    Session::load(bytes, source, monitor)?.run(config, monitor)
}

fn standardize(x: &Array2<f64>) -> Array2<f64> {
    let mean = x.mean_axis(Axis(0)).unwrap_or_default();
    let std = x.std_axis(Axis(0), 0.0).mapv(|s| if s > 0.0 { s } else { 1.0 });
    (x - &mean) / &std
}

fn summarize(raw: &Array2<f64>, labels: &[i32], k: usize) -> Vec<SegmentSummary> {
    let n = labels.len().max(1) as f64;
    (0..k as i32)
        .map(|id| {
            let members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == id).collect();
            let means = (0..raw.ncols())
                .map(|j| members.iter().map(|&i| raw[[i, j]]).sum::<f64>() / members.len().max(1) as f64)
                .collect();
            SegmentSummary { id, size: members.len(), share: members.len() as f64 / n, means }
        })
        .filter(|s| s.size > 0)
        .collect()
}
