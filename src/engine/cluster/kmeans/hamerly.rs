//! Hamerly's (2010) bounds for the Lloyd assignment step: an upper bound on each row's distance to its
//! centroid and a lower bound on the distance to the second nearest let most rows skip the k distances.
//!
//! It must give exactly Lloyd's labels: a row skips only when its bounds prove, with a 1e-9 relative margin
//! against rounding, that its centroid is strictly nearest; otherwise all distances are computed with the
//! same kernel and tie rule as Lloyd. Centroid sums are recomputed in full, in the same chunk order.

use rayon::prelude::*;

use super::dense::{sq_dist, Dense, Sums, CHUNK};

/// Relative safety margin on bound comparisons.
const MARGIN: f64 = 1.0 + 1e-9;

/// Per-row bounds, kept across passes of one run.
pub(crate) struct Bounds {
    upper: Vec<f64>,
    lower: Vec<f64>,
}

impl Bounds {
    pub fn new(n: usize) -> Self {
        Self { upper: vec![f64::INFINITY; n], lower: vec![0.0; n] }
    }

    /// One assignment pass (labels start at `u32::MAX` = unknown) returning the centroid sums.
    pub fn assign_and_sum(&mut self, data: &Dense, centres: &[f64], k: usize, labels: &mut [u32]) -> Sums {
        let d = data.d;
        let half = half_gaps(centres, k, d);
        let parts: Vec<Sums> = labels
            .par_chunks_mut(CHUNK)
            .zip(self.upper.par_chunks_mut(CHUNK))
            .zip(self.lower.par_chunks_mut(CHUNK))
            .enumerate()
            .map(|(c, ((lab, up), lo))| {
                let mut s = Sums::zeros(k, d);
                for o in 0..lab.len() {
                    let i = c * CHUNK + o;
                    let x = data.row(i);
                    let a = lab[o];
                    let mut settled = false;
                    if a != u32::MAX {
                        // max without a libm call at opt-level "z" (both finite or +inf, never NaN)
                        let (h, l) = (half[a as usize], lo[o]);
                        let z = if l > h { l } else { h };
                        if up[o] * MARGIN < z {
                            settled = true;
                        } else {
                            let j = a as usize;
                            up[o] = sq_dist(x, &centres[j * d..(j + 1) * d]).sqrt();
                            settled = up[o] * MARGIN < z;
                        }
                    }
                    if !settled {
                        let (j, best, second) = two_nearest(x, centres, d);
                        up[o] = best.sqrt();
                        lo[o] = second.sqrt();
                        if a != j as u32 {
                            s.changed += 1;
                            lab[o] = j as u32;
                        }
                    }
                    s.add(lab[o] as usize, x, data.w[i]);
                }
                s
            })
            .collect();
        super::dense::reduce(parts, k, d)
    }

    /// Loosens the bounds after the centroids moved by `shift` (Euclidean, per centroid).
    pub fn moved(&mut self, shift: &[f64], labels: &[u32]) {
        let (mut m1, mut m2, mut arg) = (0.0f64, 0.0f64, usize::MAX);
        for (j, &s) in shift.iter().enumerate() {
            if s > m1 {
                m2 = m1;
                m1 = s;
                arg = j;
            } else if s > m2 {
                m2 = s;
            }
        }
        self.upper
            .par_chunks_mut(CHUNK)
            .zip(self.lower.par_chunks_mut(CHUNK))
            .zip(labels.par_chunks(CHUNK))
            .for_each(|((up, lo), lab)| {
                for o in 0..lab.len() {
                    let a = lab[o] as usize;
                    if a < shift.len() {
                        up[o] += shift[a];
                        lo[o] -= if a == arg { m2 } else { m1 };
                    }
                }
            });
    }
}

/// Half the distance from each centroid to its nearest other centroid (∞ when k = 1).
fn half_gaps(centres: &[f64], k: usize, d: usize) -> Vec<f64> {
    (0..k)
        .map(|j| {
            let cj = &centres[j * d..(j + 1) * d];
            (0..k)
                .filter(|&t| t != j)
                .map(|t| sq_dist(cj, &centres[t * d..(t + 1) * d]))
                .fold(f64::INFINITY, f64::min)
                .sqrt()
                / 2.0
        })
        .collect()
}

/// Nearest centroid (lowest index on ties, like [`super::dense::nearest`]), its squared distance, and the
/// squared distance to the second nearest.
#[inline]
fn two_nearest(x: &[f64], centres: &[f64], d: usize) -> (usize, f64, f64) {
    let (mut j, mut b1, mut b2) = (0, f64::INFINITY, f64::INFINITY);
    let (k, mut t) = (centres.len().checked_div(d).unwrap_or(0), 0);
    while t < k {
        let dist = sq_dist(x, &centres[t * d..(t + 1) * d]);
        if dist < b1 {
            b2 = b1;
            b1 = dist;
            j = t;
        } else if dist < b2 {
            b2 = dist;
        }
        t += 1;
    }
    (j, b1, b2)
}
