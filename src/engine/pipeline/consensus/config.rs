//! What a consensus run is made of: its member algorithms, how many seeds each randomised member runs with,
//! the number of segments, the co-association cap and the bootstrap — with the validation of each rule.

use crate::engine::cluster::consensus::MAX_SAMPLE_CAP;
use crate::engine::rng::{sub_rng, Rng};
use serde::{Deserialize, Serialize};

/// Most seeds per randomised member (each seed is one more fit, and `bootstrap_runs` more).
pub const MAX_SEEDS: usize = 50;
/// Most bootstrap replicates for the stability.
pub const MAX_BOOTSTRAP_RUNS: usize = 200;

/// An algorithm that can take part in a consensus, each fitted at the consensus k.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsensusMember {
    /// k-means with one k-means++ start per seed (the seeds are the restarts; their disagreement is
    /// information).
    Kmeans,
    /// A Gaussian mixture with full covariances, one start per seed.
    Gmm,
    /// Ward hierarchical clustering: deterministic, so it runs once whatever the number of seeds.
    Hierarchical,
}

impl ConsensusMember {
    /// Every member, in the order the UI and the CLI list them.
    pub const ALL: [ConsensusMember; 3] =
        [ConsensusMember::Kmeans, ConsensusMember::Gmm, ConsensusMember::Hierarchical];

    /// The short name (`--members kmeans,gmm,hierarchical`, and in the config JSON).
    pub fn name(self) -> &'static str {
        match self {
            ConsensusMember::Kmeans => "kmeans",
            ConsensusMember::Gmm => "gmm",
            ConsensusMember::Hierarchical => "hierarchical",
        }
    }

    /// The display name.
    pub fn label(self) -> &'static str {
        match self {
            ConsensusMember::Kmeans => "k-means",
            ConsensusMember::Gmm => "Gaussian mixture",
            ConsensusMember::Hierarchical => "Ward hierarchical",
        }
    }

    /// The member called `name` (short name, any case, `-` or `_`; also "k-means", "ward").
    pub fn from_name(name: &str) -> Option<ConsensusMember> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "kmeans" | "k-means" => Some(ConsensusMember::Kmeans),
            "gmm" | "gaussian-mixture" => Some(ConsensusMember::Gmm),
            "hierarchical" | "ward" => Some(ConsensusMember::Hierarchical),
            _ => None,
        }
    }

    /// True when different seeds give different fits (k-means, mixtures); Ward runs once.
    pub fn randomised(self) -> bool {
        !matches!(self, ConsensusMember::Hierarchical)
    }
}

/// Consensus clustering as a pipeline algorithm: every member is fitted at `n_clusters` (k-means and the
/// mixture once per seed, Ward once), the runs' co-association gives the consensus segments (average linkage
/// on 1 − co-association, cut at `n_clusters`), and a bootstrap measures each segment's stability.
/// New customers join the nearest consensus-segment centre in the prepared feature space.
///
/// Defaults: `n_clusters = 4`, `members = [kmeans, gmm, hierarchical]`, `seeds = 10` (so 21 runs),
/// `sample_cap = 3_000`, `bootstrap_runs = 20`, `seed = 0` (the pipeline's seed replaces it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsensusConfig {
    /// Number of segments: of every member run and of the consensus (≥ 2).
    pub n_clusters: usize,
    /// The member algorithms (at least one, no repeats).
    pub members: Vec<ConsensusMember>,
    /// Runs of each randomised member, each with its own seed (1..=50).
    pub seeds: usize,
    /// Customers up to which the co-association matrix is built on everyone (2..=8,000); above it, on a
    /// seeded sample of this many, the others joining the segment they agree with most.
    pub sample_cap: usize,
    /// Bootstrap replicates for the per-segment stability (0..=200; 0 = no stability). Each replicate re-fits
    /// every run on a draw of the co-association rows.
    pub bootstrap_runs: usize,
    /// Seed of the runs, the sample and the bootstrap.
    pub seed: u64,
}

