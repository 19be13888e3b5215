//! Input affinities of t-SNE: the per-row binary search on the Gaussian precision that matches the
//! perplexity, and the symmetrised joint probabilities P (sparse on k nearest neighbours, or dense).
//!
//! This reproduces scikit-learn 1.9's `_binary_search_perplexity`, `_joint_probabilities_nn` and
//! `_joint_probabilities` step by step, including their single-precision inputs (squared distances and
//! the perplexity are rounded to f32, the tolerances are f32 constants), so that P agrees to ~1e-12
//! (tests/embed_tsne_affinity.rs). `exp` and `ln` come from `libm`, so that P is the same bit for bit
//! natively and in wasm32.

use rayon::prelude::*;

use super::error::Result;
use super::input::Rows;
use super::knn::{knn, Knn};
use crate::engine::progress::{Cancelled, Monitor};

/// scikit-learn's `n_steps`: binary search steps per row.
const N_STEPS: usize = 100;
/// Rows per progress/cancel check.
const BLOCK: usize = 1024;
/// numpy's float64 machine epsilon (`MACHINE_EPSILON` in scikit-learn's `_t_sne.py`).
pub(crate) const MACHINE_EPSILON: f64 = f64::EPSILON;

/// Sparse symmetric joint probabilities in CSR form (column indices sorted within each row); they sum to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseP {
    /// Row i's entries are `indptr[i]..indptr[i + 1]`.
    pub indptr: Vec<usize>,
    /// Column of each entry.
    pub indices: Vec<u32>,
    /// p_ij of each entry.
    pub values: Vec<f64>,
}

/// The Barnes–Hut affinities: neighbours, precisions, conditional and joint probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Affinities {
    /// The k nearest neighbours of each row (k = min(n − 1, ⌊3·perplexity + 1⌋)).
    pub knn: Knn,
    /// Precision β_i = 1 / (2σ_i²) of each row's Gaussian.
    pub betas: Vec<f64>,
    /// p_{j|i} for row i's neighbours, in `knn` order: `conditional[i*k..(i+1)*k]`.
    pub conditional: Vec<f64>,
    /// Symmetrised, normalised P: (p_{j|i} + p_{i|j}) / Σ.
    pub joint: SparseP,
}

/// The dense affinities of exact t-SNE.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactAffinities {
    /// Precision β_i of each row's Gaussian.
    pub betas: Vec<f64>,
    /// n × n joint P, row-major; the diagonal is 0 and every other entry at least f64::EPSILON.
    pub joint: Vec<f64>,
}

/// scikit-learn's binary search for one row: fills `p` with p_{j|i} (0 at `skip`) and returns β_i.
/// `sqd` are the squared distances already rounded to f32, as scikit-learn passes them.
fn search_row(sqd: &[f32], skip: Option<usize>, desired_entropy: f64, p: &mut [f64]) -> f64 {
    let tolerance = 1e-5_f32 as f64;
    let epsilon = 1e-8_f32 as f64;
    let (mut beta_min, mut beta_max, mut beta) = (f64::NEG_INFINITY, f64::INFINITY, 1.0_f64);
    for _ in 0..N_STEPS {
        let mut sum_p = 0.0;
        for (j, (pj, &d)) in p.iter_mut().zip(sqd).enumerate() {
            *pj = if Some(j) == skip { 0.0 } else { libm::exp(-(d as f64) * beta) };
            sum_p += *pj;
        }
        if sum_p == 0.0 {
            sum_p = epsilon;
        }
        let mut sum_dp = 0.0;
        for (pj, &d) in p.iter_mut().zip(sqd) {
            *pj /= sum_p;
            sum_dp += d as f64 * *pj;
        }
        let entropy = libm::log(sum_p) + beta * sum_dp;
        let diff = entropy - desired_entropy;
        if diff.abs() <= tolerance {
            break;
        }
        if diff > 0.0 {
            beta_min = beta;
            beta = if beta_max == f64::INFINITY { beta * 2.0 } else { (beta + beta_max) / 2.0 };
        } else {
            beta_max = beta;
            beta = if beta_min == f64::NEG_INFINITY { beta / 2.0 } else { (beta + beta_min) / 2.0 };
        }
    }
    beta
}

