//! The t-SNE objective: the KL divergence of P and Q and its gradient, by Barnes–Hut (sparse P, tree for
//! the repulsion) or exactly (dense P, all pairs), as scikit-learn's `_kl_divergence_bh` and `_kl_divergence`.
//!
//! Per-point work runs in parallel with rayon; every sum across points is taken afterwards in index order,
//! so results do not depend on the number of threads. Transcendentals come from `libm` (same bits in wasm32).

use rayon::prelude::*;

use super::affinity::{SparseP, MACHINE_EPSILON};
use super::kernel::Kernel;
use super::point::Coords;
use super::tree::SpaceTree;

/// scikit-learn's `FLOAT32_TINY`: the floor inside the logarithm of the Barnes–Hut KL divergence.
const FLOAT32_TINY: f64 = f32::MIN_POSITIVE as f64;
/// Points per rayon task: keeps scheduling overhead small next to a tree query.
const MIN_CHUNK: usize = 64;

/// Barnes–Hut gradient of KL(P‖Q) at `y` into `grad`, with P multiplied by `exaggeration`; returns the KL
/// divergence (with the tree's estimate of the normaliser, as scikit-learn) when `compute_error`.
pub fn barnes_hut<const D: usize>(
    y: &[[f64; D]],
    p: &SparseP,
    exaggeration: f64,
    theta: f64,
    kernel: Kernel,
    compute_error: bool,
    grad: &mut [[f64; D]],
) -> Option<f64>
where
    [f64; D]: Coords,
{
    let tree = SpaceTree::build(y);
    let theta2 = theta * theta;
    let negative: Vec<([f64; D], f64)> =
        y.par_iter().with_min_len(MIN_CHUNK).map(|yi| tree.repulsion(yi, theta2, kernel)).collect();
    let sum_q = negative.iter().map(|r| r.1).sum::<f64>().max(MACHINE_EPSILON);
    let c = kernel.factor();
    let errors: Vec<f64> = grad
        .par_iter_mut()
        .with_min_len(MIN_CHUNK)
        .enumerate()
        .map(|(i, g)| {
            let row = p.indptr[i]..p.indptr[i + 1];
            let (pos, err) = attraction(
                i,
                &p.indices[row.clone()],
                &p.values[row],
                y,
                exaggeration,
                kernel,
                sum_q,
                compute_error,
            );
            for a in 0..D {
                g[a] = c * (pos[a] - negative[i].0[a] / sum_q);
            }
            err
        })
        .collect();
    compute_error.then(|| errors.iter().sum())
}

/// The attraction on point `i` from its row of P (columns `cols`, values `vals`): Σ_j p_ij u_ij (y_i − y_j),
/// and that row's terms of the KL divergence when `compute_error`.
#[allow(clippy::too_many_arguments)]
#[inline]
fn attraction<const D: usize>(
    i: usize,
    cols: &[u32],
    vals: &[f64],
    y: &[[f64; D]],
    exaggeration: f64,
    kernel: Kernel,
    sum_q: f64,
    compute_error: bool,
) -> ([f64; D], f64)
where
    [f64; D]: Coords,
{
    let yi = y[i];
    let mut pos = [0.0; D];
    let mut err = 0.0;
    for (&j, &v) in cols.iter().zip(vals) {
        let Some(yj) = y.get(j as usize) else { continue };
        let pij = v * exaggeration;
        let (diff, d2) = yi.diff_sq(yj);
        let (w, u) = kernel.weights(d2);
        if compute_error {
            let qij = w / sum_q;
            err += pij * libm::log(pij.max(FLOAT32_TINY) / qij.max(FLOAT32_TINY));
        }
        pos.add_scaled(pij * u, &diff);
    }
    (pos, err)
}

