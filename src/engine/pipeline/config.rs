//! `PipelineConfig`: the one description of a run that the UI edits, the worker runs, the CLI loads
//! (`--config`) and every export records. Versioned; an unknown or invalid field is an error that names it.

use super::algorithm::AlgorithmConfig;
use super::edits::SegmentEdits;
use crate::engine::choose_k::ChooseKParams;
use crate::engine::features::rfm::{RfmOptions, TransactionMapping};
use crate::engine::features::selection::SelectionParams;
use crate::engine::lifetime::{AtRiskParams, ClvParams};
use crate::engine::metrics::silhouette::SilhouetteParams;
use crate::engine::prep::PrepConfig;
use crate::engine::table::IngestOptions;
use serde::{Deserialize, Serialize};

/// The config format version this build writes and reads.
pub const CONFIG_VERSION: u32 = 1;

/// Everything that determines a run's result, given the same input bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// Format version; must equal [`CONFIG_VERSION`].
    pub version: u32,
    /// Seed for every random choice in the run (it overrides the seeds inside the algorithm params).
    pub seed: u64,
    /// How the CSV is read: delimiter, header, per-column type and role overrides.
    pub ingest: IngestOptions,
    /// One row per customer, or a transaction log to derive per-customer features from (or detect which).
    pub mode: DataMode,
    /// Missing values, outliers, transforms, encoding, scaling, and which features are used.
    pub prep: PrepConfig,
    /// The clustering algorithm and its parameters.
    pub algorithm: AlgorithmConfig,
    /// Metrics, the sweep over k, and feature suggestions.
    pub evaluation: EvaluationConfig,
    /// The 2-D map.
    pub map: MapConfig,
    /// Merges, splits and pinned names, replayed on every run.
    pub segments: SegmentEdits,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            version: CONFIG_VERSION,
            seed: 0,
            ingest: IngestOptions::default(),
            mode: DataMode::Auto,
            prep: PrepConfig::default(),
            algorithm: AlgorithmConfig::default(),
            evaluation: EvaluationConfig::default(),
            map: MapConfig::default(),
            segments: SegmentEdits::default(),
        }
    }
}

/// What one row of the input is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DataMode {
    /// Transactions when the columns look like a transaction log (a customer id, a date and an amount, or
    /// quantity × price), with the detected mapping; customers otherwise. The report says which and why.
    #[default]
    Auto,
    /// One row per customer.
    Customers,
    /// A transaction log.
    Transactions(Box<TransactionsConfig>),
}

/// Transaction mode: map the log's columns, derive per-customer features, fit lifetime models.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TransactionsConfig {
    /// Which columns are the customer, date, amount…; `None`: detected from the column names and kinds.
    pub mapping: Option<TransactionMapping>,
    pub rfm: RfmOptions,
    /// Fit BG/NBD + Gamma-Gamma and compute CLV and the at-risk list.
    pub lifetime: bool,
    pub clv: ClvParams,
    pub at_risk: AtRiskParams,
}

impl Default for TransactionsConfig {
    fn default() -> Self {
        TransactionsConfig {
            mapping: None,
            rfm: RfmOptions::default(),
            lifetime: true,
            clv: ClvParams::default(),
            at_risk: AtRiskParams::default(),
        }
    }
}

/// Customers scored for a run's silhouette (exact up to this many, a seeded sample of this many above it):
/// 3,000 keeps a re-run on 10,000 customers interactive (the exact silhouette of 10,000 customers takes 10×
/// the rest of the re-run) with a standard error of the mean silhouette of about 0.005. `--silhouette-sample`
/// and the config's `evaluation.silhouette` change it.
pub const RUN_SILHOUETTE_CAP: usize = 3_000;

/// What is measured after clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EvaluationConfig {
    /// Silhouette: exact up to a cap, sampled above it. The pipeline's cap is [`RUN_SILHOUETTE_CAP`], lower
    /// than the metric's own default: the silhouette is O(n²) and runs again on every change of k.
    pub silhouette: SilhouetteParams,
    /// Sweep over k (elbow, silhouette, BIC, gap, stability) with a suggested k; off when `None`.
    pub sweep: Option<ChooseKParams>,
    /// Feature suggestions (variance, correlation, Laplacian score, separation, importance); off when `None`.
    pub selection: Option<SelectionParams>,
}

