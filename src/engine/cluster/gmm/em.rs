//! Expectation–maximisation for the Gaussian mixture, as scikit-learn's `GaussianMixture.fit`: each restart
//! starts from the hard labels of one k-means run, iterates E and M steps until the mean log-likelihood
//! changes by less than `tol`, and the restart with the highest final lower bound wins. A restart that hits
//! `max_iter` is kept with `converged: false` rather than failing.

use ndarray::{Array2, ArrayView2};

use super::covariance::{precision_factors, Covariances, Precisions};
use super::data::Rows;
use super::error::{GmmError, Result};
use super::estep::{argmax_rows, responsibilities};
use super::model::FittedGmm;
use super::params::GmmValidParams;
use super::stats::estimate;
use crate::engine::cluster::common::FitInfo;
use crate::engine::cluster::kmeans::{KMeansError, KMeansParams};
use crate::engine::progress::{tick, Monitor};
use crate::engine::rng::{sub_rng, Rng};

/// Everything a Gaussian mixture fit produces.
#[derive(Debug, Clone)]
pub struct GmmFit {
    /// The model to save and to score new rows with.
    pub model: FittedGmm,
    /// Most probable component of each training row.
    pub labels: Vec<i32>,
    /// Iterations, convergence, time and notes of the best restart.
    pub info: FitInfo,
    /// Mean log-likelihood at the last E-step of the best restart (scikit-learn's `lower_bound_`).
    pub lower_bound: f64,
    /// Mean log-likelihood of the training rows under the final model (scikit-learn's `score(X)`).
    pub score: f64,
    /// Bayesian information criterion on the training rows.
    pub bic: f64,
    /// Akaike information criterion on the training rows.
    pub aic: f64,
    /// Final lower bound of every restart, in order.
    pub restart_lower_bounds: Vec<f64>,
    /// Posterior probabilities of the training rows, `n × k`.
    pub proba: Array2<f64>,
}

impl GmmFit {
    /// Mixing weights.
    pub fn weights(&self) -> &[f64] {
        &self.model.weights
    }
    /// Means, `k × d`.
    pub fn means(&self) -> Array2<f64> {
        let (k, d) = (self.model.n_components(), self.model.n_features());
        Array2::from_shape_vec((k, d), self.model.flat_means()).expect("k × d")
    }
    /// Covariances in the shape of the covariance type.
    pub fn covariances(&self) -> &Covariances {
        &self.model.covariances
    }
    /// Posterior probabilities of the training rows.
    pub fn predict_proba(&self) -> &Array2<f64> {
        &self.proba
    }
}

/// One parameter set during EM.
pub(crate) struct State {
    pub model: FittedGmm,
    pub prec: Precisions,
}

/// M-step: parameters from responsibilities. `weights` are `nk / n_norm`.
fn m_step(rows: &Rows, resp: &[f64], p: &GmmValidParams, normalise: bool, repairs: &mut usize) -> State {
    let (k, d) = (p.0.n_components, rows.d);
    let s = estimate(rows, resp, k, p.0.covariance_type, p.0.reg_covar);
    let total: f64 = if normalise { s.nk.iter().sum() } else { rows.n as f64 };
    let mut cov = s.cov;
    let (pc, rep) = precision_factors(&mut cov, d, p.0.reg_covar);
    *repairs += rep;
    let prec = Precisions::from_cholesky(&pc, k, d);
    let model = FittedGmm {
        weights: s.nk.iter().map(|v| v / total).collect(),
        means: s.means.chunks_exact(d).map(<[f64]>::to_vec).collect(),
        covariances: cov,
        precisions_cholesky: pc,
    };
    State { model, prec }
}

