//! Parameters of the k sweep, with their validation.

use serde::{Deserialize, Serialize};

use super::error::{ChooseKError, Result};
use crate::engine::metrics::{SilhouetteParams, SilhouetteValidParams};

/// Default row cap of the sweep's fits ([`ChooseKParams::fit_sample_cap`]).
pub const DEFAULT_FIT_SAMPLE_CAP: usize = 20_000;

/// What the sweep over k computes.
///
/// Defaults: `k_min = 2`, `k_max = 10`, `gap_references = 10`, `stability_runs = 10`,
/// `stability_fraction = 0.8`, `aux_sample_cap = 3_000`, `fit_sample_cap = 20_000`, `silhouette` = [`SilhouetteParams::default`]
/// (exact up to 10,000 rows, sampled above), `seed = 0`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChooseKParams {
    /// Smallest k tried (≥ 2).
    pub k_min: usize,
    /// Largest k tried (≥ `k_min`; lowered to n − 1 on tiny data).
    pub k_max: usize,
    /// B, the number of uniform reference data sets of the gap statistic (0 = no gap statistic).
    pub gap_references: usize,
    /// Number of subsample fits per k whose pairwise agreement is the stability (0 = off, else ≥ 2).
    pub stability_runs: usize,
    /// Fraction of the rows in each stability subsample, in (0, 1].
    pub stability_fraction: f64,
    /// The gap statistic and stability are computed on a seeded sample of at most this many rows (≥ 2·k_max):
    /// they need `gap_references + stability_runs` extra fits per k.
    pub aux_sample_cap: usize,
    /// Above this many rows every k is fitted and scored on a seeded sample of this many rows (≥ 2·k_max):
    /// the curves keep their shape, and a 1M-row file is compared in seconds instead of minutes. The run's
    /// own segments always use every row.
    pub fit_sample_cap: usize,
    /// Exact/sampled silhouette policy.
    pub silhouette: SilhouetteParams,
    /// Seed of every fit, sample and reference set of the sweep.
    pub seed: u64,
}

impl Default for ChooseKParams {
    fn default() -> Self {
        Self {
            k_min: 2,
            k_max: 10,
            gap_references: 10,
            stability_runs: 10,
            stability_fraction: 0.8,
            aux_sample_cap: 3_000,
            fit_sample_cap: DEFAULT_FIT_SAMPLE_CAP,
            silhouette: SilhouetteParams::default(),
            seed: 0,
        }
    }
}

