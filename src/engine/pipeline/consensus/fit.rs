//! Fitting a consensus inside the pipeline: the member clusterers, the engine's consensus of their runs, the
//! nearest-centre model for new customers, and the extras the report carries (stability per segment, runs,
//! sampling), with plain-language notes for what the numbers do not show.

use super::config::{ConsensusConfig, ConsensusMember};
use crate::engine::choose_k::{SweepClusterer, SweepFit};
use crate::engine::cluster::consensus::stability::{DOUBTFUL, STABLE};
use crate::engine::cluster::consensus::{
    consensus_of_runs, ConsensusError, ConsensusParams, ConsensusRun, FittedConsensus, Verdict,
};
use crate::engine::cluster::gmm::{CovarianceType, GmmParams};
use crate::engine::cluster::hierarchical::HierarchicalParams;
use crate::engine::cluster::kmeans::KMeansParams;
use crate::engine::cluster::{FitInfo, Predict, NOISE};
use crate::engine::pipeline::algorithm::ClusterError;
use crate::engine::progress::Monitor;
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// One consensus segment's bootstrap stability (Hennig's clusterwise Jaccard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentStabilityReading {
    /// The segment number (after renumbering by size).
    pub segment: i32,
    /// Mean best Jaccard over the replicates, 0..1; `None` without replicates.
    pub jaccard: Option<f64>,
    /// Stable (≥ 0.75), doubtful (0.6–0.75) or unstable (< 0.6).
    pub verdict: Option<Verdict>,
    /// Replicates in which the segment dissolved (Jaccard ≤ 0.5).
    pub dissolved: usize,
    /// Replicates that recovered it (Jaccard > 0.75).
    pub recovered: usize,
    /// Replicates that drew at least one of its customers.
    pub replicates: usize,
}

/// How well one member's runs agree with the consensus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberAgreement {
    pub member: ConsensusMember,
    pub runs: usize,
    /// Mean adjusted Rand index between its runs and the consensus.
    pub mean_ari: f64,
}

/// What a consensus adds to the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsensusExtras {
    /// Member runs in all.
    pub runs: usize,
    /// Each member's runs and agreement with the consensus.
    pub members: Vec<MemberAgreement>,
    /// True when the co-association matrix was built on a sample (more customers than `sample_cap`).
    pub sampled: bool,
    pub sample_cap: usize,
    /// Customers in the co-association matrix (and in the stability bootstrap).
    pub sample_size: usize,
    /// Bootstrap replicates of the stability.
    pub bootstrap_runs: usize,
    /// Stability per segment, by segment number (empty when `bootstrap_runs = 0`).
    pub stability: Vec<SegmentStabilityReading>,
    /// Mean Jaccard from which a segment is stable (0.75) and below which it is not to be trusted (0.6).
    pub stable_threshold: f64,
    pub doubtful_threshold: f64,
    /// Share of the clustered customers whose nearest segment centre (the rule that scores new customers)
    /// is their consensus segment.
    pub centre_agreement: f64,
}

impl ConsensusExtras {
    /// Renames segments by `segment_of[raw label]` and orders the stability by segment.
    pub fn renumber(&mut self, segment_of: &[i32]) {
        for s in &mut self.stability {
            s.segment = segment_of.get(s.segment.max(0) as usize).copied().unwrap_or(NOISE);
        }
        self.stability.retain(|s| s.segment != NOISE);
        self.stability.sort_by_key(|s| s.segment);
    }

    /// The stability of segment `segment`, if measured.
    pub fn stability_of(&self, segment: i32) -> Option<&SegmentStabilityReading> {
        self.stability.iter().find(|s| s.segment == segment)
    }
}

/// A member as the engine's consensus fits it: one start per seed, at the consensus k.
struct Member(ConsensusMember);

impl SweepClusterer for Member {
    fn name(&self) -> &str {
        self.0.label()
    }
    fn fit_k(
        &self,
        x: ArrayView2<f64>,
        k: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<SweepFit, String> {
        let labels = match self.0 {
            ConsensusMember::Kmeans => {
                let p = KMeansParams::default().with_n_clusters(k).with_n_init(1).with_seed(seed);
                p.check().and_then(|p| p.fit(x, monitor)).map_err(|e| e.to_string())?.labels
            }
            ConsensusMember::Gmm => {
                let p = GmmParams {
                    n_components: k,
                    covariance_type: CovarianceType::Full,
                    n_init: 1,
                    seed,
                    ..GmmParams::default()
                };
                p.check().and_then(|p| p.fit(x, monitor)).map_err(|e| e.to_string())?.labels
            }
            ConsensusMember::Hierarchical => {
                let p = HierarchicalParams::default().with_k(k).with_seed(seed);
                p.check().and_then(|p| p.fit(x, monitor)).map_err(|e| e.to_string())?.labels
            }
        };
        Ok(SweepFit { labels, inertia: None, bic: None })
    }
}

/// A fitted consensus: raw labels 0..k (before renumbering), the model, the fit info and the extras.
pub struct ConsensusFit {
    pub labels: Vec<i32>,
    pub model: FittedConsensus,
    pub info: FitInfo,
    pub extras: ConsensusExtras,
}

/// Passes progress on, never backwards within a stage: member fits report sub-stages (k-means++ then
/// k-means) that each restart at 0 inside their slice, which would make the progress bar jump back.
struct Forward<'a> {
    inner: &'a mut dyn Monitor,
    stage: String,
    best: f64,
}

