//! Exact (weighted) Ward linkage without a distance matrix: the nearest-neighbour chain on cluster centroids and
//! sizes. O(n) memory, O(n²·d) time.
//!
//! The Ward distance between clusters A and B is √(2·|A||B|/(|A|+|B|))·‖c_A − c_B‖, which equals scipy's
//! Lance–Williams recurrence (singletons: plain Euclidean distance), so heights match `scipy.cluster.hierarchy.ward`
//! (tested to 1e-9 relative in `tests/cluster_density_hier.rs`). The chain follows scipy's `nn_chain`: it starts at
//! the lowest active slot, prefers the previous chain element on ties, scans slots in index order with a strict `<`,
//! and the merged cluster takes the larger slot — so ties break the way scipy breaks them wherever the rounding of
//! the two formulas agrees. With weights (micro-clusters) |A| is the summed row count.

use super::tree::RawMerge;
use crate::engine::progress::Cancelled;
use crate::engine::progress::{tick, Monitor};

/// Ward merges of the leaves `data` (row-major, `dim` columns) with the given leaf weights.
pub(super) fn ward(
    data: &[f64],
    dim: usize,
    weights: &[f64],
    monitor: &mut dyn Monitor,
) -> Result<Vec<RawMerge>, Cancelled> {
    let n = weights.len();
    let mut centroid = data.to_vec();
    let mut size = weights.to_vec();
    let mut active: Vec<usize> = (0..n).collect();
    let mut chain: Vec<usize> = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n.saturating_sub(1));
    // squared Ward height 2·s_x·s_i/(s_x+s_i)·‖c_x − c_i‖²
    let cost = |centroid: &[f64], size: &[f64], x: usize, i: usize| {
        let (cx, ci) = (&centroid[x * dim..(x + 1) * dim], &centroid[i * dim..(i + 1) * dim]);
        let mut s = 0.0;
        for (a, b) in cx.iter().zip(ci) {
            let d = a - b;
            s += d * d;
        }
        2.0 * size[x] * size[i] / (size[x] + size[i]) * s
    };
    for k in 0..n.saturating_sub(1) {
        tick(monitor, "ward linkage", k, n, 64)?;
        if chain.is_empty() {
            chain.push(active[0]);
        }
        let (x, y, best) = loop {
            let x = chain[chain.len() - 1];
            let prev = (chain.len() > 1).then(|| chain[chain.len() - 2]);
            let (mut y, mut best) = match prev {
                Some(p) => (p, cost(&centroid, &size, x, p)),
                None => (usize::MAX, f64::INFINITY),
            };
            for &i in &active {
                if i == x {
                    continue;
                }
                let c = cost(&centroid, &size, x, i);
                if c < best {
                    best = c;
                    y = i;
                }
            }
            if prev == Some(y) {
                break (x, y, best);
            }
            chain.push(y);
        };
        chain.truncate(chain.len() - 2);
        let (x, y) = (x.min(y), x.max(y));
        out.push((x, y, best.sqrt()));
        let (sx, sy) = (size[x], size[y]);
        for j in 0..dim {
            centroid[y * dim + j] = (sx * centroid[x * dim + j] + sy * centroid[y * dim + j]) / (sx + sy);
        }
        size[y] = sx + sy;
        if let Ok(pos) = active.binary_search(&x) {
            active.remove(pos);
        }
    }
    Ok(out)
}
