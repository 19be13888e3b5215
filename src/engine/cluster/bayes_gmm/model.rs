//! The fitted Bayesian Gaussian mixture (saved as model.json): the variational posterior's parameters, the
//! expected weights, and soft/hard assignment of new rows with scikit-learn's variational log-probabilities.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::params::WeightPrior;
use super::special::digamma;
use crate::engine::cluster::common::{Predict, NOISE};
use crate::engine::cluster::gmm::{argmax_rows, responsibilities, Covariances, Precisions, Rows};

/// Variational posterior of a Bayesian Gaussian mixture (scikit-learn's fitted attributes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedBayesGmm {
    /// The weight prior the posterior belongs to.
    pub weight_prior: WeightPrior,
    /// Dirichlet concentrations (distribution), or the first Beta parameters (process).
    pub weight_concentration: Vec<f64>,
    /// The second Beta parameters of the stick-breaking process (empty for a Dirichlet distribution).
    pub weight_concentration_b: Vec<f64>,
    /// Precision of each component's mean posterior.
    pub mean_precision: Vec<f64>,
    /// Posterior means, one per component.
    pub means: Vec<Vec<f64>>,
    /// Wishart degrees of freedom per component (tied: the shared value repeated).
    pub degrees_of_freedom: Vec<f64>,
    /// Covariances (Wishart scale normalised by the degrees of freedom) in the covariance type's shape.
    pub covariances: Covariances,
    /// Their precision Cholesky factors.
    pub precisions_cholesky: Covariances,
    /// Expected mixing weights, summing to 1.
    pub weights: Vec<f64>,
}

impl FittedBayesGmm {
    /// Number of components (including those switched off).
    pub fn n_components(&self) -> usize {
        self.weights.len()
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.means.first().map_or(0, Vec::len)
    }

    /// Components whose expected weight exceeds 1 %.
    pub fn effective_components(&self) -> usize {
        self.weights.iter().filter(|&&w| w > 0.01).count()
    }

    /// E[log π_j] under the posterior (scikit-learn's `_estimate_log_weights`).
    pub(crate) fn log_weights(&self) -> Vec<f64> {
        let a = &self.weight_concentration;
        match self.weight_prior {
            WeightPrior::DirichletProcess => {
                let b = &self.weight_concentration_b;
                let mut acc = 0.0;
                (0..a.len())
                    .map(|j| {
                        let ds = digamma(a[j] + b[j]);
                        let v = digamma(a[j]) - ds + acc;
                        acc += digamma(b[j]) - ds;
                        v
                    })
                    .collect()
            }
            WeightPrior::DirichletDistribution => {
                let ds = digamma(a.iter().sum());
                a.iter().map(|&c| digamma(c) - ds).collect()
            }
        }
    }

    /// The x-independent part of each component's variational log joint, as scikit-learn's
    /// `_estimate_weighted_log_prob`: `E[log π_j] − ½ d log 2π + log det U_j − ½ d log ν_j
    /// + ½ (E[log |Λ_j|]' − d / β_j)`.
    pub(crate) fn offsets(&self, prec: &Precisions) -> Vec<f64> {
        let d = self.n_features() as f64;
        let c = -0.5 * d * (2.0 * std::f64::consts::PI).ln();
        self.log_weights()
            .iter()
            .enumerate()
            .map(|(j, lw)| {
                let nu = self.degrees_of_freedom[j];
                let log_lambda = d * 2f64.ln()
                    + (0..self.n_features()).map(|i| digamma(0.5 * (nu - i as f64))).sum::<f64>();
                lw + c + prec.log_det[j] - 0.5 * d * nu.ln() + 0.5 * (log_lambda - d / self.mean_precision[j])
            })
            .collect()
    }

    pub(crate) fn precisions(&self) -> Precisions {
        Precisions::from_cholesky(&self.precisions_cholesky, self.n_components(), self.n_features())
    }

    /// Posterior responsibility of each component for each row, `n × k`.
    pub fn predict_proba(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        let rows = Rows::with_width(x, self.n_features())?;
        let prec = self.precisions();
        let off = self.offsets(&prec);
        let mut resp = vec![0.0; rows.n * off.len()];
        responsibilities(&rows, &self.means.concat(), &prec, &off, &mut resp);
        Ok(Array2::from_shape_vec((rows.n, off.len()), resp).expect("n × k"))
    }

    /// Most probable component of each row.
    pub fn try_predict(&self, x: ArrayView2<f64>) -> Result<Vec<i32>> {
        let p = self.predict_proba(x)?;
        Ok(argmax_rows(p.as_slice().expect("standard layout"), self.n_components()))
    }
}

impl Predict for FittedBayesGmm {
    /// As [`FittedBayesGmm::try_predict`]; wrong width or non-finite input labels every row [`NOISE`].
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        self.try_predict(x).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}
