//! Silhouette coefficient (Rousseeuw 1987) with scikit-learn's exact definition, per sample and mean.
//!
//! * [`silhouette_exact`] scores every row: O(n²·d) time but O(n·d) memory (see [`kernel`]); it matches
//!   `sklearn.metrics.silhouette_samples` / `silhouette_score` (tests/metrics_reference.rs: ≤ 1e-9 relative).
//! * [`silhouette_sampled`] scores a seeded random subset of rows among themselves, like scikit-learn's
//!   `silhouette_score(..., sample_size=m)`.
//! * [`silhouette`] picks one: exact up to `sample_cap` rows (default 10,000 ≈ 10⁸ distance pairs, a few
//!   seconds single-threaded in wasm), sampled with `sample_size` rows (default: the cap) above it.
//!   The result says whether it was sampled and how many rows were scored.
//!
//! scikit-learn's rules, kept on purpose: a label of −1 is just another label (noise is *not* excluded:
//! drop noise rows first if that is wanted); a singleton cluster's point scores 0; a point with a = b = 0
//! scores 0; the number of distinct labels must be in 2..=n−1 (of the scored rows), otherwise an error.

mod kernel;

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::error::{MetricsError, Result};
use super::input::{check_data, check_label_count, encode, Encoded};
use super::sample::sample_rows;
use crate::engine::progress::Monitor;

/// Default number of rows above which [`silhouette`] samples.
pub const DEFAULT_SAMPLE_CAP: usize = 10_000;

/// How [`silhouette`] chooses between exact and sampled scoring.
///
/// Defaults: `sample_cap = 10_000`, `sample_size = None` (= `sample_cap`), `seed = 0`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SilhouetteParams {
    /// Rows up to which the silhouette is exact (≥ 2).
    pub sample_cap: usize,
    /// Rows scored when sampling (≥ 2); `None` means `sample_cap`.
    pub sample_size: Option<usize>,
    /// Seed of the sample.
    pub seed: u64,
}

impl Default for SilhouetteParams {
    fn default() -> Self {
        Self { sample_cap: DEFAULT_SAMPLE_CAP, sample_size: None, seed: 0 }
    }
}

impl SilhouetteParams {
    /// Sets the row count up to which the silhouette is exact.
    pub fn with_sample_cap(mut self, cap: usize) -> Self {
        self.sample_cap = cap;
        self
    }
    /// Sets the number of rows scored when sampling.
    pub fn with_sample_size(mut self, size: usize) -> Self {
        self.sample_size = Some(size);
        self
    }
    /// Sets the seed of the sample.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Validates the parameters.
    pub fn check(&self) -> Result<SilhouetteValidParams> {
        if self.sample_cap < 2 {
            return Err(MetricsError::SampleCap(self.sample_cap));
        }
        let sample_size = self.sample_size.unwrap_or(self.sample_cap);
        if sample_size < 2 {
            return Err(MetricsError::SampleSize(sample_size));
        }
        Ok(SilhouetteValidParams { sample_cap: self.sample_cap, sample_size, seed: self.seed })
    }
}

/// Checked [`SilhouetteParams`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SilhouetteValidParams {
    sample_cap: usize,
    sample_size: usize,
    seed: u64,
}

impl SilhouetteValidParams {
    /// Rows up to which the silhouette is exact.
    pub fn sample_cap(&self) -> usize {
        self.sample_cap
    }
    /// Rows scored when sampling.
    pub fn sample_size(&self) -> usize {
        self.sample_size
    }
    /// Seed of the sample.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// These parameters with the exact limit and the sample size lowered to at most `rows` (at least 2).
    pub fn at_most(&self, rows: usize) -> SilhouetteValidParams {
        let rows = rows.max(2);
        SilhouetteValidParams {
            sample_cap: self.sample_cap.min(rows),
            sample_size: self.sample_size.min(rows),
            seed: self.seed,
        }
    }
}

/// Silhouette values of the scored rows and their mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Silhouette {
    /// Mean of `values` (scikit-learn's `silhouette_score`).
    pub mean: f64,
    /// s(i) of each scored row, in `-1..=1`, in the order of `rows`.
    pub values: Vec<f64>,
    /// The scored rows (ascending); all rows unless sampled.
    pub rows: Vec<usize>,
    /// True when only a sample of the rows was scored.
    pub sampled: bool,
    /// Number of rows scored.
    pub sample_size: usize,
}

