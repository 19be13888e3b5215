//! The M-step statistics both mixtures share (scikit-learn's `_estimate_gaussian_parameters`):
//! soft counts `nk` (+10ε), soft means, and soft covariances of the requested shape plus `reg_covar`.
//! Two passes (means, then centred scatter) for accuracy; per-chunk sums are reduced in chunk order.

use rayon::prelude::*;

use super::covariance::Covariances;
use super::data::{Rows, CHUNK};
use super::params::CovarianceType;

/// Soft counts, means (`k × d`) and covariances.
pub(crate) struct Stats {
    pub nk: Vec<f64>,
    pub means: Vec<f64>,
    pub cov: Covariances,
}

fn add(a: Vec<f64>, b: &Vec<f64>) -> Vec<f64> {
    a.into_iter().zip(b).map(|(x, y)| x + y).collect()
}

/// Estimates the statistics from responsibilities `resp` (`n × k`).
pub(crate) fn estimate(rows: &Rows, resp: &[f64], k: usize, ty: CovarianceType, reg: f64) -> Stats {
    let d = rows.d;
    // pass 1: nk and Σ r x
    let parts: Vec<Vec<f64>> = resp
        .par_chunks(CHUNK * k)
        .enumerate()
        .map(|(c, r)| {
            let mut acc = vec![0.0; k + k * d];
            for (o, ri) in r.chunks_exact(k).enumerate() {
                let x = rows.row(c * CHUNK + o);
                for j in 0..k {
                    acc[j] += ri[j];
                    let s = &mut acc[k + j * d..k + (j + 1) * d];
                    s.iter_mut().zip(x).for_each(|(a, v)| *a += ri[j] * v);
                }
            }
            acc
        })
        .collect();
    let acc = parts.iter().fold(vec![0.0; k + k * d], add);
    let nk: Vec<f64> = acc[..k].iter().map(|v| v + 10.0 * f64::EPSILON).collect();
    let mut means = acc[k..].to_vec();
    for j in 0..k {
        means[j * d..(j + 1) * d].iter_mut().for_each(|v| *v /= nk[j]);
    }

    // pass 2: centred scatter (full matrix lower triangle, or diagonal)
    let full = matches!(ty, CovarianceType::Full | CovarianceType::Tied);
    let width = if full { d * d } else { d };
    let parts: Vec<Vec<f64>> = resp
        .par_chunks(CHUNK * k)
        .enumerate()
        .map(|(c, r)| {
            let mut acc = vec![0.0; k * width];
            let mut diff = vec![0.0; d];
            for (o, ri) in r.chunks_exact(k).enumerate() {
                let x = rows.row(c * CHUNK + o);
                for j in 0..k {
                    let w = ri[j];
                    if w == 0.0 {
                        continue;
                    }
                    diff.iter_mut().zip(x).zip(&means[j * d..(j + 1) * d]).for_each(|((t, a), m)| *t = a - m);
                    let s = &mut acc[j * width..(j + 1) * width];
                    if full {
                        for a in 0..d {
                            let wa = w * diff[a];
                            for b in 0..=a {
                                s[a * d + b] += wa * diff[b];
                            }
                        }
                    } else {
                        s.iter_mut().zip(&diff).for_each(|(v, t)| *v += w * t * t);
                    }
                }
            }
            acc
        })
        .collect();
    let scatter = parts.iter().fold(vec![0.0; k * width], add);
    let sym = |m: &mut [f64]| {
        for a in 0..d {
            for b in 0..a {
                m[b * d + a] = m[a * d + b];
            }
        }
    };
    let cov = match ty {
        CovarianceType::Full => Covariances::Full(
            (0..k)
                .map(|j| {
                    let mut m: Vec<f64> =
                        scatter[j * width..(j + 1) * width].iter().map(|v| v / nk[j]).collect();
                    sym(&mut m);
                    (0..d).for_each(|a| m[a * d + a] += reg);
                    m
                })
                .collect(),
        ),
        CovarianceType::Tied => {
            let total: f64 = nk.iter().sum();
            let mut m = vec![0.0; d * d];
            for j in 0..k {
                m.iter_mut().zip(&scatter[j * width..(j + 1) * width]).for_each(|(a, v)| *a += v);
            }
            m.iter_mut().for_each(|v| *v /= total);
            sym(&mut m);
            (0..d).for_each(|a| m[a * d + a] += reg);
            Covariances::Tied(m)
        }
        CovarianceType::Diag | CovarianceType::Spherical => {
            let diag: Vec<Vec<f64>> = (0..k)
                .map(|j| scatter[j * d..(j + 1) * d].iter().map(|v| v / nk[j] + reg).collect())
                .collect();
            if ty == CovarianceType::Diag {
                Covariances::Diag(diag)
            } else {
                Covariances::Spherical(diag.iter().map(|v| v.iter().sum::<f64>() / d as f64).collect())
            }
        }
    };
    Stats { nk, means, cov }
}
