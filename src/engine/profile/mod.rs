//! Segment profiles: what each segment is. Per segment: size and share, mean and median of every numeric
//! feature in original units, level shares of categorical features, z-scores against the population, the
//! distinguishing features, and a descriptive name ("Very low spending · High income") that stays with the
//! segment across re-runs once the user pins or edits it.
//!
//! Must never: read the clock or any global state, or panic on bad input (one segment, all noise, a constant
//! feature, NaN).

pub mod assemble;
pub mod error;
pub mod matching;
pub mod naming;
pub mod noun;
pub mod params;
mod purchase_words;
pub mod stats;

pub use assemble::{profile_segments, FeaturePopulation, ProfileInput, SegmentProfile, SegmentProfiles};
pub use error::ProfileError;
pub use matching::{hungarian, match_segments};
pub use naming::{Distinguishing, Level};
pub use noun::{feature_noun, feature_nouns, is_identifier_name};
pub use params::{ProfileParams, ValidProfileParams};
pub use stats::{
    CategoricalFeature, CategoricalSummary, LevelShare, Moments, NumericFeature, NumericSummary,
};
