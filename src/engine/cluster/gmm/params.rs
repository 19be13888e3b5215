//! Parameters of the Gaussian mixture: the serde form the UI edits, and the checked form that can fit.

use serde::{Deserialize, Serialize};

use super::error::{GmmError, Result};

/// Shape of the component covariances (scikit-learn's `covariance_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CovarianceType {
    /// Each component has its own general covariance matrix.
    #[default]
    Full,
    /// All components share one general covariance matrix.
    Tied,
    /// Each component has its own diagonal covariance matrix.
    Diag,
    /// Each component has its own single variance.
    Spherical,
}

/// Gaussian mixture parameters. Defaults (scikit-learn's): `n_components` 1, full covariance, `n_init` 1,
/// `max_iter` 100, `tol` 1e-3 (on the mean log-likelihood), `reg_covar` 1e-6, `seed` 0; initialised from a
/// k-means run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GmmParams {
    /// Number of mixture components, 1..=n_rows.
    pub n_components: usize,
    /// Covariance shape.
    pub covariance_type: CovarianceType,
    /// Restarts from different k-means initialisations; the highest lower bound wins. ≥ 1.
    pub n_init: usize,
    /// EM iterations per restart. ≥ 1.
    pub max_iter: usize,
    /// Stop when the mean log-likelihood changes by less than this. ≥ 0.
    pub tol: f64,
    /// Added to covariance diagonals so they stay positive definite. ≥ 0.
    pub reg_covar: f64,
    /// Seed; restart `i` initialises with k-means seeded by `rng::sub_rng`-derived seed `i`.
    pub seed: u64,
}

impl Default for GmmParams {
    fn default() -> Self {
        Self {
            n_components: 1,
            covariance_type: CovarianceType::Full,
            n_init: 1,
            max_iter: 100,
            tol: 1e-3,
            reg_covar: 1e-6,
            seed: 0,
        }
    }
}

impl GmmParams {
    /// Defaults with `n_components` components.
    pub fn new(n_components: usize) -> Self {
        Self { n_components, ..Self::default() }
    }
    /// Sets the number of components.
    pub fn with_n_components(mut self, v: usize) -> Self {
        self.n_components = v;
        self
    }
    /// Sets the covariance shape.
    pub fn with_covariance_type(mut self, v: CovarianceType) -> Self {
        self.covariance_type = v;
        self
    }
    /// Sets the number of restarts.
    pub fn with_n_init(mut self, v: usize) -> Self {
        self.n_init = v;
        self
    }
    /// Sets the EM iteration limit.
    pub fn with_max_iter(mut self, v: usize) -> Self {
        self.max_iter = v;
        self
    }
    /// Sets the tolerance.
    pub fn with_tol(mut self, v: f64) -> Self {
        self.tol = v;
        self
    }
    /// Sets the covariance regularisation.
    pub fn with_reg_covar(mut self, v: f64) -> Self {
        self.reg_covar = v;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }

    /// Checks every rule that does not depend on the data (components ≤ rows is checked at fit time).
    pub fn check(&self) -> Result<GmmValidParams> {
        if self.n_components == 0 {
            return Err(GmmError::ZeroComponents);
        }
        if self.n_init == 0 {
            return Err(GmmError::ZeroNInit);
        }
        if self.max_iter == 0 {
            return Err(GmmError::ZeroMaxIter);
        }
        if !(self.tol.is_finite() && self.tol >= 0.0) {
            return Err(GmmError::BadTol(self.tol));
        }
        if !(self.reg_covar.is_finite() && self.reg_covar >= 0.0) {
            return Err(GmmError::BadRegCovar(self.reg_covar));
        }
        Ok(GmmValidParams(self.clone()))
    }
}

/// Parameters that passed [`GmmParams::check`]; the only way to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct GmmValidParams(pub(crate) GmmParams);

impl GmmValidParams {
    /// The checked parameters.
    pub fn params(&self) -> &GmmParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(GmmParams::default().check().is_ok());
    }
    #[test]
    fn zero_components() {
        assert_eq!(GmmParams::new(0).check(), Err(GmmError::ZeroComponents));
    }
    #[test]
    fn zero_n_init() {
        assert_eq!(GmmParams::new(2).with_n_init(0).check(), Err(GmmError::ZeroNInit));
    }
    #[test]
    fn zero_max_iter() {
        assert_eq!(GmmParams::new(2).with_max_iter(0).check(), Err(GmmError::ZeroMaxIter));
    }
    #[test]
    fn bad_tol() {
        assert_eq!(GmmParams::new(2).with_tol(-1.0).check(), Err(GmmError::BadTol(-1.0)));
    }
    #[test]
    fn bad_reg_covar() {
        assert_eq!(GmmParams::new(2).with_reg_covar(-1e-6).check(), Err(GmmError::BadRegCovar(-1e-6)));
    }
    #[test]
    fn serde_names() {
        let p: GmmParams =
            serde_json::from_str(r#"{"n_components": 3, "covariance_type": "spherical"}"#).unwrap();
        assert_eq!(p.covariance_type, CovarianceType::Spherical);
        assert!(serde_json::from_str::<GmmParams>(r#"{"components": 3}"#).is_err());
    }
}
