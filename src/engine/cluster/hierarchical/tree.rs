//! The linkage matrix in scipy's format and cutting it into segments.
//!
//! Raw merges come from the algorithms as (slot x, slot y, height) where a slot is a leaf index standing for the
//! cluster that contains that leaf. [`to_scipy`] sorts them by height (stable) and renames clusters exactly as scipy's
//! `_hierarchy.label` does: leaves are 0..n−1, the cluster made by row i of the matrix is n + i, and each row lists
//! the smaller id first.

use serde::{Deserialize, Serialize};

use super::params::{check_cut, Cut, HierarchicalError, Result};

/// One row of the linkage matrix: clusters `a` < `b` merged at `height` into a cluster of `size` leaves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// Smaller cluster id (leaves are 0..n−1, merge i creates n + i).
    pub a: usize,
    /// Larger cluster id.
    pub b: usize,
    /// Linkage distance of the merge.
    pub height: f64,
    /// Leaves under the new cluster.
    pub size: usize,
}

impl Merge {
    /// The row as scipy writes it: `[a, b, height, size]`.
    pub fn to_scipy(&self) -> [f64; 4] {
        [self.a as f64, self.b as f64, self.height, self.size as f64]
    }
}

/// A merge as the algorithms emit it: two leaf slots and a height.
pub(super) type RawMerge = (usize, usize, f64);

/// Union-find over leaves; `find` follows parents with path halving.
pub(super) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(super) fn new(n: usize) -> Self {
        Self { parent: (0..n).collect() }
    }

    pub(super) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`; returns the new root.
    pub(super) fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        self.parent[ra] = rb;
        rb
    }
}

/// Stable-sorts raw merges by height and renames clusters as scipy does.
pub(super) fn to_scipy(mut raw: Vec<RawMerge>, n_leaves: usize) -> Vec<Merge> {
    raw.sort_by(|p, q| p.2.total_cmp(&q.2));
    let mut uf = UnionFind::new(n_leaves);
    // cluster id and leaf count of each union-find root
    let mut id: Vec<usize> = (0..n_leaves).collect();
    let mut size = vec![1usize; n_leaves];
    raw.iter()
        .enumerate()
        .map(|(i, &(x, y, height))| {
            let (rx, ry) = (uf.find(x), uf.find(y));
            let (ix, iy) = (id[rx], id[ry]);
            let s = size[rx] + size[ry];
            let root = uf.union(rx, ry);
            id[root] = n_leaves + i;
            size[root] = s;
            Merge { a: ix.min(iy), b: ix.max(iy), height, size: s }
        })
        .collect()
}

/// Number of segments a cut gives on this tree (before checking it against the leaves).
pub fn cut_k(merges: &[Merge], cut: Cut) -> usize {
    match cut {
        Cut::K(k) => k,
        Cut::Distance(t) => 1 + merges.iter().filter(|m| m.height >= t).count(),
    }
}

/// Segment of each leaf after undoing the last k − 1 merges (sklearn's `_hc_cut`), numbered 0, 1, … by the first
/// leaf of each segment in `order` (leaf indices; pass `0..n` for leaf order).
pub fn cut_leaves(merges: &[Merge], cut: Cut, order: &[usize]) -> Result<Vec<i32>> {
    check_cut(cut)?;
    let leaves = merges.len() + 1;
    let k = cut_k(merges, cut);
    if k > leaves {
        return Err(HierarchicalError::TooManySegments { k, leaves });
    }
    // leaf-level union-find over the kept merges: a merge row joins the clusters a and b, which we track by a
    // representative leaf per cluster id
    let mut rep: Vec<usize> = (0..leaves).collect();
    rep.resize(leaves + merges.len(), 0);
    let mut uf = UnionFind::new(leaves);
    for (i, m) in merges.iter().enumerate() {
        let (ra, rb) = (rep[m.a], rep[m.b]);
        rep[leaves + i] = ra;
        if i < leaves - k {
            uf.union(ra, rb);
        }
    }
    let mut label_of_root = vec![-1i32; leaves];
    let mut next = 0;
    let mut labels = vec![-1i32; leaves];
    for &leaf in order {
        let r = uf.find(leaf);
        if label_of_root[r] < 0 {
            label_of_root[r] = next;
            next += 1;
        }
        labels[leaf] = label_of_root[r];
    }
    Ok(labels)
}
