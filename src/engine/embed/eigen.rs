//! Eigenvalues and eigenvectors of a symmetric matrix (a covariance): the PCA map's and the t-SNE start's.
//! All of them by cyclic Jacobi rotations, or the few leading ones by subspace iteration when the matrix is
//! wide: Jacobi is exact but O(d³) per sweep, and one-hot columns easily make d several hundred (a 387 × 210
//! genetics file became 624 features: its map took 10 s in Jacobi; `wide_data_takes_the_leading_pairs_fast`).

use crate::engine::rng::{rng, Rng};

/// The sweeps stop once the off-diagonal squares sum to at most this share of the diagonal's (about 1e-12
/// of the diagonal per entry: eigenvalues exact to rounding, vectors to ~1e-12). The earlier 1e-30 sat at
/// the rounding floor of wide matrices and took one or two sweeps more (0.8 s each at 624 features: the
/// whole run on that file went from 19.9 to 18.2 s with this alone; `wide_matrices_converge_in_a_few_sweeps`).
const TOLERANCE: f64 = 1e-24;
const MAX_SWEEPS: usize = 100;
/// Above this many rows [`leading_eigen`] iterates on a subspace instead of diagonalising.
const JACOBI_MAX: usize = 64;
/// Extra vectors iterated beside the wanted ones (they speed the convergence of the wanted ones).
const OVERSAMPLE: usize = 10;
/// A leading pair is converged when its residual ‖A u − θ u‖ is at most this share of the largest θ.
const RESIDUAL: f64 = 1e-11;
const MAX_ITERATIONS: usize = 2000;

/// The `k` largest eigenvalues of the row-major symmetric `d × d` matrix `a` with their unit eigenvectors,
/// largest first (equal values by position): all pairs by Jacobi up to [`JACOBI_MAX`] rows, else subspace
/// iteration with Rayleigh–Ritz steps from a fixed random start (deterministic).
pub(crate) fn leading_eigen(a: Vec<f64>, d: usize, k: usize) -> Vec<(f64, Vec<f64>)> {
    let k = k.min(d);
    if d <= JACOBI_MAX {
        let (values, vectors) = symmetric_eigen(a, d);
        let column = |j: usize| (0..d).map(|i| vectors[i * d + j]).collect();
        return largest_first(&values, k).map(|j| (values[j], column(j))).collect();
    }
    subspace(&a, d, k).0
}

/// The positions of the `k` largest of `values`, largest first (equal values by position).
fn largest_first(values: &[f64], k: usize) -> impl Iterator<Item = usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order.into_iter().take(k)
}

/// The `k` leading pairs by subspace iteration, and the iterations it took.
fn subspace(a: &[f64], d: usize, k: usize) -> (Vec<(f64, Vec<f64>)>, usize) {
    let m = (k + OVERSAMPLE).min(d);
    let mut r = rng(0x9ca);
    let mut random = move || -> Vec<f64> { (0..d).map(|_| r.gen::<f64>() - 0.5).collect() };
    let mut basis: Vec<Vec<f64>> = (0..m).map(|_| random()).collect();
    orthonormalize(&mut basis, &mut random);
    let mut pairs = Vec::new();
    let mut iterations = 0;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let images: Vec<Vec<f64>> = basis.iter().map(|v| times(a, d, v)).collect();
        // The Ritz pairs: the eigenpairs of the basis' image in itself.
        let mut ritz = vec![0.0; m * m];
        for i in 0..m {
            for j in i..m {
                let t = 0.5 * (dot(&basis[i], &images[j]) + dot(&basis[j], &images[i]));
                (ritz[i * m + j], ritz[j * m + i]) = (t, t);
            }
        }
        let (theta, w) = symmetric_eigen(ritz, m);
        let order: Vec<usize> = largest_first(&theta, m).collect();
        let mix = |vs: &[Vec<f64>], j: usize| -> Vec<f64> {
            (0..d).map(|t| (0..m).map(|i| vs[i][t] * w[i * m + j]).sum()).collect()
        };
        let vectors: Vec<Vec<f64>> = order.iter().map(|&j| mix(&basis, j)).collect();
        let mapped: Vec<Vec<f64>> = order.iter().map(|&j| mix(&images, j)).collect();
        let top = theta[order[0]].abs().max(f64::MIN_POSITIVE);
        let converged = (0..k).all(|i| {
            let residual: f64 =
                mapped[i].iter().zip(&vectors[i]).map(|(au, u)| (au - theta[order[i]] * u).powi(2)).sum();
            residual.sqrt() <= RESIDUAL * top
        });
        pairs = vectors.into_iter().take(k).enumerate().map(|(i, u)| (theta[order[i]], u)).collect();
        if converged {
            break;
        }
        basis = mapped;
        orthonormalize(&mut basis, &mut random);
    }
    (pairs, iterations)
}

