//! Local Outlier Factor (Breunig et al. 2000) as scikit-learn's `LocalOutlierFactor`: k-distance, reachability
//! distance `max(d(p, o), k-dist(o))`, local reachability density `1 / (mean reach-dist + 1e-10)`, score
//! `−mean(lrd(o) / lrd(p))` over the k nearest reference rows.
//!
//! O(n²): the reference set is capped at `max_reference_rows` (default 20 000); above it a seeded sample is the
//! reference set and every row is scored against it. A row identical to a reference row is scored leaving that
//! row out, which is what LOF does for training rows, so re-scoring the training table reproduces the fit.

use serde::{Deserialize, Serialize};

use crate::engine::prep::error::Result;
use crate::engine::prep::neighbors::{k_nearest, sample_rows, Neighbour};
use crate::engine::progress::{tick, Monitor};

const STREAM_LOF_SAMPLE: u64 = 0x10F_0000;

/// A fitted LOF model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lof {
    /// Reference rows, row-major, `d` columns (already z-scored).
    pub reference: Vec<f64>,
    pub d: usize,
    /// Neighbours used: `min(n_neighbors, reference rows − 1)`.
    pub k: usize,
    pub k_distance: Vec<f64>,
    pub lrd: Vec<f64>,
    /// Rows the reference set was drawn from.
    pub sampled_from: usize,
}

fn lrd_of(near: &[Neighbour], k_distance: &[f64]) -> f64 {
    let reach: f64 = near.iter().map(|&(dist, j)| dist.max(k_distance[j])).sum();
    1.0 / (reach / near.len().max(1) as f64 + 1e-10)
}

impl Lof {
    /// Fits on the row-major `x` (`d` columns). `None` when fewer than 2 reference rows. Also returns the
    /// scores of all rows when every row is a reference row (they fall out of the fit; identical to
    /// [`Lof::score`] of those rows), so that the fit needs one O(n²) pass, not three.
    pub(crate) fn fit(
        x: &[f64],
        d: usize,
        n_neighbors: usize,
        max_reference_rows: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<Option<(Lof, Option<Vec<f64>>)>> {
        let n = x.len().checked_div(d).unwrap_or(0);
        let chosen = sample_rows(n, max_reference_rows, seed, STREAM_LOF_SAMPLE);
        if chosen.len() < 2 {
            return Ok(None);
        }
        let reference: Vec<f64> =
            chosen.iter().flat_map(|&i| x[i * d..(i + 1) * d].iter().copied()).collect();
        let m = chosen.len();
        let k = n_neighbors.min(m - 1);
        let mut neighbours = Vec::with_capacity(m);
        for i in 0..m {
            tick(monitor, "prep: local outlier factor", i, 2 * m, 256)?;
            neighbours.push(k_nearest(&reference, d, &reference[i * d..(i + 1) * d], k, true));
        }
        let k_distance: Vec<f64> =
            neighbours.iter().map(|nb| nb.last().map_or(0.0, |&(dist, _)| dist)).collect();
        let lrd: Vec<f64> = neighbours.iter().map(|nb| lrd_of(nb, &k_distance)).collect();
        let lof = Lof { reference, d, k, k_distance, lrd, sampled_from: n };
        let scores =
            (m == n).then(|| neighbours.iter().zip(&lof.lrd).map(|(nb, &l)| lof.score_with(nb, l)).collect());
        Ok(Some((lof, scores)))
    }

    /// scikit-learn's `score_samples` (the negated LOF); lower is more abnormal.
    pub(crate) fn score(&self, row: &[f64]) -> f64 {
        let near = k_nearest(&self.reference, self.d, row, self.k, true);
        self.score_with(&near, lrd_of(&near, &self.k_distance))
    }

    fn score_with(&self, near: &[Neighbour], lrd_p: f64) -> f64 {
        -near.iter().map(|&(_, j)| self.lrd[j] / lrd_p).sum::<f64>() / near.len().max(1) as f64
    }

    /// Reference rows.
    pub fn reference_rows(&self) -> usize {
        self.reference.len() / self.d.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;

    #[test]
    fn isolated_point_scores_low() {
        // sklearn: LocalOutlierFactor(n_neighbors=2).fit([[0],[1],[2],[10]]).negative_outlier_factor_
        //          = [-0.87500000000625, -1.333333333311111, -0.87500000000625, -4.958333333096528]
        let x = [0.0, 1.0, 2.0, 10.0];
        let (lof, fit_scores) = Lof::fit(&x, 1, 2, 100, 0, &mut Silent).unwrap().unwrap();
        let s: Vec<f64> = x.iter().map(|v| lof.score(&[*v])).collect();
        let want =
            [-0.875_000_000_006_25, -1.333_333_333_311_111, -0.875_000_000_006_25, -4.958_333_333_096_528];
        assert_eq!(fit_scores, Some(s.clone()));
        for (a, b) in s.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{s:?}");
        }
    }

    #[test]
    fn single_row_has_no_model() {
        assert!(Lof::fit(&[1.0, 2.0], 2, 20, 100, 0, &mut Silent).unwrap().is_none());
    }
}
