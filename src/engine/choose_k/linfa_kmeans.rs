//! A [`SweepClusterer`] over linfa-clustering's k-means (k-means++ then Lloyd), seeded through
//! [`crate::engine::rng`]. Used by this module's tests and by callers that have no other k-means at hand.
//!
//! linfa's own `inertia()` is a per-sample mean, so it is not passed on: the sweep computes the sum of
//! squares from the labels. linfa's tolerance is absolute; like scikit-learn, this adapter scales it by the
//! mean column variance, so that uniform reference sets of the gap statistic do not iterate to the cap.

use linfa::prelude::*;
use linfa_clustering::KMeans;
use ndarray::ArrayView2;

use super::clusterer::{SweepClusterer, SweepFit};
use crate::engine::progress::Monitor;
use crate::engine::rng::rng;

/// linfa k-means with a few restarts.
///
/// Defaults: `n_runs = 4`, `max_iterations = 300`, `tolerance = 1e-4`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinfaKMeans {
    /// Restarts from different k-means++ seeds; the lowest-inertia one is kept.
    pub n_runs: usize,
    /// Lloyd iterations per restart.
    pub max_iterations: u64,
    /// Stop when the centroids move less than this times the mean column variance (scikit-learn's `tol`).
    pub tolerance: f64,
}

impl Default for LinfaKMeans {
    fn default() -> Self {
        Self { n_runs: 4, max_iterations: 300, tolerance: 1e-4 }
    }
}

impl SweepClusterer for LinfaKMeans {
    fn name(&self) -> &str {
        "k-means"
    }

    fn fit_k(
        &self,
        x: ArrayView2<f64>,
        k: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<SweepFit, String> {
        if k == 0 || k > x.nrows() {
            return Err(format!("k must be between 1 and the number of rows {}, got {k}", x.nrows()));
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err("the data must be finite".into());
        }
        monitor.progress("k-means", 0.0);
        let n = x.nrows() as f64;
        let mean_var = x
            .columns()
            .into_iter()
            .map(|c| {
                let m = c.sum() / n;
                c.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / n
            })
            .sum::<f64>()
            / x.ncols().max(1) as f64;
        let tolerance = if mean_var > 0.0 { self.tolerance * mean_var } else { self.tolerance };
        let data = DatasetBase::from(x.to_owned());
        let model = KMeans::params_with_rng(k, rng(seed))
            .n_runs(self.n_runs.max(1))
            .max_n_iterations(self.max_iterations.max(1))
            .tolerance(tolerance)
            .fit(&data)
            .map_err(|e| e.to_string())?;
        let labels = model.predict(data.records()).iter().map(|&l| l as i32).collect();
        monitor.progress("k-means", 1.0);
        Ok(SweepFit { labels, inertia: None, bic: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use ndarray::array;

    #[test]
    fn separates_two_groups_and_is_seeded() {
        let x = array![[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [5.0, 5.0], [5.1, 5.0], [5.0, 5.1]];
        let km = LinfaKMeans::default();
        let a = km.fit_k(x.view(), 2, 3, &mut Silent).unwrap();
        assert_eq!(a.labels[0], a.labels[1]);
        assert_ne!(a.labels[0], a.labels[3]);
        assert_eq!(a, km.fit_k(x.view(), 2, 3, &mut Silent).unwrap());
    }

    #[test]
    fn k_above_n_and_nan_are_errors() {
        let km = LinfaKMeans::default();
        assert!(km.fit_k(array![[0.0], [1.0]].view(), 3, 0, &mut Silent).is_err());
        assert!(km.fit_k(array![[0.0], [f64::NAN]].view(), 1, 0, &mut Silent).is_err());
    }
}
