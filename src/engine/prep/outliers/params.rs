//! Outlier settings: a per-column rule (IQR, z-score, MAD) with its action, and an optional detector across
//! columns (Isolation Forest or LOF).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::prep::error::{out_of_range, Result};

/// What happens to a value (or row) found to be an outlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OutlierAction {
    /// Move the value to the nearest bound (per-column rules only).
    #[default]
    Clip,
    /// Remove the row.
    Remove,
    /// Keep the row and list it in [`crate::engine::prep::Prepared::flagged`].
    Flag,
}

/// A per-column outlier rule. Bounds are fitted on the training rows after imputation; a value is an outlier
/// when it is strictly outside them. A rule whose spread (IQR, std or MAD) is zero is skipped and reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum OutlierRule {
    /// No rule.
    #[default]
    None,
    /// Outside `[Q1 − factor·IQR, Q3 + factor·IQR]` (quartiles with linear interpolation, as pandas).
    Iqr {
        #[serde(default = "default_iqr_factor")]
        factor: f64,
        #[serde(default)]
        action: OutlierAction,
    },
    /// Outside `mean ± threshold·std` (population std, ddof = 0).
    ZScore {
        #[serde(default = "default_z_threshold")]
        threshold: f64,
        #[serde(default)]
        action: OutlierAction,
    },
    /// Outside `median ± threshold·1.4826·MAD` (the MAD scaled to a normal std; Iglewicz–Hoaglin's
    /// modified z-score with the usual threshold 3.5).
    Mad {
        #[serde(default = "default_mad_threshold")]
        threshold: f64,
        #[serde(default)]
        action: OutlierAction,
    },
}

fn default_iqr_factor() -> f64 {
    1.5
}
fn default_z_threshold() -> f64 {
    3.0
}
fn default_mad_threshold() -> f64 {
    3.5
}

impl OutlierRule {
    /// IQR rule with `factor` (usually 1.5) and `action`.
    pub fn iqr(factor: f64, action: OutlierAction) -> Self {
        OutlierRule::Iqr { factor, action }
    }
    /// z-score rule with `threshold` (usually 3) and `action`.
    pub fn z_score(threshold: f64, action: OutlierAction) -> Self {
        OutlierRule::ZScore { threshold, action }
    }
    /// MAD rule with `threshold` (usually 3.5) and `action`.
    pub fn mad(threshold: f64, action: OutlierAction) -> Self {
        OutlierRule::Mad { threshold, action }
    }

    /// The action, `None` for no rule.
    pub fn action(&self) -> Option<OutlierAction> {
        match self {
            OutlierRule::None => None,
            OutlierRule::Iqr { action, .. }
            | OutlierRule::ZScore { action, .. }
            | OutlierRule::Mad { action, .. } => Some(*action),
        }
    }

    /// A short label for reports ("IQR × 1.5").
    pub fn label(&self) -> String {
        match self {
            OutlierRule::None => "none".into(),
            OutlierRule::Iqr { factor, .. } => format!("IQR × {factor}"),
            OutlierRule::ZScore { threshold, .. } => format!("|z| > {threshold}"),
            OutlierRule::Mad { threshold, .. } => format!("MAD z > {threshold}"),
        }
    }

    /// Checks the parameter ranges (`factor` / `threshold` finite and > 0). `at` names the setting.
    pub fn check(&self, at: &str) -> Result<()> {
        let (param, v) = match self {
            OutlierRule::None => return Ok(()),
            OutlierRule::Iqr { factor, .. } => ("factor", *factor),
            OutlierRule::ZScore { threshold, .. } | OutlierRule::Mad { threshold, .. } => {
                ("threshold", *threshold)
            }
        };
        if !(v.is_finite() && v > 0.0) {
            return Err(out_of_range(format!("{at}.{param}"), "finite and > 0", v));
        }
        Ok(())
    }
}

/// What happens to rows the multivariate detector marks (clipping has no meaning across columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Remove,
    #[default]
    Flag,
}

/// The share of training rows considered outliers: `"auto"` (scikit-learn's fixed offsets: score < −0.5 for
/// Isolation Forest, LOF > 1.5) or a number in (0, 0.5].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Contamination {
    Share(f64),
    Auto(AutoWord),
}

/// The word `"auto"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AutoWord {
    #[serde(rename = "auto")]
    Auto,
}

impl Default for Contamination {
    fn default() -> Self {
        Contamination::Share(0.05)
    }
}

impl Contamination {
    fn check(&self, at: &str) -> Result<()> {
        match self {
            Contamination::Share(c) if !(*c > 0.0 && *c <= 0.5) => {
                Err(out_of_range(format!("{at}.contamination"), "in (0, 0.5]", c))
            }
            _ => Ok(()),
        }
    }
}

/// Isolation Forest parameters (as scikit-learn's `IsolationForest`, seeded from the run's seed).
///
/// Defaults: `n_trees = 100`, `max_samples = 256` (capped at the row count), `contamination = 0.05`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IsolationForestParams {
    pub n_trees: usize,
    pub max_samples: usize,
    pub contamination: Contamination,
}

impl Default for IsolationForestParams {
    fn default() -> Self {
        IsolationForestParams { n_trees: 100, max_samples: 256, contamination: Contamination::default() }
    }
}

/// Local Outlier Factor parameters (as scikit-learn's `LocalOutlierFactor`, Euclidean distance).
///
/// Defaults: `n_neighbors = 20`, `contamination = 0.05`, `max_reference_rows = 20_000`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LofParams {
    pub n_neighbors: usize,
    pub contamination: Contamination,
    /// LOF is O(n²): above this many rows, a seeded sample of this many rows is the reference set; every row
    /// is then scored against it, and the report says so.
    pub max_reference_rows: usize,
}