impl Default for ConsensusConfig {
    fn default() -> Self {
        ConsensusConfig {
            n_clusters: 4,
            members: ConsensusMember::ALL.to_vec(),
            seeds: 10,
            sample_cap: 3_000,
            bootstrap_runs: 20,
            seed: 0,
        }
    }
}

/// A consensus config that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConsensusConfigError {
    #[error("n_clusters must be at least 2, got {0}")]
    K(usize),
    #[error("members must name at least one algorithm, got none")]
    NoMembers,
    #[error("members must not repeat an algorithm, got {0} twice")]
    RepeatedMember(&'static str),
    #[error("seeds must be between 1 and {MAX_SEEDS}, got {0}")]
    Seeds(usize),
    #[error("a consensus needs at least 2 runs, got {0}: add k-means or a Gaussian mixture, or raise seeds")]
    TooFewRuns(usize),
    #[error("sample_cap must be between 2 and {MAX_SAMPLE_CAP}, got {0}")]
    SampleCap(usize),
    #[error("bootstrap_runs must be at most {MAX_BOOTSTRAP_RUNS}, got {0}")]
    BootstrapRuns(usize),
}

impl ConsensusConfig {
    /// Sets the number of segments.
    pub fn with_n_clusters(mut self, k: usize) -> Self {
        self.n_clusters = k;
        self
    }
    /// Sets the members.
    pub fn with_members(mut self, members: Vec<ConsensusMember>) -> Self {
        self.members = members;
        self
    }
    /// Sets the seeds per randomised member.
    pub fn with_seeds(mut self, seeds: usize) -> Self {
        self.seeds = seeds;
        self
    }
    /// Sets the co-association cap.
    pub fn with_sample_cap(mut self, cap: usize) -> Self {
        self.sample_cap = cap;
        self
    }
    /// Sets the bootstrap replicates.
    pub fn with_bootstrap_runs(mut self, b: usize) -> Self {
        self.bootstrap_runs = b;
        self
    }
    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Checks every rule.
    pub fn check(&self) -> Result<(), ConsensusConfigError> {
        if self.n_clusters < 2 {
            return Err(ConsensusConfigError::K(self.n_clusters));
        }
        if self.members.is_empty() {
            return Err(ConsensusConfigError::NoMembers);
        }
        for (i, m) in self.members.iter().enumerate() {
            if self.members[..i].contains(m) {
                return Err(ConsensusConfigError::RepeatedMember(m.name()));
            }
        }
        if !(1..=MAX_SEEDS).contains(&self.seeds) {
            return Err(ConsensusConfigError::Seeds(self.seeds));
        }
        let runs = self.n_runs();
        if runs < 2 {
            return Err(ConsensusConfigError::TooFewRuns(runs));
        }
        if !(2..=MAX_SAMPLE_CAP).contains(&self.sample_cap) {
            return Err(ConsensusConfigError::SampleCap(self.sample_cap));
        }
        if self.bootstrap_runs > MAX_BOOTSTRAP_RUNS {
            return Err(ConsensusConfigError::BootstrapRuns(self.bootstrap_runs));
        }
        Ok(())
    }

    /// Runs of `member` (its seeds when randomised, else one).
    pub fn runs_of(&self, member: ConsensusMember) -> usize {
        if member.randomised() {
            self.seeds
        } else {
            1
        }
    }

    /// Number of member runs.
    pub fn n_runs(&self) -> usize {
        self.members.iter().map(|&m| self.runs_of(m)).sum()
    }

    /// Every run: its member and its seed (drawn from `seed`, one stream per run, so adding a member does
    /// not change the others' seeds).
    pub fn runs(&self) -> Vec<(ConsensusMember, u64)> {
        let mut out = Vec::new();
        for &m in &self.members {
            for s in 0..self.runs_of(m) {
                let stream = 1_000 * (m as u64 + 1) + s as u64;
                out.push((m, sub_rng(self.seed, stream).gen()));
            }
        }
        out
    }

