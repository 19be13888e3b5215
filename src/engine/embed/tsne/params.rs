//! Parameters of t-SNE (scikit-learn's defaults and meanings), their validation, and the row caps.

use serde::{Deserialize, Serialize};

use super::error::{Result, TsneError};

/// t-SNE runs on at most this many rows. Above it the caller gets [`TsneError::TooManyRows`] and shows the
/// PCA map instead: the affinities, the tree and 1,000 gradient steps on 10,000 rows take seconds in a
/// browser tab (see `examples/bench_tsne.rs`); on 100,000 rows they would take minutes.
pub const MAX_ROWS: usize = 10_000;

/// The exact (O(n²) per iteration, n² memory) method runs on at most this many rows
/// ([`TsneError::ExactTooManyRows`] above it). It is the reference path for small data.
pub const EXACT_MAX_ROWS: usize = 1_000;

/// How the gradient is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsneMethod {
    /// Barnes–Hut (van der Maaten 2014): sparse affinities on the k = min(n − 1, ⌊3·perplexity + 1⌋) nearest
    /// neighbours and a space-partitioning tree for the repulsive forces; O(n log n) per iteration.
    #[default]
    BarnesHut,
    /// All pairs, as scikit-learn's `method="exact"`; at most [`EXACT_MAX_ROWS`] rows.
    Exact,
}

/// How the map starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsneInit {
    /// The first principal components, scaled so that the first has standard deviation 1e-4 (scikit-learn's
    /// `init="pca"`). Deterministic without a seed; the seed only fills components the data lack.
    #[default]
    Pca,
    /// Independent normal coordinates with standard deviation 1e-4 from the seeded engine generator.
    Random,
}

/// What t-SNE computes.
///
/// Defaults (scikit-learn 1.9's): `n_components = 2`, `perplexity = 30`, `early_exaggeration = 12`,
/// `exaggeration_iter = 250`, `learning_rate = None` ("auto": max(n / early_exaggeration / 4, 50)),
/// `max_iter = 1000`, `n_iter_without_progress = 300`, `min_grad_norm = 1e-7`, `angle = 0.5`,
/// `method = BarnesHut`, `init = Pca`, `seed = 0`. Fixed as in scikit-learn: momentum 0.5 during the
/// exaggeration phase and 0.8 after it, gains +0.2 / ×0.8 with a floor of 0.01, convergence checks every
/// 50 iterations, Student-t degrees of freedom max(n_components − 1, 1). One deliberate difference: for
/// 3-D maps (2 degrees of freedom) the gradient is the true gradient of the KL divergence, where
/// scikit-learn's drops a factor (see `kernel.rs`); 1-D and 2-D maps are unaffected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TsneParams {
    /// Dimension of the map (1, 2 or 3).
    pub n_components: usize,
    /// Effective number of neighbours of each point (> 0, and < the number of rows).
    pub perplexity: f64,
    /// Factor on the affinities during the first `exaggeration_iter` iterations (≥ 1).
    pub early_exaggeration: f64,
    /// Iterations with early exaggeration and momentum 0.5 (≤ `max_iter`; scikit-learn fixes 250).
    pub exaggeration_iter: usize,
    /// Step size (> 0); `None` is scikit-learn's "auto".
    pub learning_rate: Option<f64>,
    /// Total number of iterations (≥ 1; lower it for a quick, rougher map).
    pub max_iter: usize,
    /// Stop after this many iterations without a lower KL divergence (checked every 50 iterations).
    pub n_iter_without_progress: usize,
    /// Stop when the norm of the (gain-scaled) gradient falls to this value (≥ 0).
    pub min_grad_norm: f64,
    /// Barnes–Hut accuracy θ in [0, 1]: a cell is summarised when width / distance < θ (0 = exact forces).
    pub angle: f64,
    /// Barnes–Hut or exact gradient.
    pub method: TsneMethod,
    /// PCA or random initial map.
    pub init: TsneInit,
    /// Seed of the random initial map (and of the components PCA cannot supply).
    pub seed: u64,
}

