//! Parameters of the Bayesian (variational) Gaussian mixture: the serde form and the checked form.

use serde::{Deserialize, Serialize};

use super::error::{BayesGmmError, Result};
use crate::engine::cluster::gmm::CovarianceType;

/// The prior on the mixing weights (scikit-learn's `weight_concentration_prior_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightPrior {
    /// Stick-breaking Dirichlet process: tends to switch surplus components off.
    #[default]
    DirichletProcess,
    /// Finite Dirichlet distribution.
    DirichletDistribution,
}

/// Bayesian Gaussian mixture parameters. Defaults (scikit-learn's): `n_components` 1, full covariance,
/// Dirichlet-process weights with concentration 1/`n_components`, `mean_precision_prior` 1, `mean_prior` the
/// data mean, `degrees_of_freedom_prior` n_features, `covariance_prior` the data covariance (shaped by the
/// covariance type), `n_init` 1, `max_iter` 100, `tol` 1e-3, `reg_covar` 1e-6, `seed` 0; k-means start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BayesGmmParams {
    /// Upper bound on the number of components, 1..=n_rows.
    pub n_components: usize,
    /// Covariance shape.
    pub covariance_type: CovarianceType,
    /// Prior on the weights.
    pub weight_concentration_prior_type: WeightPrior,
    /// Concentration (> 0); `None`: 1 / n_components.
    pub weight_concentration_prior: Option<f64>,
    /// Precision of the prior on the means (> 0); `None`: 1.
    pub mean_precision_prior: Option<f64>,
    /// Prior mean, one value per feature; `None`: the data mean.
    pub mean_prior: Option<Vec<f64>>,
    /// Wishart degrees of freedom (> n_features − 1); `None`: n_features.
    pub degrees_of_freedom_prior: Option<f64>,
    /// Prior covariance: `d × d` row-major (full, tied), `d` variances (diag) or one variance (spherical);
    /// `None`: the data covariance (ddof = 1) in that shape.
    pub covariance_prior: Option<Vec<f64>>,
    /// Restarts from different k-means initialisations; the highest lower bound wins. ≥ 1.
    pub n_init: usize,
    /// Variational iterations per restart. ≥ 1.
    pub max_iter: usize,
    /// Stop when the lower bound changes by less than this. ≥ 0.
    pub tol: f64,
    /// Added to the data covariance diagonals. ≥ 0.
    pub reg_covar: f64,
    /// Seed; restart `i` starts from k-means seeded from `rng::sub_rng(seed, i)`.
    pub seed: u64,
}

impl Default for BayesGmmParams {
    fn default() -> Self {
        Self {
            n_components: 1,
            covariance_type: CovarianceType::Full,
            weight_concentration_prior_type: WeightPrior::DirichletProcess,
            weight_concentration_prior: None,
            mean_precision_prior: None,
            mean_prior: None,
            degrees_of_freedom_prior: None,
            covariance_prior: None,
            n_init: 1,
            max_iter: 100,
            tol: 1e-3,
            reg_covar: 1e-6,
            seed: 0,
        }
    }
}

macro_rules! with {
    ($($name:ident: $field:ident: $ty:ty),* $(,)?) => {$(
        #[doc = concat!("Sets `", stringify!($field), "`.")]
        pub fn $name(mut self, v: $ty) -> Self {
            self.$field = v;
            self
        }
    )*};
}

impl BayesGmmParams {
    /// Defaults with `n_components` components.
    pub fn new(n_components: usize) -> Self {
        Self { n_components, ..Self::default() }
    }

    with! {
        with_n_components: n_components: usize,
        with_covariance_type: covariance_type: CovarianceType,
        with_weight_prior: weight_concentration_prior_type: WeightPrior,
        with_weight_concentration_prior: weight_concentration_prior: Option<f64>,
        with_mean_precision_prior: mean_precision_prior: Option<f64>,
        with_mean_prior: mean_prior: Option<Vec<f64>>,
        with_degrees_of_freedom_prior: degrees_of_freedom_prior: Option<f64>,
        with_covariance_prior: covariance_prior: Option<Vec<f64>>,
        with_n_init: n_init: usize,
        with_max_iter: max_iter: usize,
        with_tol: tol: f64,
        with_reg_covar: reg_covar: f64,
        with_seed: seed: u64,
    }