/// One-hot responsibilities from one k-means run (scikit-learn's `init_params="kmeans"`).
pub(crate) fn kmeans_resp(
    x: ArrayView2<f64>,
    k: usize,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> std::result::Result<Vec<f64>, KMeansError> {
    // plain Lloyd, as scikit-learn initialises its mixtures (the loglik tests compare with its init)
    let km =
        KMeansParams::new(k).with_n_init(1).with_seed(seed).with_refine(false).check()?.fit(x, monitor)?;
    let mut resp = vec![0.0; x.nrows() * k];
    km.labels.iter().enumerate().for_each(|(i, &l)| resp[i * k + l as usize] = 1.0);
    Ok(resp)
}

fn from_kmeans(e: KMeansError) -> GmmError {
    match e {
        KMeansError::Cancelled(c) => GmmError::Cancelled(c),
        _ => GmmError::BadParameters("k-means initialisation failed"),
    }
}

impl GmmValidParams {
    /// Fits the mixture to the rows of `x` (`n_init` restarts, each from one k-means run).
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<GmmFit> {
        self.fit_inner(x, None, monitor)
    }

    /// Fits one restart per given labelling (hard labels in `0..n_components`, one per row), e.g. the
    /// k-means labels scikit-learn started from; `n_init` and `seed` are not used.
    pub fn fit_from_labels(
        &self,
        x: ArrayView2<f64>,
        inits: &[Vec<usize>],
        monitor: &mut dyn Monitor,
    ) -> Result<GmmFit> {
        let k = self.0.n_components;
        let bad = inits.is_empty() || inits.iter().any(|l| l.len() != x.nrows() || l.iter().any(|&v| v >= k));
        if bad {
            return Err(GmmError::BadParameters("init labels must be one per row, each in 0..n_components"));
        }
        let resp = inits
            .iter()
            .map(|l| {
                let mut r = vec![0.0; x.nrows() * k];
                l.iter().enumerate().for_each(|(i, &v)| r[i * k + v] = 1.0);
                r
            })
            .collect();
        self.fit_inner(x, Some(resp), monitor)
    }

    fn fit_inner(
        &self,
        x: ArrayView2<f64>,
        given: Option<Vec<Vec<f64>>>,
        monitor: &mut dyn Monitor,
    ) -> Result<GmmFit> {
        let p = &self.0;
        let start = monitor.now_ms();
        let rows = Rows::new(x)?;
        let k = p.n_components;
        if k > rows.n {
            return Err(GmmError::TooManyComponents { n_components: k, n_rows: rows.n });
        }
        let runs = given.as_ref().map_or(p.n_init, Vec::len);
        let mut best: Option<(State, f64, usize, bool)> = None;
        let mut bounds = Vec::with_capacity(runs);
        let mut repairs = 0;
        let mut resp = vec![0.0; rows.n * k];
        for r in 0..runs {
            let init = match &given {
                Some(g) => g[r].clone(),
                None => {
                    kmeans_resp(x, k, sub_rng(p.seed, r as u64).gen::<u64>(), monitor).map_err(from_kmeans)?
                }
            };
            let mut st = m_step(&rows, &init, self, false, &mut repairs);
            let (mut lb, mut converged, mut iters) = (f64::NEG_INFINITY, false, 0);
            for it in 1..=p.max_iter {
                tick(monitor, "gaussian mixture", r * p.max_iter + it, runs * p.max_iter, 1)?;
                let off = st.model.offsets(&st.prec);
                let ll = responsibilities(&rows, &st.model.flat_means(), &st.prec, &off, &mut resp)
                    / rows.n as f64;
                st = m_step(&rows, &resp, self, true, &mut repairs);
                let change = ll - lb;
                lb = ll;
                iters = it;
                if change.abs() < p.tol {
                    converged = true;
                    break;
                }
            }
            bounds.push(lb);
            if best.as_ref().is_none_or(|b| lb > b.1) {
                best = Some((st, lb, iters, converged));
            }
        }
        let (st, lower_bound, iterations, converged) = best.expect("n_init >= 1 was checked");
        let model = st.model;
        let off = model.offsets(&st.prec);
        let score = responsibilities(&rows, &model.flat_means(), &st.prec, &off, &mut resp) / rows.n as f64;
        let labels = argmax_rows(&resp, k);
        let n = rows.n as f64;
        let np = model.n_parameters() as f64;
        let mut notes = vec![format!(
            "{runs} restart(s) from {}; best lower bound {lower_bound:.6} after {iterations} EM iteration(s)",
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
        monitor.progress("gaussian mixture", 1.0);
        Ok(GmmFit {
            model,
            labels,
            info: FitInfo { iterations, converged, elapsed_ms: monitor.now_ms() - start, notes },
            lower_bound,
            score,
            bic: -2.0 * score * n + np * n.ln(),
            aic: -2.0 * score * n + 2.0 * np,
            restart_lower_bounds: bounds,
            proba: Array2::from_shape_vec((rows.n, k), resp).expect("n × k"),
        })
    }
}
