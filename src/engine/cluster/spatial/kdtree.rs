//! A static kd-tree over the rows of a dense matrix: radius counts, radius enumeration, nearest-within-radius and
//! k-th-neighbour distance, all on squared Euclidean distance. Never allocates per query (callers pass buffers).
//!
//! Written here rather than wrapping `linfa-nn`'s `KdTree` (the `kdtree` crate) because DBSCAN needs a radius
//! *count that stops early* at `min_samples` and whole-node acceptance when a node's box lies inside the ball; the
//! crate allocates a result vector per query and has neither. `examples/bench_cluster_density.rs` measures both.
//!
//! Exactness: a point is within radius iff its squared distance (summed as `sum_terms` does) is ≤ r².
//! Box bounds are computed with the same per-feature operations, so pruning (box outside the ball) and whole-node
//! acceptance (box inside the ball) never disagree with the per-point test (rounding is monotone).

use crate::engine::simd::{box_max_lanes, box_min_lanes, sq_dist_lanes};

/// Leaves hold at most this many points.
const LEAF_SIZE: usize = 16;

/// A query's reusable buffer: the nodes still to visit, each with the squared distance from the query to
/// its box (computed once, when the node is pushed).
pub type Stack = Vec<(usize, f64)>;

#[derive(Debug, Clone, Copy)]
struct Node {
    start: usize,
    end: usize,
    /// Index of the left child; the right child is `left + 1`. 0 for a leaf (the root is never a child).
    left: usize,
}

/// A kd-tree over `n` points of dimension `dim`. Points are copied in tree order for locality.
#[derive(Debug, Clone)]
pub struct KdTree {
    dim: usize,
    points: Vec<f64>,
    index: Vec<usize>,
    nodes: Vec<Node>,
    /// Per node: `dim` lower bounds then `dim` upper bounds.
    bounds: Vec<f64>,
}

impl KdTree {
    /// Builds the tree over `data` (row-major, `data.len() == n * dim`). Values must be finite (callers check).
    /// Returns an empty tree when `dim == 0` or `data` is empty.
    pub fn build(data: &[f64], dim: usize) -> Self {
        let n = data.len().checked_div(dim).unwrap_or(0);
        let mut index: Vec<usize> = (0..n).collect();
        let mut tree =
            KdTree { dim, points: Vec::new(), index: Vec::new(), nodes: Vec::new(), bounds: Vec::new() };
        if n == 0 {
            tree.index = index;
            return tree;
        }
        tree.nodes.push(Node { start: 0, end: n, left: 0 });
        let mut stack = vec![0usize];
        while let Some(id) = stack.pop() {
            let Node { start, end, .. } = tree.nodes[id];
            let (lo, hi) = box_of(data, dim, &index[start..end]);
            let (split_dim, spread) =
                (0..dim)
                    .map(|j| (j, hi[j] - lo[j]))
                    .fold((0, -1.0), |best, c| if c.1 > best.1 { c } else { best });
            let off = id * 2 * dim;
            if tree.bounds.len() < off + 2 * dim {
                tree.bounds.resize(off + 2 * dim, 0.0);
            }
            tree.bounds[off..off + dim].copy_from_slice(&lo);
            tree.bounds[off + dim..off + 2 * dim].copy_from_slice(&hi);
            // identical points cannot be separated: such a node stays a leaf whatever its size
            if end - start <= LEAF_SIZE || spread <= 0.0 {
                continue;
            }
            let mid = start + (end - start) / 2;
            index[start..end].select_nth_unstable_by(mid - start, |&a, &b| {
                data[a * dim + split_dim].total_cmp(&data[b * dim + split_dim])
            });
            let left = tree.nodes.len();
            tree.nodes[id].left = left;
            tree.nodes.push(Node { start, end: mid, left: 0 });
            tree.nodes.push(Node { start: mid, end, left: 0 });
            stack.push(left);
            stack.push(left + 1);
        }
        tree.points = Vec::with_capacity(n * dim);
        for &i in &index {
            tree.points.extend_from_slice(&data[i * dim..(i + 1) * dim]);
        }
        tree.index = index;
        tree
    }

    /// Number of points in the tree.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when the tree holds no point.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Dimension of the points.
    pub fn dim(&self) -> usize {
        self.dim
    }

    // The per-point and per-node helpers below are always inlined, and the leaf loops are `while` loops: they
    // were written for a wasm build at opt-level "z", where LLVM keeps small functions and iterator adaptors
    // as calls, which cost more than the simd128 distance itself (docs/BENCHMARKS.md, "wasm SIMD").
    #[inline(always)]
    fn lo(&self, node: usize) -> &[f64] {
        &self.bounds[node * 2 * self.dim..node * 2 * self.dim + self.dim]
    }

    #[inline(always)]
    fn hi(&self, node: usize) -> &[f64] {
        &self.bounds[node * 2 * self.dim + self.dim..(node + 1) * 2 * self.dim]
    }

