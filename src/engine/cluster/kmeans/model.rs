//! The fitted k-means model (centroids, saved as model.json) and the result of a fit.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::dense::sq_dist;
use super::error::{KMeansError, Result};
use crate::engine::cluster::common::{FitInfo, Predict, NOISE};

/// Centroids in the original feature space; predicts by nearest centroid (lowest index on ties).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedKMeans {
    /// One row per cluster.
    pub centroids: Vec<Vec<f64>>,
}

impl FittedKMeans {
    /// Number of clusters.
    pub fn n_clusters(&self) -> usize {
        self.centroids.len()
    }

    /// Number of features the model expects.
    pub fn n_features(&self) -> usize {
        self.centroids.first().map_or(0, Vec::len)
    }

    /// Centroids as a `k × d` array.
    pub fn centroid_array(&self) -> Array2<f64> {
        let (k, d) = (self.n_clusters(), self.n_features());
        Array2::from_shape_fn((k, d), |(i, j)| self.centroids[i][j])
    }

    /// Nearest centroid and its squared distance for one row; `None` if the row is not finite.
    pub fn nearest(&self, row: &[f64]) -> Option<(usize, f64)> {
        if row.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let mut best = (0, f64::INFINITY);
        for (j, c) in self.centroids.iter().enumerate() {
            let dist = sq_dist(row, c);
            if dist < best.1 {
                best = (j, dist);
            }
        }
        Some(best)
    }

    /// Labels for new rows; an error if the column count differs, [`NOISE`] for rows with NaN/∞.
    pub fn try_predict(&self, x: ArrayView2<f64>) -> Result<Vec<i32>> {
        if x.ncols() != self.n_features() {
            return Err(KMeansError::FeatureMismatch { expected: self.n_features(), got: x.ncols() });
        }
        Ok(x.outer_iter()
            .map(|r| {
                let row: Vec<f64> = r.iter().copied().collect();
                self.nearest(&row).map_or(NOISE, |(j, _)| j as i32)
            })
            .collect())
    }

    /// Weighted sum of squared distances of `x` to the nearest centroids (scikit-learn's `-score`).
    pub fn inertia(&self, x: ArrayView2<f64>) -> Result<f64> {
        if x.ncols() != self.n_features() {
            return Err(KMeansError::FeatureMismatch { expected: self.n_features(), got: x.ncols() });
        }
        Ok(x.outer_iter()
            .map(|r| {
                let row: Vec<f64> = r.iter().copied().collect();
                self.nearest(&row).map_or(0.0, |(_, d)| d)
            })
            .sum())
    }
}

impl Predict for FittedKMeans {
    /// As [`FittedKMeans::try_predict`]; a column-count mismatch labels every row [`NOISE`].
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        self.try_predict(x).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}

/// Everything a k-means fit (full or mini-batch) produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansFit {
    /// The model to save and to score new rows with.
    pub model: FittedKMeans,
    /// Cluster of each training row, 0..k.
    pub labels: Vec<i32>,
    /// Iterations, convergence, time and notes of the best run.
    pub info: FitInfo,
    /// Weighted sum of squared distances to the assigned centroids (scikit-learn's `inertia_`).
    pub inertia: f64,
    /// Inertia of every restart, in restart order (mini-batch: validation inertia of each initialisation);
    /// before the swap polish, so `inertia` can be lower than all of them.
    pub restart_inertias: Vec<f64>,
}

impl KMeansFit {
    /// The centroids, `k × d`.
    pub fn centroids(&self) -> Array2<f64> {
        self.model.centroid_array()
    }
}
