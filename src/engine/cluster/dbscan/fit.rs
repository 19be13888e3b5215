//! DBSCAN fitting with scikit-learn's exact labels in O(n) memory: three kd-tree passes instead of stored
//! neighbourhoods.
//!
//! Why the labels equal sklearn's `dbscan_inner` without copying its stack order: sklearn starts a cluster at each
//! unlabelled core point in index order and expands it completely before starting the next. So (1) the core points
//! of a cluster are a connected component of the core–core "within eps" graph, (2) clusters are numbered by the
//! lowest index of their core points, and (3) a border point (not core, within eps of some core point) keeps the
//! label of the first cluster to reach it, i.e. the lowest-numbered cluster with a core point within eps of it.
//! None of this depends on the order inside a neighbourhood, so we compute exactly these three things:
//! pass 1 marks core points (a count that stops at `min_samples`), pass 2 unions core–core pairs (union-find whose
//! root is the lowest index; tree nodes whose core points are known to be
//! connected are joined once and then skipped), pass 3 gives each non-core point the lowest label among its core
//! neighbours, or noise.
//! Tested element-wise against sklearn in `tests/cluster_density_dbscan.rs`.

use ndarray::ArrayView2;

use super::model::DbscanModel;
use super::params::{DbscanError, DbscanValidParams, Result};
use crate::engine::cluster::spatial::{flatten_finite, KdTree};
use crate::engine::cluster::{FitInfo, NOISE};
use crate::engine::progress::{tick, Monitor};

/// Rows between progress reports / cancel checks.
const TICK: usize = 2048;

/// Neighbour indices of non-core points kept from pass 1 for pass 3 (8M × 8 bytes = 64 MB at most); beyond it
/// pass 3 queries the tree again.
const KEPT_NEIGHBOURS: usize = 8 << 20;

/// The result of [`DbscanValidParams::fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct DbscanFit {
    /// The model used to label new rows.
    pub model: DbscanModel,
    /// One label per training row: 0, 1, … numbered like scikit-learn, or [`NOISE`].
    pub labels: Vec<i32>,
    /// True for core points (sklearn's `core_sample_indices_` as a mask).
    pub is_core: Vec<bool>,
    /// Number of clusters (noise excluded).
    pub n_clusters: usize,
    /// Number of noise rows.
    pub n_noise: usize,
    /// Diagnostics.
    pub info: FitInfo,
}

impl DbscanValidParams {
    /// Clusters the rows of `x` (already preprocessed/scaled). Errors on empty or non-finite input; never panics.
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<DbscanFit> {
        self.fit_with_budget(x, monitor, KEPT_NEIGHBOURS)
    }

