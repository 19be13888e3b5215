//! The fitted Gaussian mixture (saved as model.json): scoring, soft and hard assignment, BIC and AIC with
//! scikit-learn's parameter count, and construction from given parameters (e.g. scikit-learn's).

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::covariance::{n_parameters, precision_factors, Covariances, Precisions};
use super::data::Rows;
use super::error::{GmmError, Result};
use super::estep::{argmax_rows, log_likelihoods, responsibilities};
use super::params::CovarianceType;
use crate::engine::cluster::common::{Predict, NOISE};

/// A Gaussian mixture: weights, means, covariances and their precision Cholesky factors
/// (scikit-learn's `weights_`, `means_`, `covariances_`, `precisions_cholesky_`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedGmm {
    /// Mixing weights, summing to 1.
    pub weights: Vec<f64>,
    /// One mean per component.
    pub means: Vec<Vec<f64>>,
    /// Covariances in the shape of the covariance type.
    pub covariances: Covariances,
    /// Precision Cholesky factors, same shape (upper triangular matrices for full/tied).
    pub precisions_cholesky: Covariances,
}

impl FittedGmm {
    /// A model from given weights, means (`k × d`) and covariances, e.g. exported from scikit-learn.
    pub fn from_parameters(weights: Vec<f64>, means: Array2<f64>, covariances: Covariances) -> Result<Self> {
        let (k, d) = means.dim();
        if k == 0 || d == 0 || weights.len() != k || !covariances.fits(k, d) {
            return Err(GmmError::BadParameters("weights, means and covariances must agree in shape"));
        }
        if weights.iter().any(|w| !(w.is_finite() && *w >= 0.0))
            || (weights.iter().sum::<f64>() - 1.0).abs() > 1e-6
        {
            return Err(GmmError::BadParameters("weights must be non-negative and sum to 1"));
        }
        if means.iter().any(|v| !v.is_finite()) {
            return Err(GmmError::BadParameters("means must be finite"));
        }
        let mut cov = covariances.clone();
        let (pc, repairs) = precision_factors(&mut cov, d, 0.0);
        if repairs > 0 {
            return Err(GmmError::BadParameters("every covariance must be positive definite"));
        }
        let means = means.outer_iter().map(|r| r.to_vec()).collect();
        Ok(Self { weights, means, covariances, precisions_cholesky: pc })
    }

    /// Number of components.
    pub fn n_components(&self) -> usize {
        self.weights.len()
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.means.first().map_or(0, Vec::len)
    }

    /// The covariance shape.
    pub fn covariance_type(&self) -> CovarianceType {
        self.covariances.covariance_type()
    }

    /// Free parameters (scikit-learn's `_n_parameters`).
    pub fn n_parameters(&self) -> usize {
        n_parameters(self.covariance_type(), self.n_components(), self.n_features())
    }

    pub(crate) fn flat_means(&self) -> Vec<f64> {
        self.means.concat()
    }

    /// `log w_j − ½ d log 2π + log det U_j`: the part of the log joint that does not depend on x.
    pub(crate) fn offsets(&self, prec: &Precisions) -> Vec<f64> {
        let c = -0.5 * self.n_features() as f64 * (2.0 * std::f64::consts::PI).ln();
        self.weights.iter().zip(&prec.log_det).map(|(w, ld)| w.ln() + c + ld).collect()
    }

    fn parts(&self) -> (Precisions, Vec<f64>, Vec<f64>) {
        let prec =
            Precisions::from_cholesky(&self.precisions_cholesky, self.n_components(), self.n_features());
        let off = self.offsets(&prec);
        (prec, self.flat_means(), off)
    }

    /// Log-likelihood of each row (scikit-learn's `score_samples`).
    pub fn score_samples(&self, x: ArrayView2<f64>) -> Result<Vec<f64>> {
        let rows = Rows::with_width(x, self.n_features())?;
        let (prec, means, off) = self.parts();
        Ok(log_likelihoods(&rows, &means, &prec, &off))
    }

    /// Mean log-likelihood per row (scikit-learn's `score`).
    pub fn score(&self, x: ArrayView2<f64>) -> Result<f64> {
        let s = self.score_samples(x)?;
        Ok(s.iter().sum::<f64>() / s.len() as f64)
    }

    /// Posterior probability of each component for each row, `n × k`.
    pub fn predict_proba(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        let rows = Rows::with_width(x, self.n_features())?;
        let (prec, means, off) = self.parts();
        let mut resp = vec![0.0; rows.n * off.len()];
        responsibilities(&rows, &means, &prec, &off, &mut resp);
        Ok(Array2::from_shape_vec((rows.n, off.len()), resp).expect("n × k"))
    }

    /// Most probable component of each row.
    pub fn try_predict(&self, x: ArrayView2<f64>) -> Result<Vec<i32>> {
        let p = self.predict_proba(x)?;
        Ok(argmax_rows(p.as_slice().expect("standard layout"), self.n_components()))
    }

    /// Bayesian information criterion on `x`: `−2 · score · n + n_parameters · ln n`.
    pub fn bic(&self, x: ArrayView2<f64>) -> Result<f64> {
        let n = x.nrows() as f64;
        Ok(-2.0 * self.score(x)? * n + self.n_parameters() as f64 * n.ln())
    }

    /// Akaike information criterion on `x`: `−2 · score · n + 2 · n_parameters`.
    pub fn aic(&self, x: ArrayView2<f64>) -> Result<f64> {
        let n = x.nrows() as f64;
        Ok(-2.0 * self.score(x)? * n + 2.0 * self.n_parameters() as f64)
    }
}

impl Predict for FittedGmm {
    /// As [`FittedGmm::try_predict`]; wrong width or non-finite input labels every row [`NOISE`].
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        self.try_predict(x).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}