/// Exact gradient of KL(P‖Q) at `y` into `grad` for the dense n × n `p` (multiplied by `exaggeration`);
/// returns the KL divergence when `compute_error`. O(n²) time, O(n) extra memory.
pub fn exact<const D: usize>(
    y: &[[f64; D]],
    p: &[f64],
    exaggeration: f64,
    kernel: Kernel,
    compute_error: bool,
    grad: &mut [[f64; D]],
) -> Option<f64>
where
    [f64; D]: Coords,
{
    let n = y.len();
    let row_sums: Vec<f64> = (0..n)
        .into_par_iter()
        .with_min_len(MIN_CHUNK / 4)
        .map(|i| (0..n).filter(|&j| j != i).map(|j| kernel.weights(y[i].diff_sq(&y[j]).1).0).sum())
        .collect();
    let sum_w = row_sums.iter().sum::<f64>();
    let c = kernel.factor();
    let errors: Vec<f64> = grad
        .par_iter_mut()
        .with_min_len(MIN_CHUNK / 4)
        .enumerate()
        .map(|(i, g)| {
            let mut acc = [0.0; D];
            let mut err = 0.0;
            for j in (0..n).filter(|&j| j != i) {
                let (diff, d2) = y[i].diff_sq(&y[j]);
                let (w, u) = kernel.weights(d2);
                let q = (w / sum_w).max(MACHINE_EPSILON);
                let pij = p[i * n + j] * exaggeration;
                if compute_error {
                    err += pij * libm::log(pij.max(MACHINE_EPSILON) / q);
                }
                acc.add_scaled((pij - q) * u, &diff);
            }
            for a in 0..D {
                g[a] = c * acc[a];
            }
            err
        })
        .collect();
    compute_error.then(|| errors.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{rng, Rng};

    /// A random dense symmetric P summing to 1 (diagonal 0) and its CSR copy.
    fn random_p(n: usize, seed: u64) -> (Vec<f64>, SparseP) {
        let mut r = rng(seed);
        let mut p = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..i {
                let v = r.gen::<f64>();
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
        let s: f64 = p.iter().sum();
        p.iter_mut().for_each(|v| *v /= s);
        let mut sp = SparseP { indptr: vec![0], indices: vec![], values: vec![] };
        for i in 0..n {
            for j in (0..n).filter(|&j| j != i) {
                sp.indices.push(j as u32);
                sp.values.push(p[i * n + j]);
            }
            sp.indptr.push(sp.indices.len());
        }
        (p, sp)
    }

    fn kl(y: &[[f64; 2]], p: &[f64], kernel: Kernel) -> f64 {
        let mut g = vec![[0.0; 2]; y.len()];
        exact(y, p, 1.0, kernel, true, &mut g).unwrap()
    }

    #[test]
    fn exact_gradient_matches_finite_differences() {
        let n = 30;
        let (p, _) = random_p(n, 1);
        let mut r = rng(2);
        let y: Vec<[f64; 2]> = (0..n).map(|_| [r.gen::<f64>() * 3.0, r.gen::<f64>() * 3.0]).collect();
        for dof in [1.0, 2.0] {
            let kernel = Kernel { dof };
            let mut g = vec![[0.0; 2]; n];
            exact(&y, &p, 1.0, kernel, false, &mut g);
            let h = 1e-6;
            for (i, a) in [(0, 0), (7, 1), (29, 0)] {
                let (mut up, mut down) = (y.clone(), y.clone());
                up[i][a] += h;
                down[i][a] -= h;
                let fd = (kl(&up, &p, kernel) - kl(&down, &p, kernel)) / (2.0 * h);
                assert!((fd - g[i][a]).abs() < 1e-6 * (1.0 + fd.abs()), "dof {dof}: {fd} vs {}", g[i][a]);
            }
        }
    }

    #[test]
    fn barnes_hut_with_theta_zero_equals_exact() {
        let n = 60;
        let (p, sp) = random_p(n, 3);
        let mut r = rng(4);
        let y: Vec<[f64; 2]> = (0..n).map(|_| [r.gen::<f64>() * 5.0, r.gen::<f64>()]).collect();
        let (mut ge, mut gb) = (vec![[0.0; 2]; n], vec![[0.0; 2]; n]);
        let ke = exact(&y, &p, 4.0, Kernel { dof: 1.0 }, true, &mut ge).unwrap();
        let kb = barnes_hut(&y, &sp, 4.0, 0.0, Kernel { dof: 1.0 }, true, &mut gb).unwrap();
        assert!((ke - kb).abs() < 1e-9 * ke.abs().max(1.0), "{ke} vs {kb}");
        for i in 0..n {
            for a in 0..2 {
                assert!((ge[i][a] - gb[i][a]).abs() < 1e-9, "{i} {a}");
            }
        }
    }

    #[test]
    fn three_components_use_two_degrees_of_freedom() {
        let n = 25;
        let (p, sp) = random_p(n, 5);
        let mut r = rng(6);
        let y: Vec<[f64; 3]> = (0..n).map(|_| [r.gen(), r.gen(), r.gen()]).collect();
        let (mut ge, mut gb) = (vec![[0.0; 3]; n], vec![[0.0; 3]; n]);
        let k = Kernel { dof: 2.0 };
        let ke = exact(&y, &p, 1.0, k, true, &mut ge).unwrap();
        let kb = barnes_hut(&y, &sp, 1.0, 0.0, k, true, &mut gb).unwrap();
        assert!((ke - kb).abs() < 1e-9);
        assert!((ge[3][2] - gb[3][2]).abs() < 1e-9);
    }
}
