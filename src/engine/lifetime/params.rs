//! [`FitParams`]: the optimiser settings shared by the BG/NBD and Gamma-Gamma fits, and their validation.

use serde::{Deserialize, Serialize};

use super::error::{LifetimeError, Result};

/// How a lifetime model is fitted by maximum likelihood.
///
/// Defaults (lifetimes' defaults): `penalizer = 0` (an L2 penalty `penalizer × Σ params²` added to the mean
/// negative log-likelihood, as lifetimes' `penalizer_coef`), `max_iterations = 1000`, `tolerance = 1e-7`
/// (BFGS stops when every gradient component of the mean negative log-likelihood is below it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FitParams {
    pub penalizer: f64,
    pub max_iterations: usize,
    pub tolerance: f64,
}

impl Default for FitParams {
    fn default() -> Self {
        FitParams { penalizer: 0.0, max_iterations: 1000, tolerance: 1e-7 }
    }
}

impl FitParams {
    /// Sets the L2 penalizer.
    pub fn with_penalizer(mut self, penalizer: f64) -> Self {
        self.penalizer = penalizer;
        self
    }

    /// Sets the iteration cap.
    pub fn with_max_iterations(mut self, n: usize) -> Self {
        self.max_iterations = n;
        self
    }

    /// Sets the gradient tolerance.
    pub fn with_tolerance(mut self, tol: f64) -> Self {
        self.tolerance = tol;
        self
    }

    /// The validated settings.
    pub fn check(&self) -> Result<ValidFitParams> {
        if !(self.penalizer.is_finite() && self.penalizer >= 0.0) {
            return Err(LifetimeError::Penalizer(self.penalizer));
        }
        if self.max_iterations == 0 {
            return Err(LifetimeError::MaxIterations(self.max_iterations));
        }
        if !(self.tolerance.is_finite() && self.tolerance > 0.0) {
            return Err(LifetimeError::Tolerance(self.tolerance));
        }
        Ok(ValidFitParams(*self))
    }
}

/// The BG/NBD fit settings (the same settings as every lifetime fit).
pub type BgNbdParams = FitParams;

/// The Gamma-Gamma fit settings (the same settings as every lifetime fit).
pub type GammaGammaParams = FitParams;

/// [`FitParams`] that passed [`FitParams::check`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidFitParams(FitParams);

impl ValidFitParams {
    /// The settings.
    pub fn get(&self) -> &FitParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_or_nan_penalizer_is_rejected() {
        assert_eq!(FitParams::default().with_penalizer(-1.0).check(), Err(LifetimeError::Penalizer(-1.0)));
        assert!(FitParams::default().with_penalizer(f64::NAN).check().is_err());
    }

    #[test]
    fn zero_iterations_is_rejected() {
        let err = FitParams::default().with_max_iterations(0).check().unwrap_err();
        assert_eq!(err.to_string(), "max_iterations must be >= 1, got 0");
    }

    #[test]
    fn non_positive_tolerance_is_rejected() {
        assert_eq!(FitParams::default().with_tolerance(0.0).check(), Err(LifetimeError::Tolerance(0.0)));
        assert!(FitParams::default().check().is_ok());
    }
}
