//! The whole run: input bytes + [`PipelineConfig`] → [`Report`] (and a [`SavedModel`] to score new customers).
//! The worker, the CLI and tests all go through [`Session`] (or the one-shot [`run`]).

pub mod algorithm;
mod config;
pub mod consensus;
pub mod data;
pub mod edits;
pub mod evaluate;
pub mod explore;
pub mod export;
mod map_sample;
pub mod model;
pub mod profiles;
mod report;
mod run;
pub mod score;
mod session;
pub mod shown_values;
pub mod spark;
pub mod wire;

pub use algorithm::{AlgorithmConfig, AnyModel, ClusterError, ClusterExtras, FittedModel};
pub use config::*;
pub use edits::{PinnedName, SegmentEdit, SegmentEdits};
pub use model::SavedModel;
pub use report::*;
pub use run::PipelineError;
pub use score::{score, score_file, FeatureDrift, ScoreReport, Scored, ScoredFile};
pub use session::{effective_prep, run, DeferredSweep, Prepared, Session, Started, SweepKey, SweepResult};