/// Runs [`search_row`] on the `rows` rows of width `width` of `sqd` in parallel blocks.
fn search_all(
    sqd: &[f32],
    width: usize,
    rows: usize,
    perplexity: f64,
    skip_diagonal: bool,
    monitor: &mut dyn Monitor,
) -> std::result::Result<(Vec<f64>, Vec<f64>), Cancelled> {
    // scikit-learn passes the perplexity as a C float
    let desired_entropy = libm::log(perplexity as f32 as f64);
    let mut p = vec![0.0; rows * width];
    let mut betas = vec![0.0; rows];
    let mut start = 0;
    while start < rows {
        monitor.progress("t-SNE: affinities", start as f64 / rows as f64);
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let end = (start + BLOCK).min(rows);
        p[start * width..end * width]
            .par_chunks_mut(width.max(1))
            .zip(betas[start..end].par_iter_mut())
            .enumerate()
            .for_each(|(r, (prow, beta))| {
                let i = start + r;
                let skip = skip_diagonal.then_some(i);
                *beta = search_row(&sqd[i * width..(i + 1) * width], skip, desired_entropy, prow);
            });
        start = end;
    }
    Ok((p, betas))
}

/// P = (C + Cᵀ) / Σ for the conditional probabilities C on the k-NN graph.
fn symmetrise(knn: &Knn, conditional: &[f64], n: usize) -> SparseP {
    let k = knn.k;
    // transpose by counting: rev[j] lists (i, c_ij) for every i that has j as a neighbour
    let mut counts = vec![0usize; n + 1];
    for &j in &knn.indices {
        counts[j as usize + 1] += 1;
    }
    for j in 0..n {
        counts[j + 1] += counts[j];
    }
    let mut fill = counts.clone();
    let mut rev = vec![(0u32, 0.0f64); knn.indices.len()];
    for (t, (&j, &c)) in knn.indices.iter().zip(conditional).enumerate() {
        let j = j as usize;
        rev[fill[j]] = ((t / k) as u32, c);
        fill[j] += 1;
    }
    let mut indptr = Vec::with_capacity(n + 1);
    let mut indices = Vec::with_capacity(2 * n * k);
    let mut values = Vec::with_capacity(2 * n * k);
    indptr.push(0);
    let mut row: Vec<(u32, f64)> = Vec::with_capacity(2 * k);
    for i in 0..n {
        row.clear();
        row.extend((i * k..(i + 1) * k).map(|t| (knn.indices[t], conditional[t])));
        row.extend_from_slice(&rev[counts[i]..counts[i + 1]]);
        row.sort_by_key(|e| e.0);
        let mut t = 0;
        while t < row.len() {
            let (col, mut v) = row[t];
            if t + 1 < row.len() && row[t + 1].0 == col {
                v += row[t + 1].1;
                t += 1;
            }
            indices.push(col);
            values.push(v);
            t += 1;
        }
        indptr.push(indices.len());
    }
    let sum: f64 = values.iter().sum();
    let sum = sum.max(MACHINE_EPSILON);
    values.iter_mut().for_each(|v| *v /= sum);
    SparseP { indptr, indices, values }
}

/// Barnes–Hut affinities of the rows of `x` (scikit-learn's `_joint_probabilities_nn` on its k-NN graph).
pub fn affinities(rows: &Rows, perplexity: f64, k: usize, monitor: &mut dyn Monitor) -> Result<Affinities> {
    let knn = knn(&rows.data, rows.d, k, monitor)?;
    let sqd: Vec<f32> = knn.sqdist.iter().map(|&s| s as f32).collect();
    let (conditional, betas) = search_all(&sqd, knn.k, rows.n, perplexity, false, monitor)?;
    let joint = symmetrise(&knn, &conditional, rows.n);
    Ok(Affinities { knn, betas, conditional, joint })
}

