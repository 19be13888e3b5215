//! Brute-force nearest-neighbour search over a row-major reference matrix, with a total order on
//! (distance, reference index) so that ties are broken the same way on every platform, and seeded sampling of
//! reference rows for the O(n²) caps.
//!
//! Written here rather than with `linfa-nn`: k-NN imputation needs scikit-learn's `nan_euclidean` distance
//! (missing coordinates re-weighted), which no neighbour crate offers, and the reference sets are capped so a
//! linear scan per query is bounded.

use crate::engine::rng::{sub_rng, Rng};

/// A neighbour: distance and reference row index.
pub(crate) type Neighbour = (f64, usize);

/// The `k` best candidates seen so far, ascending by (distance, index). Candidates must be offered in
/// increasing index order, so a later candidate at an equal distance never displaces an earlier one.
pub(crate) struct KBest {
    k: usize,
    items: Vec<Neighbour>,
}

impl KBest {
    pub(crate) fn new(k: usize) -> KBest {
        KBest { k, items: Vec::with_capacity(k + 1) }
    }

    /// Offers reference `j` at distance `dist` (NaN is never kept).
    #[inline]
    pub(crate) fn offer(&mut self, dist: f64, j: usize) {
        if self.k == 0 || dist.is_nan() {
            return;
        }
        if self.items.len() == self.k {
            if dist >= self.items[self.k - 1].0 {
                return;
            }
            self.items.pop();
        }
        let at = self.items.partition_point(|&(d, _)| d <= dist);
        self.items.insert(at, (dist, j));
    }

    /// The kept candidates, ascending.
    pub(crate) fn into_sorted(self) -> Vec<Neighbour> {
        self.items
    }
}

/// Squared Euclidean distance between two equal-length rows.
#[inline]
fn squared(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>()
}

/// scikit-learn's `nan_euclidean` distance: the Euclidean distance over the coordinates present in both rows,
/// scaled up by `sqrt(d / present)`; NaN when no coordinate is shared.
pub(crate) fn nan_euclidean(a: &[f64], b: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut present = 0usize;
    for (x, y) in a.iter().zip(b) {
        if !x.is_nan() && !y.is_nan() {
            sum += (x - y) * (x - y);
            present += 1;
        }
    }
    if present == 0 {
        return f64::NAN;
    }
    (sum * a.len() as f64 / present as f64).sqrt()
}

/// The `k` nearest reference rows (row-major `refs`, `d` columns) to `query` by Euclidean distance, ties broken
/// by index. With `leave_one_out`, the first reference row at distance exactly 0 is left out (a row identical to
/// a training row is scored as that training row, as LOF does at fit).
pub(crate) fn k_nearest(
    refs: &[f64],
    d: usize,
    query: &[f64],
    k: usize,
    leave_one_out: bool,
) -> Vec<Neighbour> {
    let n = refs.len().checked_div(d).unwrap_or(0);
    // rank by squared distance (monotone in the distance), take square roots of the winners only
    let mut best = KBest::new(k + usize::from(leave_one_out));
    for j in 0..n {
        best.offer(squared(&refs[j * d..(j + 1) * d], query), j);
    }
    let mut near: Vec<Neighbour> = best.into_sorted().into_iter().map(|(d2, j)| (d2.sqrt(), j)).collect();
    if leave_one_out {
        match near.first() {
            Some(&(0.0, _)) => {
                near.remove(0);
            }
            _ => near.truncate(k),
        }
    }
    near
}

/// `m` distinct indices out of `0..n`, ascending, drawn with stream `stream` of `seed` (all of them when
/// `m >= n`).
pub(crate) fn sample_rows(n: usize, m: usize, seed: u64, stream: u64) -> Vec<usize> {
    if m >= n {
        return (0..n).collect();
    }
    // Partial Fisher–Yates: the first m positions of a seeded shuffle.
    let mut rng = sub_rng(seed, stream);
    let mut idx: Vec<usize> = (0..n).collect();
    for i in 0..m {
        // u64, not usize: usize ranges draw differently on 32-bit wasm
        let j = rng.gen_range(i as u64..n as u64) as usize;
        idx.swap(i, j);
    }
    idx.truncate(m);
    idx.sort_unstable();
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_euclidean_reweights() {
        // sklearn: nan_euclidean_distances([[3, nan, 5]], [[1, 0, 0]]) = sqrt(3/2 * (4 + 25))
        let d = nan_euclidean(&[3.0, f64::NAN, 5.0], &[1.0, 0.0, 0.0]);
        assert!((d - (1.5_f64 * 29.0).sqrt()).abs() < 1e-12);
        assert!(nan_euclidean(&[f64::NAN], &[1.0]).is_nan());
    }

    #[test]
    fn k_best_keeps_earliest_of_ties() {
        let mut b = KBest::new(2);
        for (d, j) in [(3.0, 0), (1.0, 1), (1.0, 2), (f64::NAN, 3), (0.5, 4), (1.0, 5)] {
            b.offer(d, j);
        }
        assert_eq!(b.into_sorted(), vec![(0.5, 4), (1.0, 1)]);
    }

    #[test]
    fn ties_break_by_index() {
        let refs = [0.0, 2.0, 1.0, 1.0];
        let near = k_nearest(&refs, 1, &[1.0], 2, false);
        assert_eq!(near, vec![(0.0, 2), (0.0, 3)]);
        let near = k_nearest(&refs, 1, &[1.0], 2, true);
        assert_eq!(near, vec![(0.0, 3), (1.0, 0)]);
    }

    #[test]
    fn sampling_is_seeded_and_distinct() {
        let a = sample_rows(100, 10, 7, 1);
        assert_eq!(a, sample_rows(100, 10, 7, 1));
        assert_eq!(a.len(), 10);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sample_rows(3, 10, 7, 1), vec![0, 1, 2]);
    }
}
