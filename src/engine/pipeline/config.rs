//! `PipelineConfig`: the one description of a run that the UI edits, the worker runs, the CLI loads and every
//! export records. Versioned; unknown or invalid fields are errors that name the field.

use serde::{Deserialize, Serialize};

/// The config format version this build writes and reads.
pub const CONFIG_VERSION: u32 = 1;

/// Everything that determines a run's result, given the same input bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// Format version; must equal [`CONFIG_VERSION`].
    pub version: u32,
    /// Seed for every random choice in the run.
    pub seed: u64,
    /// Number of segments.
    pub k: usize,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig { version: CONFIG_VERSION, seed: 0, k: 4 }
    }
}

/// A config that could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("pipeline config: {0}")]
    Parse(String),
    #[error("pipeline config: version must be {expected}, got {found}")]
    Version { expected: u32, found: u32 },
    #[error("pipeline config: k must be at least 1, got {0}")]
    ZeroK(usize),
}

impl PipelineConfig {
    /// Parses and checks a JSON config; errors name the offending field.
    pub fn from_json(text: &str) -> Result<PipelineConfig, ConfigError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let cfg: PipelineConfig = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if path == "." {
                ConfigError::Parse(inner.to_string())
            } else {
                ConfigError::Parse(format!("field `{path}`: {inner}"))
            }
        })?;
        cfg.check()?;
        Ok(cfg)
    }

    /// Checks the rules that serde cannot express.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.version != CONFIG_VERSION {
            return Err(ConfigError::Version { expected: CONFIG_VERSION, found: self.version });
        }
        if self.k == 0 {
            return Err(ConfigError::ZeroK(self.k));
        }
        Ok(())
    }

    /// Pretty JSON, as exported.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_names_bad_fields() {
        let c = PipelineConfig { k: 6, ..Default::default() };
        assert_eq!(PipelineConfig::from_json(&c.to_json()).unwrap(), c);
        let err = PipelineConfig::from_json(r#"{"version":1,"kk":3}"#).unwrap_err().to_string();
        assert!(err.contains("kk"), "{err}");
        let err = PipelineConfig::from_json(r#"{"version":1,"k":"five"}"#).unwrap_err().to_string();
        assert!(err.contains("k") && err.contains("five"), "{err}");
        assert!(matches!(PipelineConfig::from_json(r#"{"version":9}"#), Err(ConfigError::Version { .. })));
        assert!(matches!(PipelineConfig::from_json(r#"{"k":0}"#), Err(ConfigError::ZeroK(0))));
    }
}