/// Dense affinities of exact t-SNE (scikit-learn's `_joint_probabilities`); n² memory, callers cap n.
pub fn exact_affinities(rows: &Rows, perplexity: f64, monitor: &mut dyn Monitor) -> Result<ExactAffinities> {
    let (n, d) = (rows.n, rows.d);
    let mut sqd = vec![0f32; n * n];
    sqd.par_chunks_mut(n.max(1)).enumerate().for_each(|(i, out)| {
        let a = &rows.data[i * d..(i + 1) * d];
        for (j, o) in out.iter_mut().enumerate() {
            let b = &rows.data[j * d..(j + 1) * d];
            let mut s = 0.0;
            for (u, v) in a.iter().zip(b) {
                s += (u - v) * (u - v);
            }
            *o = s as f32;
        }
    });
    let (conditional, betas) = search_all(&sqd, n, n, perplexity, true, monitor)?;
    let mut joint = vec![0.0; n * n];
    let mut sum = 0.0;
    for i in 0..n {
        for j in 0..n {
            let v = conditional[i * n + j] + conditional[j * n + i];
            joint[i * n + j] = v;
            sum += v;
        }
    }
    let sum = f64::max(sum, MACHINE_EPSILON);
    for i in 0..n {
        for j in 0..n {
            let v = &mut joint[i * n + j];
            *v = if i == j { 0.0 } else { (*v / sum).max(MACHINE_EPSILON) };
        }
    }
    Ok(ExactAffinities { betas, joint })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use crate::engine::rng::{rng, Rng};

    fn entropy(p: &[f64]) -> f64 {
        -p.iter().filter(|&&v| v > 0.0).map(|&v| v * v.ln()).sum::<f64>()
    }

    fn random_rows(n: usize, d: usize, seed: u64) -> Rows {
        let mut r = rng(seed);
        Rows { n, d, data: (0..n * d).map(|_| r.gen::<f64>() * 4.0).collect() }
    }

    #[test]
    fn each_row_reaches_the_perplexity() {
        let rows = random_rows(300, 3, 1);
        let a = affinities(&rows, 20.0, 61, &mut Silent).unwrap();
        for i in 0..300 {
            let p = &a.conditional[i * 61..(i + 1) * 61];
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!((entropy(p) - 20f64.ln()).abs() < 1e-4, "row {i}: {}", entropy(p));
        }
    }

    #[test]
    fn joint_p_is_symmetric_and_sums_to_one() {
        let rows = random_rows(120, 2, 2);
        let a = affinities(&rows, 5.0, 16, &mut Silent).unwrap();
        let p = &a.joint;
        assert!((p.values.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let get = |i: usize, j: u32| {
            let r = p.indptr[i]..p.indptr[i + 1];
            p.indices[r.clone()].iter().position(|&c| c == j).map(|t| p.values[r.start + t])
        };
        for i in 0..120 {
            let cols = &p.indices[p.indptr[i]..p.indptr[i + 1]];
            assert!(cols.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
            for (t, &j) in cols.iter().enumerate() {
                assert_eq!(get(j as usize, i as u32), Some(p.values[p.indptr[i] + t]));
            }
        }
    }

    #[test]
    fn exact_affinities_match_the_sparse_ones_when_k_is_n_minus_1() {
        let rows = random_rows(40, 3, 4);
        let sparse = affinities(&rows, 8.0, 39, &mut Silent).unwrap();
        let exact = exact_affinities(&rows, 8.0, &mut Silent).unwrap();
        for i in 0..40 {
            assert!((sparse.betas[i] - exact.betas[i]).abs() <= 1e-12 * exact.betas[i]);
            for t in sparse.joint.indptr[i]..sparse.joint.indptr[i + 1] {
                let j = sparse.joint.indices[t] as usize;
                assert!((sparse.joint.values[t] - exact.joint[i * 40 + j]).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn identical_rows_give_uniform_affinities() {
        let rows = Rows { n: 10, d: 2, data: vec![3.0; 20] };
        let a = affinities(&rows, 3.0, 9, &mut Silent).unwrap();
        assert!(a.conditional.iter().all(|&p| (p - 1.0 / 9.0).abs() < 1e-15));
        assert!(a.joint.values.iter().all(|&p| (p - 1.0 / 90.0).abs() < 1e-15));
    }
}
