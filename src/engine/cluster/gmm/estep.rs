//! The numerically stable E-step shared by the Gaussian and Bayesian mixtures: per-component log densities
//! from precision Cholesky factors, normalised with log-sum-exp (never exponentiating an unshifted log
//! density, so tight clusters cannot overflow to NaN).

use rayon::prelude::*;

use super::covariance::{Factor, Precisions};
use super::data::{Rows, CHUNK};

/// `−½‖(x − μ) U‖²` for one row and component.
#[inline]
fn half_mahalanobis(x: &[f64], mu: &[f64], f: &Factor, y: &mut [f64]) -> f64 {
    let d = x.len();
    match f {
        Factor::Upper(u) => {
            y.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..d {
                let di = x[i] - mu[i];
                let ui = &u[i * d..(i + 1) * d];
                for j in i..d {
                    y[j] += di * ui[j];
                }
            }
            -0.5 * y.iter().map(|v| v * v).sum::<f64>()
        }
        Factor::Diag(p) => {
            let mut s = 0.0;
            for i in 0..d {
                let t = (x[i] - mu[i]) * p[i];
                s += t * t;
            }
            -0.5 * s
        }
    }
}

/// Writes `log p(x_i, j) = −½‖y‖² + offset_j` into `out` (row-major `n × k`).
fn log_joint_rows(
    rows: &Rows,
    means: &[f64],
    prec: &Precisions,
    offset: &[f64],
    first: usize,
    out: &mut [f64],
) {
    let (d, k) = (rows.d, offset.len());
    let mut y = vec![0.0; d];
    for (o, lp) in out.chunks_exact_mut(k).enumerate() {
        let x = rows.row(first + o);
        for j in 0..k {
            lp[j] = half_mahalanobis(x, &means[j * d..(j + 1) * d], &prec.factors[j], &mut y) + offset[j];
        }
    }
}

/// Turns one row of log joint probabilities into responsibilities in place; returns their log-sum-exp.
#[inline]
fn normalise(lp: &mut [f64]) -> f64 {
    let m = lp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        // every component impossible: spread evenly rather than produce NaN
        let u = 1.0 / lp.len() as f64;
        lp.iter_mut().for_each(|v| *v = u);
        return m;
    }
    let s: f64 = lp.iter().map(|v| (v - m).exp()).sum();
    let lse = m + s.ln();
    lp.iter_mut().for_each(|v| *v = (*v - lse).exp());
    lse
}

/// E-step: fills `resp` (`n × k`) with responsibilities and returns the sum over rows of
/// `log Σ_j exp(log p(x_i, j))`. `offset_j` holds every term of the log joint that does not depend on x.
pub(crate) fn responsibilities(
    rows: &Rows,
    means: &[f64],
    prec: &Precisions,
    offset: &[f64],
    resp: &mut [f64],
) -> f64 {
    let k = offset.len();
    let parts: Vec<f64> = resp
        .par_chunks_mut(CHUNK * k)
        .enumerate()
        .map(|(c, out)| {
            log_joint_rows(rows, means, prec, offset, c * CHUNK, out);
            out.chunks_exact_mut(k).map(normalise).sum::<f64>()
        })
        .collect();
    parts.iter().sum()
}

/// Per-row `log Σ_j exp(log p(x_i, j))` (scikit-learn's `score_samples`).
pub(crate) fn log_likelihoods(rows: &Rows, means: &[f64], prec: &Precisions, offset: &[f64]) -> Vec<f64> {
    let k = offset.len();
    let mut resp = vec![0.0; rows.n * k];
    let mut out = vec![0.0; rows.n];
    resp.par_chunks_mut(CHUNK * k).zip(out.par_chunks_mut(CHUNK)).enumerate().for_each(|(c, (r, o))| {
        log_joint_rows(rows, means, prec, offset, c * CHUNK, r);
        r.chunks_exact_mut(k).zip(o).for_each(|(lp, v)| *v = normalise(lp));
    });
    out
}

/// Index of the largest responsibility per row (lowest index on ties).
pub(crate) fn argmax_rows(resp: &[f64], k: usize) -> Vec<i32> {
    resp.chunks_exact(k).map(|r| (0..k).fold(0, |b, j| if r[j] > r[b] { j } else { b }) as i32).collect()
}
