//! Exact single linkage without a distance matrix: Prim's minimum spanning tree, as scikit-learn's
//! `mst_linkage_core` runs it (start at row 0, scan rows in index order, strict `<`), so the merge order and its tie
//! breaks equal sklearn's `AgglomerativeClustering(linkage="single")`. O(n) memory, O(n²·d) time.

use super::tree::RawMerge;
use crate::engine::progress::{tick, Cancelled, Monitor};

/// Single-linkage merges (one per MST edge, unsorted) of the leaves `data` (row-major, `dim` columns).
pub(super) fn single(
    data: &[f64],
    dim: usize,
    monitor: &mut dyn Monitor,
) -> Result<Vec<RawMerge>, Cancelled> {
    let n = data.len().checked_div(dim).unwrap_or(0);
    let mut best = vec![f64::INFINITY; n];
    // rows not yet in the tree, in index order
    let mut outside: Vec<usize> = (1..n).collect();
    let mut current = 0usize;
    let mut out = Vec::with_capacity(n.saturating_sub(1));
    for k in 0..n.saturating_sub(1) {
        tick(monitor, "single linkage", k, n, 64)?;
        let c = &data[current * dim..(current + 1) * dim];
        let (mut new_d, mut new_pos) = (f64::INFINITY, 0usize);
        for (pos, &j) in outside.iter().enumerate() {
            let mut s = 0.0;
            for (a, b) in c.iter().zip(&data[j * dim..(j + 1) * dim]) {
                let d = a - b;
                s += d * d;
            }
            let d = s.sqrt();
            if d < best[j] {
                best[j] = d;
            }
            if best[j] < new_d {
                new_d = best[j];
                new_pos = pos;
            }
        }
        let next = outside.remove(new_pos);
        out.push((current, next, new_d));
        current = next;
    }
    Ok(out)
}
