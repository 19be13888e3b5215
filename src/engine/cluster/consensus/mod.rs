//! Consensus clustering: combine several runs (algorithms, seeds, k) into one segmentation, and say how
//! stable each segment is.
//!
//! * Co-association: for every pair of rows, the fraction of runs that put them in the same segment (noise
//!   never shares). It is an n×n object, so it is built on at most `sample_cap` rows (default 3,000,
//!   at most 8,000): above the cap on a seeded sample, and every other row then joins the consensus segment
//!   with which it has the highest mean co-association (see [`assign`]).
//! * Consensus segments: average linkage on 1 − co-association (`kodama`), cut at k (default: the runs'
//!   most common number of segments). Rows that are noise in more than half of the runs get −1.
//! * Stability: Hennig's (2007) clusterwise bootstrap Jaccard per segment (see [`stability`]).
//! * New rows: the nearest segment centre in the clustered feature space (see [`FittedConsensus`]).

pub mod assign;
mod build;
mod coassoc;
mod cut;
mod error;
mod model;
mod params;
pub mod stability;

pub use build::{consensus, consensus_of_runs, Consensus, ConsensusRun};
pub use error::{ConsensusError, Result};
pub use model::FittedConsensus;
pub use params::{ConsensusParams, ConsensusValidParams, MAX_SAMPLE_CAP};
pub use stability::{SegmentStability, Verdict};
