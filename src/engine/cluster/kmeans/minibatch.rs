//! Mini-batch k-means with scikit-learn's `MiniBatchKMeans` semantics: k-means++ on an `init_size` sample
//! (best of `n_init` on a held-out sample), then steps on `batch_size` rows drawn with replacement that move
//! each centroid to the running weighted mean of the rows it has seen, re-seeding centroids whose count
//! falls below `reassignment_ratio` × the largest, stopping early when the exponentially smoothed batch
//! inertia has not improved for `max_no_improvement` steps (or the centroid shift is within `tol`).
//! The final labels and inertia are computed on all rows.

use ndarray::ArrayView2;
use rand::seq::index::sample;

use super::dense::{assign, inertia, nearest, Dense};
use super::error::{KMeansError, Result};
use super::fit::finish;
use super::init::kmeans_plus_plus;
use super::minibatch_params::MiniBatchKMeansValidParams;
use super::model::KMeansFit;
use crate::engine::cluster::common::FitInfo;
use crate::engine::progress::{tick, Monitor};
use crate::engine::rng::{sub_rng, EngineRng, Rng};

/// Early-stopping state (scikit-learn's `_mini_batch_convergence`).
struct Stopper {
    ewa: Option<f64>,
    ewa_min: Option<f64>,
    no_improvement: usize,
}

impl MiniBatchKMeansValidParams {
    /// Fits mini-batch k-means to the rows of `x` (all weights 1).
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<KMeansFit> {
        self.fit_weighted(x, None, monitor)
    }

    /// Fits mini-batch k-means with one non-negative weight per row.
    pub fn fit_weighted(
        &self,
        x: ArrayView2<f64>,
        weights: Option<&[f64]>,
        monitor: &mut dyn Monitor,
    ) -> Result<KMeansFit> {
        let p = &self.0;
        let start = monitor.now_ms();
        let data = Dense::new(x, weights)?;
        let (n, d, k) = (data.n, data.d, p.n_clusters);
        if k > n {
            return Err(KMeansError::TooManyClusters { n_clusters: k, n_rows: n });
        }
        let batch = p.batch_size.min(n);
        let init_size =
            p.init_size.unwrap_or(if 3 * p.batch_size < k { 3 * k } else { 3 * p.batch_size }).min(n);
        let mut rng = sub_rng(p.seed, p.n_init as u64);
        let valid = data.subset(&draw(&mut rng, n, init_size));

        let mut centres = Vec::new();
        let mut restart_inertias = Vec::with_capacity(p.n_init);
        for r in 0..p.n_init {
            let mut r_rng = sub_rng(p.seed, r as u64);
            let sample = data.subset(&draw(&mut r_rng, n, init_size));
            let c = kmeans_plus_plus(&sample, k, &mut r_rng, monitor)?;
            let mut lab = vec![0; valid.n];
            assign(&valid, &c, &mut lab);
            let v = inertia(&valid, &c, &lab);
            if restart_inertias.iter().all(|&b| v < b) {
                centres = c;
            }
            restart_inertias.push(v);
        }

        let tol = data.scaled_tol(p.tol);
        let n_steps = ((p.max_iter as u128 * n as u128) / batch as u128).max(1) as usize;
        let mut counts = vec![0.0; k];
        let mut since_reassign = 0usize;
        let mut stop = Stopper { ewa: None, ewa_min: None, no_improvement: 0 };
        let (mut steps, mut early, mut reassigned) = (0, false, 0);
        let mut idx = vec![0usize; batch];
        let mut lab = vec![0usize; batch];
        for step in 0..n_steps {
            tick(monitor, "mini-batch k-means", step, n_steps, 64)?;
            idx.iter_mut().for_each(|i| *i = rng.gen_range(0..n));
            since_reassign += batch;
            let reassign = counts.contains(&0.0) || since_reassign >= 10 * k;
            if reassign {
                since_reassign = 0;
            }
            let mut batch_inertia = 0.0;
            for (l, &i) in lab.iter_mut().zip(&idx) {
                let (j, dist) = nearest(data.row(i), &centres, d);
                *l = j;
                batch_inertia += data.w[i] * dist;
            }
            let old = centres.clone();
            update(&data, &idx, &lab, &old, &mut centres, &mut counts);
            if reassign && p.reassignment_ratio > 0.0 {
                reassigned += reseed(&data, &idx, &mut centres, &mut counts, p.reassignment_ratio, &mut rng);
            }
            let diff =
                if tol > 0.0 { old.iter().zip(&centres).map(|(a, b)| (a - b) * (a - b)).sum() } else { 0.0 };
            steps = step + 1;
            if stop.done(step, n, batch, diff, tol, batch_inertia, p.max_no_improvement) {
                early = true;
                break;
            }
        }

        let mut labels = vec![0u32; n];
        assign(&data, &centres, &mut labels);
        let total = inertia(&data, &centres, &labels);
        monitor.progress("mini-batch k-means", 1.0);
        let epochs = (steps * batch).div_ceil(n);
        let mut notes = vec![format!(
            "{steps} mini-batch step(s) of {batch} rows (≈{epochs} pass(es) over the data); best of {} initialisation(s) on {init_size} rows",
            p.n_init
        )];
        if reassigned > 0 {
            notes.push(format!("{reassigned} low-count centroid(s) re-seeded"));
        }
        if !early {
            notes.push(format!("stopped at the step limit (max_iter = {} passes)", p.max_iter));
        }
        let info = FitInfo { elapsed_ms: monitor.now_ms() - start, notes, ..FitInfo::default() };
        Ok(finish(&data, centres, labels, total, restart_inertias, steps, early, info))
    }
}