    /// [`DbscanValidParams::fit`] with the pass-1 neighbour budget as a parameter (tests use a small one).
    pub(super) fn fit_with_budget(
        &self,
        x: ArrayView2<f64>,
        monitor: &mut dyn Monitor,
        kept_budget: usize,
    ) -> Result<DbscanFit> {
        let start_ms = monitor.now_ms();
        let (n, dim) = x.dim();
        if n == 0 {
            return Err(DbscanError::NoRows);
        }
        if dim == 0 {
            return Err(DbscanError::NoFeatures);
        }
        let data = flatten_finite(x).map_err(|(row, column)| DbscanError::NonFinite { row, column })?;
        let tree = KdTree::build(&data, dim);
        let r2 = self.eps() * self.eps();
        let row = |i: usize| &data[i * dim..(i + 1) * dim];
        let mut stack = Vec::new();

        // pass 1: core points. A non-core point has fewer than min_samples neighbours, so its list is short: keep
        // it (within a memory budget) for pass 3 instead of querying again.
        let ms = self.min_samples();
        let mut is_core = vec![false; n];
        let mut kept = Vec::new();
        let mut kept_at: Vec<(usize, usize)> = vec![(usize::MAX, 0); n];
        let mut buf = Vec::new();
        for (i, core) in is_core.iter_mut().enumerate() {
            tick(monitor, "dbscan: core points", i, n, TICK)?;
            if kept.len() + ms <= kept_budget {
                let complete = tree.collect_within_up_to(row(i), r2, ms, &mut stack, &mut buf);
                *core = !complete;
                if complete {
                    kept_at[i] = (kept.len(), buf.len());
                    kept.extend_from_slice(&buf);
                }
            } else {
                *core = tree.count_within(row(i), r2, ms, &mut stack) >= ms;
            }
        }

        // pass 2: connected components of core points; the root of a component is its lowest index.
        // `rep[node]` is a row whose component holds every core point of the node, once known: set up front for
        // nodes narrower than eps (their core points are mutually within eps), and during the pass for nodes that
        // lie wholly inside a core point's ball. A query skips such a node when it is in the same component, and
        // joins the node's component through `rep` without listing its points otherwise.
        let mut parent: Vec<usize> = (0..n).collect();
        let mut rep = vec![usize::MAX; tree.node_count()];
        for (node, slot) in rep.iter_mut().enumerate() {
            if tree.node_diameter2(node) <= r2 {
                let mut cores = tree.node_rows(node).iter().copied().filter(|&j| is_core[j]);
                if let Some(first) = cores.next() {
                    cores.for_each(|j| union(&mut parent, first, j));
                    *slot = first;
                }
            }
        }
        // Every core–core pair within eps is found once, from the one earlier in tree order: each query looks
        // only at later tree positions (and skips the nodes wholly before it). A node wholly inside the ball
        // that also holds earlier points may take `i` as its `rep`: its earlier core points already joined
        // `i` when they were queried.
        for (p, &i) in tree.tree_order().iter().enumerate() {
            tick(monitor, "dbscan: clusters", p, n, TICK)?;
            if !is_core[i] {
                continue;
            }
            let state = std::cell::RefCell::new((&mut parent, &mut rep));
            tree.for_each_within_pruned(
                row(i),
                r2,
                p + 1,
                &mut stack,
                |node| {
                    let (p, rep) = &mut *state.borrow_mut();
                    rep[node] != usize::MAX && find(p, rep[node]) == find(p, i)
                },
                |node| {
                    let (p, rep) = &mut *state.borrow_mut();
                    if rep[node] != usize::MAX {
                        union(p, i, rep[node]);
                        true
                    } else {
                        // the points are listed next and all joined to i
                        rep[node] = i;
                        false
                    }
                },
                |j| {
                    if is_core[j] {
                        union(state.borrow_mut().0, i, j);
                    }
                },
            );
        }
        let mut labels = vec![NOISE; n];
        let mut n_clusters = 0usize;
        for i in 0..n {
            if is_core[i] {
                let root = find(&mut parent, i);
                if root == i {
                    labels[i] = n_clusters as i32;
                    n_clusters += 1;
                } else {
                    labels[i] = labels[root];
                }
            }
        }

        // pass 3: border points take the lowest label among their core neighbours
        for i in 0..n {
            tick(monitor, "dbscan: border points", i, n, TICK)?;
            if is_core[i] {
                continue;
            }
            let mut best = i32::MAX;
            let mut consider = |j: usize| {
                if is_core[j] && labels[j] < best {
                    best = labels[j];
                }
            };
            match kept_at[i] {
                (usize::MAX, _) => tree.for_each_within(row(i), r2, &mut stack, consider),
                (at, len) => kept[at..at + len].iter().for_each(|&j| consider(j)),
            }
            if best != i32::MAX {
                labels[i] = best;
            }
        }
        monitor.progress("dbscan: border points", 1.0);

        let n_noise = labels.iter().filter(|&&l| l == NOISE).count();
        let n_core = is_core.iter().filter(|&&c| c).count();
        let (model, model_note) = DbscanModel::from_fit(self, &data, dim, &is_core, &labels);
        let mut notes = vec![format!(
            "{n_clusters} clusters, {n_core} core points, {} border points, {n_noise} noise points \
             (eps = {}, min_samples = {} counting the point itself)",
            n - n_core - n_noise,
            self.eps(),
            self.min_samples()
        )];
        notes.push(model_note);
        let info = FitInfo { iterations: 1, converged: true, elapsed_ms: monitor.now_ms() - start_ms, notes };
        Ok(DbscanFit { model, labels, is_core, n_clusters, n_noise, info })
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra < rb {
        parent[rb] = ra;
    } else if rb < ra {
        parent[ra] = rb;
    }
}
