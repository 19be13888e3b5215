//! The k-distance curve for choosing eps: each row's distance to its `min_samples`-th nearest neighbour, sorted
//! ascending, with the knee (Kneedle, Satopää et al. 2011) as the suggested eps, decimated for a chart.
//!
//! Convention: the row itself counts as its own first neighbour (distance 0), exactly as scikit-learn's
//! `NearestNeighbors(n_neighbors=min_samples).fit(X).kneighbors(X)` does when queried with the fitted data, and
//! exactly as DBSCAN counts neighbours. So a row is a core point for `eps` iff its k-distance ≤ eps, and the curve
//! at eps reads off the share of core points.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::params::{DbscanError, Result};
use crate::engine::cluster::spatial::{flatten_finite, KdTree};
use crate::engine::progress::{tick, Monitor};

/// Points kept for display at most.
pub const MAX_CURVE_POINTS: usize = 2_000;

/// A sorted k-distance curve ready for a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KDistanceCurve {
    /// The k of the curve (DBSCAN's min_samples, the row itself included).
    pub min_samples: usize,
    /// Rows in the full curve.
    pub n: usize,
    /// `(rank, distance)` with rank 0..n-1 over the ascending distances; at most [`MAX_CURVE_POINTS`] points,
    /// always including the first, the last and the knee.
    pub points: Vec<(usize, f64)>,
    /// The knee as `(rank, distance)`; `None` when the curve has no bend (fewer than 3 rows, flat, or not convex).
    pub knee: Option<(usize, f64)>,
}

impl KDistanceCurve {
    /// The suggested eps: the distance at the knee.
    pub fn suggested_eps(&self) -> Option<f64> {
        self.knee.map(|k| k.1)
    }
}

/// Computes the k-distance curve of `x` for `min_samples` (≥ 1, ≤ rows). O(n log n) with a kd-tree.
pub fn k_distance_curve(
    x: ArrayView2<f64>,
    min_samples: usize,
    monitor: &mut dyn Monitor,
) -> Result<KDistanceCurve> {
    let sorted = k_distances(x, min_samples, monitor)?;
    let knee = kneedle_convex_increasing(&sorted);
    let points = decimate(&sorted, knee, MAX_CURVE_POINTS);
    Ok(KDistanceCurve { min_samples, n: sorted.len(), points, knee: knee.map(|i| (i, sorted[i])) })
}

/// Every row's distance to its `min_samples`-th nearest neighbour (itself included), sorted ascending.
pub fn k_distances(x: ArrayView2<f64>, min_samples: usize, monitor: &mut dyn Monitor) -> Result<Vec<f64>> {
    let (n, dim) = x.dim();
    if min_samples == 0 {
        return Err(DbscanError::InvalidMinSamples { min_samples });
    }
    if n == 0 {
        return Err(DbscanError::NoRows);
    }
    if dim == 0 {
        return Err(DbscanError::NoFeatures);
    }
    if n < min_samples {
        return Err(DbscanError::TooFewRows { rows: n, needed: min_samples });
    }
    let data = flatten_finite(x).map_err(|(row, column)| DbscanError::NonFinite { row, column })?;
    let tree = KdTree::build(&data, dim);
    let (mut heap, mut stack) = (Vec::new(), Vec::new());
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        tick(monitor, "k-distance", i, n, 2048)?;
        let d2 = tree.kth_nearest_d2(&data[i * dim..(i + 1) * dim], min_samples, &mut heap, &mut stack);
        out.push(d2.unwrap_or(f64::INFINITY).sqrt());
    }
    out.sort_by(f64::total_cmp);
    Ok(out)
}

/// Kneedle for an increasing convex curve `y` (x = rank): normalise both axes to [0, 1] and take the largest
/// gap between the diagonal and the curve, `x_n − y_n` (the first index on ties). This is the paper's difference
/// curve; among the local maxima it would report, we return the global one, because with thousands of rows the
/// sensitivity threshold fires on the first tiny wiggle. `None` if the curve never falls below the diagonal.
pub fn kneedle_convex_increasing(y: &[f64]) -> Option<usize> {
    let n = y.len();
    if n < 3 {
        return None;
    }
    let (lo, hi) = (y[0], y[n - 1]);
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || !hi.is_finite() {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, &v) in y.iter().enumerate() {
        let diff = i as f64 / (n - 1) as f64 - (v - lo) / (hi - lo);
        if best.is_none_or(|b| diff > b.1) {
            best = Some((i, diff));
        }
    }
    best.filter(|b| b.1 > 0.0).map(|b| b.0)
}

/// Keeps at most `max_points` of an ascending curve: a point is kept when the rank or the normalised distance has
/// moved by at least 1/(budget) since the last kept point (so both flat and steep parts keep their shape), plus the
/// first, the last and `keep` exactly.
pub fn decimate(y: &[f64], keep: Option<usize>, max_points: usize) -> Vec<(usize, f64)> {
    let n = y.len();
    if n <= max_points {
        return y.iter().copied().enumerate().collect();
    }
    // each criterion can fire at most `budget` times, plus first, last and knee
    let budget = (max_points.saturating_sub(3) / 2).max(1);
    let step = n.div_ceil(budget);
    let span = y[n - 1] - y[0];
    let ystep = if span > 0.0 && span.is_finite() { span / budget as f64 } else { f64::INFINITY };
    let mut out = vec![(0, y[0])];
    let mut last = 0usize;
    for i in 1..n {
        let forced = i == n - 1 || Some(i) == keep;
        if forced || i - last >= step || y[i] - y[last] >= ystep {
            out.push((i, y[i]));
            last = i;
        }
    }
    out
}
