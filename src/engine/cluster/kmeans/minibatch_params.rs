//! Parameters of mini-batch k-means (scikit-learn's `MiniBatchKMeans`), for data too large for full passes.

use serde::{Deserialize, Serialize};

use super::error::{KMeansError, Result};

/// Mini-batch k-means parameters. Defaults (scikit-learn's): `n_clusters` 8, `batch_size` 1024, `max_iter`
/// 100 (epochs), `max_no_improvement` 10, `tol` 0 (off), `reassignment_ratio` 0.01, `init_size` 3 ×
/// `batch_size`, `n_init` 3, `seed` 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MiniBatchKMeansParams {
    /// Number of clusters k, 1..=n_rows.
    pub n_clusters: usize,
    /// Rows drawn (with replacement) per step. ≥ 1.
    pub batch_size: usize,
    /// Upper bound on passes over the data: `max_iter × n / batch_size` steps. ≥ 1.
    pub max_iter: usize,
    /// Stop after this many steps without improvement of the smoothed batch inertia; `None` disables.
    pub max_no_improvement: Option<usize>,
    /// Stop when the summed squared centroid shift of a step is within `tol` × mean feature variance. ≥ 0.
    pub tol: f64,
    /// Centroids whose accumulated weight falls below this fraction of the largest are re-seeded from the
    /// batch. 0..=1.
    pub reassignment_ratio: f64,
    /// Rows sampled for k-means++ initialisation (default 3 × `batch_size`, at least 3k, at most n).
    pub init_size: Option<usize>,
    /// Initialisations compared on a held-out sample; the best one is refined. ≥ 1.
    pub n_init: usize,
    /// Seed; initialisation `i` uses `rng::sub_rng(seed, i)`, the steps `sub_rng(seed, n_init)`.
    pub seed: u64,
}

impl Default for MiniBatchKMeansParams {
    fn default() -> Self {
        Self {
            n_clusters: 8,
            batch_size: 1024,
            max_iter: 100,
            max_no_improvement: Some(10),
            tol: 0.0,
            reassignment_ratio: 0.01,
            init_size: None,
            n_init: 3,
            seed: 0,
        }
    }
}

impl MiniBatchKMeansParams {
    /// Defaults with `n_clusters` clusters.
    pub fn new(n_clusters: usize) -> Self {
        Self { n_clusters, ..Self::default() }
    }
    /// Sets the number of clusters.
    pub fn with_n_clusters(mut self, v: usize) -> Self {
        self.n_clusters = v;
        self
    }
    /// Sets the batch size.
    pub fn with_batch_size(mut self, v: usize) -> Self {
        self.batch_size = v;
        self
    }
    /// Sets the epoch limit.
    pub fn with_max_iter(mut self, v: usize) -> Self {
        self.max_iter = v;
        self
    }
    /// Sets the early-stopping patience (`None`: off).
    pub fn with_max_no_improvement(mut self, v: Option<usize>) -> Self {
        self.max_no_improvement = v;
        self
    }
    /// Sets the relative centroid-shift tolerance.
    pub fn with_tol(mut self, v: f64) -> Self {
        self.tol = v;
        self
    }
    /// Sets the low-count reassignment ratio.
    pub fn with_reassignment_ratio(mut self, v: f64) -> Self {
        self.reassignment_ratio = v;
        self
    }
    /// Sets the initialisation sample size.
    pub fn with_init_size(mut self, v: Option<usize>) -> Self {
        self.init_size = v;
        self
    }
    /// Sets the number of initialisations.
    pub fn with_n_init(mut self, v: usize) -> Self {
        self.n_init = v;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }

    /// Checks every rule that does not depend on the data.
    pub fn check(&self) -> Result<MiniBatchKMeansValidParams> {
        if self.n_clusters == 0 {
            return Err(KMeansError::ZeroClusters);
        }
        if self.batch_size == 0 {
            return Err(KMeansError::ZeroBatchSize);
        }
        if self.max_iter == 0 {
            return Err(KMeansError::ZeroMaxIter);
        }
        if self.n_init == 0 {
            return Err(KMeansError::ZeroNInit);
        }
        if !(self.tol.is_finite() && self.tol >= 0.0) {
            return Err(KMeansError::BadTol(self.tol));
        }
        if !(0.0..=1.0).contains(&self.reassignment_ratio) {
            return Err(KMeansError::BadReassignmentRatio(self.reassignment_ratio));
        }
        if let Some(s) = self.init_size.filter(|&s| s < self.n_clusters) {
            return Err(KMeansError::InitSizeTooSmall { init_size: s, n_clusters: self.n_clusters });
        }
        Ok(MiniBatchKMeansValidParams(self.clone()))
    }
}

/// Parameters that passed [`MiniBatchKMeansParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct MiniBatchKMeansValidParams(pub(crate) MiniBatchKMeansParams);

impl MiniBatchKMeansValidParams {
    /// The checked parameters.
    pub fn params(&self) -> &MiniBatchKMeansParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(MiniBatchKMeansParams::default().check().is_ok());
    }
    #[test]
    fn zero_clusters() {
        assert_eq!(MiniBatchKMeansParams::new(0).check(), Err(KMeansError::ZeroClusters));
    }
    #[test]
    fn zero_batch() {
        assert_eq!(MiniBatchKMeansParams::new(2).with_batch_size(0).check(), Err(KMeansError::ZeroBatchSize));
    }
    #[test]
    fn zero_max_iter() {
        assert_eq!(MiniBatchKMeansParams::new(2).with_max_iter(0).check(), Err(KMeansError::ZeroMaxIter));
    }
    #[test]
    fn zero_n_init() {
        assert_eq!(MiniBatchKMeansParams::new(2).with_n_init(0).check(), Err(KMeansError::ZeroNInit));
    }
    #[test]
    fn bad_tol() {
        assert_eq!(MiniBatchKMeansParams::new(2).with_tol(-0.5).check(), Err(KMeansError::BadTol(-0.5)));
    }
    #[test]
    fn bad_ratio() {
        let p = MiniBatchKMeansParams::new(2).with_reassignment_ratio(1.5);
        assert_eq!(p.check(), Err(KMeansError::BadReassignmentRatio(1.5)));
    }
    #[test]
    fn init_size_too_small() {
        let p = MiniBatchKMeansParams::new(5).with_init_size(Some(3));
        assert_eq!(p.check(), Err(KMeansError::InitSizeTooSmall { init_size: 3, n_clusters: 5 }));
    }
}