/// Exact silhouette up to the cap, sampled above it (see the module doc).
pub fn silhouette(
    x: ArrayView2<f64>,
    labels: &[i32],
    params: &SilhouetteValidParams,
    monitor: &mut dyn Monitor,
) -> Result<Silhouette> {
    let job = SilhouetteJob::plan(x, labels, params)?;
    let values = job.values(0..job.len(), monitor)?;
    Ok(job.finish(values))
}

/// Exact silhouette of every row.
pub fn silhouette_exact(x: ArrayView2<f64>, labels: &[i32], monitor: &mut dyn Monitor) -> Result<Silhouette> {
    check_data(x, labels)?;
    score_rows(x, labels, (0..x.nrows()).collect(), monitor)
}

/// Silhouette of `sample_size` rows drawn without replacement with `seed`, scored among themselves
/// (scikit-learn's `sample_size`). With `sample_size >= n` every row is scored.
pub fn silhouette_sampled(
    x: ArrayView2<f64>,
    labels: &[i32],
    sample_size: usize,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<Silhouette> {
    check_data(x, labels)?;
    if sample_size < 2 {
        return Err(MetricsError::SampleSize(sample_size));
    }
    let rows = sample_rows(x.nrows(), sample_size, seed, 0);
    score_rows(x, labels, rows, monitor)
}

fn score_rows(
    x: ArrayView2<f64>,
    labels: &[i32],
    rows: Vec<usize>,
    monitor: &mut dyn Monitor,
) -> Result<Silhouette> {
    let job = SilhouetteJob::new(x, labels, rows)?;
    let values = job.values(0..job.len(), monitor)?;
    Ok(job.finish(values))
}

/// The scored rows of a silhouette with their features and labels, to score in parts: the value of a row is the
/// same whichever part it is scored in, so a silhouette can be split over workers (the browser's worker pool
/// does) and put together by [`SilhouetteJob::finish`].
#[derive(Debug, Clone, PartialEq)]
pub struct SilhouetteJob {
    /// The scored rows' features, row-major.
    pub features: Vec<f64>,
    /// Number of features.
    pub d: usize,
    /// The scored rows' labels.
    pub labels: Vec<i32>,
    /// The scored rows in the data (ascending).
    pub rows: Vec<usize>,
    /// Rows of the data (more than `rows.len()` when sampled).
    pub n: usize,
    encoded: Encoded,
}

impl SilhouetteJob {
    /// The silhouette [`silhouette`] would compute, not yet scored.
    pub fn plan(x: ArrayView2<f64>, labels: &[i32], params: &SilhouetteValidParams) -> Result<Self> {
        check_data(x, labels)?;
        let rows = if x.nrows() <= params.sample_cap {
            (0..x.nrows()).collect()
        } else {
            if params.sample_size < 2 {
                return Err(MetricsError::SampleSize(params.sample_size));
            }
            sample_rows(x.nrows(), params.sample_size, params.seed, 0)
        };
        Self::new(x, labels, rows)
    }

    fn new(x: ArrayView2<f64>, labels: &[i32], rows: Vec<usize>) -> Result<Self> {
        let d = x.ncols();
        let mut features = Vec::with_capacity(rows.len() * d);
        for &i in &rows {
            features.extend(x.row(i).iter());
        }
        let labels: Vec<i32> = rows.iter().map(|&i| labels[i]).collect();
        Self::from_parts(features, d, labels, rows, x.nrows())
    }

    /// A job from its parts (as a pool worker receives them); checks that they fit together.
    pub fn from_parts(
        features: Vec<f64>,
        d: usize,
        labels: Vec<i32>,
        rows: Vec<usize>,
        n: usize,
    ) -> Result<Self> {
        if labels.len() != rows.len() || features.len() != rows.len() * d {
            return Err(MetricsError::LengthMismatch {
                rows: features.len() / d.max(1),
                labels: labels.len(),
            });
        }
        let encoded = encode(&labels);
        check_label_count(encoded.n_labels(), rows.len())?;
        Ok(SilhouetteJob { features, d, labels, rows, n, encoded })
    }

    /// Number of rows to score.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is no row to score (never, for a checked job).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// s(i) of the scored rows `range` (positions in [`SilhouetteJob::rows`]).
    pub fn values(&self, range: std::ops::Range<usize>, monitor: &mut dyn Monitor) -> Result<Vec<f64>> {
        Ok(kernel::silhouette_values(&self.features, self.d, &self.encoded, range, monitor)?)
    }

    /// The silhouette from every scored row's value, in order.
    pub fn finish(self, values: Vec<f64>) -> Silhouette {
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        Silhouette {
            mean,
            sampled: self.rows.len() < self.n,
            sample_size: self.rows.len(),
            values,
            rows: self.rows,
        }
    }
}

#[cfg(test)]
mod tests;