impl Default for TsneParams {
    fn default() -> Self {
        Self {
            n_components: 2,
            perplexity: 30.0,
            early_exaggeration: 12.0,
            exaggeration_iter: 250,
            learning_rate: None,
            max_iter: 1000,
            n_iter_without_progress: 300,
            min_grad_norm: 1e-7,
            angle: 0.5,
            method: TsneMethod::BarnesHut,
            init: TsneInit::Pca,
            seed: 0,
        }
    }
}

impl TsneParams {
    /// Sets the dimension of the map.
    pub fn with_n_components(mut self, n: usize) -> Self {
        self.n_components = n;
        self
    }
    /// Sets the perplexity.
    pub fn with_perplexity(mut self, p: f64) -> Self {
        self.perplexity = p;
        self
    }
    /// Sets the early exaggeration factor.
    pub fn with_early_exaggeration(mut self, e: f64) -> Self {
        self.early_exaggeration = e;
        self
    }
    /// Sets the number of exaggerated iterations.
    pub fn with_exaggeration_iter(mut self, n: usize) -> Self {
        self.exaggeration_iter = n;
        self
    }
    /// Sets a fixed learning rate (`None` = "auto").
    pub fn with_learning_rate(mut self, lr: Option<f64>) -> Self {
        self.learning_rate = lr;
        self
    }
    /// Sets the total number of iterations.
    pub fn with_max_iter(mut self, n: usize) -> Self {
        self.max_iter = n;
        self
    }
    /// Sets the no-progress patience.
    pub fn with_n_iter_without_progress(mut self, n: usize) -> Self {
        self.n_iter_without_progress = n;
        self
    }
    /// Sets the gradient-norm stopping threshold.
    pub fn with_min_grad_norm(mut self, g: f64) -> Self {
        self.min_grad_norm = g;
        self
    }
    /// Sets the Barnes–Hut angle θ.
    pub fn with_angle(mut self, a: f64) -> Self {
        self.angle = a;
        self
    }
    /// Sets the gradient method.
    pub fn with_method(mut self, m: TsneMethod) -> Self {
        self.method = m;
        self
    }
    /// Sets the initial map.
    pub fn with_init(mut self, i: TsneInit) -> Self {
        self.init = i;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Validates the rules that do not depend on the data (those that do are checked by the fit).
    pub fn check(&self) -> Result<TsneValidParams> {
        if !(1..=3).contains(&self.n_components) {
            return Err(TsneError::NComponents(self.n_components));
        }
        if !(self.perplexity.is_finite() && self.perplexity > 0.0) {
            return Err(TsneError::Perplexity(self.perplexity));
        }
        if !(self.early_exaggeration.is_finite() && self.early_exaggeration >= 1.0) {
            return Err(TsneError::EarlyExaggeration(self.early_exaggeration));
        }
        if let Some(lr) = self.learning_rate {
            if !(lr.is_finite() && lr > 0.0) {
                return Err(TsneError::LearningRate(lr));
            }
        }
        if self.max_iter == 0 {
            return Err(TsneError::MaxIter);
        }
        if self.exaggeration_iter > self.max_iter {
            return Err(TsneError::ExaggerationIter {
                exaggeration_iter: self.exaggeration_iter,
                max_iter: self.max_iter,
            });
        }
        if !(self.min_grad_norm.is_finite() && self.min_grad_norm >= 0.0) {
            return Err(TsneError::MinGradNorm(self.min_grad_norm));
        }
        if !(0.0..=1.0).contains(&self.angle) {
            return Err(TsneError::Angle(self.angle));
        }
        Ok(TsneValidParams { p: self.clone() })
    }
}

/// Checked [`TsneParams`]; fit with [`TsneValidParams::fit`](super::TsneValidParams::fit).
#[derive(Debug, Clone, PartialEq)]
pub struct TsneValidParams {
    p: TsneParams,
}

impl TsneValidParams {
    /// The parameters as given.
    pub fn params(&self) -> &TsneParams {
        &self.p
    }
    /// Degrees of freedom of the Student-t kernel: max(n_components − 1, 1).
    pub fn degrees_of_freedom(&self) -> usize {
        self.p.n_components.saturating_sub(1).max(1)
    }
    /// Number of nearest neighbours for `rows` rows: min(rows − 1, ⌊3·perplexity + 1⌋).
    pub fn n_neighbors(&self, rows: usize) -> usize {
        let k = (3.0 * self.p.perplexity + 1.0).floor();
        let k = if k >= rows as f64 { rows } else { k as usize };
        k.min(rows.saturating_sub(1))
    }
    /// The learning rate used on `rows` rows ("auto" = max(rows / early_exaggeration / 4, 50)).
    pub fn learning_rate(&self, rows: usize) -> f64 {
        self.p.learning_rate.unwrap_or_else(|| (rows as f64 / self.p.early_exaggeration / 4.0).max(50.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(p: TsneParams) -> TsneError {
        p.check().expect_err("should be rejected")
    }

    #[test]
    fn defaults_are_valid_and_match_scikit_learn() {
        let v = TsneParams::default().check().unwrap();
        assert_eq!(v.degrees_of_freedom(), 1);
        assert_eq!(v.n_neighbors(10_000), 91);
        assert_eq!(v.n_neighbors(50), 49);
        assert_eq!(v.learning_rate(200), 50.0);
        assert_eq!(v.learning_rate(10_000), 10_000.0 / 48.0);
        assert_eq!(TsneParams::default().with_n_components(3).check().unwrap().degrees_of_freedom(), 2);
    }

    #[test]
    fn n_components_must_be_1_to_3() {
        assert_eq!(err(TsneParams::default().with_n_components(0)), TsneError::NComponents(0));
        assert_eq!(err(TsneParams::default().with_n_components(4)), TsneError::NComponents(4));
    }

    #[test]
    fn perplexity_must_be_positive_and_finite() {
        assert_eq!(err(TsneParams::default().with_perplexity(0.0)), TsneError::Perplexity(0.0));
        assert!(matches!(err(TsneParams::default().with_perplexity(f64::NAN)), TsneError::Perplexity(_)));
        let e = err(TsneParams::default().with_perplexity(-1.0));
        assert_eq!(e.to_string(), "perplexity must be a finite number > 0, got -1");
    }

    #[test]
    fn early_exaggeration_must_be_at_least_1() {
        assert_eq!(
            err(TsneParams::default().with_early_exaggeration(0.5)),
            TsneError::EarlyExaggeration(0.5)
        );
    }

    #[test]
    fn learning_rate_must_be_positive() {
        assert_eq!(err(TsneParams::default().with_learning_rate(Some(0.0))), TsneError::LearningRate(0.0));
        assert!(TsneParams::default().with_learning_rate(Some(200.0)).check().is_ok());
    }

    #[test]
    fn max_iter_must_be_positive() {
        let p = TsneParams::default().with_max_iter(0).with_exaggeration_iter(0);
        assert_eq!(err(p), TsneError::MaxIter);
    }

    #[test]
    fn exaggeration_iter_must_not_exceed_max_iter() {
        let e = err(TsneParams::default().with_max_iter(100));
        assert_eq!(e, TsneError::ExaggerationIter { exaggeration_iter: 250, max_iter: 100 });
        assert!(TsneParams::default().with_max_iter(100).with_exaggeration_iter(25).check().is_ok());
    }

    #[test]
    fn min_grad_norm_must_be_non_negative() {
        assert_eq!(err(TsneParams::default().with_min_grad_norm(-1.0)), TsneError::MinGradNorm(-1.0));
    }

    #[test]
    fn angle_must_be_in_0_1() {
        assert_eq!(err(TsneParams::default().with_angle(1.5)), TsneError::Angle(1.5));
        assert!(matches!(err(TsneParams::default().with_angle(f64::NAN)), TsneError::Angle(_)));
    }

    #[test]
    fn serde_names_fields_and_rejects_unknown_ones() {
        let p: TsneParams = serde_json::from_str(r#"{"perplexity": 10, "method": "exact"}"#).unwrap();
        assert_eq!(p.perplexity, 10.0);
        assert_eq!(p.method, TsneMethod::Exact);
        assert_eq!(p.max_iter, 1000);
        assert!(serde_json::from_str::<TsneParams>(r#"{"perplexty": 10}"#).is_err());
    }
}
