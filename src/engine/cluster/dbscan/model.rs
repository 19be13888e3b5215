//! The fitted DBSCAN model: stored core points with their labels, and prediction for new rows (the label of the
//! nearest stored core point within eps, else noise).
//!
//! Memory: `n_core × n_features` f64 plus one label each — 20,000 core points × 8 features ≈ 1.3 MB (a few MB in
//! model.json). Above `max_core_points` a seeded uniform sample of core points is stored and the fit notes say so.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::params::{DbscanError, DbscanValidParams, Result};
use crate::engine::cluster::spatial::KdTree;
use crate::engine::cluster::{Predict, NOISE};
use crate::engine::rng::{rng, Rng};

/// What DBSCAN keeps to label new rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DbscanModel {
    /// The neighbourhood radius of the fit.
    pub eps: f64,
    /// Number of features of the training rows.
    pub n_features: usize,
    /// Stored core points, row-major (`core_labels.len() × n_features`).
    pub core_points: Vec<f64>,
    /// The cluster label of each stored core point.
    pub core_labels: Vec<i32>,
    /// Core points found by the fit (≥ the number stored).
    pub n_core_total: usize,
}

impl DbscanModel {
    /// Builds the model from a fit; also returns a note on what was stored.
    pub(super) fn from_fit(
        params: &DbscanValidParams,
        data: &[f64],
        dim: usize,
        is_core: &[bool],
        labels: &[i32],
    ) -> (Self, String) {
        let core: Vec<usize> = (0..is_core.len()).filter(|&i| is_core[i]).collect();
        let cap = params.max_core_points();
        let (kept, note) = if core.len() <= cap {
            (core.clone(), format!("predict uses all {} core points", core.len()))
        } else {
            (
                sample_sorted(&core, cap, params.seed()),
                format!(
                    "predict uses a seeded sample of {cap} of the {} core points (max_core_points = {cap}, seed = {}): \
                     new rows whose only core neighbours were left out are labelled noise",
                    core.len(),
                    params.seed()
                ),
            )
        };
        let mut core_points = Vec::with_capacity(kept.len() * dim);
        for &i in &kept {
            core_points.extend_from_slice(&data[i * dim..(i + 1) * dim]);
        }
        let core_labels = kept.iter().map(|&i| labels[i]).collect();
        let model = DbscanModel {
            eps: params.eps(),
            n_features: dim,
            core_points,
            core_labels,
            n_core_total: core.len(),
        };
        (model, note)
    }

    /// Labels new rows: the label of the nearest stored core point within eps (ties: the earlier core point), else
    /// [`NOISE`]. Rows with a non-finite value are noise. Errors when the number of features differs.
    pub fn try_predict(&self, x: ArrayView2<f64>) -> Result<Vec<i32>> {
        let dim = self.n_features;
        if x.ncols() != dim {
            return Err(DbscanError::FeatureMismatch { expected: dim, got: x.ncols() });
        }
        let tree = KdTree::build(&self.core_points, dim);
        let r2 = self.eps * self.eps;
        let mut stack = Vec::new();
        let mut q = vec![0.0; dim];
        Ok(x.outer_iter()
            .map(|row| {
                if row.iter().any(|v| !v.is_finite()) {
                    return NOISE;
                }
                q.iter_mut().zip(row.iter()).for_each(|(a, &b)| *a = b);
                tree.nearest_within(&q, r2, &mut stack).map_or(NOISE, |(i, _)| self.core_labels[i])
            })
            .collect())
    }
}

impl Predict for DbscanModel {
    /// As [`DbscanModel::try_predict`]; rows of the wrong width are all [`NOISE`].
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        self.try_predict(x).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}

/// A seeded uniform sample of `k` of `items` (partial Fisher–Yates on u64 draws, portable), in index order.
fn sample_sorted(items: &[usize], k: usize, seed: u64) -> Vec<usize> {
    let mut pool = items.to_vec();
    let mut r = rng(seed);
    let n = pool.len() as u64;
    for i in 0..k.min(pool.len()) {
        let j = r.gen_range(i as u64..n) as usize;
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool.sort_unstable();
    pool
}
