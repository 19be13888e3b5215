//! Fitting: choose exact or micro-cluster mode from the caps, build the linkage, cut it, and make the model.

use ndarray::ArrayView2;

use super::micro::micro_clusters;
use super::model::{HierarchicalModel, Segments};
use super::pairwise::pairwise;
use super::params::{Cut, HierarchicalError, HierarchicalValidParams, Linkage, Result};
use super::single::single;
use super::tree::{cut_leaves, to_scipy};
use super::ward::ward;
use crate::engine::cluster::spatial::flatten_finite;
use crate::engine::cluster::FitInfo;
use crate::engine::progress::Monitor;

/// The result of [`HierarchicalValidParams::fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct HierarchicalFit {
    /// The tree, the cut and the segment centroids.
    pub model: HierarchicalModel,
    /// The segment of each training row (0, 1, … in order of first appearance).
    pub labels: Vec<i32>,
    /// The leaf (micro-cluster) of each row; `None` when exact (leaf = row).
    pub row_leaf: Option<Vec<usize>>,
    /// Diagnostics.
    pub info: FitInfo,
}

impl HierarchicalFit {
    /// Row labels for another cut of the same tree (no refit), numbered by first appearance.
    pub fn labels_for(&self, cut: Cut) -> Result<Vec<i32>> {
        let order = first_appearance(self.row_leaf.as_deref(), self.model.leaf_rows.len());
        let leaf = cut_leaves(&self.model.merges, cut, &order)?;
        Ok(match &self.row_leaf {
            None => leaf,
            Some(map) => map.iter().map(|&l| leaf[l]).collect(),
        })
    }
}

impl HierarchicalValidParams {
    /// Builds the tree over the rows of `x` (already preprocessed/scaled) and cuts it. Exact up to the linkage's
    /// cap; above it, on weighted k-means micro-clusters (the notes say so). Errors on empty or non-finite input or
    /// k above the number of leaves; never panics.
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<HierarchicalFit> {
        let start_ms = monitor.now_ms();
        let p = self.get();
        let (n, dim) = x.dim();
        if n == 0 {
            return Err(HierarchicalError::NoRows);
        }
        if dim == 0 {
            return Err(HierarchicalError::NoFeatures);
        }
        let data = flatten_finite(x).map_err(|(row, column)| HierarchicalError::NonFinite { row, column })?;
        let mut notes = Vec::new();
        let (leaves, weights, row_leaf) = if n <= self.exact_cap() {
            notes.push(format!("exact {} linkage on {n} rows", name(p.linkage)));
            (data.clone(), vec![1.0; n], None)
        } else {
            monitor.progress("micro-clusters", 0.0);
            let m = micro_clusters(x, p.n_micro, p.micro_iterations, p.seed)?;
            monitor.progress("micro-clusters", 1.0);
            if monitor.cancelled() {
                return Err(crate::engine::progress::Cancelled.into());
            }
            notes.push(format!(
                "{n} rows exceed the exact cap of {} for {} linkage: the tree is built on {} k-means micro-clusters \
                 (seed {}, at most {} iterations) weighted by their row counts, each row takes its micro-cluster's \
                 segment, and the dendrogram's leaves are micro-clusters",
                self.exact_cap(),
                name(p.linkage),
                m.weights.len(),
                p.seed,
                m.iterations
            ));
            (m.centres, m.weights, Some(m.row_leaf))
        };
        let n_leaves = weights.len();
        let raw = match p.linkage {
            Linkage::Ward => ward(&leaves, dim, &weights, monitor)?,
            Linkage::Single => single(&leaves, dim, monitor)?,
            Linkage::Complete | Linkage::Average => pairwise(&leaves, dim, &weights, p.linkage, monitor)?,
        };
        let merges = to_scipy(raw, n_leaves);
        let order = first_appearance(row_leaf.as_deref(), n_leaves);
        let leaf_labels = cut_leaves(&merges, p.cut, &order)?;
        let labels: Vec<i32> = match &row_leaf {
            None => leaf_labels.clone(),
            Some(map) => map.iter().map(|&l| leaf_labels[l]).collect(),
        };
        let segments = Segments::from_rows(&data, dim, &labels);
        notes.push(format!("cut into {} segments", segments.n_clusters));
        let leaf_rows = weights.iter().map(|&w| w as usize).collect();
        let model = HierarchicalModel {
            linkage: p.linkage,
            n_features: dim,
            merges,
            leaf_rows,
            leaf_labels,
            micro: row_leaf.is_some(),
            segments,
        };
        let info = FitInfo {
            iterations: n_leaves.saturating_sub(1),
            converged: true,
            elapsed_ms: monitor.now_ms() - start_ms,
            notes,
        };
        Ok(HierarchicalFit { model, labels, row_leaf, info })
    }
}

fn name(l: Linkage) -> &'static str {
    match l {
        Linkage::Ward => "ward",
        Linkage::Complete => "complete",
        Linkage::Average => "average",
        Linkage::Single => "single",
    }
}

/// Leaves in the order their first row appears (leaf order when exact).
fn first_appearance(row_leaf: Option<&[usize]>, n_leaves: usize) -> Vec<usize> {
    match row_leaf {
        None => (0..n_leaves).collect(),
        Some(map) => {
            let mut seen = vec![false; n_leaves];
            let mut order = Vec::with_capacity(n_leaves);
            for &l in map {
                if !seen[l] {
                    seen[l] = true;
                    order.push(l);
                }
            }
            order
        }
    }
}