impl Monitor for Forward<'_> {
    fn progress(&mut self, stage: &str, fraction: f64) {
        if stage != self.stage {
            self.stage = stage.to_string();
            self.best = 0.0;
        }
        self.best = self.best.max(fraction);
        self.inner.progress(stage, self.best);
    }
    fn cancelled(&self) -> bool {
        self.inner.cancelled()
    }
    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }
}

/// Below this share of training customers reproduced by the nearest centre, a note warns about scoring.
const CENTRE_AGREEMENT_NOTE: f64 = 0.9;

fn cluster_error(e: ConsensusError) -> ClusterError {
    match e {
        ConsensusError::Cancelled(c) => ClusterError::Cancelled(c),
        e => ClusterError::Consensus(e),
    }
}

/// Runs every member on `x`, builds the consensus and its stability, and the nearest-centre model.
pub fn fit(
    config: &ConsensusConfig,
    x: ArrayView2<f64>,
    monitor: &mut dyn Monitor,
) -> Result<ConsensusFit, ClusterError> {
    let start = monitor.now_ms();
    config.check()?;
    let k = config.n_clusters;
    let members: Vec<Member> = config.members.iter().map(|&m| Member(m)).collect();
    let plan = config.runs();
    let runs: Vec<ConsensusRun<'_>> = plan
        .iter()
        .map(|&(m, seed)| {
            let clusterer = members.iter().find(|c| c.0 == m).expect("every run's member is in the list");
            ConsensusRun { clusterer, k, seed }
        })
        .collect();
    let params = ConsensusParams::default()
        .with_k(k)
        .with_sample_cap(config.sample_cap)
        .with_bootstrap_runs(config.bootstrap_runs)
        .with_seed(config.seed)
        .check()
        .map_err(cluster_error)?;
    let mut forward = Forward { inner: monitor, stage: String::new(), best: 0.0 };
    let (consensus, _) = consensus_of_runs(x, &runs, &params, &mut forward).map_err(cluster_error)?;
    let mut labels = consensus.labels;
    let model = FittedConsensus::from_labels(x, &labels, k);
    // Rows left without a consensus label (outside the sample, sharing no run label with any sampled
    // segment member) join the nearest segment centre, as a new customer would.
    let mut joined_nearest = 0;
    for (l, row) in labels.iter_mut().zip(x.outer_iter()) {
        if *l == NOISE {
            let row: Vec<f64> = row.iter().copied().collect();
            if let Some(j) = model.nearest(&row) {
                *l = j as i32;
                joined_nearest += 1;
            }
        }
    }
    let predicted = model.predict(x);
    let same = predicted.iter().zip(&labels).filter(|(p, l)| p == l).count();
    let centre_agreement = same as f64 / labels.len().max(1) as f64;
    let n = x.nrows();
    let mut notes = vec![format!(
        "Consensus of {} member runs ({}), each with {k} segments.",
        plan.len(),
        config.describe()
    )];
    if consensus.sampled {
        notes.push(format!(
            "Consensus: the agreement between every pair of customers is kept for at most {} customers, so it \
             was built on a seeded sample of {} of {}; the other customers joined the segment they agree with \
             most.{}",
            config.sample_cap,
            consensus.sample_size,
            n,
            if config.bootstrap_runs > 0 { " Stability was measured on the sample." } else { "" }
        ));
    }
    if joined_nearest > 0 {
        notes.push(format!(
            "{joined_nearest} customers outside the consensus sample agreed with no sampled segment and joined \
             the nearest segment centre."
        ));
    }
    if centre_agreement < CENTRE_AGREEMENT_NOTE {
        notes.push(format!(
            "New customers are scored by the nearest segment centre, which reproduces the consensus for {:.0}% \
             of these customers.",
            centre_agreement * 100.0
        ));
    }
    let members_agreement = config
        .members
        .iter()
        .map(|&m| {
            let aris: Vec<f64> = plan
                .iter()
                .zip(&consensus.run_agreement)
                .filter(|((pm, _), a)| *pm == m && a.is_finite())
                .map(|(_, &a)| a)
                .collect();
            let mean_ari =
                if aris.is_empty() { f64::NAN } else { aris.iter().sum::<f64>() / aris.len() as f64 };
            MemberAgreement { member: m, runs: config.runs_of(m), mean_ari }
        })
        .collect();
    let stability = consensus
        .segments
        .iter()
        .map(|s| SegmentStabilityReading {
            segment: s.segment,
            jaccard: s.jaccard,
            verdict: s.jaccard.and_then(Verdict::of),
            dissolved: s.dissolved,
            recovered: s.recovered,
            replicates: s.replicates,
        })
        .collect();
    let extras = ConsensusExtras {
        runs: plan.len(),
        members: members_agreement,
        sampled: consensus.sampled,
        sample_cap: config.sample_cap,
        sample_size: consensus.sample_size,
        bootstrap_runs: config.bootstrap_runs,
        stability,
        stable_threshold: STABLE,
        doubtful_threshold: DOUBTFUL,
        centre_agreement,
    };
    let info =
        FitInfo { iterations: plan.len(), converged: true, elapsed_ms: monitor.now_ms() - start, notes };
    Ok(ConsensusFit { labels, model, info, extras })
}
