//! The preprocessing half of the Spark job: the settings block (which columns, imputation, outlier rules,
//! transforms, encodings) and the MLlib stage builders (Imputer, QuantileDiscretizer, StringIndexer,
//! OneHotEncoder, the scaler), with a note for every step Spark cannot do. Text only; never reads a table.

use super::py;
use super::Notes;
use crate::engine::pipeline::{DataMode, PipelineConfig};
use crate::engine::prep::outliers::MultivariateRule;
use crate::engine::prep::{
    Detector, Encoding, FillValue, Impute, NegativeValues, OrderBy, OrdinalOrder, OutlierAction, OutlierRule,
    PrepConfig, Scaling, Transform,
};
use crate::engine::table::ColumnRole;
use std::fmt::Write;

/// The relative error of Spark's approximate quantiles (median imputation, IQR/MAD bounds, robust scaling,
/// quantile bins).
pub const QUANTILE_ERROR: f64 = 1e-4;

/// The settings block and stage builders for `config`'s ingest and preprocessing; notes go to `notes`.
pub fn prep_section(config: &PipelineConfig, notes: &mut Notes) -> String {
    let prep = &config.prep;
    let mut out = String::new();
    input_settings(config, &mut out, notes);
    impute_settings(prep, &mut out, notes);
    outlier_settings(prep, &mut out, notes);
    transform_settings(prep, &mut out, notes);
    encode_settings(prep, &mut out, notes);
    scaler_builder(prep.scale, &mut out, notes);
    out
}

fn input_settings(config: &PipelineConfig, out: &mut String, notes: &mut Notes) {
    let ingest = &config.ingest;
    let delimiter = ingest.delimiter.map(|c| py::string(&c.to_string())).unwrap_or_else(|| "None".into());
    let _ = writeln!(
        out,
        "# CSV input: the field delimiter (None: ',' or tab for .tsv) and whether row 1 names the columns."
    );
    let _ = writeln!(out, "CSV_DELIMITER = {delimiter}");
    let _ = writeln!(out, "CSV_HEADER = {}", py::boolean(ingest.has_header.unwrap_or(true)));
    if ingest.decimal_comma == Some(true) {
        notes
            .not_exported("decimal commas in CSV numbers: Spark reads `1,5` as text; convert the file first");
    }
    if let DataMode::Transactions(_) = &config.mode {
        notes.not_exported(
            "transaction mode: per-customer RFM features and the lifetime models (BG/NBD, Gamma-Gamma, CLV) \
             are not derived; the job expects one row per customer (e.g. `segscope rfm` output)",
        );
    }
    let features = match &config.prep.features {
        Some(list) => py::string_list(list.iter()),
        None => "None".into(),
    };
    let _ = writeln!(
        out,
        "# The feature columns; None: every column not excluded below, kinds read from the schema."
    );
    let _ = writeln!(out, "FEATURES = {features}");
    let excluded: Vec<&String> = ingest
        .columns
        .iter()
        .filter(|(_, o)| matches!(o.role, Some(ColumnRole::Id | ColumnRole::Ignore)))
        .map(|(name, _)| name)
        .collect();
    let _ = writeln!(out, "# Columns whose role is id or ignore: carried to the output, never clustered.");
    let _ = writeln!(out, "EXCLUDED = {}", py::string_list(excluded));
    let kinds: Vec<(String, String)> = ingest
        .columns
        .iter()
        .filter_map(|(name, o)| {
            let kind = serde_json::to_value(o.kind?).ok()?.as_str()?.to_string();
            Some((name.clone(), py::string(&kind)))
        })
        .collect();
    let _ = writeln!(out, "# Column kinds forced in the config (numeric, integer, boolean, categorical, date, identifier, text).");
    let _ = writeln!(out, "KIND_OVERRIDES = {}", py::dict(&kinds));
}

fn impute_literal(column: &str, s: &Impute, notes: &mut Notes) -> String {
    match s {
        Impute::Drop => py::tuple(&[py::string("drop")]),
        Impute::Mean => py::tuple(&[py::string("mean")]),
        Impute::Median => py::tuple(&[py::string("median")]),
        Impute::MostFrequent => py::tuple(&[py::string("most_frequent")]),
        Impute::Constant { value } => {
            let v = match value {
                Some(FillValue::Number(x)) => py::float(*x),
                Some(FillValue::Text(t)) => py::string(t),
                None => "None".into(),
            };
            py::tuple(&[py::string("constant"), v])
        }
        Impute::Knn => {
            notes.not_exported(&format!(
                "k-NN imputation ({column}): Spark MLlib has none; the job fills those values with the mean"
            ));
            py::tuple(&[py::string("mean")])
        }
    }
}

