//! Consensus clustering as one of the pipeline's algorithms: [`ConsensusConfig`] says which members run
//! (k-means and a Gaussian mixture with several seeds, Ward once), [`fit`] builds the consensus with
//! `engine::cluster::consensus` and its per-segment stability ([`ConsensusExtras`]). New customers are
//! scored by the nearest consensus-segment centre in the prepared feature space.

mod config;
mod fit;

pub use config::{ConsensusConfig, ConsensusConfigError, ConsensusMember, MAX_BOOTSTRAP_RUNS, MAX_SEEDS};
pub use fit::{fit, ConsensusExtras, ConsensusFit, MemberAgreement, SegmentStabilityReading};