    /// Squared distance from `q` to the nearest point of the node's box.
    #[inline(always)]
    fn min_d2(&self, node: usize, q: &[f64]) -> f64 {
        let (lo, hi) = (self.lo(node), self.hi(node));
        finish_terms(q.len(), box_min_lanes(q, lo, hi), |j| {
            let d = (lo[j] - q[j]).max(q[j] - hi[j]).max(0.0);
            d * d
        })
    }

    /// Squared distance from `q` to the farthest corner of the node's box.
    #[inline(always)]
    fn max_d2(&self, node: usize, q: &[f64]) -> f64 {
        let (lo, hi) = (self.lo(node), self.hi(node));
        finish_terms(q.len(), box_max_lanes(q, lo, hi), |j| {
            let d = (q[j] - lo[j]).abs().max((hi[j] - q[j]).abs());
            d * d
        })
    }

    #[inline(always)]
    fn d2(&self, pos: usize, q: &[f64]) -> f64 {
        sq_dist(&self.points[pos * self.dim..(pos + 1) * self.dim], q)
    }

    /// Number of points with squared distance ≤ `r2` from `q`, counting stops once it reaches `stop_at`
    /// (the result is then ≥ `stop_at`, not the exact count). `stack` is a reusable buffer.
    pub fn count_within(&self, q: &[f64], r2: f64, stop_at: usize, stack: &mut Stack) -> usize {
        let mut count = 0;
        if self.nodes.is_empty() {
            return 0;
        }
        stack.clear();
        stack.push((0, self.min_d2(0, q)));
        while let Some((id, near)) = stack.pop() {
            if near > r2 {
                continue;
            }
            let node = self.nodes[id];
            if self.max_d2(id, q) <= r2 {
                count += node.end - node.start;
            } else if node.left == 0 {
                let mut p = node.start;
                while p < node.end {
                    count += usize::from(self.d2(p, q) <= r2);
                    p += 1;
                }
            } else {
                // nearer child first, so that an early stop comes early
                self.push_children_near_first(node.left, q, stack);
            }
            if count >= stop_at {
                return count;
            }
        }
        count
    }

    /// Calls `f(row)` for every point with squared distance ≤ `r2` from `q` (in tree order, not index order).
    pub fn for_each_within(&self, q: &[f64], r2: f64, stack: &mut Stack, f: impl FnMut(usize)) {
        self.for_each_within_pruned(q, r2, 0, stack, |_| false, |_| false, f);
    }

    /// As [`KdTree::for_each_within`] over the points at tree positions `from..` only (see
    /// [`KdTree::tree_order`]; nodes wholly before `from` are not visited), with two hooks: a node for which
    /// `skip(node)` is true is not visited; a node whose whole box lies within the radius is first offered to
    /// `inside(node)`, and its points (from `from` on) are passed to `f` only if that returns false.
    #[allow(clippy::too_many_arguments)]
    pub fn for_each_within_pruned(
        &self,
        q: &[f64],
        r2: f64,
        from: usize,
        stack: &mut Stack,
        mut skip: impl FnMut(usize) -> bool,
        mut inside: impl FnMut(usize) -> bool,
        mut f: impl FnMut(usize),
    ) {
        if self.nodes.is_empty() {
            return;
        }
        stack.clear();
        stack.push((0, self.min_d2(0, q)));
        while let Some((id, near)) = stack.pop() {
            let node = self.nodes[id];
            if node.end <= from || near > r2 || skip(id) {
                continue;
            }
            let start = node.start.max(from);
            if self.max_d2(id, q) <= r2 {
                if !inside(id) {
                    self.index[start..node.end].iter().for_each(|&i| f(i));
                }
            } else if node.left == 0 {
                let mut p = start;
                while p < node.end {
                    if self.d2(p, q) <= r2 {
                        f(self.index[p]);
                    }
                    p += 1;
                }
            } else {
                for child in [node.left + 1, node.left] {
                    if self.nodes[child].end > from {
                        stack.push((child, self.min_d2(child, q)));
                    }
                }
            }
        }
    }

    /// The rows in tree order: position `p` of the `from` argument of [`KdTree::for_each_within_pruned`] is
    /// row `tree_order()[p]`.
    pub fn tree_order(&self) -> &[usize] {
        &self.index
    }

    /// Appends to `out` the rows within `r2` of `q` until at least `stop_at` were found; returns whether the list
    /// is complete (fewer than `stop_at` rows are within the radius).
    pub fn collect_within_up_to(
        &self,
        q: &[f64],
        r2: f64,
        stop_at: usize,
        stack: &mut Stack,
        out: &mut Vec<usize>,
    ) -> bool {
        out.clear();
        if self.nodes.is_empty() {
            return true;
        }
        stack.clear();
        stack.push((0, self.min_d2(0, q)));
        while let Some((id, near)) = stack.pop() {
            if near > r2 {
                continue;
            }
            let node = self.nodes[id];
            if self.max_d2(id, q) <= r2 {
                out.extend_from_slice(&self.index[node.start..node.end]);
            } else if node.left == 0 {
                let mut p = node.start;
                while p < node.end {
                    if self.d2(p, q) <= r2 {
                        out.push(self.index[p]);
                    }
                    p += 1;
                }
            } else {
                self.push_children_near_first(node.left, q, stack);
            }
            if out.len() >= stop_at {
                return false;
            }
        }
        true
    }

