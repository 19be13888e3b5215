//! Exact k nearest neighbours of every row by a kd-tree, for the t-SNE affinities.
//!
//! Written here (not `kiddo`, not `linfa-nn`): kiddo fixes the dimension at compile time (our column count
//! is only known at run time) and linfa-nn's kd-tree allocates per query and does not define how ties are
//! broken. This tree is ~150 lines, exact, and deterministic: neighbours are ordered by (squared distance,
//! row index), so equal distances (duplicate customers) give the same list on every platform and thread
//! count. `knn_matches_brute_force_with_ties` below checks it against all-pairs search. In high
//! dimensions a kd-tree degrades towards all pairs, which the row cap (10,000) keeps affordable.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use crate::engine::progress::{Cancelled, Monitor};

/// Rows per leaf: small enough to prune well, large enough that leaves are scanned in tight loops.
const LEAF_SIZE: usize = 16;
/// Rows per progress/cancel check while querying.
const QUERY_BLOCK: usize = 1024;

/// The k nearest neighbours of every row: row i's are `indices[i*k..(i+1)*k]`, nearest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Knn {
    /// Neighbours per row.
    pub k: usize,
    /// Row indices of the neighbours (never the row itself).
    pub indices: Vec<u32>,
    /// Squared Euclidean distances to them.
    pub sqdist: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    start: usize,
    end: usize,
    /// Split dimension, or `usize::MAX` for a leaf.
    dim: usize,
    split: f64,
    left: usize,
    right: usize,
}

/// A candidate neighbour, ordered by (squared distance, index) so that the heap's top is the worst one.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cand(f64, u32);
impl Eq for Cand {}
impl PartialOrd for Cand {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cand {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

struct KdTree<'a> {
    x: &'a [f64],
    d: usize,
    perm: Vec<u32>,
    nodes: Vec<Node>,
}

impl<'a> KdTree<'a> {
    /// Builds the tree over the `x.len() / d` rows of the row-major `x` (finite values).
    fn build(x: &'a [f64], d: usize) -> Self {
        let n = x.len() / d;
        let mut tree = KdTree { x, d, perm: (0..n as u32).collect(), nodes: Vec::new() };
        tree.build_node(0, n);
        tree
    }

    fn value(&self, row: u32, dim: usize) -> f64 {
        self.x[row as usize * self.d + dim]
    }

    fn build_node(&mut self, start: usize, end: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node { start, end, dim: usize::MAX, split: 0.0, left: 0, right: 0 });
        if end - start <= LEAF_SIZE {
            return id;
        }
        // split the widest dimension at its median
        let (mut dim, mut widest) = (0, 0.0);
        for j in 0..self.d {
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for &r in &self.perm[start..end] {
                let v = self.value(r, j);
                lo = lo.min(v);
                hi = hi.max(v);
            }
            if hi - lo > widest {
                (dim, widest) = (j, hi - lo);
            }
        }
        if widest <= 0.0 {
            return id; // all rows identical: one leaf
        }
        let mid = start + (end - start) / 2;
        let (x, d) = (self.x, self.d);
        let key = |r: &u32| (x[*r as usize * d + dim], *r);
        self.perm[start..end].select_nth_unstable_by(mid - start, |a, b| {
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.cmp(&kb.1))
        });
        let split = self.value(self.perm[mid], dim);
        let left = self.build_node(start, mid);
        let right = self.build_node(mid, end);
        self.nodes[id] = Node { start, end, dim, split, left, right };
        id
    }

    fn sqdist(&self, a: &[f64], row: u32) -> f64 {
        let b = &self.x[row as usize * self.d..(row as usize + 1) * self.d];
        let mut s = 0.0;
        for (u, v) in a.iter().zip(b) {
            let t = u - v;
            s += t * t;
        }
        s
    }

    /// The `k` nearest rows to row `me` (excluding it), nearest first.
    fn query(&self, me: u32, k: usize, heap: &mut BinaryHeap<Cand>) -> Vec<Cand> {
        heap.clear();
        let q = &self.x[me as usize * self.d..(me as usize + 1) * self.d];
        self.search(0, q, me, k, heap);
        let mut out: Vec<Cand> = heap.drain().collect();
        out.sort();
        out
    }

    fn search(&self, node: usize, q: &[f64], me: u32, k: usize, heap: &mut BinaryHeap<Cand>) {
        let nd = self.nodes[node];
        if nd.dim == usize::MAX {
            for &r in &self.perm[nd.start..nd.end] {
                if r == me {
                    continue;
                }
                let c = Cand(self.sqdist(q, r), r);
                if heap.len() < k {
                    heap.push(c);
                } else if heap.peek().is_some_and(|top| c < *top) {
                    heap.pop();
                    heap.push(c);
                }
            }
            return;
        }
        let diff = q[nd.dim] - nd.split;
        // left rows have values <= split, right rows >= split
        let (near, far) = if diff <= 0.0 { (nd.left, nd.right) } else { (nd.right, nd.left) };
        self.search(near, q, me, k, heap);
        let bound = diff * diff;
        // `<=`: a row at exactly the worst distance may still win on its index
        if heap.len() < k || heap.peek().is_some_and(|top| bound <= top.0) {
            self.search(far, q, me, k, heap);
        }
    }
}