impl Default for LofParams {
    fn default() -> Self {
        LofParams { n_neighbors: 20, contamination: Contamination::default(), max_reference_rows: 20_000 }
    }
}

/// A detector across all numeric features (z-scored with the training mean and population std first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Detector {
    IsolationForest(IsolationForestParams),
    Lof(LofParams),
}

/// The multivariate outlier step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultivariateRule {
    pub detector: Detector,
    #[serde(default)]
    pub action: RowAction,
}

impl MultivariateRule {
    /// Checks the detector's parameter ranges.
    pub fn check(&self) -> Result<()> {
        let at = "outliers.multivariate.detector";
        match &self.detector {
            Detector::IsolationForest(p) => {
                if p.n_trees == 0 {
                    return Err(out_of_range(format!("{at}.n_trees"), ">= 1", 0));
                }
                if p.max_samples < 2 {
                    return Err(out_of_range(format!("{at}.max_samples"), ">= 2", p.max_samples));
                }
                p.contamination.check(at)
            }
            Detector::Lof(p) => {
                if p.n_neighbors == 0 {
                    return Err(out_of_range(format!("{at}.n_neighbors"), ">= 1", 0));
                }
                if p.max_reference_rows < 2 {
                    return Err(out_of_range(
                        format!("{at}.max_reference_rows"),
                        ">= 2",
                        p.max_reference_rows,
                    ));
                }
                p.contamination.check(at)
            }
        }
    }
}

/// Outlier settings.
///
/// Defaults: no per-column rule, no detector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct OutlierConfig {
    /// The rule for every numeric (not boolean) feature without an override.
    pub default: OutlierRule,
    /// Per-column rules (by column name); `{"method": "none"}` exempts a column.
    pub columns: BTreeMap<String, OutlierRule>,
    /// The detector across columns, run after the per-column rules.
    pub multivariate: Option<MultivariateRule>,
}

impl OutlierConfig {
    /// Sets the default rule.
    pub fn with_default(mut self, rule: OutlierRule) -> Self {
        self.default = rule;
        self
    }
    /// Overrides the rule of one column.
    pub fn with_column(mut self, name: &str, rule: OutlierRule) -> Self {
        self.columns.insert(name.to_string(), rule);
        self
    }
    /// Sets the multivariate detector.
    pub fn with_multivariate(mut self, detector: Detector, action: RowAction) -> Self {
        self.multivariate = Some(MultivariateRule { detector, action });
        self
    }
    /// Checks every rule.
    pub fn check(&self) -> Result<()> {
        self.default.check("outliers.default")?;
        for (name, rule) in &self.columns {
            rule.check(&format!("outliers.columns.{name}"))?;
        }
        if let Some(m) = &self.multivariate {
            m.check()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iqr_factor_must_be_positive() {
        let e = OutlierConfig::default().with_default(OutlierRule::iqr(-1.0, OutlierAction::Clip)).check();
        assert_eq!(e.unwrap_err().to_string(), "outliers.default.factor must be finite and > 0, got -1");
    }

    #[test]
    fn z_threshold_must_be_finite() {
        let cfg =
            OutlierConfig::default().with_column("Age", OutlierRule::z_score(f64::NAN, OutlierAction::Flag));
        assert!(cfg.check().is_err());
    }

    #[test]
    fn mad_threshold_must_be_positive() {
        assert!(OutlierRule::mad(0.0, OutlierAction::Remove).check("x").is_err());
    }

    #[test]
    fn contamination_range() {
        let p = IsolationForestParams { contamination: Contamination::Share(0.7), ..Default::default() };
        let cfg = OutlierConfig::default().with_multivariate(Detector::IsolationForest(p), RowAction::Flag);
        assert!(cfg.check().unwrap_err().to_string().contains("contamination must be in (0, 0.5], got 0.7"));
    }

    #[test]
    fn tree_and_sample_counts() {
        let p = IsolationForestParams { n_trees: 0, ..Default::default() };
        assert!(MultivariateRule { detector: Detector::IsolationForest(p), action: RowAction::Flag }
            .check()
            .is_err());
        let p = IsolationForestParams { max_samples: 1, ..Default::default() };
        assert!(MultivariateRule { detector: Detector::IsolationForest(p), action: RowAction::Flag }
            .check()
            .is_err());
    }

    #[test]
    fn lof_counts() {
        let p = LofParams { n_neighbors: 0, ..Default::default() };
        assert!(MultivariateRule { detector: Detector::Lof(p), action: RowAction::Flag }.check().is_err());
        let p = LofParams { max_reference_rows: 1, ..Default::default() };
        assert!(MultivariateRule { detector: Detector::Lof(p), action: RowAction::Flag }.check().is_err());
    }

    #[test]
    fn serde_shape() {
        let cfg: OutlierConfig = serde_json::from_str(
            r#"{"default":{"method":"iqr","action":"remove"},
                "multivariate":{"detector":{"method":"lof","n_neighbors":10,"contamination":"auto"}}}"#,
        )
        .unwrap();
        assert_eq!(cfg.default, OutlierRule::iqr(1.5, OutlierAction::Remove));
        let m = cfg.multivariate.unwrap();
        assert_eq!(m.action, RowAction::Flag);
        match m.detector {
            Detector::Lof(p) => {
                assert_eq!(p.n_neighbors, 10);
                assert_eq!(p.contamination, Contamination::Auto(AutoWord::Auto));
            }
            other => panic!("wrong detector {other:?}"),
        }
        assert!(serde_json::from_str::<OutlierRule>(r#"{"method":"iqr","fator":2}"#).is_err());
    }
}