/// `m` row indices drawn uniformly with replacement.
fn draw(rng: &mut EngineRng, n: usize, m: usize) -> Vec<usize> {
    (0..m).map(|_| rng.gen_range(0..n)).collect()
}

/// Moves each centroid to the weighted mean of everything it has seen (`_minibatch_update_dense`).
fn update(data: &Dense, idx: &[usize], lab: &[usize], old: &[f64], centres: &mut [f64], counts: &mut [f64]) {
    let d = data.d;
    let k = counts.len();
    let mut wsum = vec![0.0; k];
    lab.iter().zip(idx).for_each(|(&j, &i)| wsum[j] += data.w[i]);
    for j in 0..k {
        if wsum[j] > 0.0 {
            let c = &mut centres[j * d..(j + 1) * d];
            c.iter_mut().zip(&old[j * d..(j + 1) * d]).for_each(|(v, o)| *v = o * counts[j]);
        }
    }
    for (&j, &i) in lab.iter().zip(idx) {
        if wsum[j] > 0.0 {
            let w = data.w[i];
            centres[j * d..(j + 1) * d].iter_mut().zip(data.row(i)).for_each(|(v, x)| *v += x * w);
        }
    }
    for j in 0..k {
        if wsum[j] > 0.0 {
            counts[j] += wsum[j];
            let a = 1.0 / counts[j];
            centres[j * d..(j + 1) * d].iter_mut().for_each(|v| *v *= a);
        }
    }
}

/// Re-seeds low-count centroids from distinct batch rows; returns how many.
fn reseed(
    data: &Dense,
    idx: &[usize],
    centres: &mut [f64],
    counts: &mut [f64],
    ratio: f64,
    rng: &mut EngineRng,
) -> usize {
    let d = data.d;
    let max = counts.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut low: Vec<bool> = counts.iter().map(|&c| c < ratio * max).collect();
    let cap = idx.len() / 2;
    if low.iter().filter(|&&b| b).count() > cap {
        // keep only the `cap` smallest counts
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by(|&a, &b| counts[a].total_cmp(&counts[b]).then(a.cmp(&b)));
        order[cap..].iter().for_each(|&j| low[j] = false);
    }
    let targets: Vec<usize> = (0..counts.len()).filter(|&j| low[j]).collect();
    if targets.is_empty() {
        return 0;
    }
    let picks = sample(rng, idx.len(), targets.len());
    for (&j, b) in targets.iter().zip(picks.iter()) {
        centres[j * d..(j + 1) * d].copy_from_slice(data.row(idx[b]));
    }
    let floor = (0..counts.len()).filter(|&j| !low[j]).map(|j| counts[j]).fold(f64::INFINITY, f64::min);
    if floor.is_finite() {
        targets.iter().for_each(|&j| counts[j] = floor);
    }
    targets.len()
}

impl Stopper {
    /// True when the run should stop after step `step` (0-based).
    #[allow(clippy::too_many_arguments)]
    fn done(
        &mut self,
        step: usize,
        n: usize,
        batch: usize,
        diff: f64,
        tol: f64,
        batch_inertia: f64,
        patience: Option<usize>,
    ) -> bool {
        if step == 0 {
            return false; // the first batch's inertia reflects the initialisation
        }
        let b = batch_inertia / batch as f64;
        let alpha = (batch as f64 * 2.0 / (n as f64 + 1.0)).min(1.0);
        let ewa = self.ewa.map_or(b, |e| e * (1.0 - alpha) + b * alpha);
        self.ewa = Some(ewa);
        if tol > 0.0 && diff <= tol {
            return true;
        }
        if self.ewa_min.is_none_or(|m| ewa < m) {
            self.no_improvement = 0;
            self.ewa_min = Some(ewa);
        } else {
            self.no_improvement += 1;
        }
        patience.is_some_and(|p| self.no_improvement >= p)
    }
}