impl ChooseKParams {
    /// Sets the range of k.
    pub fn with_k_range(mut self, k_min: usize, k_max: usize) -> Self {
        self.k_min = k_min;
        self.k_max = k_max;
        self
    }
    /// Sets B for the gap statistic (0 = off).
    pub fn with_gap_references(mut self, b: usize) -> Self {
        self.gap_references = b;
        self
    }
    /// Sets the number of subsample fits per k for stability (0 = off).
    pub fn with_stability_runs(mut self, b: usize) -> Self {
        self.stability_runs = b;
        self
    }
    /// Sets the subsample fraction of the stability fits.
    pub fn with_stability_fraction(mut self, f: f64) -> Self {
        self.stability_fraction = f;
        self
    }
    /// Sets the row cap of the gap and stability computations.
    pub fn with_aux_sample_cap(mut self, cap: usize) -> Self {
        self.aux_sample_cap = cap;
        self
    }
    /// Sets the row cap of the fits (above it, every k is fitted on a seeded sample).
    pub fn with_fit_sample_cap(mut self, cap: usize) -> Self {
        self.fit_sample_cap = cap;
        self
    }
    /// Sets the silhouette policy.
    pub fn with_silhouette(mut self, s: SilhouetteParams) -> Self {
        self.silhouette = s;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Validates the parameters.
    pub fn check(&self) -> Result<ChooseKValidParams> {
        if self.k_min < 2 {
            return Err(ChooseKError::KMin(self.k_min));
        }
        if self.k_max < self.k_min {
            return Err(ChooseKError::KRange { k_min: self.k_min, k_max: self.k_max });
        }
        if self.stability_runs == 1 {
            return Err(ChooseKError::StabilityRuns(1));
        }
        let f = self.stability_fraction;
        if !(f > 0.0 && f <= 1.0) {
            return Err(ChooseKError::StabilityFraction(f));
        }
        let needed = 2 * self.k_max;
        if self.aux_sample_cap < needed {
            return Err(ChooseKError::AuxSampleCap { got: self.aux_sample_cap, needed });
        }
        if self.fit_sample_cap < needed {
            return Err(ChooseKError::FitSampleCap { got: self.fit_sample_cap, needed });
        }
        let silhouette = self.silhouette.check()?;
        Ok(ChooseKValidParams { p: self.clone(), silhouette })
    }
}

/// Checked [`ChooseKParams`].
#[derive(Debug, Clone, PartialEq)]
pub struct ChooseKValidParams {
    p: ChooseKParams,
    silhouette: SilhouetteValidParams,
}

impl ChooseKValidParams {
    /// Smallest k.
    pub fn k_min(&self) -> usize {
        self.p.k_min
    }
    /// Largest k.
    pub fn k_max(&self) -> usize {
        self.p.k_max
    }
    /// B of the gap statistic (0 = off).
    pub fn gap_references(&self) -> usize {
        self.p.gap_references
    }
    /// Subsample fits per k (0 = off).
    pub fn stability_runs(&self) -> usize {
        self.p.stability_runs
    }
    /// Subsample fraction.
    pub fn stability_fraction(&self) -> f64 {
        self.p.stability_fraction
    }
    /// Row cap of gap and stability.
    pub fn aux_sample_cap(&self) -> usize {
        self.p.aux_sample_cap
    }
    /// Row cap of the fits.
    pub fn fit_sample_cap(&self) -> usize {
        self.p.fit_sample_cap
    }
    /// Silhouette policy.
    pub fn silhouette(&self) -> &SilhouetteValidParams {
        &self.silhouette
    }
    /// Seed.
    pub fn seed(&self) -> u64 {
        self.p.seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::metrics::MetricsError;

    #[test]
    fn defaults_are_valid() {
        let p = ChooseKParams::default().check().unwrap();
        assert_eq!((p.k_min(), p.k_max()), (2, 10));
    }

    #[test]
    fn k_min_must_be_at_least_2() {
        assert_eq!(ChooseKParams::default().with_k_range(1, 5).check(), Err(ChooseKError::KMin(1)));
    }

    #[test]
    fn k_max_must_not_be_below_k_min() {
        assert_eq!(
            ChooseKParams::default().with_k_range(5, 4).check(),
            Err(ChooseKError::KRange { k_min: 5, k_max: 4 })
        );
    }

    #[test]
    fn stability_runs_cannot_be_1() {
        assert_eq!(
            ChooseKParams::default().with_stability_runs(1).check(),
            Err(ChooseKError::StabilityRuns(1))
        );
        assert!(ChooseKParams::default().with_stability_runs(0).check().is_ok());
    }

    #[test]
    fn stability_fraction_must_be_in_0_1() {
        for f in [0.0, 1.5, f64::NAN] {
            assert!(matches!(
                ChooseKParams::default().with_stability_fraction(f).check(),
                Err(ChooseKError::StabilityFraction(_))
            ));
        }
        assert!(ChooseKParams::default().with_stability_fraction(1.0).check().is_ok());
    }

    #[test]
    fn aux_sample_cap_must_fit_k_max() {
        assert_eq!(
            ChooseKParams::default().with_aux_sample_cap(19).check(),
            Err(ChooseKError::AuxSampleCap { got: 19, needed: 20 })
        );
    }

    #[test]
    fn silhouette_params_are_checked() {
        let p = ChooseKParams::default().with_silhouette(SilhouetteParams::default().with_sample_cap(0));
        assert_eq!(p.check(), Err(ChooseKError::Data(MetricsError::SampleCap(0))));
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<ChooseKParams>(r#"{"kmax": 3}"#).is_err());
        let p: ChooseKParams = serde_json::from_str(r#"{"k_max": 6}"#).unwrap();
        assert_eq!(p.k_max, 6);
    }
}
