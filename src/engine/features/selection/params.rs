//! Typed, validated parameters of feature selection: the ranked table, the Laplacian score, permutation
//! importance and greedy forward selection.

use serde::{Deserialize, Serialize};

use super::error::{Result, SelectionError};

/// Most repeats of permutation importance (each costs one scoring pass per feature).
pub const MAX_REPEATS: usize = 100;

/// Parameters of the ranked selection table ([`super::select_features`]).
///
/// Defaults: `variance_threshold` 0.0 (like sklearn's `VarianceThreshold`: only constant features),
/// `min_relative_std` 1e-3 (std below 0.1 % of |mean| counts as near-constant), `correlation_threshold` 0.9,
/// `min_eta_squared` 0.01, `laplacian` = [`LaplacianParams::default`], `permutation` =
/// [`PermutationParams::default`], `seed` 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SelectionParams {
    /// A feature whose variance is `<=` this is suggested for dropping. Measured on the unscaled values when
    /// they are given (the scaled ones all have variance 1), else on the prepared matrix. Population variance
    /// (ddof 0), as sklearn's `VarianceThreshold`.
    pub variance_threshold: f64,
    /// A feature whose coefficient of variation std/|mean| (unscaled values only, mean ≠ 0) is below this is
    /// near-constant and suggested for dropping, whatever its units.
    pub min_relative_std: f64,
    /// Of each pair with |Pearson r| above this, the feature with less variance is suggested for dropping.
    pub correlation_threshold: f64,
    /// With segment labels, a feature whose η² (share of its variance between segments) is below this is
    /// suggested for dropping: it hardly differs between segments.
    pub min_eta_squared: f64,
    pub laplacian: LaplacianParams,
    pub permutation: PermutationParams,
    /// Seed of the Laplacian-score row sample and of the permutations.
    pub seed: u64,
}

impl Default for SelectionParams {
    fn default() -> Self {
        Self {
            variance_threshold: 0.0,
            min_relative_std: 1e-3,
            correlation_threshold: 0.9,
            min_eta_squared: 0.01,
            laplacian: LaplacianParams::default(),
            permutation: PermutationParams::default(),
            seed: 0,
        }
    }
}

impl SelectionParams {
    pub fn with_variance_threshold(mut self, v: f64) -> Self {
        self.variance_threshold = v;
        self
    }
    pub fn with_min_relative_std(mut self, v: f64) -> Self {
        self.min_relative_std = v;
        self
    }
    pub fn with_correlation_threshold(mut self, v: f64) -> Self {
        self.correlation_threshold = v;
        self
    }
    pub fn with_min_eta_squared(mut self, v: f64) -> Self {
        self.min_eta_squared = v;
        self
    }
    pub fn with_laplacian(mut self, v: LaplacianParams) -> Self {
        self.laplacian = v;
        self
    }
    pub fn with_permutation(mut self, v: PermutationParams) -> Self {
        self.permutation = v;
        self
    }
    pub fn with_seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }

    /// Checks every rule and returns the validated parameters.
    pub fn check(&self) -> Result<ValidSelectionParams> {
        if !self.variance_threshold.is_finite() || self.variance_threshold < 0.0 {
            return Err(SelectionError::VarianceThreshold(self.variance_threshold));
        }
        if !self.min_relative_std.is_finite() || self.min_relative_std < 0.0 {
            return Err(SelectionError::MinRelativeStd(self.min_relative_std));
        }
        if !(self.correlation_threshold > 0.0 && self.correlation_threshold <= 1.0) {
            return Err(SelectionError::CorrelationThreshold(self.correlation_threshold));
        }
        if !(self.min_eta_squared >= 0.0 && self.min_eta_squared < 1.0) {
            return Err(SelectionError::MinEtaSquared(self.min_eta_squared));
        }
        self.laplacian.check()?;
        self.permutation.check()?;
        Ok(ValidSelectionParams(self.clone()))
    }
}

/// [`SelectionParams`] that passed [`SelectionParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSelectionParams(SelectionParams);

impl std::ops::Deref for ValidSelectionParams {
    type Target = SelectionParams;
    fn deref(&self) -> &SelectionParams {
        &self.0
    }
}

/// Parameters of the Laplacian score (He, Cai & Niyogi 2005).
///
/// Defaults: `k_neighbours` 5, `t` None (the mean squared distance over the directed k-NN pairs),
/// `max_rows` 5000.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LaplacianParams {
    /// Neighbours per row in the k-NN graph (clipped to n − 1).
    pub k_neighbours: usize,
    /// Heat-kernel width: edge weight exp(−‖xᵢ − xⱼ‖² / t). None: the mean squared distance over the n·k
    /// directed k-NN pairs (1 when that is 0), so that a typical edge weighs e⁻¹.
    pub t: Option<f64>,
    /// The cap of the O(n²·d) neighbour search: above this many rows the score is computed on a seeded
    /// sample of `max_rows` rows (without replacement).
    pub max_rows: usize,
}

impl Default for LaplacianParams {
    fn default() -> Self {
        Self { k_neighbours: 5, t: None, max_rows: 5000 }
    }
}

impl LaplacianParams {
    pub fn with_k_neighbours(mut self, v: usize) -> Self {
        self.k_neighbours = v;
        self
    }
    pub fn with_t(mut self, v: Option<f64>) -> Self {
        self.t = v;
        self
    }
    pub fn with_max_rows(mut self, v: usize) -> Self {
        self.max_rows = v;
        self
    }

    /// Checks every rule.
    pub fn check(&self) -> Result<()> {
        if self.k_neighbours == 0 {
            return Err(SelectionError::KNeighbours(0));
        }
        if let Some(t) = self.t {
            if !(t.is_finite() && t > 0.0) {
                return Err(SelectionError::HeatKernelWidth(t));
            }
        }
        if self.max_rows < 2 {
            return Err(SelectionError::MaxRows(self.max_rows));
        }
        Ok(())
    }
}

