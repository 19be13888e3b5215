//! Parameters of full-batch k-means: the serde form the UI edits, and the checked form that can fit.

use serde::{Deserialize, Serialize};

use super::error::{KMeansError, Result};

/// How each Lloyd pass finds the nearest centroid. Both give bit-identical labels, centroids and inertia
/// (see `tests/cluster_centroid_kmeans.rs::hamerly_equals_lloyd`); Hamerly skips most distance computations
/// once clusters settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KMeansAlgorithm {
    /// Every row against every centroid at every pass (scikit-learn's `algorithm="lloyd"`).
    Lloyd,
    /// Lloyd with Hamerly's (2010) distance bounds: same result, fewer distance computations.
    #[default]
    Hamerly,
}

/// K-means parameters. Defaults (scikit-learn's): `n_clusters` 8, `n_init` 10, `max_iter` 300, `tol` 1e-4
/// (relative to the mean per-feature variance), Hamerly acceleration, `seed` 0; plus (not in scikit-learn)
/// `refine` true: each restart ends with Hartigan single-row moves and the best one gets a swap polish (centre
/// relocations, `swap.rs`); both can only lower the inertia.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KMeansParams {
    /// Number of clusters k, 1..=n_rows.
    pub n_clusters: usize,
    /// Independent k-means++ restarts; the run with the lowest inertia wins. ≥ 1.
    pub n_init: usize,
    /// Lloyd passes per restart. ≥ 1.
    pub max_iter: usize,
    /// Convergence tolerance on the summed squared centroid shift, relative to the mean feature variance. ≥ 0.
    pub tol: f64,
    /// Nearest-centroid search strategy (results are identical).
    pub algorithm: KMeansAlgorithm,
    /// Seed for the k-means++ draws; restart `i` uses `rng::sub_rng(seed, i)`.
    pub seed: u64,
    /// Finish each restart with Hartigan single-row moves (see `hartigan.rs`) and polish the best restart by
    /// centre swaps (see `swap.rs`; its extra draws use `rng::sub_rng(seed, n_init)`); false gives
    /// scikit-learn's plain Lloyd result.
    pub refine: bool,
}

impl Default for KMeansParams {
    fn default() -> Self {
        Self {
            n_clusters: 8,
            n_init: 10,
            max_iter: 300,
            tol: 1e-4,
            algorithm: KMeansAlgorithm::Hamerly,
            seed: 0,
            refine: true,
        }
    }
}

impl KMeansParams {
    /// Defaults with `n_clusters` clusters.
    pub fn new(n_clusters: usize) -> Self {
        Self { n_clusters, ..Self::default() }
    }
    /// Sets the number of clusters.
    pub fn with_n_clusters(mut self, v: usize) -> Self {
        self.n_clusters = v;
        self
    }
    /// Sets the number of restarts.
    pub fn with_n_init(mut self, v: usize) -> Self {
        self.n_init = v;
        self
    }
    /// Sets the pass limit per restart.
    pub fn with_max_iter(mut self, v: usize) -> Self {
        self.max_iter = v;
        self
    }
    /// Sets the relative tolerance.
    pub fn with_tol(mut self, v: f64) -> Self {
        self.tol = v;
        self
    }
    /// Sets the nearest-centroid strategy.
    pub fn with_algorithm(mut self, v: KMeansAlgorithm) -> Self {
        self.algorithm = v;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }

    /// Sets whether restarts end with Hartigan refinement and the best one with the swap polish.
    pub fn with_refine(mut self, v: bool) -> Self {
        self.refine = v;
        self
    }

    /// Checks every rule that does not depend on the data (k ≤ n is checked at fit time).
    pub fn check(&self) -> Result<KMeansValidParams> {
        if self.n_clusters == 0 {
            return Err(KMeansError::ZeroClusters);
        }
        if self.n_init == 0 {
            return Err(KMeansError::ZeroNInit);
        }
        if self.max_iter == 0 {
            return Err(KMeansError::ZeroMaxIter);
        }
        if !(self.tol.is_finite() && self.tol >= 0.0) {
            return Err(KMeansError::BadTol(self.tol));
        }
        Ok(KMeansValidParams(self.clone()))
    }
}

/// Parameters that passed [`KMeansParams::check`]; the only way to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct KMeansValidParams(pub(crate) KMeansParams);

impl KMeansValidParams {
    /// The checked parameters.
    pub fn params(&self) -> &KMeansParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(KMeansParams::default().check().is_ok());
    }
    #[test]
    fn zero_clusters() {
        assert_eq!(KMeansParams::new(0).check(), Err(KMeansError::ZeroClusters));
    }
    #[test]
    fn zero_n_init() {
        assert_eq!(KMeansParams::new(2).with_n_init(0).check(), Err(KMeansError::ZeroNInit));
    }
    #[test]
    fn zero_max_iter() {
        assert_eq!(KMeansParams::new(2).with_max_iter(0).check(), Err(KMeansError::ZeroMaxIter));
    }
    #[test]
    fn bad_tol() {
        assert_eq!(KMeansParams::new(2).with_tol(-1.0).check(), Err(KMeansError::BadTol(-1.0)));
        assert!(KMeansParams::new(2).with_tol(f64::NAN).check().is_err());
    }
    #[test]
    fn unknown_field_is_refused() {
        assert!(serde_json::from_str::<KMeansParams>(r#"{"k": 3}"#).is_err());
        let p: KMeansParams = serde_json::from_str(r#"{"n_clusters": 3}"#).unwrap();
        assert_eq!(p.n_clusters, 3);
        assert_eq!(p.n_init, 10);
    }
}
