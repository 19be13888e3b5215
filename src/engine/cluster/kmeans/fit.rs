//! Full-batch k-means: n_init k-means++ restarts of Lloyd (or Hamerly) keeping the lowest inertia.

use ndarray::ArrayView2;

use super::dense::inertia;
use super::dense::Dense;
use super::error::{KMeansError, Result};
use super::hartigan::refine;
use super::init::kmeans_plus_plus;
use super::lloyd::{run, Run};
use super::model::{FittedKMeans, KMeansFit};
use super::params::KMeansValidParams;
use crate::engine::cluster::common::FitInfo;
use crate::engine::progress::Monitor;
use crate::engine::rng::sub_rng;

impl KMeansValidParams {
    /// Fits k-means to the rows of `x` (all weights 1).
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<KMeansFit> {
        self.fit_weighted(x, None, monitor)
    }

    /// Fits k-means with one non-negative weight per row (e.g. micro-cluster sizes); the centroids are
    /// weighted means and the inertia a weighted sum, as scikit-learn's `sample_weight`.
    pub fn fit_weighted(
        &self,
        x: ArrayView2<f64>,
        weights: Option<&[f64]>,
        monitor: &mut dyn Monitor,
    ) -> Result<KMeansFit> {
        let p = &self.0;
        let start = monitor.now_ms();
        let data = Dense::new(x, weights)?;
        if p.n_clusters > data.n {
            return Err(KMeansError::TooManyClusters { n_clusters: p.n_clusters, n_rows: data.n });
        }
        let tol = data.scaled_tol(p.tol);
        let mut best: Option<Run> = None;
        let mut inertias = Vec::with_capacity(p.n_init);
        let (mut relocations, mut moves, mut sweeps) = (0, 0, 0);
        for r in 0..p.n_init {
            let mut rng = sub_rng(p.seed, r as u64);
            let init = kmeans_plus_plus(&data, p.n_clusters, &mut rng, monitor)?;
            let mut out =
                run(&data, init, p.n_clusters, p.max_iter, tol, p.algorithm, monitor, (r, p.n_init))?;
            if p.refine {
                let refined =
                    refine(&data, &out.centres, p.n_clusters, &mut out.labels, p.max_iter, monitor)?;
                if refined.moves > 0 {
                    out.inertia = inertia(&data, &refined.centres, &out.labels);
                    out.centres = refined.centres;
                    moves += refined.moves;
                    sweeps += refined.sweeps;
                }
            }
            inertias.push(out.inertia);
            relocations += out.relocations;
            if best.as_ref().is_none_or(|b| out.inertia < b.inertia) {
                best = Some(out);
            }
        }
        let best = best.expect("n_init >= 1 was checked");
        monitor.progress("k-means", 1.0);
        let mut notes = vec![format!(
            "{} k-means++ restart(s), {:?} passes; best inertia {:.6} after {} pass(es)",
            p.n_init, p.algorithm, best.inertia, best.iterations
        )];
        if moves > 0 {
            notes.push(format!(
                "Hartigan refinement moved {moves} row(s) in {sweeps} sweep(s) across the restarts, lowering their inertia"
            ));
        }
        if relocations > 0 {
            notes.push(format!("{relocations} empty cluster(s) relocated to the farthest row"));
        }
        if !best.converged {
            notes.push(format!("the best run reached max_iter = {} before converging", p.max_iter));
        }
        Ok(finish(
            &data,
            best.centres,
            best.labels,
            best.inertia,
            inertias,
            best.iterations,
            best.converged,
            FitInfo { elapsed_ms: monitor.now_ms() - start, notes, ..FitInfo::default() },
        ))
    }
}

/// Builds the fit result from centred centroids (adds the column means back).
#[allow(clippy::too_many_arguments)]
pub(crate) fn finish(
    data: &Dense,
    centres: Vec<f64>,
    labels: Vec<u32>,
    inertia: f64,
    restart_inertias: Vec<f64>,
    iterations: usize,
    converged: bool,
    info: FitInfo,
) -> KMeansFit {
    let centroids = centres
        .chunks_exact(data.d)
        .map(|c| c.iter().zip(&data.mean).map(|(v, m)| v + m).collect())
        .collect();
    KMeansFit {
        model: FittedKMeans { centroids },
        labels: labels.iter().map(|&l| l as i32).collect(),
        info: FitInfo { iterations, converged, ..info },
        inertia,
        restart_inertias,
    }
}