/// The `k` nearest neighbours (k ≤ n − 1) of each of the `x.len() / d` rows of the row-major, finite `x`.
pub fn knn(x: &[f64], d: usize, k: usize, monitor: &mut dyn Monitor) -> Result<Knn, Cancelled> {
    let n = x.len().checked_div(d).unwrap_or(0);
    let k = k.min(n.saturating_sub(1));
    let tree = KdTree::build(x, d);
    let mut indices = Vec::with_capacity(n * k);
    let mut sqdist = Vec::with_capacity(n * k);
    let mut start = 0;
    while start < n {
        monitor.progress("t-SNE: nearest neighbours", start as f64 / n as f64);
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let end = (start + QUERY_BLOCK).min(n);
        let rows: Vec<Vec<Cand>> = (start..end)
            .into_par_iter()
            .map_init(|| BinaryHeap::with_capacity(k + 1), |heap, i| tree.query(i as u32, k, heap))
            .collect();
        for row in rows {
            for c in row {
                sqdist.push(c.0);
                indices.push(c.1);
            }
        }
        start = end;
    }
    Ok(Knn { k, indices, sqdist })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use crate::engine::rng::{rng, Rng};

    fn brute(x: &[f64], d: usize, k: usize) -> Knn {
        let n = x.len() / d;
        let mut indices = Vec::new();
        let mut sqdist = Vec::new();
        for i in 0..n {
            let mut all: Vec<Cand> = (0..n)
                .filter(|&j| j != i)
                .map(|j| {
                    let s: f64 = (0..d).map(|c| (x[i * d + c] - x[j * d + c]).powi(2)).sum();
                    Cand(s, j as u32)
                })
                .collect();
            all.sort();
            for c in all.into_iter().take(k) {
                sqdist.push(c.0);
                indices.push(c.1);
            }
        }
        Knn { k, indices, sqdist }
    }

    #[test]
    fn knn_matches_brute_force_with_ties() {
        let mut r = rng(3);
        let (n, d) = (700, 4);
        // coarse integer grid: many exactly equal distances and some duplicate rows
        let x: Vec<f64> = (0..n * d).map(|_| r.gen_range(0..6) as f64).collect();
        for k in [1, 5, 31, 91] {
            let got = knn(&x, d, k, &mut Silent).unwrap();
            let want = brute(&x, d, k);
            assert_eq!(got.indices, want.indices, "k = {k}");
            for (a, b) in got.sqdist.iter().zip(&want.sqdist) {
                assert!((a - b).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn continuous_data_and_k_capped_at_n_minus_1() {
        let mut r = rng(5);
        let (n, d) = (300, 7);
        let x: Vec<f64> = (0..n * d).map(|_| r.gen::<f64>()).collect();
        assert_eq!(knn(&x, d, 20, &mut Silent).unwrap(), brute(&x, d, 20));
        let small = &x[..5 * d];
        let got = knn(small, d, 10, &mut Silent).unwrap();
        assert_eq!(got.k, 4);
        assert_eq!(got, brute(small, d, 4));
    }

    #[test]
    fn identical_rows_and_a_single_row() {
        let x = vec![1.0; 40 * 3];
        let got = knn(&x, 3, 5, &mut Silent).unwrap();
        assert_eq!(got.indices[..5], [1, 2, 3, 4, 5]);
        assert!(got.sqdist.iter().all(|&s| s == 0.0));
        let one = knn(&[1.0, 2.0], 2, 3, &mut Silent).unwrap();
        assert_eq!((one.k, one.indices.len()), (0, 0));
    }
}
