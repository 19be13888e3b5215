//! The variational M-step and lower bound of scikit-learn's `BayesianGaussianMixture` (Bishop ch. 10 with
//! scikit-learn's normalisation of the Wishart scale by the degrees of freedom), and the priors resolved
//! from the data.

use super::error::{BayesGmmError, Result};
use super::model::FittedBayesGmm;
use super::params::{BayesGmmParams, WeightPrior};
use super::special::{betaln, lgamma};
use crate::engine::cluster::gmm::linalg::cholesky;
use crate::engine::cluster::gmm::{
    estimate, precision_factors, CovarianceType, Covariances, Precisions, Rows,
};

/// Priors with the data-dependent defaults filled in.
pub(crate) struct Priors {
    pub weight_concentration: f64,
    pub mean_precision: f64,
    pub mean: Vec<f64>,
    pub dof: f64,
    /// `d × d` (full, tied), `d` (diag) or 1 (spherical) values.
    pub covariance: Vec<f64>,
}

impl Priors {
    pub fn resolve(p: &BayesGmmParams, rows: &Rows) -> Result<Self> {
        let (n, d) = (rows.n, rows.d);
        let mut mean = vec![0.0; d];
        rows.x.chunks_exact(d).for_each(|r| mean.iter_mut().zip(r).for_each(|(m, v)| *m += v));
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let mean = match &p.mean_prior {
            Some(m) if m.len() == d && m.iter().all(|v| v.is_finite()) => m.clone(),
            Some(m) => return Err(BayesGmmError::BadMeanPrior { expected: d, got: m.len() }),
            None => mean,
        };
        let min = d as f64 - 1.0;
        let dof = p.degrees_of_freedom_prior.unwrap_or(d as f64);
        if dof <= min {
            return Err(BayesGmmError::BadDegreesOfFreedom { got: dof, min });
        }
        let expected = match p.covariance_type {
            CovarianceType::Full | CovarianceType::Tied => d * d,
            CovarianceType::Diag => d,
            _ => 1,
        };
        let covariance = match &p.covariance_prior {
            Some(c) => {
                let ok = c.len() == expected
                    && match expected {
                        e if e == d * d && d > 1 => cholesky(c, d).is_some(),
                        _ => c.iter().all(|v| v.is_finite() && *v > 0.0),
                    };
                if !ok {
                    return Err(BayesGmmError::BadCovariancePrior { expected, got: c.len() });
                }
                c.clone()
            }
            None => data_covariance(rows, p.covariance_type),
        };
        Ok(Self {
            weight_concentration: p.weight_concentration_prior.unwrap_or(1.0 / p.n_components as f64),
            mean_precision: p.mean_precision_prior.unwrap_or(1.0),
            mean,
            dof,
            covariance,
        })
    }
}

/// The data covariance (ddof = 1, as `np.cov`) in the shape of `ty`.
fn data_covariance(rows: &Rows, ty: CovarianceType) -> Vec<f64> {
    let (n, d) = (rows.n, rows.d);
    let mut mean = vec![0.0; d];
    rows.x.chunks_exact(d).for_each(|r| mean.iter_mut().zip(r).for_each(|(m, v)| *m += v));
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let mut c = vec![0.0; d * d];
    for r in rows.x.chunks_exact(d) {
        for a in 0..d {
            for b in 0..d {
                c[a * d + b] += (r[a] - mean[a]) * (r[b] - mean[b]);
            }
        }
    }
    let denom = (n.max(2) - 1) as f64;
    c.iter_mut().for_each(|v| *v /= denom);
    let diag: Vec<f64> = (0..d).map(|a| c[a * d + a]).collect();
    match ty {
        CovarianceType::Full | CovarianceType::Tied => c,
        CovarianceType::Diag => diag,
        _ => vec![diag.iter().sum::<f64>() / d as f64],
    }
}

