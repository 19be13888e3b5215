//! The Prepare step's per-column table: one row per feature of the last run with what kind of values it
//! holds (from what preparation did to it), which settings apply to it (its own or the default), and the
//! edits that give a column its own missing-value strategy, outlier rule, transform or encoding (the value
//! "default" removes the column's own setting). Pure.

use super::prep_form::{self as pf, Options};
use super::prep_preview::{by_column, num, ColumnEffects};
use crate::engine::pipeline::{PipelineConfig, Report};
use crate::engine::prep::{Action, PrepReport};

/// The value of "use the setting for every column" in a per-column select.
pub const DEFAULT: &str = "default";

/// What a feature holds, as far as preparation is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Number,
    Date,
    YesNo,
    Category,
}

impl Holds {
    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            Holds::Number => "Number",
            Holds::Date => "Date",
            Holds::YesNo => "Yes / no",
            Holds::Category => "Category",
        }
    }

    /// Outlier rules and transforms apply to numbers and dates.
    pub fn numeric(self) -> bool {
        matches!(self, Holds::Number | Holds::Date)
    }
}

/// What `column` holds, read from what preparation did with it.
pub fn holds(prep: &PrepReport, column: &str) -> Holds {
    for e in prep.for_column(column) {
        match e.action {
            Action::OneHot { .. } | Action::Ordinal { .. } | Action::KeptRaw { .. } => {
                return Holds::Category
            }
            Action::BooleanAsNumber => return Holds::YesNo,
            Action::DateAsDays { .. } => return Holds::Date,
            _ => {}
        }
    }
    Holds::Number
}

/// One row of the per-column table.
#[derive(Debug, Clone, PartialEq)]
pub struct PrepColumn {
    pub name: String,
    pub holds: Holds,
    /// Missing cells as read (0 for derived transaction features).
    pub missing: usize,
    pub effects: ColumnEffects,
}

/// The features of the last run, in matrix order.
pub fn columns(report: &Report) -> Vec<PrepColumn> {
    by_column(&report.prep)
        .into_iter()
        .filter(|e| e.used && report.prep.features_in.contains(&e.column))
        .map(|effects| PrepColumn {
            name: effects.column.clone(),
            holds: holds(&report.prep, &effects.column),
            missing: report.data.columns.iter().find(|c| c.name == effects.column).map_or(0, |c| c.missing),
            effects,
        })
        .collect()
}

fn with_default(label: String, list: Options) -> Options {
    std::iter::once((DEFAULT.to_string(), label)).chain(list).collect()
}

fn short_impute(value: &str) -> &'static str {
    match value {
        "mean" => "mean",
        "median" => "median",
        "most_frequent" => "most frequent",
        "constant" => "fixed value",
        "knn" => "similar customers",
        _ => "leave out",
    }
}

/// The missing-value choices of a column: "as every column (…)" first. The default named is the one the
/// column gets: preparation fills categories and yes / no columns with their most frequent value where the
/// default averages (mean, median, similar customers).
pub fn impute_choices(config: &PipelineConfig, holds: Holds) -> Options {
    let kind = (holds == Holds::Category).then_some(crate::engine::table::ColumnKind::Categorical);
    let mut default = config.prep.impute.default.name();
    if matches!(holds, Holds::Category | Holds::YesNo) && matches!(default, "mean" | "median" | "knn") {
        default = "most_frequent";
    }
    let mut list = pf::impute_options(kind);
    list.retain(|(v, _)| v != "constant");
    with_default(format!("Default: {}", short_impute(default)), list)
}

/// The column's missing-value value ("default" when it has none of its own).
pub fn impute_value(config: &PipelineConfig, name: &str) -> String {
    config.prep.impute.columns.get(name).map_or(DEFAULT.to_string(), |i| i.name().to_string())
}

/// Sets the column's missing-value strategy ("default" removes it).
pub fn set_impute(config: &mut PipelineConfig, name: &str, value: &str) {
    match pf::impute_from(value, "0") {
        Some(i) if value != DEFAULT => {
            config.prep.impute.columns.insert(name.to_string(), i);
        }
        _ => {
            config.prep.impute.columns.remove(name);
        }
    }
}

/// The outlier choices of a column.
pub fn outlier_choices(config: &PipelineConfig) -> Options {
    let (m, p, a) = pf::rule_parts(&config.prep.outliers.default);
    let label = match m {
        "none" => "Default: keep all".to_string(),
        "iqr" => format!("Default: IQR × {}, {a}", num(p)),
        "z_score" => format!("Default: z > {}, {a}", num(p)),
        _ => format!("Default: MAD > {}, {a}", num(p)),
    };
    with_default(label, pf::outlier_methods())
}

/// The column's outlier value.
pub fn outlier_value(config: &PipelineConfig, name: &str) -> String {
    config.prep.outliers.columns.get(name).map_or(DEFAULT.to_string(), |r| pf::rule_parts(r).0.to_string())
}

/// Sets the column's outlier method with the default rule's action and the method's usual parameter.
pub fn set_outlier(config: &mut PipelineConfig, name: &str, value: &str) {
    if value == DEFAULT {
        config.prep.outliers.columns.remove(name);
    } else {
        let rule = pf::with_method(&config.prep.outliers.default, value);
        config.prep.outliers.columns.insert(name.to_string(), rule);
    }
}

/// The column's transform value ("none" when it has none).
pub fn transform_value(config: &PipelineConfig, name: &str) -> String {
    config.prep.transforms.get(name).map_or("none".to_string(), |t| pf::transform_parts(t).0.to_string())
}