    /// Number of nodes; node ids are `0..node_count()`, 0 is the root.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The rows (original indices) under a node.
    pub fn node_rows(&self, node: usize) -> &[usize] {
        let n = self.nodes[node];
        &self.index[n.start..n.end]
    }

    /// Squared length of the node box's diagonal: no two of its points are farther apart than this.
    pub fn node_diameter2(&self, node: usize) -> f64 {
        let (lo, hi) = (self.lo(node), self.hi(node));
        sum_terms(self.dim, |j| {
            let d = hi[j] - lo[j];
            d * d
        })
    }

    /// The nearest point to `q` with squared distance ≤ `r2`, as `(row, squared distance)`; ties go to the lower row.
    pub fn nearest_within(&self, q: &[f64], r2: f64, stack: &mut Stack) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        if self.nodes.is_empty() {
            return None;
        }
        stack.clear();
        stack.push((0, self.min_d2(0, q)));
        while let Some((id, near)) = stack.pop() {
            let bound = best.map_or(r2, |b| b.1);
            if near > bound {
                continue;
            }
            let node = self.nodes[id];
            if node.left == 0 {
                for p in node.start..node.end {
                    let d = self.d2(p, q);
                    let row = self.index[p];
                    let better = match best {
                        None => d <= r2,
                        Some((br, bd)) => d < bd || (d == bd && row < br),
                    };
                    if better {
                        best = Some((row, d));
                    }
                }
            } else {
                self.push_children_near_first(node.left, q, stack);
            }
        }
        best
    }

    /// Squared distance from `q` to its `k`-th nearest point in the tree (k ≥ 1; a point equal to `q` counts).
    /// `None` when the tree has fewer than `k` points. `heap` and `stack` are reusable buffers.
    pub fn kth_nearest_d2(&self, q: &[f64], k: usize, heap: &mut Vec<f64>, stack: &mut Stack) -> Option<f64> {
        if k == 0 || k > self.len() {
            return None;
        }
        // `heap` is kept sorted ascending with at most k entries; k is small (min_samples) in practice
        heap.clear();
        stack.clear();
        stack.push((0, self.min_d2(0, q)));
        while let Some((id, near)) = stack.pop() {
            let bound = if heap.len() == k { heap[k - 1] } else { f64::INFINITY };
            if near > bound {
                continue;
            }
            let node = self.nodes[id];
            if node.left == 0 {
                for p in node.start..node.end {
                    let d = self.d2(p, q);
                    if heap.len() < k || d < heap[k - 1] {
                        let at = heap.partition_point(|&h| h <= d);
                        if heap.len() == k {
                            heap.pop();
                        }
                        heap.insert(at, d);
                    }
                }
            } else {
                self.push_children_near_first(node.left, q, stack);
            }
        }
        heap.get(k - 1).copied()
    }

    fn push_children_near_first(&self, left: usize, q: &[f64], stack: &mut Stack) {
        let (dl, dr) = (self.min_d2(left, q), self.min_d2(left + 1, q));
        if dl <= dr {
            stack.push((left + 1, dr));
            stack.push((left, dl));
        } else {
            stack.push((left, dl));
            stack.push((left + 1, dr));
        }
    }
}

/// Squared Euclidean distance of two rows of equal length, summed as [`sum_terms`] does.
#[inline]
pub fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    finish_terms(n, sq_dist_lanes(a, b), |j| {
        let d = a[j] - b[j];
        d * d
    })
}

/// Σ term(j) for j < n in a fixed association: four running sums over j mod 4, then (s0 + s1) + (s2 + s3).
/// Point distances and box bounds use this same order, so rounding stays monotone between them (a box bound
/// never disagrees with a point inside the box).
#[inline(always)]
fn sum_terms(n: usize, term: impl Fn(usize) -> f64) -> f64 {
    let mut s = [0.0f64; 4];
    let full = n - n % 4;
    let mut j = 0;
    while j < full {
        s[0] += term(j);
        s[1] += term(j + 1);
        s[2] += term(j + 2);
        s[3] += term(j + 3);
        j += 4;
    }
    finish_terms(n, s, term)
}

/// Completes [`sum_terms`] from its four running sums over the full groups of four (`lanes`, computed by the
/// `engine::simd` kernels with the same per-lane operations): adds the last `n % 4` terms, then combines.
#[inline(always)]
fn finish_terms(n: usize, mut s: [f64; 4], term: impl Fn(usize) -> f64) -> f64 {
    let mut j = n - n % 4;
    while j < n {
        s[j % 4] += term(j);
        j += 1;
    }
    (s[0] + s[1]) + (s[2] + s[3])
}

fn box_of(data: &[f64], dim: usize, rows: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let mut lo = vec![f64::INFINITY; dim];
    let mut hi = vec![f64::NEG_INFINITY; dim];
    for &i in rows {
        for j in 0..dim {
            let v = data[i * dim + j];
            lo[j] = lo[j].min(v);
            hi[j] = hi[j].max(v);
        }
    }
    (lo, hi)
}