/// Parameters of permutation importance. Defaults: `repeats` 5 (0 skips it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PermutationParams {
    /// Shuffles per feature; the importance is the mean ± std (ddof 0) of the score drops.
    pub repeats: usize,
}

impl Default for PermutationParams {
    fn default() -> Self {
        Self { repeats: 5 }
    }
}

impl PermutationParams {
    pub fn with_repeats(mut self, v: usize) -> Self {
        self.repeats = v;
        self
    }

    /// Checks every rule.
    pub fn check(&self) -> Result<()> {
        if self.repeats > MAX_REPEATS {
            return Err(SelectionError::Repeats { got: self.repeats, max: MAX_REPEATS });
        }
        Ok(())
    }
}

/// Parameters of greedy forward selection ([`super::forward_select`]).
///
/// Defaults: `min_features` 2, `max_features` None (all), `min_improvement` 0.0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ForwardParams {
    /// Features always added before the stopping rule applies (a silhouette on one feature is often
    /// flattering; two is the least that makes a map).
    pub min_features: usize,
    /// Stop after this many features.
    pub max_features: Option<usize>,
    /// Stopping rule: after `min_features`, add the best next feature only if it raises the score by more
    /// than this.
    pub min_improvement: f64,
}

impl Default for ForwardParams {
    fn default() -> Self {
        Self { min_features: 2, max_features: None, min_improvement: 0.0 }
    }
}

impl ForwardParams {
    pub fn with_min_features(mut self, v: usize) -> Self {
        self.min_features = v;
        self
    }
    pub fn with_max_features(mut self, v: Option<usize>) -> Self {
        self.max_features = v;
        self
    }
    pub fn with_min_improvement(mut self, v: f64) -> Self {
        self.min_improvement = v;
        self
    }

    /// Checks every rule.
    pub fn check(&self) -> Result<()> {
        if self.min_features == 0 {
            return Err(SelectionError::MinFeatures(0));
        }
        if let Some(max) = self.max_features {
            if max < self.min_features {
                return Err(SelectionError::MaxFeatures { max, min: self.min_features });
            }
        }
        if !self.min_improvement.is_finite() {
            return Err(SelectionError::MinImprovement(self.min_improvement));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass() {
        assert!(SelectionParams::default().check().is_ok());
        assert!(ForwardParams::default().check().is_ok());
    }

    #[test]
    fn variance_threshold_rule() {
        let e = SelectionParams::default().with_variance_threshold(-1.0).check().unwrap_err();
        assert_eq!(e, SelectionError::VarianceThreshold(-1.0));
        assert_eq!(e.to_string(), "variance_threshold must be finite and >= 0, got -1");
    }

    #[test]
    fn min_relative_std_rule() {
        let e = SelectionParams::default().with_min_relative_std(f64::NAN).check().unwrap_err();
        assert!(matches!(e, SelectionError::MinRelativeStd(_)));
    }

    #[test]
    fn correlation_threshold_rule() {
        for bad in [0.0, 1.5, f64::NAN] {
            let e = SelectionParams::default().with_correlation_threshold(bad).check().unwrap_err();
            assert!(matches!(e, SelectionError::CorrelationThreshold(_)));
        }
        assert!(SelectionParams::default().with_correlation_threshold(1.0).check().is_ok());
    }

    #[test]
    fn min_eta_squared_rule() {
        let e = SelectionParams::default().with_min_eta_squared(1.0).check().unwrap_err();
        assert_eq!(e, SelectionError::MinEtaSquared(1.0));
    }

    #[test]
    fn k_neighbours_rule() {
        let p = SelectionParams::default().with_laplacian(LaplacianParams::default().with_k_neighbours(0));
        assert_eq!(p.check().unwrap_err(), SelectionError::KNeighbours(0));
    }

    #[test]
    fn heat_kernel_width_rule() {
        let p = SelectionParams::default().with_laplacian(LaplacianParams::default().with_t(Some(0.0)));
        assert_eq!(p.check().unwrap_err(), SelectionError::HeatKernelWidth(0.0));
    }

    #[test]
    fn max_rows_rule() {
        let p = SelectionParams::default().with_laplacian(LaplacianParams::default().with_max_rows(1));
        assert_eq!(p.check().unwrap_err(), SelectionError::MaxRows(1));
    }

    #[test]
    fn repeats_rule() {
        let p = SelectionParams::default().with_permutation(PermutationParams::default().with_repeats(101));
        assert_eq!(p.check().unwrap_err(), SelectionError::Repeats { got: 101, max: MAX_REPEATS });
    }

    #[test]
    fn min_features_rule() {
        let e = ForwardParams::default().with_min_features(0).check().unwrap_err();
        assert_eq!(e, SelectionError::MinFeatures(0));
    }

    #[test]
    fn max_features_rule() {
        let e = ForwardParams::default().with_max_features(Some(1)).check().unwrap_err();
        assert_eq!(e, SelectionError::MaxFeatures { max: 1, min: 2 });
    }

    #[test]
    fn min_improvement_rule() {
        let e = ForwardParams::default().with_min_improvement(f64::INFINITY).check().unwrap_err();
        assert!(matches!(e, SelectionError::MinImprovement(_)));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = serde_json::from_str::<SelectionParams>(r#"{"corr": 0.5}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field"));
        let p: SelectionParams = serde_json::from_str(r#"{"correlation_threshold": 0.8}"#).unwrap();
        assert_eq!(p.correlation_threshold, 0.8);
    }
}