    /// The members in words: "k-means × 10, Gaussian mixture × 10, Ward hierarchical × 1".
    pub fn describe(&self) -> String {
        self.members
            .iter()
            .map(|&m| format!("{} × {}", m.label(), self.runs_of(m)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_run_21_fits() {
        let c = ConsensusConfig::default();
        assert_eq!(c.check(), Ok(()));
        assert_eq!(c.n_runs(), 21);
        let runs = c.runs();
        assert_eq!(runs.len(), 21);
        let seeds: std::collections::BTreeSet<u64> = runs.iter().map(|r| r.1).collect();
        assert_eq!(seeds.len(), 21, "every run has its own seed");
        assert_eq!(c.describe(), "k-means × 10, Gaussian mixture × 10, Ward hierarchical × 1");
    }

    #[test]
    fn k_must_be_at_least_2() {
        assert_eq!(ConsensusConfig::default().with_n_clusters(1).check(), Err(ConsensusConfigError::K(1)));
    }

    #[test]
    fn members_are_required() {
        let c = ConsensusConfig::default().with_members(vec![]);
        assert_eq!(c.check(), Err(ConsensusConfigError::NoMembers));
    }

    #[test]
    fn members_do_not_repeat() {
        let c = ConsensusConfig::default().with_members(vec![ConsensusMember::Gmm, ConsensusMember::Gmm]);
        assert_eq!(c.check(), Err(ConsensusConfigError::RepeatedMember("gmm")));
    }

    #[test]
    fn seeds_are_bounded() {
        for s in [0, MAX_SEEDS + 1] {
            assert_eq!(ConsensusConfig::default().with_seeds(s).check(), Err(ConsensusConfigError::Seeds(s)));
        }
    }

    #[test]
    fn ward_alone_is_one_run_too_few() {
        let c = ConsensusConfig::default().with_members(vec![ConsensusMember::Hierarchical]);
        assert_eq!(c.check(), Err(ConsensusConfigError::TooFewRuns(1)));
        let c = ConsensusConfig::default().with_members(vec![ConsensusMember::Kmeans]).with_seeds(1);
        assert_eq!(c.check(), Err(ConsensusConfigError::TooFewRuns(1)));
        assert_eq!(c.with_seeds(2).check(), Ok(()));
    }

    #[test]
    fn sample_cap_is_bounded() {
        for cap in [1, MAX_SAMPLE_CAP + 1] {
            let c = ConsensusConfig::default().with_sample_cap(cap);
            assert_eq!(c.check(), Err(ConsensusConfigError::SampleCap(cap)));
        }
    }

    #[test]
    fn bootstrap_runs_are_bounded() {
        let c = ConsensusConfig::default().with_bootstrap_runs(MAX_BOOTSTRAP_RUNS + 1);
        assert_eq!(c.check(), Err(ConsensusConfigError::BootstrapRuns(MAX_BOOTSTRAP_RUNS + 1)));
        assert_eq!(ConsensusConfig::default().with_bootstrap_runs(0).check(), Ok(()));
    }

    #[test]
    fn json_uses_short_member_names_and_rejects_unknown_fields() {
        let json = serde_json::to_string(&ConsensusConfig::default()).unwrap();
        assert!(json.contains(r#""members":["kmeans","gmm","hierarchical"]"#), "{json}");
        assert!(serde_json::from_str::<ConsensusConfig>(r#"{"member": ["kmeans"]}"#).is_err());
        assert!(serde_json::from_str::<ConsensusConfig>(r#"{"members": ["spectral"]}"#).is_err());
        for m in ConsensusMember::ALL {
            assert_eq!(ConsensusMember::from_name(m.name()), Some(m));
        }
        assert_eq!(ConsensusMember::from_name("Ward"), Some(ConsensusMember::Hierarchical));
    }
}
