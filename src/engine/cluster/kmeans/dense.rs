//! Row-major data prepared for k-means, and the chunked, order-deterministic kernels every variant shares:
//! nearest centroid, weighted centroid sums, inertia.
//!
//! Rows are processed in fixed chunks of [`CHUNK`]; per-chunk partial sums are combined in chunk order, so
//! results never depend on the number of threads (rayon natively, the current thread on wasm32).

use ndarray::ArrayView2;
use rayon::prelude::*;

use super::error::{KMeansError, Result};
use crate::engine::simd::{add_scaled, sq_dist_lanes};

/// Rows per parallel work item. Fixed: changing it changes floating-point summation order.
pub(crate) const CHUNK: usize = 2048;

/// Validated, centred, contiguous data and weights.
pub(crate) struct Dense {
    /// Row-major `n × d`, column means subtracted (as scikit-learn does, for accuracy).
    pub x: Vec<f64>,
    /// One non-negative weight per row.
    pub w: Vec<f64>,
    pub n: usize,
    pub d: usize,
    /// Column means that were subtracted.
    pub mean: Vec<f64>,
}

impl Dense {
    /// Validates `x` (non-empty, finite) and `weights` (one per row, finite, ≥ 0, positive sum), then centres.
    pub fn new(x: ArrayView2<f64>, weights: Option<&[f64]>) -> Result<Self> {
        let (n, d) = x.dim();
        if n == 0 || d == 0 {
            return Err(KMeansError::EmptyData { rows: n, cols: d });
        }
        let w = match weights {
            Some(w) => {
                if w.len() != n {
                    return Err(KMeansError::WeightsLength { len: w.len(), rows: n });
                }
                if let Some((row, &value)) =
                    w.iter().enumerate().find(|(_, v)| !(v.is_finite() && **v >= 0.0))
                {
                    return Err(KMeansError::BadWeight { row, value });
                }
                if w.iter().sum::<f64>() <= 0.0 {
                    return Err(KMeansError::ZeroTotalWeight);
                }
                w.to_vec()
            }
            None => vec![1.0; n],
        };
        let mut flat = Vec::with_capacity(n * d);
        for (row, r) in x.outer_iter().enumerate() {
            for (col, &value) in r.iter().enumerate() {
                if !value.is_finite() {
                    return Err(KMeansError::NonFinite { row, col, value });
                }
                flat.push(value);
            }
        }
        let mean = column_means(&flat, n, d);
        flat.par_chunks_mut(CHUNK * d).for_each(|c| {
            for r in c.chunks_exact_mut(d) {
                r.iter_mut().zip(&mean).for_each(|(v, m)| *v -= m);
            }
        });
        Ok(Self { x: flat, w, n, d, mean })
    }

    /// Row `i` (always inlined: at opt-level "z" the call would cost more than the slice).
    #[inline(always)]
    pub fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.d..(i + 1) * self.d]
    }

    /// scikit-learn's `_tolerance`: `tol` times the mean (unweighted, population) variance of the columns.
    pub fn scaled_tol(&self, tol: f64) -> f64 {
        if tol == 0.0 {
            return 0.0;
        }
        // the data are centred, so the variance is the mean square
        let mut var = vec![0.0; self.d];
        for r in self.x.chunks_exact(self.d) {
            var.iter_mut().zip(r).for_each(|(v, x)| *v += x * x);
        }
        var.iter().map(|v| v / self.n as f64).sum::<f64>() / self.d as f64 * tol
    }

    /// The rows `idx` (with their weights) as a new data set, not re-centred.
    pub fn subset(&self, idx: &[usize]) -> Self {
        let mut x = Vec::with_capacity(idx.len() * self.d);
        idx.iter().for_each(|&i| x.extend_from_slice(self.row(i)));
        let w = idx.iter().map(|&i| self.w[i]).collect();
        Self { x, w, n: idx.len(), d: self.d, mean: self.mean.clone() }
    }
}

fn column_means(x: &[f64], n: usize, d: usize) -> Vec<f64> {
    let mut m = vec![0.0; d];
    for r in x.chunks_exact(d) {
        m.iter_mut().zip(r).for_each(|(s, v)| *s += v);
    }
    m.iter_mut().for_each(|s| *s /= n as f64);
    m
}

/// Squared Euclidean distance; four accumulators over `j mod 4` (wasm simd128 lanes, see `engine::simd`),
/// combined as (s0 + s1) + (s2 + s3), then the tail in order (fixed order: deterministic). Always inlined, and
/// `while` loops rather than iterator adaptors, so that it stays fast at opt-level "z" too.
#[inline(always)]
pub(crate) fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    let acc = sq_dist_lanes(a, b);
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    let mut j = a.len() - a.len() % 4;
    while j < a.len() {
        let t = a[j] - b[j];
        s += t * t;
        j += 1;
    }
    s
}

/// Index and squared distance of the nearest centroid; the lowest index wins ties.
#[inline]
pub(crate) fn nearest(x: &[f64], centres: &[f64], d: usize) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    let (k, mut j) = (centres.len().checked_div(d).unwrap_or(0), 0);
    while j < k {
        let dist = sq_dist(x, &centres[j * d..(j + 1) * d]);
        if dist < best.1 {
            best = (j, dist);
        }
        j += 1;
    }
    best
}

