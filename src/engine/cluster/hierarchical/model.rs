//! The fitted hierarchical model: the scipy-format tree, the cut, and segment centroids for labelling new rows
//! (nearest centroid in the clustered feature space).

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::dendrogram::{dendrogram, Dendrogram};
use super::params::{Cut, HierarchicalError, Linkage, Result};
use super::tree::{cut_leaves, Merge};
use crate::engine::cluster::spatial::sq_dist;
use crate::engine::cluster::{Predict, NOISE};

/// Segment centroids (means of the training rows of each segment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segments {
    /// Number of segments.
    pub n_clusters: usize,
    /// Row-major `n_clusters × n_features`.
    pub centroids: Vec<f64>,
    /// Training rows per segment.
    pub sizes: Vec<usize>,
}

impl Segments {
    /// Means of the rows of `data` (row-major, `dim` columns) per label 0..k.
    pub fn from_rows(data: &[f64], dim: usize, labels: &[i32]) -> Self {
        let k = labels.iter().map(|&l| l + 1).max().unwrap_or(0).max(0) as usize;
        let mut centroids = vec![0.0; k * dim];
        let mut sizes = vec![0usize; k];
        for (i, &l) in labels.iter().enumerate() {
            if l >= 0 {
                let l = l as usize;
                sizes[l] += 1;
                for j in 0..dim {
                    centroids[l * dim + j] += data[i * dim + j];
                }
            }
        }
        for (l, &s) in sizes.iter().enumerate() {
            centroids[l * dim..(l + 1) * dim].iter_mut().for_each(|c| *c /= s.max(1) as f64);
        }
        Segments { n_clusters: k, centroids, sizes }
    }
}

/// What hierarchical clustering keeps: the tree for the dendrogram and re-cuts, the cut, and the centroids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HierarchicalModel {
    /// Linkage criterion of the tree.
    pub linkage: Linkage,
    /// Number of features of the training rows.
    pub n_features: usize,
    /// The linkage matrix (scipy format, `leaves − 1` rows, sorted by height).
    pub merges: Vec<Merge>,
    /// Training rows under each leaf (all 1 when exact; micro-cluster sizes otherwise).
    pub leaf_rows: Vec<usize>,
    /// The segment of each leaf at the chosen cut.
    pub leaf_labels: Vec<i32>,
    /// True when the leaves are k-means micro-clusters (rows above the exact cap).
    pub micro: bool,
    /// Segment centroids and sizes.
    pub segments: Segments,
}

impl HierarchicalModel {
    /// The linkage matrix as scipy's `Z` rows `[a, b, height, size]`.
    pub fn linkage_matrix(&self) -> Vec<[f64; 4]> {
        self.merges.iter().map(Merge::to_scipy).collect()
    }

    /// Leaf segments for another cut of the tree (numbered by leaf order).
    pub fn cut_leaves(&self, cut: Cut) -> Result<Vec<i32>> {
        let order: Vec<usize> = (0..self.leaf_rows.len()).collect();
        cut_leaves(&self.merges, cut, &order)
    }

    /// Drawable dendrogram of the last `p` merges (scipy `truncate_mode="lastp"`; `p = 0` or ≥ leaves: all).
    pub fn dendrogram(&self, p: usize) -> Dendrogram {
        dendrogram(&self.merges, &self.leaf_rows, p)
    }

    /// Segment of each new row: the nearest centroid (squared Euclidean; ties → lower segment). Rows with a
    /// non-finite value are [`NOISE`]. Errors when the number of features differs.
    pub fn try_predict(&self, x: ArrayView2<f64>) -> Result<Vec<i32>> {
        let dim = self.n_features;
        if x.ncols() != dim {
            return Err(HierarchicalError::FeatureMismatch { expected: dim, got: x.ncols() });
        }
        let c = &self.segments.centroids;
        Ok(x.outer_iter()
            .map(|row| {
                if row.iter().any(|v| !v.is_finite()) {
                    return NOISE;
                }
                let row = row.to_vec();
                (0..self.segments.n_clusters)
                    .map(|l| (l, sq_dist(&row, &c[l * dim..(l + 1) * dim])))
                    .fold(None, |best: Option<(usize, f64)>, (l, d)| match best {
                        Some((_, bd)) if bd <= d => best,
                        _ => Some((l, d)),
                    })
                    .map_or(NOISE, |(l, _)| l as i32)
            })
            .collect())
    }
}

impl Predict for HierarchicalModel {
    /// As [`HierarchicalModel::try_predict`]; rows of the wrong width are all [`NOISE`].
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        self.try_predict(x).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}
