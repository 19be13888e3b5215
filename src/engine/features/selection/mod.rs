//! Feature selection on the prepared feature matrix: near-constant and correlated features, the Laplacian
//! score, separation between segments (ANOVA F, η²), permutation importance and greedy forward selection,
//! combined into a ranked table with a suggested action and its reason for every feature.
//!
//! Must never: read the clock or any global state (randomness comes from the seed), or panic on bad input.

pub mod error;
pub mod forward;
pub mod importance;
mod input;
pub mod laplacian;
pub mod params;
pub mod prune;
pub mod report;
pub mod stats;
pub mod wording;

pub use error::SelectionError;
pub use forward::{forward_select, ClusterFn, ForwardSelection, ForwardStep};
pub use importance::{
    permutation_importance, Importance, NearestCentroid, PermutationImportance, ScoreFn, Scorer,
};
pub use laplacian::{laplacian_scores, LaplacianScores};
pub use params::{ForwardParams, LaplacianParams, PermutationParams, SelectionParams, ValidSelectionParams};
pub use report::{select_features, Action, FeatureAssessment, SelectionInput, SelectionReport};
pub use stats::{f_survival, pearson_matrix, separation, variances, Separation};
pub use wording::Reason;