/// Weighted centroid sums of one chunk (or of everything, once reduced).
#[derive(Clone)]
pub(crate) struct Sums {
    /// `k × d` weighted sums of member rows.
    pub sums: Vec<f64>,
    /// Total weight per cluster.
    pub weight: Vec<f64>,
    /// Rows whose label changed.
    pub changed: usize,
}

impl Sums {
    pub fn zeros(k: usize, d: usize) -> Self {
        Self { sums: vec![0.0; k * d], weight: vec![0.0; k], changed: 0 }
    }
    /// Adds row `x` with weight `w` to cluster `j`.
    #[inline]
    pub fn add(&mut self, j: usize, x: &[f64], w: f64) {
        let d = x.len();
        add_scaled(&mut self.sums[j * d..(j + 1) * d], x, w);
        self.weight[j] += w;
    }
    /// Adds `other` (the next chunk) to `self`.
    pub fn merge(mut self, other: &Sums) -> Self {
        self.sums.iter_mut().zip(&other.sums).for_each(|(a, b)| *a += b);
        self.weight.iter_mut().zip(&other.weight).for_each(|(a, b)| *a += b);
        self.changed += other.changed;
        self
    }
}

/// Reduces per-chunk sums in chunk order.
pub(crate) fn reduce(parts: Vec<Sums>, k: usize, d: usize) -> Sums {
    parts.iter().fold(Sums::zeros(k, d), |acc, p| acc.merge(p))
}

/// One Lloyd assignment pass: sets every label to its nearest centroid and returns the centroid sums.
pub(crate) fn assign_and_sum(data: &Dense, centres: &[f64], k: usize, labels: &mut [u32]) -> Sums {
    let d = data.d;
    let parts: Vec<Sums> = labels
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, lab)| {
            let mut s = Sums::zeros(k, d);
            for (o, l) in lab.iter_mut().enumerate() {
                let i = c * CHUNK + o;
                let x = data.row(i);
                let (j, _) = nearest(x, centres, d);
                if *l != j as u32 {
                    s.changed += 1;
                    *l = j as u32;
                }
                s.add(j, x, data.w[i]);
            }
            s
        })
        .collect();
    reduce(parts, k, d)
}

/// Labels only (the last E-step), in parallel.
pub(crate) fn assign(data: &Dense, centres: &[f64], labels: &mut [u32]) {
    let d = data.d;
    labels.par_chunks_mut(CHUNK).enumerate().for_each(|(c, lab)| {
        for (o, l) in lab.iter_mut().enumerate() {
            *l = nearest(data.row(c * CHUNK + o), centres, d).0 as u32;
        }
    });
}

/// Weighted sum of squared distances of every row to its labelled centroid (scikit-learn's inertia).
pub(crate) fn inertia(data: &Dense, centres: &[f64], labels: &[u32]) -> f64 {
    let d = data.d;
    let parts: Vec<f64> = labels
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, lab)| {
            lab.iter()
                .enumerate()
                .map(|(o, &l)| {
                    let i = c * CHUNK + o;
                    let j = l as usize;
                    data.w[i] * sq_dist(data.row(i), &centres[j * d..(j + 1) * d])
                })
                .sum::<f64>()
        })
        .collect();
    parts.iter().sum()
}

/// Turns sums into centroids, relocating empty clusters first as scikit-learn does: each empty cluster takes
/// the row farthest from its current (old) centroid, which leaves its old cluster. If every row sits on its
/// centroid, an empty cluster keeps its old centroid (scikit-learn would put it at the origin).
/// Returns the new centroids and the number of relocations.
pub(crate) fn finish_centres(data: &Dense, old: &[f64], mut s: Sums, labels: &[u32]) -> (Vec<f64>, usize) {
    let (d, k) = (data.d, s.weight.len());
    let empty: Vec<usize> = (0..k).filter(|&j| s.weight[j] == 0.0).collect();
    let mut relocated = 0;
    if !empty.is_empty() {
        let dist: Vec<f64> = (0..data.n)
            .into_par_iter()
            .with_min_len(CHUNK)
            .map(|i| {
                let j = labels[i] as usize;
                sq_dist(data.row(i), &old[j * d..(j + 1) * d])
            })
            .collect();
        let mut order: Vec<usize> = (0..data.n).collect();
        order.sort_by(|&a, &b| dist[b].total_cmp(&dist[a]).then(a.cmp(&b)));
        if dist[order[0]] > 0.0 {
            for (&j, &far) in empty.iter().zip(&order) {
                let (from, w, x) = (labels[far] as usize, data.w[far], data.row(far));
                for (t, v) in x.iter().enumerate() {
                    s.sums[from * d + t] -= v * w;
                    s.sums[j * d + t] = v * w;
                }
                s.weight[j] = w;
                s.weight[from] -= w;
                relocated += 1;
            }
        }
    }
    let mut c = s.sums;
    for j in 0..k {
        let row = &mut c[j * d..(j + 1) * d];
        if s.weight[j] > 0.0 {
            let a = 1.0 / s.weight[j];
            row.iter_mut().for_each(|v| *v *= a);
        } else {
            row.copy_from_slice(&old[j * d..(j + 1) * d]);
        }
    }
    (c, relocated)
}

/// Euclidean shift of each centroid.
pub(crate) fn shifts(old: &[f64], new: &[f64], d: usize) -> Vec<f64> {
    old.chunks_exact(d).zip(new.chunks_exact(d)).map(|(a, b)| sq_dist(a, b).sqrt()).collect()
}
