//! The whole run: input bytes + [`PipelineConfig`] → [`Report`]. The worker, the CLI and tests all call this.

mod config;
mod report;
mod run;
mod skeleton_input;

pub use config::*;
pub use report::*;
pub use run::*;
