//! Missing-value settings: a default strategy, per-column overrides, missing indicators and k-NN parameters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::prep::error::{out_of_range, PrepError, Result};

/// What to do with a missing cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "strategy", rename_all = "snake_case", deny_unknown_fields)]
pub enum Impute {
    /// Remove the rows where this column is missing.
    Drop,
    /// The mean of the present training values (scikit-learn `SimpleImputer(strategy="mean")`).
    #[default]
    Mean,
    /// The median of the present training values.
    Median,
    /// The most frequent training value; ties go to the smallest value / first level in sort order.
    MostFrequent,
    /// A fixed value: a number for numeric columns, a level (text or number) for categorical ones.
    Constant {
        #[serde(default)]
        value: Option<FillValue>,
    },
    /// The mean of the column over the k nearest training rows, measured on the other numeric features with
    /// scikit-learn's `nan_euclidean` distance and uniform weights (`KNNImputer`). See [`KnnParams`].
    Knn,
}

impl Impute {
    /// The strategy's name as written in the config ("mean", "knn", …).
    pub fn name(&self) -> &'static str {
        match self {
            Impute::Drop => "drop",
            Impute::Mean => "mean",
            Impute::Median => "median",
            Impute::MostFrequent => "most_frequent",
            Impute::Constant { .. } => "constant",
            Impute::Knn => "knn",
        }
    }
}

/// A constant fill value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FillValue {
    Number(f64),
    Text(String),
}

impl std::fmt::Display for FillValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FillValue::Number(x) => write!(f, "{}", crate::engine::table::format_number(*x)),
            FillValue::Text(s) => write!(f, "\"{s}\""),
        }
    }
}

/// k-NN imputation parameters.
///
/// Defaults: `n_neighbors = 5`, `standardize = true`, `max_reference_rows = 20_000`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KnnParams {
    /// Neighbours averaged per missing cell (≥ 1); fewer when fewer donors exist.
    pub n_neighbors: usize,
    /// Measure distances on z-scored columns (training mean and population std) so that large-unit columns do
    /// not dominate. `false` reproduces scikit-learn's `KNNImputer` on raw values.
    pub standardize: bool,
    /// Cap on the training rows searched for neighbours (the search is receivers × reference rows). Above it,
    /// a seeded sample of this many rows is the reference set, and the report says so.
    pub max_reference_rows: usize,
}

impl Default for KnnParams {
    fn default() -> Self {
        KnnParams { n_neighbors: 5, standardize: true, max_reference_rows: 20_000 }
    }
}

impl KnnParams {
    /// Sets `n_neighbors`.
    pub fn with_n_neighbors(mut self, k: usize) -> Self {
        self.n_neighbors = k;
        self
    }
    /// Sets `standardize`.
    pub fn with_standardize(mut self, on: bool) -> Self {
        self.standardize = on;
        self
    }
    /// Sets `max_reference_rows`.
    pub fn with_max_reference_rows(mut self, cap: usize) -> Self {
        self.max_reference_rows = cap;
        self
    }
    /// Checks the ranges.
    pub fn check(&self) -> Result<()> {
        if self.n_neighbors == 0 {
            return Err(out_of_range("impute.knn.n_neighbors", ">= 1", 0));
        }
        if self.max_reference_rows == 0 {
            return Err(out_of_range("impute.knn.max_reference_rows", ">= 1", 0));
        }
        Ok(())
    }
}

/// Missing-value settings.
///
/// Defaults: strategy `mean` for every column (categorical and boolean columns use `most_frequent` whenever the
/// default is `mean`, `median` or `knn`), no overrides, no missing indicators, [`KnnParams::default`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ImputeConfig {
    /// The strategy for every feature without an override.
    pub default: Impute,
    /// Per-column strategies (by column name). An override is used as given, so `mean` on a boolean column
    /// gives fractions; `mean`, `median` and `knn` on a categorical column are errors.
    pub columns: BTreeMap<String, Impute>,
    /// Add a 0/1 column `"<name>_missing"` (at the end of the matrix) for every imputed column that had
    /// missing values in the training rows (scikit-learn's `add_indicator=True`).
    pub missing_indicators: bool,
    /// Parameters of the `knn` strategy.
    pub knn: KnnParams,
}

impl ImputeConfig {
    /// Sets the default strategy.
    pub fn with_default(mut self, s: Impute) -> Self {
        self.default = s;
        self
    }
    /// Overrides the strategy of one column.
    pub fn with_column(mut self, name: &str, s: Impute) -> Self {
        self.columns.insert(name.to_string(), s);
        self
    }
    /// Turns missing indicators on or off.
    pub fn with_missing_indicators(mut self, on: bool) -> Self {
        self.missing_indicators = on;
        self
    }
    /// Sets the k-NN parameters.
    pub fn with_knn(mut self, knn: KnnParams) -> Self {
        self.knn = knn;
        self
    }
    /// Checks the table-independent rules.
    pub fn check(&self) -> Result<()> {
        self.knn.check()?;
        for (name, s) in &self.columns {
            check_constant(name, s)?;
        }
        Ok(())
    }
}

/// Strategy `constant` needs a value.
pub(crate) fn check_constant(column: &str, s: &Impute) -> Result<()> {
    match s {
        Impute::Constant { value: None } => {
            Err(PrepError::ConstantValueRequired { column: column.to_string() })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_neighbours_rejected() {
        let e = KnnParams::default().with_n_neighbors(0).check().unwrap_err();
        assert_eq!(e.to_string(), "impute.knn.n_neighbors must be >= 1, got 0");
    }

    #[test]
    fn zero_reference_rows_rejected() {
        assert!(KnnParams::default().with_max_reference_rows(0).check().is_err());
    }

    #[test]
    fn constant_without_value_rejected() {
        let cfg = ImputeConfig::default().with_column("Age", Impute::Constant { value: None });
        assert_eq!(cfg.check().unwrap_err(), PrepError::ConstantValueRequired { column: "Age".into() });
    }

    #[test]
    fn serde_shape() {
        let cfg: ImputeConfig = serde_json::from_str(
            r#"{"default":{"strategy":"median"},"columns":{"G":{"strategy":"constant","value":"x"}}}"#,
        )
        .unwrap();
        assert_eq!(cfg.default, Impute::Median);
        assert_eq!(cfg.columns["G"], Impute::Constant { value: Some(FillValue::Text("x".into())) });
        assert!(serde_json::from_str::<ImputeConfig>(r#"{"defualt":{"strategy":"mean"}}"#).is_err());
        assert!(serde_json::from_str::<Impute>(r#"{"strategy":"constant","valeu":3}"#).is_err());
        assert!(serde_json::from_str::<Impute>(r#"{"strategy":"mode"}"#).is_err());
    }
}
