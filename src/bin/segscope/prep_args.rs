//! Options that mirror the pipeline config's `ingest` and `prep` fields (`--impute median`,
//! `--outliers iqr:1.5:clip`, `--scale robust`, `--one-hot Gender`, `--features "A,B"` …). Each value is turned
//! into the config's own JSON and read through the same types, so the CLI accepts exactly what the config does.

use super::common::{split_assignment, split_names};
use clap::Args;
use segscope::engine::pipeline::{DataMode, PipelineConfig};
use segscope::engine::prep::{Encoding, Impute, OutlierRule, Scaling, Transform};
use segscope::engine::table::{ColumnKind, ColumnOverride, ColumnRole, DateOrder};
use serde_json::{json, Value};

/// How to read the file: the options `inspect` takes too.
#[derive(Args, Debug, Default, Clone)]
pub struct ReadArgs {
    /// Columns to carry along but not cluster on.
    #[arg(long = "ignore", value_name = "COLUMN")]
    pub ignore: Vec<String>,
    /// The customer id column.
    #[arg(long = "id", value_name = "COLUMN")]
    pub id: Option<String>,
    /// Override a column's type: COLUMN=numeric|integer|boolean|categorical|date|identifier|text.
    #[arg(long = "type", value_name = "COLUMN=TYPE")]
    pub types: Vec<String>,
    /// Field delimiter (default: detected).
    #[arg(long)]
    pub delimiter: Option<char>,
    /// The first row is data, not column names.
    #[arg(long)]
    pub no_header: bool,
    /// Dates like 03/04/2020: dmy or mdy (default: resolved from the data).
    #[arg(long, value_name = "dmy|mdy")]
    pub date_order: Option<String>,
}

impl ReadArgs {
    /// Applies the options on top of `config`.
    pub fn apply(&self, config: &mut PipelineConfig) -> Result<(), String> {
        for c in split_names(&self.ignore) {
            set_override(config, &c, None, Some(ColumnRole::Ignore));
        }
        if let Some(id) = &self.id {
            set_override(config, id, None, Some(ColumnRole::Id));
        }
        for t in &self.types {
            let (column, k) = split_assignment("--type", t)?;
            set_override(config, &column, Some(kind(&k)?), None);
        }
        if let Some(d) = self.delimiter {
            config.ingest.delimiter = Some(d);
        }
        if self.no_header {
            config.ingest.has_header = Some(false);
        }
        if let Some(order) = &self.date_order {
            config.ingest.date_order = Some(date_order(order)?);
        }
        Ok(())
    }
}

/// How to read and prepare the file.
#[derive(Args, Debug, Default, Clone)]
pub struct PrepArgs {
    /// How to read the file: auto (a transaction log when it looks like one: a customer id that repeats, a
    /// date and an amount) or customers (one row per customer). `rfm` maps a log's columns by hand.
    #[arg(long, value_name = "auto|customers")]
    pub mode: Option<String>,
    /// Features to use (repeatable or comma-separated; names may contain spaces and parentheses).
    #[arg(long = "features", value_name = "A,B")]
    pub features: Vec<String>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Missing values: drop|mean|median|most-frequent|constant:VALUE|knn (default mean).
    #[arg(long, value_name = "STRATEGY")]
    pub impute: Option<String>,
    /// Per-column missing-value strategy: COLUMN=STRATEGY.
    #[arg(long = "impute-col", value_name = "COLUMN=STRATEGY")]
    pub impute_col: Vec<String>,
    /// Add a 0/1 "<column>_missing" feature for every imputed column.
    #[arg(long)]
    pub missing_indicators: bool,
    /// Outliers in every numeric column: none|iqr[:FACTOR[:ACTION]]|zscore[:T[:ACTION]]|mad[:T[:ACTION]],
    /// ACTION = clip|remove|flag.
    #[arg(long, value_name = "RULE")]
    pub outliers: Option<String>,
    /// Per-column outlier rule: COLUMN=RULE.
    #[arg(long = "outliers-col", value_name = "COLUMN=RULE")]
    pub outliers_col: Vec<String>,
    /// Outliers across columns: isolation-forest[:SHARE] or lof[:NEIGHBOURS[:SHARE]], then :remove or :flag.
    #[arg(long, value_name = "DETECTOR")]
    pub detector: Option<String>,
    /// Transform a column: COLUMN=log1p|yeo-johnson|bins:N.
    #[arg(long = "transform", value_name = "COLUMN=TRANSFORM")]
    pub transforms: Vec<String>,
    /// Scaling: standard|minmax|robust|maxabs|none (default standard).
    #[arg(long, value_name = "METHOD")]
    pub scale: Option<String>,
    /// One-hot encode these categorical columns (numeric codes become categories).
    #[arg(long = "one-hot", value_name = "COLUMN")]
    pub one_hot: Vec<String>,
    /// Ordinal-encode these categorical columns.
    #[arg(long = "ordinal", value_name = "COLUMN")]
    pub ordinal: Vec<String>,
    /// Levels rarer than this share are grouped as "other" (default 0.01).
    #[arg(long, value_name = "SHARE")]
    pub rare_share: Option<f64>,
}