    /// Checks every rule that does not depend on the data (shapes and the degrees-of-freedom bound are
    /// checked at fit time).
    pub fn check(&self) -> Result<BayesGmmValidParams> {
        if self.n_components == 0 {
            return Err(BayesGmmError::ZeroComponents);
        }
        if self.n_init == 0 {
            return Err(BayesGmmError::ZeroNInit);
        }
        if self.max_iter == 0 {
            return Err(BayesGmmError::ZeroMaxIter);
        }
        if !(self.tol.is_finite() && self.tol >= 0.0) {
            return Err(BayesGmmError::BadTol(self.tol));
        }
        if !(self.reg_covar.is_finite() && self.reg_covar >= 0.0) {
            return Err(BayesGmmError::BadRegCovar(self.reg_covar));
        }
        if let Some(v) = self.weight_concentration_prior.filter(|v| !(v.is_finite() && *v > 0.0)) {
            return Err(BayesGmmError::BadWeightConcentration(v));
        }
        if let Some(v) = self.mean_precision_prior.filter(|v| !(v.is_finite() && *v > 0.0)) {
            return Err(BayesGmmError::BadMeanPrecision(v));
        }
        if let Some(v) = self.degrees_of_freedom_prior.filter(|v| !(v.is_finite() && *v > 0.0)) {
            return Err(BayesGmmError::BadDegreesOfFreedom { got: v, min: 0.0 });
        }
        Ok(BayesGmmValidParams(self.clone()))
    }
}

/// Parameters that passed [`BayesGmmParams::check`]; the only way to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct BayesGmmValidParams(pub(crate) BayesGmmParams);

impl BayesGmmValidParams {
    /// The checked parameters.
    pub fn params(&self) -> &BayesGmmParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    type E = BayesGmmError;

    #[test]
    fn defaults_are_valid() {
        assert!(BayesGmmParams::default().check().is_ok());
    }
    #[test]
    fn zero_components() {
        assert_eq!(BayesGmmParams::new(0).check(), Err(E::ZeroComponents));
    }
    #[test]
    fn zero_n_init() {
        assert_eq!(BayesGmmParams::new(2).with_n_init(0).check(), Err(E::ZeroNInit));
    }
    #[test]
    fn zero_max_iter() {
        assert_eq!(BayesGmmParams::new(2).with_max_iter(0).check(), Err(E::ZeroMaxIter));
    }
    #[test]
    fn bad_tol() {
        assert_eq!(BayesGmmParams::new(2).with_tol(-1.0).check(), Err(E::BadTol(-1.0)));
    }
    #[test]
    fn bad_reg() {
        assert!(BayesGmmParams::new(2).with_reg_covar(f64::NAN).check().is_err());
        assert_eq!(BayesGmmParams::new(2).with_reg_covar(-1.0).check(), Err(E::BadRegCovar(-1.0)));
    }
    #[test]
    fn bad_weight_concentration() {
        let p = BayesGmmParams::new(2).with_weight_concentration_prior(Some(0.0));
        assert_eq!(p.check(), Err(E::BadWeightConcentration(0.0)));
    }
    #[test]
    fn bad_mean_precision() {
        let p = BayesGmmParams::new(2).with_mean_precision_prior(Some(-2.0));
        assert_eq!(p.check(), Err(E::BadMeanPrecision(-2.0)));
    }
    #[test]
    fn bad_degrees_of_freedom() {
        let p = BayesGmmParams::new(2).with_degrees_of_freedom_prior(Some(-1.0));
        assert_eq!(p.check(), Err(E::BadDegreesOfFreedom { got: -1.0, min: 0.0 }));
    }
    #[test]
    fn serde_names() {
        let p: BayesGmmParams =
            serde_json::from_str(r#"{"weight_concentration_prior_type": "dirichlet_distribution"}"#).unwrap();
        assert_eq!(p.weight_concentration_prior_type, WeightPrior::DirichletDistribution);
    }
}