/// `a v` for the row-major `d × d` matrix `a`.
fn times(a: &[f64], d: usize, v: &[f64]) -> Vec<f64> {
    a.chunks_exact(d).map(|row| dot(row, v)).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Modified Gram–Schmidt, twice over; a vector that vanishes against the ones before it (the matrix has
/// lower rank than the basis) is replaced by a fresh random one.
fn orthonormalize(vs: &mut [Vec<f64>], random: &mut dyn FnMut() -> Vec<f64>) {
    for i in 0..vs.len() {
        let mut attempts = 0;
        loop {
            let before = dot(&vs[i], &vs[i]).sqrt();
            for _ in 0..2 {
                for j in 0..i {
                    let c = dot(&vs[i], &vs[j]);
                    let (head, tail) = vs.split_at_mut(i);
                    tail[0].iter_mut().zip(&head[j]).for_each(|(x, y)| *x -= c * y);
                }
            }
            let norm = dot(&vs[i], &vs[i]).sqrt();
            if norm > 1e-10 * before && norm > 0.0 || attempts == 8 {
                vs[i].iter_mut().for_each(|x| *x /= norm.max(f64::MIN_POSITIVE));
                break;
            }
            vs[i] = random();
            attempts += 1;
        }
    }
}

/// Eigenvalues (in no order) and eigenvectors (the columns of the row-major `d × d` result) of the row-major
/// symmetric `d × d` matrix `a`.
pub(crate) fn symmetric_eigen(a: Vec<f64>, d: usize) -> (Vec<f64>, Vec<f64>) {
    let (values, vectors, _) = jacobi(a, d);
    (values, vectors)
}

/// [`symmetric_eigen`], and the number of sweeps it took.
fn jacobi(mut a: Vec<f64>, d: usize) -> (Vec<f64>, Vec<f64>, usize) {
    let mut v = vec![0.0; d * d];
    (0..d).for_each(|i| v[i * d + i] = 1.0);
    let mut sweeps = 0;
    while sweeps < MAX_SWEEPS {
        let mut off = 0.0;
        let mut diag = 0.0;
        for p in 0..d {
            diag += a[p * d + p] * a[p * d + p];
            off += a[p * d + p + 1..(p + 1) * d].iter().map(|x| x * x).sum::<f64>();
        }
        if off <= TOLERANCE * diag.max(f64::MIN_POSITIVE) {
            break;
        }
        sweeps += 1;
        for p in 0..d {
            for q in (p + 1)..d {
                let apq = a[p * d + q];
                if apq.abs() < f64::MIN_POSITIVE {
                    continue;
                }
                let theta = (a[q * d + q] - a[p * d + p]) / (2.0 * apq);
                let t = if theta == 0.0 {
                    1.0
                } else {
                    theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..d {
                    let (akp, akq) = (a[k * d + p], a[k * d + q]);
                    a[k * d + p] = c * akp - s * akq;
                    a[k * d + q] = s * akp + c * akq;
                }
                for k in 0..d {
                    let (apk, aqk) = (a[p * d + k], a[q * d + k]);
                    a[p * d + k] = c * apk - s * aqk;
                    a[q * d + k] = s * apk + c * aqk;
                }
                for k in 0..d {
                    let (vkp, vkq) = (v[k * d + p], v[k * d + q]);
                    v[k * d + p] = c * vkp - s * vkq;
                    v[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..d).map(|i| a[i * d + i]).collect(), v, sweeps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{rng, Rng};

    /// The covariance of `n` random rows of `d` features with unequal spreads (row-major).
    fn covariance(n: usize, d: usize, seed: u64) -> Vec<f64> {
        let mut r = rng(seed);
        let x: Vec<f64> = (0..n * d).map(|t| (r.gen::<f64>() - 0.5) * (1 + t % 7) as f64).collect();
        let mut cov = vec![0.0; d * d];
        for row in x.chunks(d) {
            for a in 0..d {
                for b in 0..d {
                    cov[a * d + b] += row[a] * row[b] / n as f64;
                }
            }
        }
        cov
    }

    #[test]
    fn eigenvalues_of_a_known_matrix() {
        let (mut values, _) = symmetric_eigen(vec![2.0, 1.0, 1.0, 2.0], 2);
        values.sort_by(f64::total_cmp);
        assert!((values[0] - 1.0).abs() < 1e-12 && (values[1] - 3.0).abs() < 1e-12);
    }

    #[test]
    fn wide_data_takes_the_leading_pairs_fast() {
        for (n, d) in [(387, 100), (300, 200), (20, 120)] {
            let a = covariance(n, d, 7 + d as u64);
            let (pairs, iterations) = subspace(&a, d, 3);
            assert!(iterations < 300, "d = {d}: {iterations} iterations");
            let (values, vectors) = symmetric_eigen(a.clone(), d);
            let exact: Vec<usize> = largest_first(&values, 3).collect();
            for (i, (value, u)) in pairs.iter().enumerate() {
                let j = exact[i];
                assert!((value - values[j]).abs() < 1e-9 * values[exact[0]], "d = {d}, pair {i}");
                let cosine: f64 = (0..d).map(|t| u[t] * vectors[t * d + j]).sum();
                assert!((cosine.abs() - 1.0).abs() < 1e-9, "d = {d}, pair {i}: cos {cosine}");
            }
        }
    }

    #[test]
    fn a_matrix_of_lower_rank_than_the_subspace() {
        // 4 rows in 100 dimensions: rank 4, below the 13 vectors iterated.
        let a = covariance(4, 100, 3);
        let (pairs, _) = subspace(&a, 100, 3);
        let (values, _) = symmetric_eigen(a, 100);
        let exact: Vec<usize> = largest_first(&values, 3).collect();
        for (i, (value, u)) in pairs.iter().enumerate() {
            assert!((value - values[exact[i]]).abs() < 1e-9 * values[exact[0]]);
            assert!((dot(u, u) - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn wide_matrices_converge_in_a_few_sweeps() {
        for (n, d) in [(50, 3), (400, 40), (387, 210)] {
            let a = covariance(n, d, d as u64);
            let (values, vectors, sweeps) = jacobi(a.clone(), d);
            assert!(sweeps <= 15, "d = {d}: {sweeps} sweeps");
            let largest = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            // A v = λ v for every pair, and the vectors are orthonormal.
            for j in 0..d {
                for i in 0..d {
                    let av: f64 = (0..d).map(|k| a[i * d + k] * vectors[k * d + j]).sum();
                    assert!((av - values[j] * vectors[i * d + j]).abs() < 1e-9 * largest, "d = {d}");
                }
                let norm: f64 = (0..d).map(|k| vectors[k * d + j].powi(2)).sum();
                assert!((norm - 1.0).abs() < 1e-12);
            }
            let dot: f64 = (0..d).map(|k| vectors[k * d] * vectors[k * d + d - 1]).sum();
            assert!(dot.abs() < 1e-12);
        }
    }
}