fn parse<T: serde::de::DeserializeOwned>(option: &str, given: &str, value: Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| format!("{option} \"{given}\": {e}"))
}

fn dashes(s: &str) -> String {
    s.trim().to_lowercase().replace('-', "_")
}

/// `median`, `constant:0`, `knn` → the config's missing-value strategy.
pub fn impute(text: &str) -> Result<Impute, String> {
    let (name, arg) = text.split_once(':').map(|(a, b)| (a, Some(b))).unwrap_or((text, None));
    let value = match (dashes(name).as_str(), arg) {
        ("constant", Some(v)) => {
            let fill = v.parse::<f64>().map(Value::from).unwrap_or_else(|_| Value::from(v));
            json!({"strategy": "constant", "value": fill})
        }
        (s, _) => json!({"strategy": s}),
    };
    parse("--impute", text, value)
}

/// `iqr:1.5:clip`, `zscore:3`, `mad`, `none` → the config's outlier rule.
pub fn outlier_rule(text: &str) -> Result<OutlierRule, String> {
    let parts: Vec<&str> = text.split(':').collect();
    let method = match dashes(parts[0]).as_str() {
        "zscore" | "z" => "z_score".to_string(),
        m => m.to_string(),
    };
    let mut v = json!({"method": method});
    let number =
        |s: &str| s.parse::<f64>().map_err(|_| format!("--outliers \"{text}\": \"{s}\" is not a number"));
    if let Some(p) = parts.get(1) {
        v[if method == "iqr" { "factor" } else { "threshold" }] = json!(number(p)?);
    }
    if let Some(a) = parts.get(2) {
        v["action"] = json!(dashes(a));
    }
    parse("--outliers", text, v)
}

/// `log1p`, `yeo-johnson`, `bins:5` → the config's transform.
pub fn transform(text: &str) -> Result<Transform, String> {
    let v = match text.split_once(':') {
        Some((name, n)) if dashes(name).starts_with("bins") || dashes(name) == "quantile_bins" => {
            json!({"method": "quantile_bins", "n_bins": n.parse::<usize>().map_err(|_| format!("--transform \"{text}\": bins need a whole number"))?})
        }
        _ => json!({"method": dashes(text)}),
    };
    parse("--transform", text, v)
}

/// `robust`, `minmax` → the config's scaling.
pub fn scaling(text: &str) -> Result<Scaling, String> {
    let s = match dashes(text).as_str() {
        "minmax" => "min_max".to_string(),
        "maxabs" => "max_abs".to_string(),
        other => other.to_string(),
    };
    parse("--scale", text, Value::from(s))
}

fn detector(text: &str) -> Result<Value, String> {
    let mut parts: Vec<&str> = text.split(':').collect();
    let action = match parts.last().map(|s| dashes(s)) {
        Some(a) if a == "remove" || a == "flag" => {
            parts.pop();
            a
        }
        _ => "flag".into(),
    };
    let number =
        |s: &str| s.parse::<f64>().map_err(|_| format!("--detector \"{text}\": \"{s}\" is not a number"));
    let detector = match dashes(parts[0]).as_str() {
        "isolation_forest" | "iforest" => {
            let mut d = json!({"method": "isolation_forest"});
            if let Some(s) = parts.get(1) {
                d["contamination"] = json!(number(s)?);
            }
            d
        }
        "lof" => {
            let mut d = json!({"method": "lof"});
            if let Some(k) = parts.get(1) {
                d["n_neighbors"] = json!(number(k)? as usize);
            }
            if let Some(s) = parts.get(2) {
                d["contamination"] = json!(number(s)?);
            }
            d
        }
        other => {
            return Err(format!("--detector \"{text}\": expected isolation-forest or lof, got \"{other}\""))
        }
    };
    Ok(json!({"detector": detector, "action": action}))
}

