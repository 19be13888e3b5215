//! Variational inference loop of the Bayesian Gaussian mixture, as scikit-learn's
//! `BayesianGaussianMixture.fit`: each restart starts from the hard labels of one k-means run, alternates
//! E and variational M steps until the lower bound changes by less than `tol`; the restart with the highest
//! lower bound wins; hitting `max_iter` gives `converged: false`, not an error.

use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

use super::error::{BayesGmmError, Result};
use super::model::FittedBayesGmm;
use super::params::BayesGmmValidParams;
use super::vb::{lower_bound, m_step, Priors};
use crate::engine::cluster::common::FitInfo;
use crate::engine::cluster::gmm::{argmax_rows, kmeans_resp, responsibilities, Rows, CHUNK};
use crate::engine::progress::{tick, Monitor};
use crate::engine::rng::{sub_rng, Rng};

/// Everything a Bayesian Gaussian mixture fit produces.
#[derive(Debug, Clone)]
pub struct BayesGmmFit {
    /// The model to save and to score new rows with.
    pub model: FittedBayesGmm,
    /// Most probable component of each training row.
    pub labels: Vec<i32>,
    /// Iterations, convergence, time and notes of the best restart.
    pub info: FitInfo,
    /// Final variational lower bound of the best restart (scikit-learn's `lower_bound_`).
    pub lower_bound: f64,
    /// Final lower bound of every restart, in order.
    pub restart_lower_bounds: Vec<f64>,
    /// Components with expected weight above 1 %.
    pub effective_components: usize,
    /// Responsibilities of the training rows, `n × k`.
    pub proba: Array2<f64>,
}

impl BayesGmmFit {
    /// Expected mixing weights.
    pub fn weights(&self) -> &[f64] {
        &self.model.weights
    }
    /// Posterior means, `k × d`.
    pub fn means(&self) -> Array2<f64> {
        let (k, d) = (self.model.n_components(), self.model.n_features());
        Array2::from_shape_vec((k, d), self.model.means.concat()).expect("k × d")
    }
    /// Responsibilities of the training rows.
    pub fn predict_proba(&self) -> &Array2<f64> {
        &self.proba
    }
}

/// Σ r log r over all responsibilities (0 log 0 = 0), summed per chunk in order.
fn neg_entropy(resp: &[f64], k: usize) -> f64 {
    let parts: Vec<f64> = resp
        .par_chunks(CHUNK * k)
        .map(|c| c.iter().map(|&r| if r > 0.0 { r * r.ln() } else { 0.0 }).sum::<f64>())
        .collect();
    parts.iter().sum()
}

/// One restart's outcome: model, final lower bound, iterations, converged.
type Restart = (FittedBayesGmm, f64, usize, bool);

impl BayesGmmValidParams {
    /// Fits the mixture to the rows of `x` (`n_init` restarts, each from one k-means run).
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<BayesGmmFit> {
        self.fit_inner(x, None, monitor)
    }

    /// Fits one run starting from given hard labels in `0..n_components` (e.g. another clustering, or the
    /// k-means labels scikit-learn started from); `n_init` and `seed` are not used.
    pub fn fit_from_labels(
        &self,
        x: ArrayView2<f64>,
        labels: &[usize],
        monitor: &mut dyn Monitor,
    ) -> Result<BayesGmmFit> {
        let k = self.0.n_components;
        if labels.len() != x.nrows() || labels.iter().any(|&l| l >= k) {
            return Err(BayesGmmError::BadInitLabels { len: labels.len(), rows: x.nrows(), n_components: k });
        }
        let mut resp = vec![0.0; x.nrows() * k];
        labels.iter().enumerate().for_each(|(i, &l)| resp[i * k + l] = 1.0);
        self.fit_inner(x, Some(resp), monitor)
    }

    #[allow(clippy::too_many_arguments)]
    fn restart(
        &self,
        rows: &Rows,
        priors: &Priors,
        init: &[f64],
        r: usize,
        resp: &mut [f64],
        repairs: &mut usize,
        monitor: &mut dyn Monitor,
    ) -> Result<Restart> {
        let p = &self.0;
        let k = p.n_components;
        let (mut model, mut prec) = m_step(rows, init, p, priors, repairs);
        let (mut lb, mut converged, mut iters) = (f64::NEG_INFINITY, false, 0);
        for it in 1..=p.max_iter {
            tick(monitor, "bayesian gaussian mixture", r * p.max_iter + it, p.n_init * p.max_iter, 1)?;
            let off = model.offsets(&prec);
            responsibilities(rows, &model.means.concat(), &prec, &off, resp);
            (model, prec) = m_step(rows, resp, p, priors, repairs);
            let new = lower_bound(&model, &prec, p.covariance_type, neg_entropy(resp, k));
            let change = new - lb;
            lb = new;
            iters = it;
            if change.abs() < p.tol {
                converged = true;
                break;
            }
        }
        Ok((model, lb, iters, converged))
    }

    fn fit_inner(
        &self,
        x: ArrayView2<f64>,
        given: Option<Vec<f64>>,
        monitor: &mut dyn Monitor,
    ) -> Result<BayesGmmFit> {
        let p = &self.0;
        let start = monitor.now_ms();
        let rows = Rows::new(x)?;
        let k = p.n_components;
        if k > rows.n {
            return Err(BayesGmmError::TooManyComponents { n_components: k, n_rows: rows.n });
        }
        let priors = Priors::resolve(p, &rows)?;
        let mut best: Option<Restart> = None;
        let mut bounds = Vec::with_capacity(p.n_init);
        let mut repairs = 0;
        let mut resp = vec![0.0; rows.n * k];
        let runs = if given.is_some() { 1 } else { p.n_init };
        for r in 0..runs {
            let init = match &given {
                Some(g) => g.clone(),
                None => kmeans_resp(x, k, sub_rng(p.seed, r as u64).gen::<u64>(), monitor)?,
            };
            let out = self.restart(&rows, &priors, &init, r, &mut resp, &mut repairs, monitor)?;
            bounds.push(out.1);
            if best.as_ref().is_none_or(|b| out.1 > b.1) {
                best = Some(out);
            }
        }
        let (model, lower_bound, iterations, converged) = best.expect("n_init >= 1 was checked");
        let prec = model.precisions();
        let off = model.offsets(&prec);
        responsibilities(&rows, &model.means.concat(), &prec, &off, &mut resp);
        let labels = argmax_rows(&resp, k);
        let effective = model.effective_components();
        let mut notes = vec![format!(
            "{runs} restart(s) from {}; {effective} of {k} components carry more than 1 % of the weight",
            if given.is_some() { "given labels" } else { "k-means" }
        )];
        if !converged {
            notes.push(format!("the best restart reached max_iter = {} before the tolerance", p.max_iter));
        }
        if repairs > 0 {
            notes.push(format!(
                "{repairs} covariance(s) needed extra regularisation to stay positive definite"
            ));
        }
        monitor.progress("bayesian gaussian mixture", 1.0);
        Ok(BayesGmmFit {
            model,
            labels,
            info: FitInfo { iterations, converged, elapsed_ms: monitor.now_ms() - start, notes },
            lower_bound,
            restart_lower_bounds: bounds,
            effective_components: effective,
            proba: Array2::from_shape_vec((rows.n, k), resp).expect("n × k"),
        })
    }
}
