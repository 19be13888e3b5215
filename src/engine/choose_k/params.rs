//! Parameters of the k sweep, with their validation.

use serde::{Deserialize, Serialize};

use super::error::{ChooseKError, Result};
use crate::engine::metrics::{SilhouetteParams, SilhouetteValidParams};

/// Default row cap of the sweep's fits ([`ChooseKParams::fit_sample_cap`]).
pub const DEFAULT_FIT_SAMPLE_CAP: usize = 20_000;

/// The row caps are for data of up to this many features; wider data keeps the same number of values
/// (rows × features) with fewer rows, down to [`MIN_FIT_ROWS`] and [`MIN_AUX_ROWS`]. The sweep's cost
/// grows with the values it fits: on a 14,018 × 44 file (a football league's matches with both teams
/// one-hot) the default sweep took 16 s natively with row caps alone, 5.5 s with this.
pub const CAP_FEATURES: usize = 16;
/// Fewest rows the fits are sampled down to for wide data (unless `fit_sample_cap` is smaller).
pub const MIN_FIT_ROWS: usize = 2_000;
/// Fewest rows the gap statistic and stability are sampled down to for wide data (unless
/// `aux_sample_cap` is smaller).
pub const MIN_AUX_ROWS: usize = 1_000;

/// Fewest rows the sweep's silhouette is made exact on, or samples, for wide data (unless its own caps are
/// smaller).
pub const MIN_SILHOUETTE_ROWS: usize = 2_000;

/// `cap` rows for data of `d` features: unchanged up to [`CAP_FEATURES`], else the same number of values
/// (`cap · CAP_FEATURES / d` rows) but at least `floor` rows (or `cap`, when smaller).
fn rows_for(cap: usize, d: usize, floor: usize) -> usize {
    if d <= CAP_FEATURES {
        cap
    } else {
        (cap.saturating_mul(CAP_FEATURES) / d).max(floor.min(cap))
    }
}

/// What the sweep over k computes.
///
/// Defaults: `k_min = 2`, `k_max = 10`, `gap_references = 10`, `stability_runs = 10`,
/// `stability_fraction = 0.8`, `aux_sample_cap = 3_000`, `fit_sample_cap = 20_000` (both row caps for up to
/// [`CAP_FEATURES`] features, fewer rows for wider data), `silhouette` = [`SilhouetteParams::default`]
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
    /// The row cap of the fits for data of `d` features ([`CAP_FEATURES`]).
    pub fn fit_rows(&self, d: usize) -> usize {
        rows_for(self.fit_sample_cap, d, MIN_FIT_ROWS)
    }
    /// The row cap of the gap statistic and stability for data of `d` features ([`CAP_FEATURES`]).
    pub fn aux_rows(&self, d: usize) -> usize {
        rows_for(self.aux_sample_cap, d, MIN_AUX_ROWS)
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
    /// Row cap of the fits for `d` features ([`ChooseKParams::fit_rows`]).
    pub fn fit_rows(&self, d: usize) -> usize {
        self.p.fit_rows(d)
    }
    /// Row cap of the gap statistic and stability for `d` features ([`ChooseKParams::aux_rows`]).
    pub fn aux_rows(&self, d: usize) -> usize {
        self.p.aux_rows(d)
    }
    /// Silhouette policy.
    pub fn silhouette(&self) -> &SilhouetteValidParams {
        &self.silhouette
    }
    /// The silhouette policy for `d` features: its row limits hold up to [`CAP_FEATURES`] features; wider
    /// data gets `√(CAP_FEATURES / d)` of them (the exact silhouette costs rows² × features, so this keeps
    /// its cost), but at least [`MIN_SILHOUETTE_ROWS`]. On the 14,018-row, 44-feature football file it was
    /// three quarters of the sweep.
    pub fn silhouette_for(&self, d: usize) -> SilhouetteValidParams {
        if d <= CAP_FEATURES {
            return self.silhouette.clone();
        }
        let cap = self.silhouette.sample_cap();
        let rows = (cap as f64 * (CAP_FEATURES as f64 / d as f64).sqrt()) as usize;
        self.silhouette.at_most(rows.max(MIN_SILHOUETTE_ROWS))
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
    fn wide_data_keeps_the_values_not_the_rows() {
        let p = ChooseKParams::default();
        assert_eq!((p.fit_rows(8), p.aux_rows(8)), (20_000, 3_000));
        assert_eq!((p.fit_rows(16), p.aux_rows(16)), (20_000, 3_000));
        assert_eq!((p.fit_rows(17), p.aux_rows(17)), (18_823, 2_823));
        assert_eq!((p.fit_rows(111), p.aux_rows(111)), (2_882, 1_000));
        assert_eq!((p.fit_rows(5_000), p.aux_rows(5_000)), (2_000, 1_000));
        let small = ChooseKParams::default().with_fit_sample_cap(500).with_aux_sample_cap(300);
        assert_eq!((small.fit_rows(111), small.aux_rows(111)), (500, 300));
        let huge = ChooseKParams::default().with_fit_sample_cap(usize::MAX);
        assert!(huge.fit_rows(111) > 10_000_000);
        let p = ChooseKParams::default().check().unwrap();
        let caps = |d| (p.silhouette_for(d).sample_cap(), p.silhouette_for(d).sample_size());
        assert_eq!(caps(16), (10_000, 10_000));
        assert_eq!(caps(64), (5_000, 5_000));
        assert_eq!(caps(10_000), (2_000, 2_000));
    }

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