impl Default for EvaluationConfig {
    fn default() -> Self {
        EvaluationConfig {
            silhouette: SilhouetteParams { sample_cap: RUN_SILHOUETTE_CAP, ..SilhouetteParams::default() },
            sweep: Some(ChooseKParams::default()),
            selection: Some(SelectionParams::default()),
        }
    }
}

/// How customers are placed on the 2-D map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapMethod {
    /// Principal components of the prepared features (any size).
    #[default]
    Pca,
    /// t-SNE (up to its row cap; above it the map falls back to PCA and says so).
    Tsne,
}

/// The map's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MapConfig {
    pub method: MapMethod,
    /// At most this many customers are drawn on the map (beyond: a seeded sample in proportion to the segments).
    pub max_points: usize,
}

impl Default for MapConfig {
    fn default() -> Self {
        MapConfig { method: MapMethod::Pca, max_points: 50_000 }
    }
}

/// A config that could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("pipeline config: {0}")]
    Parse(String),
    #[error("pipeline config: field `version` must be {expected}, got {found}")]
    Version { expected: u32, found: u32 },
    #[error("pipeline config: field `{field}`: {message}")]
    Invalid { field: String, message: String },
}

impl PipelineConfig {
    /// Parses and checks a JSON config; errors name the offending field.
    pub fn from_json(text: &str) -> Result<PipelineConfig, ConfigError> {
        let cfg: PipelineConfig = crate::engine::decode::from_json_at(text).map_err(|(path, message)| {
            if path == "." {
                ConfigError::Parse(message)
            } else {
                ConfigError::Parse(format!("field `{path}`: {message}"))
            }
        })?;
        cfg.check()?;
        Ok(cfg)
    }

    /// Checks the rules that serde cannot express, naming the field.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.version != CONFIG_VERSION {
            return Err(ConfigError::Version { expected: CONFIG_VERSION, found: self.version });
        }
        let invalid = |field: &str, message: String| ConfigError::Invalid { field: field.into(), message };
        if let Some(k) = self.algorithm.k() {
            if k == 0 {
                return Err(invalid("algorithm", "the number of segments must be at least 1, got 0".into()));
            }
        }
        if let AlgorithmConfig::Consensus(c) = &self.algorithm {
            c.check().map_err(|e| invalid("algorithm", e.to_string()))?;
        }
        self.prep.check().map_err(|e| invalid("prep", e.to_string()))?;
        if let Some(sweep) = &self.evaluation.sweep {
            sweep.check().map_err(|e| invalid("evaluation.sweep", e.to_string()))?;
        }
        if let Some(selection) = &self.evaluation.selection {
            selection.check().map_err(|e| invalid("evaluation.selection", e.to_string()))?;
        }
        self.evaluation.silhouette.check().map_err(|e| invalid("evaluation.silhouette", e.to_string()))?;
        if self.map.max_points == 0 {
            return Err(invalid("map.max_points", "must be at least 1, got 0".into()));
        }
        if let DataMode::Transactions(t) = &self.mode {
            t.rfm.check().map_err(|e| invalid("mode.rfm", e.to_string()))?;
            t.clv.check().map_err(|e| invalid("mode.clv", e.to_string()))?;
            t.at_risk.check().map_err(|e| invalid("mode.at_risk", e.to_string()))?;
        }
        Ok(())
    }

    /// The number of segments asked for, when the algorithm takes one.
    pub fn k(&self) -> Option<usize> {
        self.algorithm.k()
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
        let mut c = PipelineConfig::default();
        c.algorithm.set_k(6);
        assert_eq!(PipelineConfig::from_json(&c.to_json()).unwrap(), c);
        let err = PipelineConfig::from_json(r#"{"version":1,"kk":3}"#).unwrap_err().to_string();
        assert!(err.contains("kk"), "{err}");
        let err =
            PipelineConfig::from_json(r#"{"version":1,"algorithm":{"kind":"kmeans","n_clusters":"five"}}"#)
                .unwrap_err()
                .to_string();
        assert!(err.contains("algorithm") && err.contains("five"), "{err}");
        assert!(matches!(PipelineConfig::from_json(r#"{"version":9}"#), Err(ConfigError::Version { .. })));
        let err = PipelineConfig::from_json(r#"{"algorithm":{"kind":"kmeans","n_clusters":0}}"#).unwrap_err();
        assert!(err.to_string().contains("algorithm"), "{err}");
        assert_eq!(PipelineConfig::from_json("{}").unwrap(), PipelineConfig::default());
    }
}
