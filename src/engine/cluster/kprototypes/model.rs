//! The fitted k-prototypes model (numeric centroids + categorical modes, saved as model.json) and the fit
//! result.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::data::{dissim, MISSING};
use super::params::{KPrototypesError, Result};
use crate::engine::cluster::common::{FitInfo, Predict, NOISE};

/// Prototypes: one numeric centroid and one vector of categorical modes (original codes; [`MISSING`] when a
/// cluster has no known value for a column) per cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedKPrototypes {
    /// Numeric centroids, `k × p`.
    pub numeric_centroids: Vec<Vec<f64>>,
    /// Categorical modes, `k × m`.
    pub categorical_modes: Vec<Vec<u32>>,
    /// Weight of one categorical mismatch.
    pub gamma: f64,
}

impl FittedKPrototypes {
    /// Number of clusters.
    pub fn n_clusters(&self) -> usize {
        self.numeric_centroids.len()
    }
    fn widths(&self) -> (usize, usize) {
        (
            self.numeric_centroids.first().map_or(0, Vec::len),
            self.categorical_modes.first().map_or(0, Vec::len),
        )
    }

    /// Nearest prototype (lowest index on ties) and its dissimilarity.
    pub fn nearest(&self, num: &[f64], cat: &[u32]) -> (usize, f64) {
        let mut best = (0, f64::INFINITY);
        for j in 0..self.n_clusters() {
            let d = dissim(num, cat, &self.numeric_centroids[j], &self.categorical_modes[j], self.gamma);
            if d < best.1 {
                best = (j, d);
            }
        }
        best
    }

    /// Cluster of each new row given as numeric values and categorical codes ([`MISSING`] allowed); rows with
    /// non-finite numbers get [`NOISE`].
    pub fn predict_mixed(&self, numeric: ArrayView2<f64>, categorical: ArrayView2<u32>) -> Result<Vec<i32>> {
        let (p, m) = self.widths();
        if numeric.ncols() != p || categorical.ncols() != m || numeric.nrows() != categorical.nrows() {
            return Err(KPrototypesError::FeatureMismatch {
                numeric: p,
                categorical: m,
                got_numeric: numeric.ncols(),
                got_categorical: categorical.ncols(),
            });
        }
        Ok(numeric
            .outer_iter()
            .zip(categorical.outer_iter())
            .map(|(n, c)| {
                let (n, c): (Vec<f64>, Vec<u32>) = (n.to_vec(), c.to_vec());
                if n.iter().any(|v| !v.is_finite()) {
                    NOISE
                } else {
                    self.nearest(&n, &c).0 as i32
                }
            })
            .collect())
    }

    /// Total cost of given labels against these prototypes (an independent check of a fit's cost).
    pub fn cost(&self, numeric: ArrayView2<f64>, categorical: ArrayView2<u32>, labels: &[i32]) -> f64 {
        numeric
            .outer_iter()
            .zip(categorical.outer_iter())
            .zip(labels)
            .filter(|(_, &l)| l >= 0)
            .map(|((n, c), &l)| {
                let j = l as usize;
                dissim(
                    &n.to_vec(),
                    &c.to_vec(),
                    &self.numeric_centroids[j],
                    &self.categorical_modes[j],
                    self.gamma,
                )
            })
            .sum()
    }
}

impl Predict for FittedKPrototypes {
    /// Rows laid out as the numeric columns followed by the categorical codes as numbers (NaN or a negative
    /// value = missing). A wrong width or a non-finite numeric value labels the row(s) [`NOISE`].
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        let (p, m) = self.widths();
        if x.ncols() != p + m {
            return vec![NOISE; x.nrows()];
        }
        let num = x.slice(ndarray::s![.., ..p]).to_owned();
        let cat = Array2::from_shape_fn((x.nrows(), m), |(i, j)| {
            let v = x[[i, p + j]];
            if v.is_finite() && v >= 0.0 && v < MISSING as f64 {
                v as u32
            } else {
                MISSING
            }
        });
        self.predict_mixed(num.view(), cat.view()).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}

/// Everything a k-prototypes fit produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KPrototypesFit {
    /// The model to save and to score new rows with.
    pub model: FittedKPrototypes,
    /// Cluster of each training row, 0..k.
    pub labels: Vec<i32>,
    /// Iterations, convergence, time and notes of the best restart.
    pub info: FitInfo,
    /// Final cost: Σ squared numeric distance + γ × mismatches to the assigned prototype.
    pub cost: f64,
    /// Cost after each assignment pass of the best restart (non-increasing).
    pub cost_history: Vec<f64>,
    /// Final cost of every restart, in order.
    pub restart_costs: Vec<f64>,
}