fn kind(text: &str) -> Result<ColumnKind, String> {
    parse("--type", text, Value::from(dashes(text)))
}

fn set_override(
    config: &mut PipelineConfig,
    column: &str,
    kind: Option<ColumnKind>,
    role: Option<ColumnRole>,
) {
    let entry =
        config.ingest.columns.entry(column.to_string()).or_insert(ColumnOverride { kind: None, role: None });
    if kind.is_some() {
        entry.kind = kind;
    }
    if role.is_some() {
        entry.role = role;
    }
}

impl PrepArgs {
    /// Applies the options on top of `config`.
    pub fn apply(&self, config: &mut PipelineConfig) -> Result<(), String> {
        match self.mode.as_deref() {
            None => {}
            Some("auto") => config.mode = DataMode::Auto,
            Some("customers") => config.mode = DataMode::Customers,
            Some(other) => return Err(format!("--mode expects auto or customers, got \"{other}\"")),
        }
        let features = split_names(&self.features);
        if !features.is_empty() {
            config.prep.features = Some(features);
        }
        self.read.apply(config)?;
        if let Some(s) = &self.impute {
            config.prep.impute.default = impute(s)?;
        }
        for a in &self.impute_col {
            let (column, s) = split_assignment("--impute-col", a)?;
            config.prep.impute.columns.insert(column, impute(&s)?);
        }
        config.prep.impute.missing_indicators |= self.missing_indicators;
        if let Some(r) = &self.outliers {
            config.prep.outliers.default = outlier_rule(r)?;
        }
        for a in &self.outliers_col {
            let (column, r) = split_assignment("--outliers-col", a)?;
            config.prep.outliers.columns.insert(column, outlier_rule(&r)?);
        }
        if let Some(d) = &self.detector {
            config.prep.outliers.multivariate = Some(parse("--detector", d, detector(d)?)?);
        }
        for a in &self.transforms {
            let (column, t) = split_assignment("--transform", a)?;
            config.prep.transforms.insert(column, transform(&t)?);
        }
        if let Some(s) = &self.scale {
            config.prep.scale = scaling(s)?;
        }
        for c in split_names(&self.one_hot) {
            set_override(config, &c, Some(ColumnKind::Categorical), None);
            config.prep.encode.columns.insert(c, Encoding::OneHot);
        }
        for c in split_names(&self.ordinal) {
            set_override(config, &c, Some(ColumnKind::Categorical), None);
            config.prep.encode.columns.insert(c, parse("--ordinal", "", json!({"method": "ordinal"}))?);
        }
        if let Some(s) = self.rare_share {
            config.prep.encode.min_share = s;
        }
        Ok(())
    }
}

/// `--date-order dmy|mdy` (also `day-first`, `month-first`).
pub fn date_order(order: &str) -> Result<DateOrder, String> {
    match order.to_lowercase().as_str() {
        "dmy" | "day-first" => Ok(DateOrder::DayFirst),
        "mdy" | "month-first" => Ok(DateOrder::MonthFirst),
        other => Err(format!("--date-order expects dmy or mdy, got \"{other}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_strings_become_config_values() {
        assert!(matches!(impute("median").unwrap(), Impute::Median));
        assert!(matches!(impute("most-frequent").unwrap(), Impute::MostFrequent));
        assert!(impute("avg").unwrap_err().contains("avg"));
        assert!(
            matches!(outlier_rule("iqr:3:remove").unwrap(), OutlierRule::Iqr { factor, .. } if factor == 3.0)
        );
        assert!(
            matches!(outlier_rule("zscore:2.5").unwrap(), OutlierRule::ZScore { threshold, .. } if threshold == 2.5)
        );
        assert!(outlier_rule("iqr:x").is_err());
        assert!(matches!(transform("bins:4").unwrap(), Transform::QuantileBins { n_bins: 4 }));
        assert!(matches!(transform("yeo-johnson").unwrap(), Transform::YeoJohnson));
        assert!(matches!(scaling("minmax").unwrap(), Scaling::MinMax));
        assert!(scaling("zscale").is_err());
    }

    #[test]
    fn features_accept_spaces_and_parentheses() {
        let args = PrepArgs {
            features: vec!["Annual Income (k$), Spending Score (1-100)".into(), "Age".into()],
            ..Default::default()
        };
        let mut config = PipelineConfig::default();
        args.apply(&mut config).unwrap();
        assert_eq!(
            config.prep.features.unwrap(),
            vec!["Annual Income (k$)", "Spending Score (1-100)", "Age"]
        );
    }
}
