//! Typed, validated parameters of segment profiles and names.

use serde::{Deserialize, Serialize};

use super::error::{ProfileError, Result};

/// Parameters of [`super::profile_segments`].
///
/// Effect sizes are z-scores of a segment's mean against the whole population (population mean and std),
/// read with Cohen's conventions (0.2 small, 0.5 medium) and Sawilowsky's "very large" (1.2).
/// Defaults: `min_effect` 0.2, `strong_effect` 0.5, `very_effect` 1.2, `max_name_features` 3,
/// `max_distinguishing` 5, `fallback_name` "Average customers", `noise_name` "Unassigned (noise)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProfileParams {
    /// |z| at which a feature distinguishes a segment at all ("Slightly high …").
    pub min_effect: f64,
    /// |z| at which a feature is "High …" / "Low …"; a segment whose strongest feature is below this gets
    /// the fallback name.
    pub strong_effect: f64,
    /// |z| at which a feature is "Very high …" / "Very low …".
    pub very_effect: f64,
    /// Most features named in a segment name (more only to make names unique).
    pub max_name_features: usize,
    /// Most entries in a segment's list of distinguishing features.
    pub max_distinguishing: usize,
    /// Name of a segment in which nothing stands out.
    pub fallback_name: String,
    /// Name of the noise "segment" (label −1).
    pub noise_name: String,
    /// Plain words for the features a transaction log becomes ("Long time since last purchase" for a high
    /// `recency`); set by the pipeline for transaction logs, not part of a config.
    #[serde(skip)]
    pub purchase_words: bool,
}

impl Default for ProfileParams {
    fn default() -> Self {
        Self {
            min_effect: 0.2,
            strong_effect: 0.5,
            very_effect: 1.2,
            max_name_features: 3,
            max_distinguishing: 5,
            fallback_name: "Average customers".into(),
            noise_name: "Unassigned (noise)".into(),
            purchase_words: false,
        }
    }
}

impl ProfileParams {
    pub fn with_min_effect(mut self, v: f64) -> Self {
        self.min_effect = v;
        self
    }
    pub fn with_strong_effect(mut self, v: f64) -> Self {
        self.strong_effect = v;
        self
    }
    pub fn with_very_effect(mut self, v: f64) -> Self {
        self.very_effect = v;
        self
    }
    pub fn with_max_name_features(mut self, v: usize) -> Self {
        self.max_name_features = v;
        self
    }
    pub fn with_max_distinguishing(mut self, v: usize) -> Self {
        self.max_distinguishing = v;
        self
    }
    pub fn with_fallback_name(mut self, v: impl Into<String>) -> Self {
        self.fallback_name = v.into();
        self
    }
    pub fn with_noise_name(mut self, v: impl Into<String>) -> Self {
        self.noise_name = v.into();
        self
    }

    /// Checks every rule and returns the validated parameters.
    pub fn check(&self) -> Result<ValidProfileParams> {
        if !(self.min_effect.is_finite() && self.min_effect > 0.0) {
            return Err(ProfileError::MinEffect(self.min_effect));
        }
        if !(self.strong_effect.is_finite() && self.strong_effect >= self.min_effect) {
            return Err(ProfileError::StrongEffect { got: self.strong_effect, min: self.min_effect });
        }
        if !(self.very_effect.is_finite() && self.very_effect >= self.strong_effect) {
            return Err(ProfileError::VeryEffect { got: self.very_effect, strong: self.strong_effect });
        }
        if self.max_name_features == 0 {
            return Err(ProfileError::MaxNameFeatures);
        }
        if self.fallback_name.trim().is_empty() {
            return Err(ProfileError::EmptyText { field: "fallback_name" });
        }
        if self.noise_name.trim().is_empty() {
            return Err(ProfileError::EmptyText { field: "noise_name" });
        }
        Ok(ValidProfileParams(self.clone()))
    }
}

/// [`ProfileParams`] that passed [`ProfileParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProfileParams(ProfileParams);

impl std::ops::Deref for ValidProfileParams {
    type Target = ProfileParams;
    fn deref(&self) -> &ProfileParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass() {
        assert!(ProfileParams::default().check().is_ok());
    }

    #[test]
    fn min_effect_rule() {
        let e = ProfileParams::default().with_min_effect(0.0).check().unwrap_err();
        assert_eq!(e.to_string(), "min_effect must be finite and > 0, got 0");
    }

    #[test]
    fn strong_effect_rule() {
        let e = ProfileParams::default().with_strong_effect(0.1).check().unwrap_err();
        assert_eq!(e, ProfileError::StrongEffect { got: 0.1, min: 0.2 });
    }

    #[test]
    fn very_effect_rule() {
        let e = ProfileParams::default().with_very_effect(f64::NAN).check().unwrap_err();
        assert!(matches!(e, ProfileError::VeryEffect { .. }));
    }

    #[test]
    fn max_name_features_rule() {
        let e = ProfileParams::default().with_max_name_features(0).check().unwrap_err();
        assert_eq!(e, ProfileError::MaxNameFeatures);
    }

    #[test]
    fn fallback_name_rule() {
        let e = ProfileParams::default().with_fallback_name(" ").check().unwrap_err();
        assert_eq!(e, ProfileError::EmptyText { field: "fallback_name" });
    }

    #[test]
    fn noise_name_rule() {
        let e = ProfileParams::default().with_noise_name("").check().unwrap_err();
        assert_eq!(e, ProfileError::EmptyText { field: "noise_name" });
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<ProfileParams>(r#"{"min": 1}"#).is_err());
    }
}
