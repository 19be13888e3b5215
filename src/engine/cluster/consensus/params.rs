//! Parameters of consensus clustering, with their validation.

use serde::{Deserialize, Serialize};

use super::error::{ConsensusError, Result};

/// Largest accepted co-association cap: the condensed matrix holds cap·(cap − 1)/2 f64 values
/// (8,000 rows ≈ 256 MB), which must fit in a 2 GB wasm32 heap next to everything else.
pub const MAX_SAMPLE_CAP: usize = 8_000;

/// How the consensus is built.
///
/// Defaults: `k = None` (the most common number of segments among the runs), `sample_cap = 3_000`,
/// `bootstrap_runs = 20`, `seed = 0`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsensusParams {
    /// Number of consensus segments (≥ 2); `None` = the most common number among the runs.
    pub k: Option<usize>,
    /// Rows up to which the co-association matrix is built on all rows (2..=8,000); above, on a seeded
    /// sample of this many rows, the others being assigned afterwards.
    pub sample_cap: usize,
    /// Bootstrap replicates for the per-segment Jaccard stability (0 = skip).
    pub bootstrap_runs: usize,
    /// Seed of the sample and the bootstraps.
    pub seed: u64,
}

impl Default for ConsensusParams {
    fn default() -> Self {
        Self { k: None, sample_cap: 3_000, bootstrap_runs: 20, seed: 0 }
    }
}

impl ConsensusParams {
    /// Sets the number of consensus segments.
    pub fn with_k(mut self, k: usize) -> Self {
        self.k = Some(k);
        self
    }
    /// Sets the co-association cap.
    pub fn with_sample_cap(mut self, cap: usize) -> Self {
        self.sample_cap = cap;
        self
    }
    /// Sets the number of bootstrap replicates.
    pub fn with_bootstrap_runs(mut self, b: usize) -> Self {
        self.bootstrap_runs = b;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Validates the parameters.
    pub fn check(&self) -> Result<ConsensusValidParams> {
        if let Some(k) = self.k.filter(|&k| k < 2) {
            return Err(ConsensusError::K(k));
        }
        if !(2..=MAX_SAMPLE_CAP).contains(&self.sample_cap) {
            return Err(ConsensusError::SampleCap { got: self.sample_cap, max: MAX_SAMPLE_CAP });
        }
        Ok(ConsensusValidParams(self.clone()))
    }
}

/// Checked [`ConsensusParams`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsensusValidParams(ConsensusParams);

impl ConsensusValidParams {
    /// Requested k, if any.
    pub fn k(&self) -> Option<usize> {
        self.0.k
    }
    /// Co-association cap.
    pub fn sample_cap(&self) -> usize {
        self.0.sample_cap
    }
    /// Bootstrap replicates.
    pub fn bootstrap_runs(&self) -> usize {
        self.0.bootstrap_runs
    }
    /// Seed.
    pub fn seed(&self) -> u64 {
        self.0.seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(ConsensusParams::default().check().is_ok());
    }

    #[test]
    fn k_must_be_at_least_2() {
        assert_eq!(ConsensusParams::default().with_k(1).check(), Err(ConsensusError::K(1)));
    }

    #[test]
    fn sample_cap_is_bounded() {
        for cap in [1, MAX_SAMPLE_CAP + 1] {
            assert_eq!(
                ConsensusParams::default().with_sample_cap(cap).check(),
                Err(ConsensusError::SampleCap { got: cap, max: MAX_SAMPLE_CAP })
            );
        }
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<ConsensusParams>(r#"{"cap": 3}"#).is_err());
    }
}