/// Sets the column's transform (quantile bins: 5).
pub fn set_transform(config: &mut PipelineConfig, name: &str, value: &str) {
    let t = pf::transform_from(value, 5);
    if t == Default::default() {
        config.prep.transforms.remove(name);
    } else {
        config.prep.transforms.insert(name.to_string(), t);
    }
}

/// The encoding choices of a categorical column.
pub fn encoding_choices(config: &PipelineConfig) -> Options {
    let label = match pf::encoding_value(&config.prep.encode.default) {
        "ordinal" => "Default: numbered",
        _ => "Default: one-hot",
    };
    with_default(label.to_string(), pf::encoding_options())
}

/// The column's encoding value.
pub fn encoding_value(config: &PipelineConfig, name: &str) -> String {
    config.prep.encode.columns.get(name).map_or(DEFAULT.to_string(), |e| pf::encoding_value(e).to_string())
}

/// Sets the column's encoding.
pub fn set_encoding(config: &mut PipelineConfig, name: &str, value: &str) {
    if value == DEFAULT {
        config.prep.encode.columns.remove(name);
    } else {
        config.prep.encode.columns.insert(name.to_string(), pf::encoding_from(value));
    }
}

/// How many columns have a setting of their own.
pub fn n_own_settings(config: &PipelineConfig) -> usize {
    let p = &config.prep;
    let mut names: Vec<&String> = p.impute.columns.keys().collect();
    names.extend(p.outliers.columns.keys());
    names.extend(p.transforms.keys());
    names.extend(p.encode.columns.keys());
    names.sort();
    names.dedup();
    names.len()
}

/// Removes every per-column setting.
pub fn reset_own_settings(config: &mut PipelineConfig) {
    config.prep.impute.columns.clear();
    config.prep.outliers.columns.clear();
    config.prep.transforms.clear();
    config.prep.encode.columns.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prep::{Impute, OutlierAction, OutlierRule, Transform};

    fn sample_report(config: &PipelineConfig) -> Report {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/sample/wholesale_customers.csv"))
                .expect("sample");
        crate::engine::pipeline::run(&bytes, "w.csv", config, &mut crate::engine::progress::Silent)
            .expect("runs")
    }

    #[test]
    fn per_column_settings_set_and_clear() {
        let mut c = PipelineConfig::default();
        set_impute(&mut c, "Milk", "median");
        assert_eq!(c.prep.impute.columns["Milk"], Impute::Median);
        assert_eq!(impute_value(&c, "Milk"), "median");
        set_impute(&mut c, "Milk", DEFAULT);
        assert!(c.prep.impute.columns.is_empty());
        c.prep.outliers.default = OutlierRule::iqr(1.5, OutlierAction::Remove);
        set_outlier(&mut c, "Milk", "z_score");
        assert_eq!(c.prep.outliers.columns["Milk"], OutlierRule::z_score(3.0, OutlierAction::Remove));
        assert_eq!(outlier_value(&c, "Fresh"), DEFAULT);
        set_transform(&mut c, "Milk", "log1p");
        assert_eq!(transform_value(&c, "Milk"), "log1p");
        set_encoding(&mut c, "Region", "ordinal");
        assert_eq!(n_own_settings(&c), 2);
        set_transform(&mut c, "Milk", "none");
        assert!(!c.prep.transforms.contains_key("Milk"));
        assert_eq!(encoding_value(&c, "Region"), "ordinal");
        reset_own_settings(&mut c);
        assert_eq!(n_own_settings(&c), 0);
        assert_eq!(c.prep.transforms.get("x"), None::<&Transform>);
    }

    #[test]
    fn choices_name_the_default_they_stand_for() {
        let c = PipelineConfig::default();
        let i = impute_choices(&c, Holds::Category);
        assert_eq!(i[0].0, DEFAULT);
        // the default mean fills a category with its most frequent value
        assert_eq!(i[0].1, "Default: most frequent");
        assert!(i.iter().all(|(v, _)| v != "mean" && v != "constant"));
        assert_eq!(impute_choices(&c, Holds::YesNo)[0].1, "Default: most frequent");
        assert_eq!(impute_choices(&c, Holds::Number)[0].1, "Default: mean");
        let mut dropping = c.clone();
        dropping.prep.impute.default = crate::engine::prep::Impute::Drop;
        assert_eq!(impute_choices(&dropping, Holds::Category)[0].1, "Default: leave out");
        let o = outlier_choices(&c);
        assert_eq!(o[0].0, DEFAULT);
        assert_eq!(encoding_choices(&c)[0].1, "Default: one-hot");
        assert_eq!(outlier_choices(&c)[0].1, "Default: keep all");
        let mut c = c;
        c.prep.outliers.default = OutlierRule::iqr(1.5, OutlierAction::Clip);
        assert_eq!(outlier_choices(&c)[0].1, "Default: IQR × 1.50, clip");
    }

    #[test]
    fn columns_of_the_sample_know_what_they_hold() {
        let mut config = PipelineConfig::default();
        config.evaluation.sweep = None;
        let r = sample_report(&config);
        let cols = columns(&r);
        assert_eq!(cols.len(), r.prep.features_in.len());
        assert!(cols.iter().all(|c| c.effects.used));
        let fresh = cols.iter().find(|c| c.name == "Fresh").expect("Fresh");
        assert_eq!(fresh.holds, Holds::Number);
        assert!(fresh.holds.numeric());
        assert!(!fresh.effects.output.is_empty(), "scaling is reported");
    }
}
