//! Exact complete and average linkage on a condensed f64 distance matrix, with scipy's nearest-neighbour chain and
//! Lance–Williams updates (same scan order, tie rule and slot convention as `scipy.cluster.hierarchy.linkage`).
//! Memory n(n−1)/2 × 8 bytes, so callers cap n (see `HierarchicalParams::max_rows_pairwise`).

use super::params::{HierarchicalError, Linkage, Result};
use super::tree::RawMerge;
use crate::engine::progress::{tick, Monitor};

#[inline]
fn idx(n: usize, i: usize, j: usize) -> usize {
    let (i, j) = if i < j { (i, j) } else { (j, i) };
    n * i - i * (i + 1) / 2 + (j - i - 1)
}

/// Complete or average linkage of the leaves `data` (row-major, `dim` columns); `weights` are the leaves' sizes
/// (1 for rows, row counts for micro-clusters; average linkage weighs by them, complete ignores them).
pub(super) fn pairwise(
    data: &[f64],
    dim: usize,
    weights: &[f64],
    linkage: Linkage,
    monitor: &mut dyn Monitor,
) -> Result<Vec<RawMerge>> {
    let n = weights.len();
    let len = n * n.saturating_sub(1) / 2;
    let mut d: Vec<f64> = Vec::new();
    d.try_reserve_exact(len).map_err(|_| HierarchicalError::OutOfMemory { rows: n, bytes: len * 8 })?;
    for i in 0..n {
        tick(monitor, "distance matrix", i, n, 256)?;
        let a = &data[i * dim..(i + 1) * dim];
        for j in i + 1..n {
            let mut s = 0.0;
            for (x, y) in a.iter().zip(&data[j * dim..(j + 1) * dim]) {
                let t = x - y;
                s += t * t;
            }
            d.push(s.sqrt());
        }
    }
    let mut size = weights.to_vec();
    let mut active: Vec<usize> = (0..n).collect();
    let mut chain: Vec<usize> = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n.saturating_sub(1));
    for k in 0..n.saturating_sub(1) {
        tick(monitor, "linkage", k, n, 64)?;
        if chain.is_empty() {
            chain.push(active[0]);
        }
        let (x, y, best) = loop {
            let x = chain[chain.len() - 1];
            let prev = (chain.len() > 1).then(|| chain[chain.len() - 2]);
            let (mut y, mut best) = match prev {
                Some(p) => (p, d[idx(n, x, p)]),
                None => (usize::MAX, f64::INFINITY),
            };
            for &i in &active {
                if i != x && d[idx(n, x, i)] < best {
                    best = d[idx(n, x, i)];
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
        out.push((x, y, best));
        let (nx, ny) = (size[x], size[y]);
        size[y] = nx + ny;
        if let Ok(pos) = active.binary_search(&x) {
            active.remove(pos);
        }
        for &i in &active {
            if i == y {
                continue;
            }
            let (dxi, dyi) = (d[idx(n, i, x)], d[idx(n, i, y)]);
            d[idx(n, i, y)] = match linkage {
                Linkage::Average => (nx * dxi + ny * dyi) / (nx + ny),
                _ => dxi.max(dyi),
            };
        }
    }
    Ok(out)
}
