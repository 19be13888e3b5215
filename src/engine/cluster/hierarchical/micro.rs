//! Micro-clusters for data above the exact caps: seeded k-means (linfa-clustering) compresses the rows into weighted
//! centres; the linkage then runs on the centres with their row counts as weights, and every row takes its
//! micro-cluster's segment.

use linfa::traits::{Fit, Predict as LinfaPredict};
use linfa::DatasetBase;
use linfa_clustering::{KMeans, KMeansInit};
use linfa_nn::distance::L2Dist;
use ndarray::{Array2, ArrayView2};

use super::params::{HierarchicalError, Result};
use crate::engine::rng::{rng, sub_rng, Rng};

/// Weighted centres and the row → centre map.
pub(super) struct Micro {
    /// Centres (the mean of their rows), row-major (`weights.len() × dim`); empty k-means clusters are dropped.
    pub centres: Vec<f64>,
    /// Rows per centre (all ≥ 1).
    pub weights: Vec<f64>,
    /// The centre of each row.
    pub row_leaf: Vec<usize>,
    /// Lloyd iterations cap that was used.
    pub iterations: usize,
}

/// Runs k-means with `k` centres (k < rows) for at most `iterations` Lloyd steps, seeded by `seed`.
pub(super) fn micro_clusters(x: ArrayView2<f64>, k: usize, iterations: usize, seed: u64) -> Result<Micro> {
    let data: Array2<f64> = x.to_owned();
    let dataset = DatasetBase::from(data.clone());
    // initial centres: a seeded sample of k distinct rows. linfa's default k-means++ recomputes every point's
    // nearest centre over all chosen centres at each step, O(n·k²·d): hours for k = 2,000 (measured: > 500 s on
    // 40k × 8 without finishing), so it is not used here.
    let init = sample_rows(x, k, seed);
    let model = KMeans::params_with(k, rng(seed), L2Dist)
        .init_method(KMeansInit::Precomputed(init))
        .n_runs(1)
        .max_n_iterations(iterations as u64)
        .tolerance(1e-4)
        .fit(&dataset)
        .map_err(|e| HierarchicalError::MicroClusters { reason: e.to_string() })?;
    let assigned = model.predict(&data);
    let mut counts = vec![0usize; k];
    assigned.iter().for_each(|&c| counts[c] += 1);
    // compact away empty centres, keeping the k-means order
    let mut new_id = vec![usize::MAX; k];
    let mut weights = Vec::new();
    for (c, &count) in counts.iter().enumerate() {
        if count > 0 {
            new_id[c] = weights.len();
            weights.push(count as f64);
        }
    }
    let row_leaf: Vec<usize> = assigned.iter().map(|&c| new_id[c]).collect();
    // centres are the exact means of their rows (what weighted Ward assumes)
    let dim = x.ncols();
    let mut centres = vec![0.0; weights.len() * dim];
    for (row, &leaf) in x.outer_iter().zip(&row_leaf) {
        centres[leaf * dim..(leaf + 1) * dim].iter_mut().zip(row.iter()).for_each(|(c, v)| *c += v);
    }
    for (leaf, w) in weights.iter().enumerate() {
        centres[leaf * dim..(leaf + 1) * dim].iter_mut().for_each(|c| *c /= w);
    }
    Ok(Micro { centres, weights, row_leaf, iterations })
}

/// `k` distinct rows chosen by a seeded partial Fisher–Yates shuffle (u64 draws: the same on every platform).
fn sample_rows(x: ArrayView2<f64>, k: usize, seed: u64) -> Array2<f64> {
    let n = x.nrows();
    let mut idx: Vec<usize> = (0..n).collect();
    let mut r = sub_rng(seed, 1);
    for i in 0..k.min(n) {
        let j = r.gen_range(i as u64..n as u64) as usize;
        idx.swap(i, j);
    }
    idx.truncate(k.min(n));
    idx.sort_unstable();
    x.select(ndarray::Axis(0), &idx)
}