fn impute_settings(prep: &PrepConfig, out: &mut String, notes: &mut Notes) {
    let i = &prep.impute;
    let default = impute_literal("every column without an override", &i.default, notes);
    let columns: Vec<(String, String)> =
        i.columns.iter().map(|(c, s)| (c.clone(), impute_literal(c, s, notes))).collect();
    if matches!(i.default, Impute::Median) || i.columns.values().any(|s| matches!(s, Impute::Median)) {
        notes.approximate("median imputation uses Spark's approximate quantile (relative error 0.001)");
    }
    let _ = writeln!(
        out,
        "# Missing values: (strategy, value); categorical and boolean columns use the most frequent value"
    );
    let _ = writeln!(
        out,
        "# when the default is mean or median. \"drop\" leaves the row unclustered (empty segment)."
    );
    let _ = writeln!(out, "IMPUTE_DEFAULT = {default}");
    let _ = writeln!(out, "IMPUTE_COLUMNS = {}", py::dict(&columns));
    let _ = writeln!(out, "MISSING_INDICATORS = {}", py::boolean(i.missing_indicators));
    let _ = writeln!(out);
    let _ = writeln!(out, "def build_imputer(cols, outs, strategy):");
    let _ = writeln!(out, "    return Imputer(inputCols=cols, outputCols=outs, strategy=strategy)");
    let _ = writeln!(out);
}

fn rule_literal(column: &str, rule: &OutlierRule, notes: &mut Notes) -> String {
    let (method, param, action) = match rule {
        OutlierRule::None => return "None".into(),
        OutlierRule::Iqr { factor, action } => ("iqr", *factor, *action),
        OutlierRule::ZScore { threshold, action } => ("z_score", *threshold, *action),
        OutlierRule::Mad { threshold, action } => ("mad", *threshold, *action),
    };
    let action = match action {
        OutlierAction::Clip => "clip",
        OutlierAction::Remove => "remove",
        OutlierAction::Flag => {
            notes.not_exported(&format!(
                "flagging outliers ({column}): the job keeps the rows and does not list them"
            ));
            "flag"
        }
    };
    py::tuple(&[py::string(method), py::float(param), py::string(action)])
}

fn outlier_settings(prep: &PrepConfig, out: &mut String, notes: &mut Notes) {
    let o = &prep.outliers;
    let default = rule_literal("every numeric column", &o.default, notes);
    let columns: Vec<(String, String)> =
        o.columns.iter().map(|(c, r)| (c.clone(), rule_literal(c, r, notes))).collect();
    if let Some(MultivariateRule { detector, .. }) = &o.multivariate {
        let name = match detector {
            Detector::IsolationForest(_) => "Isolation Forest",
            Detector::Lof(_) => "Local Outlier Factor",
        };
        notes.not_exported(&format!(
            "{name} outlier detection across columns: Spark MLlib has none; no rows are removed or flagged by it"
        ));
    }
    let _ = writeln!(
        out,
        "# Outliers per numeric column: (method, factor or threshold, action); None = no rule."
    );
    let _ = writeln!(out, "OUTLIER_DEFAULT = {default}");
    let _ = writeln!(out, "OUTLIER_COLUMNS = {}", py::dict(&columns));
    let _ = writeln!(out, "QUANTILE_ERROR = {}", py::float(QUANTILE_ERROR));
}

fn transform_settings(prep: &PrepConfig, out: &mut String, notes: &mut Notes) {
    let mut entries = Vec::new();
    for (column, t) in &prep.transforms {
        let literal = match t {
            Transform::None => continue,
            Transform::Log1p { negatives } => {
                let n = match negatives {
                    NegativeValues::Skip => "skip",
                    NegativeValues::Shift => "shift",
                };
                py::tuple(&[py::string("log1p"), py::string(n)])
            }
            Transform::QuantileBins { n_bins } => {
                notes.approximate(&format!("quantile bins ({column}) use Spark's approximate quantiles"));
                py::tuple(&[py::string("quantile_bins"), n_bins.to_string()])
            }
            Transform::YeoJohnson => {
                notes.not_exported(&format!(
                    "Yeo-Johnson transform ({column}): Spark MLlib has none; the column is used untransformed"
                ));
                continue;
            }
        };
        entries.push((column.clone(), literal));
    }
    let _ = writeln!(
        out,
        "# Per-column transforms: log1p(x + shift) as a SQL expression, quantile bins (QuantileDiscretizer)."
    );
    let _ = writeln!(out, "TRANSFORMS = {}", py::dict(&entries));
    let _ = writeln!(out);
    let _ = writeln!(out, "def build_binner(col, out, n_bins):");
    let _ = writeln!(out, "    return QuantileDiscretizer(inputCol=col, outputCol=out, numBuckets=n_bins, relativeError=QUANTILE_ERROR, handleInvalid=\"keep\")");
    let _ = writeln!(out);
}