/// The variational M-step (scikit-learn's `_m_step` / `_initialize`) from responsibilities `resp`.
pub(crate) fn m_step(
    rows: &Rows,
    resp: &[f64],
    p: &BayesGmmParams,
    pr: &Priors,
    repairs: &mut usize,
) -> (FittedBayesGmm, Precisions) {
    let (k, d) = (p.n_components, rows.d);
    let s = estimate(rows, resp, k, p.covariance_type, p.reg_covar);
    let nk = &s.nk;
    let (a, b): (Vec<f64>, Vec<f64>) = match p.weight_concentration_prior_type {
        WeightPrior::DirichletProcess => {
            let mut tail = 0.0;
            let mut b = vec![0.0; k];
            for j in (0..k).rev() {
                b[j] = pr.weight_concentration + tail;
                tail += nk[j];
            }
            (nk.iter().map(|v| 1.0 + v).collect(), b)
        }
        WeightPrior::DirichletDistribution => {
            (nk.iter().map(|v| pr.weight_concentration + v).collect(), vec![])
        }
    };
    let beta: Vec<f64> = nk.iter().map(|v| pr.mean_precision + v).collect();
    let xk = &s.means;
    let means: Vec<Vec<f64>> = (0..k)
        .map(|j| (0..d).map(|i| (pr.mean_precision * pr.mean[i] + nk[j] * xk[j * d + i]) / beta[j]).collect())
        .collect();
    let diff = |j: usize| -> Vec<f64> { (0..d).map(|i| xk[j * d + i] - pr.mean[i]).collect() };
    let (dof, mut cov) = match &s.cov {
        Covariances::Full(sk) => {
            let dof: Vec<f64> = nk.iter().map(|v| pr.dof + v).collect();
            let cov = (0..k)
                .map(|j| {
                    let df = diff(j);
                    let f = nk[j] * pr.mean_precision / beta[j];
                    (0..d * d)
                        .map(|t| (pr.covariance[t] + nk[j] * sk[j][t] + f * df[t / d] * df[t % d]) / dof[j])
                        .collect()
                })
                .collect();
            (dof, Covariances::Full(cov))
        }
        Covariances::Tied(sk) => {
            let total: f64 = nk.iter().sum();
            let nu = pr.dof + total / k as f64;
            let mut c: Vec<f64> = (0..d * d).map(|t| pr.covariance[t] + sk[t] * total / k as f64).collect();
            for j in 0..k {
                let df = diff(j);
                let f = pr.mean_precision / k as f64 * nk[j] / beta[j];
                (0..d * d).for_each(|t| c[t] += f * df[t / d] * df[t % d]);
            }
            c.iter_mut().for_each(|v| *v /= nu);
            (vec![nu; k], Covariances::Tied(c))
        }
        Covariances::Diag(sk) => {
            let dof: Vec<f64> = nk.iter().map(|v| pr.dof + v).collect();
            let cov = (0..k)
                .map(|j| {
                    let df = diff(j);
                    let f = pr.mean_precision / beta[j];
                    (0..d)
                        .map(|i| (pr.covariance[i] + nk[j] * (sk[j][i] + f * df[i] * df[i])) / dof[j])
                        .collect()
                })
                .collect();
            (dof, Covariances::Diag(cov))
        }
        Covariances::Spherical(sk) => {
            let dof: Vec<f64> = nk.iter().map(|v| pr.dof + v).collect();
            let cov = (0..k)
                .map(|j| {
                    let df = diff(j);
                    let msq = df.iter().map(|v| v * v).sum::<f64>() / d as f64;
                    (pr.covariance[0] + nk[j] * (sk[j] + pr.mean_precision / beta[j] * msq)) / dof[j]
                })
                .collect();
            (dof, Covariances::Spherical(cov))
        }
    };
    let (pc, rep) = precision_factors(&mut cov, d, p.reg_covar);
    *repairs += rep;
    let prec = Precisions::from_cholesky(&pc, k, d);
    let weights = expected_weights(p.weight_concentration_prior_type, &a, &b);
    let model = FittedBayesGmm {
        weight_prior: p.weight_concentration_prior_type,
        weight_concentration: a,
        weight_concentration_b: b,
        mean_precision: beta,
        means,
        degrees_of_freedom: dof,
        covariances: cov,
        precisions_cholesky: pc,
        weights,
    };
    (model, prec)
}

/// Expected weights of the posterior (scikit-learn's `_set_parameters`).
fn expected_weights(prior: WeightPrior, a: &[f64], b: &[f64]) -> Vec<f64> {
    let w: Vec<f64> = match prior {
        WeightPrior::DirichletProcess => {
            let mut stick = 1.0;
            (0..a.len())
                .map(|j| {
                    let s = a[j] + b[j];
                    let v = a[j] / s * stick;
                    stick *= b[j] / s;
                    v
                })
                .collect()
        }
        WeightPrior::DirichletDistribution => a.to_vec(),
    };
    let total: f64 = w.iter().sum();
    w.iter().map(|v| v / total).collect()
}

/// The variational lower bound up to constants (scikit-learn's `_compute_lower_bound`); `neg_entropy` is
/// Σ r log r of the responsibilities it was computed from.
pub(crate) fn lower_bound(
    m: &FittedBayesGmm,
    prec: &Precisions,
    ty: CovarianceType,
    neg_entropy: f64,
) -> f64 {
    let d = m.n_features();
    let df = d as f64;
    let wishart = |j: usize| {
        let nu = m.degrees_of_freedom[j];
        let ldc = prec.log_det[j] - 0.5 * df * nu.ln();
        -(nu * ldc + nu * df * 0.5 * 2f64.ln() + (0..d).map(|i| lgamma(0.5 * (nu - i as f64))).sum::<f64>())
    };
    let k = m.n_components();
    let log_wishart =
        if ty == CovarianceType::Tied { k as f64 * wishart(0) } else { (0..k).map(wishart).sum() };
    let a = &m.weight_concentration;
    let log_norm_weight = match m.weight_prior {
        WeightPrior::DirichletProcess => {
            -(0..k).map(|j| betaln(a[j], m.weight_concentration_b[j])).sum::<f64>()
        }
        WeightPrior::DirichletDistribution => {
            lgamma(a.iter().sum()) - a.iter().map(|&c| lgamma(c)).sum::<f64>()
        }
    };
    -neg_entropy
        - log_wishart
        - log_norm_weight
        - 0.5 * df * m.mean_precision.iter().map(|v| v.ln()).sum::<f64>()
}
