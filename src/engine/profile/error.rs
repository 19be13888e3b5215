//! The one error type of segment profiling: bad parameters, inputs of the wrong length, bad renames.

/// Why profiling (or a rename) could not be done. Messages are lowercase and state the rule and the value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    #[error("min_effect must be finite and > 0, got {0}")]
    MinEffect(f64),
    #[error("strong_effect must be finite and >= min_effect ({min}), got {got}")]
    StrongEffect { got: f64, min: f64 },
    #[error("very_effect must be finite and >= strong_effect ({strong}), got {got}")]
    VeryEffect { got: f64, strong: f64 },
    #[error("max_name_features must be >= 1, got 0")]
    MaxNameFeatures,
    #[error("{field} must not be empty")]
    EmptyText { field: &'static str },
    #[error("feature {feature:?} has {found} rows, but there are {expected} labels")]
    RowsMismatch { feature: String, expected: usize, found: usize },
    #[error("there is no segment with label {0}")]
    UnknownSegment(i32),
    #[error("a segment name must not be empty")]
    EmptyName,
    #[error("the name {0:?} is already used by another segment")]
    DuplicateName(String),
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, ProfileError>;