fn encoding_literal(column: &str, e: &Encoding, notes: &mut Notes) -> String {
    match e {
        Encoding::OneHot => py::tuple(&[py::string("one_hot")]),
        Encoding::Ordinal { order: OrdinalOrder::Listed(levels) } => {
            py::tuple(&[py::string("ordinal"), py::string_list(levels.iter())])
        }
        Encoding::Ordinal { order: OrdinalOrder::By(by) } => {
            let by = match by {
                OrderBy::Frequency => "frequency",
                OrderBy::Alphabetical => "alphabetical",
            };
            py::tuple(&[py::string("ordinal"), py::string(by)])
        }
        Encoding::Raw => {
            notes.not_exported(&format!(
                "raw categories for k-prototypes ({column}): the job one-hot encodes the column instead"
            ));
            py::tuple(&[py::string("one_hot")])
        }
    }
}

fn encode_settings(prep: &PrepConfig, out: &mut String, notes: &mut Notes) {
    let e = &prep.encode;
    let default = encoding_literal("every categorical column", &e.default, notes);
    let columns: Vec<(String, String)> =
        e.columns.iter().map(|(c, x)| (c.clone(), encoding_literal(c, x, notes))).collect();
    let _ = writeln!(
        out,
        "# Categoricals: one-hot (StringIndexer + OneHotEncoder; levels below MIN_SHARE of the rows, and"
    );
    let _ = writeln!(out, "# those beyond MAX_COLUMNS, become \"other\") or ordinal codes.");
    let _ = writeln!(out, "ENCODE_DEFAULT = {default}");
    let _ = writeln!(out, "ENCODE_COLUMNS = {}", py::dict(&columns));
    let _ = writeln!(out, "MIN_SHARE = {}", py::float(e.min_share));
    let _ = writeln!(out, "MAX_COLUMNS = {}", e.max_columns);
    let _ = writeln!(out, "# Also scale boolean, one-hot, ordinal and missing-indicator columns.");
    let _ = writeln!(out, "SCALE_ENCODED = {}", py::boolean(prep.scale_encoded));
    let _ = writeln!(out);
    let _ = writeln!(out, "def build_indexer(col, out, order):");
    let _ = writeln!(out, "    return StringIndexer(inputCol=col, outputCol=out, stringOrderType=order, handleInvalid=\"keep\")");
    let _ = writeln!(out);
    let _ = writeln!(out, "def build_one_hot(col, out):");
    let _ = writeln!(
        out,
        "    return OneHotEncoder(inputCols=[col], outputCols=[out], dropLast=True, handleInvalid=\"keep\")"
    );
    let _ = writeln!(out);
}

fn scaler_builder(scale: Scaling, out: &mut String, notes: &mut Notes) {
    let stage = match scale {
        Scaling::None => "None".to_string(),
        Scaling::Standard => {
            notes.approximate("standard scaling divides by Spark's sample standard deviation (n − 1), not n");
            "StandardScaler(inputCol=col, outputCol=out, withMean=True, withStd=True)".into()
        }
        Scaling::MinMax => {
            notes.approximate("min-max scaling maps a constant column to 0.5 in Spark (0 in segscope)");
            "MinMaxScaler(inputCol=col, outputCol=out, min=0.0, max=1.0)".into()
        }
        Scaling::Robust => {
            notes.approximate(
                "robust scaling uses Spark's approximate quartiles (RobustScaler, Spark 3.0 or later)",
            );
            "RobustScaler(inputCol=col, outputCol=out, lower=0.25, upper=0.75, withCentering=True, withScaling=True, relativeError=QUANTILE_ERROR)".into()
        }
        Scaling::MaxAbs => "MaxAbsScaler(inputCol=col, outputCol=out)".into(),
    };
    let _ = writeln!(out, "def build_scaler(col, out):");
    let _ = writeln!(out, "    return {stage}");
    let _ = writeln!(out);
}
