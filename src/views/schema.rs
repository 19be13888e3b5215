//! The Data step's view model: the inferred schema as rows (type, role, counts, range or top values, samples,
//! histogram) with the user's overrides marked, the row issues in words, and how a type or role edit changes
//! the config (clearing the settings the new type would make invalid). Pure: no UI types.

use super::column_text::{range_text, skew_text};
use super::format;
use crate::engine::pipeline::{DataMode, PipelineConfig};
use crate::engine::table::{
    ColumnKind, ColumnOverride, ColumnRole, ColumnSummary, DateOrder, IssueKind, RowIssue,
};
use std::collections::BTreeMap;

/// Every column type, with its config value and its label for people.
pub const KINDS: [(ColumnKind, &str, &str); 7] = [
    (ColumnKind::Numeric, "numeric", "Number"),
    (ColumnKind::Integer, "integer", "Whole number"),
    (ColumnKind::Boolean, "boolean", "Yes / no"),
    (ColumnKind::Categorical, "categorical", "Category"),
    (ColumnKind::Date, "date", "Date"),
    (ColumnKind::Identifier, "identifier", "Identifier"),
    (ColumnKind::Text, "text", "Free text"),
];

/// Every column role, with its config value and its label.
pub const ROLES: [(ColumnRole, &str, &str); 3] = [
    (ColumnRole::Feature, "feature", "Feature"),
    (ColumnRole::Id, "id", "Customer id"),
    (ColumnRole::Ignore, "ignore", "Ignore"),
];

/// The config value of `kind` ("numeric", …).
pub fn kind_value(kind: ColumnKind) -> &'static str {
    KINDS.iter().find(|(k, _, _)| *k == kind).map(|(_, v, _)| *v).unwrap_or("numeric")
}

/// The label of `kind` ("Number", …).
pub fn kind_label(kind: ColumnKind) -> &'static str {
    KINDS.iter().find(|(k, _, _)| *k == kind).map(|(_, _, l)| *l).unwrap_or("Number")
}

/// The kind whose config value is `value`.
pub fn kind_from(value: &str) -> Option<ColumnKind> {
    KINDS.iter().find(|(_, v, _)| *v == value).map(|(k, _, _)| *k)
}

/// The config value of `role`.
pub fn role_value(role: ColumnRole) -> &'static str {
    ROLES.iter().find(|(r, _, _)| *r == role).map(|(_, v, _)| *v).unwrap_or("feature")
}

/// The role whose config value is `value`.
pub fn role_from(value: &str) -> Option<ColumnRole> {
    ROLES.iter().find(|(_, v, _)| *v == value).map(|(r, _, _)| *r)
}

/// One row of the schema table.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaRow {
    pub name: String,
    pub kind: ColumnKind,
    pub role: ColumnRole,
    /// The user set the type / the role (rather than it being inferred).
    pub kind_overridden: bool,
    pub role_overridden: bool,
    pub missing: usize,
    pub missing_share: f64,
    pub distinct: usize,
    /// The range of numbers and dates, or the most frequent values with their shares.
    pub range: String,
    /// For numbers, how skewed they are when it is notable ([`skew_text`]).
    pub skew: Option<String>,
    /// A few values as they appear.
    pub samples: String,
    /// Histogram counts (numbers and dates), or the top values' counts.
    pub histogram: Vec<u64>,
    /// How values were written ("$1,234.56", "YYYY-MM-DD"), when the reader noticed.
    pub format: Option<String>,
}

impl SchemaRow {
    /// True when the user overrode the type or the role.
    pub fn overridden(&self) -> bool {
        self.kind_overridden || self.role_overridden
    }
}

/// The schema rows of `columns`, marking the overrides in `overrides`.
pub fn rows(columns: &[ColumnSummary], overrides: &BTreeMap<String, ColumnOverride>) -> Vec<SchemaRow> {
    columns
        .iter()
        .map(|c| {
            let o = overrides.get(&c.name).copied().unwrap_or_default();
            let histogram = match &c.histogram {
                Some(h) => h.counts.clone(),
                None => c.top.iter().take(12).map(|v| v.count).collect(),
            };
            SchemaRow {
                name: c.name.clone(),
                kind: c.kind,
                role: c.role,
                kind_overridden: o.kind.is_some(),
                role_overridden: o.role.is_some(),
                missing: c.missing,
                missing_share: if c.rows == 0 { 0.0 } else { c.missing as f64 / c.rows as f64 },
                distinct: c.distinct,
                range: range_text(c),
                skew: skew_text(c),
                samples: c.samples.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
                histogram,
                format: c.format.clone(),
            }
        })
        .collect()
}

/// A type or role change of one column; `None` goes back to what the reader infers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnEdit {
    Kind(Option<ColumnKind>),
    Role(Option<ColumnRole>),
}

/// Per-column preprocessing settings that name `name` are removed (they may not suit the new type).
fn forget_prep_settings_of(config: &mut PipelineConfig, name: &str) {
    config.prep.impute.columns.remove(name);
    config.prep.outliers.columns.remove(name);
    config.prep.transforms.remove(name);
    config.prep.encode.columns.remove(name);
}

/// Applies `edit` to column `name`: the ingest override is set (or removed), and settings the change makes
/// invalid go: per-column preparation settings on a type change, and the column's place in an explicit
/// feature list when it becomes text, an identifier, a customer id or ignored (a feature again: it is added).
pub fn edit_column(config: &mut PipelineConfig, name: &str, edit: ColumnEdit) {
    let entry = config.ingest.columns.entry(name.to_string()).or_default();
    let leaves_features = match edit {
        ColumnEdit::Kind(kind) => {
            entry.kind = kind;
            matches!(kind, Some(ColumnKind::Text | ColumnKind::Identifier))
        }
        ColumnEdit::Role(role) => {
            entry.role = role;
            matches!(role, Some(ColumnRole::Id | ColumnRole::Ignore))
        }
    };
    if *entry == ColumnOverride::default() {
        config.ingest.columns.remove(name);
    }
    if matches!(edit, ColumnEdit::Kind(_)) {
        forget_prep_settings_of(config, name);
    }
    if let Some(list) = config.prep.features.as_mut() {
        if leaves_features {
            list.retain(|f| f != name);
        } else if edit == ColumnEdit::Role(Some(ColumnRole::Feature)) && !list.iter().any(|f| f == name) {
            list.push(name.to_string());
        }
    }
}

/// Removes every type and role override (and the per-column settings of the overridden columns).
pub fn reset_columns(config: &mut PipelineConfig) {
    let names: Vec<String> = config.ingest.columns.keys().cloned().collect();
    for name in names {
        forget_prep_settings_of(config, &name);
    }
    config.ingest.columns.clear();
}

/// Forgets every setting that belongs to one file (column types and roles, the feature list, per-column
/// preparation, the transaction mapping, segment edits) before another file is loaded, so that a setting
/// naming a column of the old file cannot make the new one fail. Returns true when something changed.
pub fn forget_file_settings(config: &mut PipelineConfig) -> bool {
    let before = config.clone();
    config.ingest.columns.clear();
    config.prep.features = None;
    config.prep.impute.columns.clear();
    config.prep.outliers.columns.clear();
    config.prep.transforms.clear();
    config.prep.encode.columns.clear();
    config.mode = DataMode::Auto;
    config.segments = Default::default();
    config.ingest.date_order = None;
    *config != before
}

/// The run note when a new file ran with its own defaults after failing on the previous file's settings.
pub const SETTINGS_RESET_NOTE: &str = "This file runs with its own defaults: the settings chosen for the \
    previous file (features, transforms, per-column rules, segment names) name columns it does not have, so \
    they were reset.";

/// The Data step's choices for dates like 03/04/2024: (value, text).
pub const DATE_ORDERS: [(&str, &str); 3] = [
    ("auto", "As the data shows (month first when nothing decides)"),
    ("mdy", "Month first: 03/04 is 4 March (US)"),
    ("dmy", "Day first: 03/04 is 3 April (UK, Europe)"),
];

/// The select value of the config's date order.
pub fn date_order_value(order: Option<DateOrder>) -> &'static str {
    match order {
        None => "auto",
        Some(DateOrder::MonthFirst) => "mdy",
        Some(DateOrder::DayFirst) => "dmy",
    }
}

/// The date order a select value sets (`None`: resolved from the data).
pub fn date_order_from(value: &str) -> Option<DateOrder> {
    match value {
        "mdy" => Some(DateOrder::MonthFirst),
        "dmy" => Some(DateOrder::DayFirst),
        _ => None,
    }
}

/// True when the file has dates whose day/month order the reader had to choose (a note says how it read
/// them): the Data step then offers the choice.
pub fn has_date_order_note(notes: &[String]) -> bool {
    notes.iter().any(|n| n.contains(": dates read as "))
}

/// One row issue for a table.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueRow {
    pub line: u64,
    pub column: String,
    pub problem: String,
}

/// The issues as table rows (line, column or "–", the problem in words).
pub fn issue_rows(issues: &[RowIssue]) -> Vec<IssueRow> {
    issues
        .iter()
        .map(|i| IssueRow {
            line: i.line,
            column: i.column.clone().unwrap_or_else(|| "–".into()),
            problem: capitalise(&format::issue(&i.kind)),
        })
        .collect()
}

/// What kind of problem, in a few words.
fn issue_group(kind: &IssueKind) -> &'static str {
    match kind {
        IssueKind::RaggedRow { .. } => "rows with too many or too few fields",
        IssueKind::Unparseable { .. } => "cells that could not be read",
        IssueKind::DuplicateId { .. } => "repeated ids",
        IssueKind::UnterminatedQuote => "unclosed quotes",
        IssueKind::SpreadsheetError { .. } => "spreadsheet errors",
        IssueKind::NotFinite { .. } => "numbers out of range",
    }
}

/// Counts of the listed issues by kind, most frequent first ("3 cells that could not be read").
pub fn issue_counts(issues: &[RowIssue]) -> Vec<(String, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for i in issues {
        let g = issue_group(&i.kind);
        match counts.iter_mut().find(|(name, _)| *name == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(g, n)| (g.to_string(), n)).collect()
}

/// The first letter in upper case ("the file…" → "The file…").
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::engine::prep::{Impute, Transform};
    use crate::engine::table::ValueCount;

    pub(crate) fn summary(name: &str, kind: ColumnKind) -> ColumnSummary {
        ColumnSummary {
            name: name.into(),
            kind,
            role: ColumnRole::Feature,
            rows: 10,
            missing: 2,
            missing_tokens: vec![],
            distinct: 3,
            min: Some(1.0),
            max: Some(1234.0),
            mean: Some(5.0),
            skewness: None,
            min_text: None,
            max_text: None,
            top: vec![ValueCount { value: "a".into(), count: 6 }, ValueCount { value: "b".into(), count: 2 }],
            samples: vec!["1".into(), "2".into(), "3".into(), "4".into()],
            histogram: None,
            format: None,
        }
    }

    #[test]
    fn values_round_trip() {
        for (k, v, _) in KINDS {
            assert_eq!(kind_from(v), Some(k));
            assert_eq!(kind_value(k), v);
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::Value::from(v));
        }
        for (r, v, _) in ROLES {
            assert_eq!(role_from(v), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), serde_json::Value::from(v));
        }
        assert_eq!(kind_from("auto"), None);
    }

    #[test]
    fn rows_show_ranges_tops_and_overrides() {
        let cols = vec![summary("Income", ColumnKind::Numeric), summary("Region", ColumnKind::Categorical)];
        let mut o = BTreeMap::new();
        o.insert("Region".to_string(), ColumnOverride { kind: Some(ColumnKind::Categorical), role: None });
        let r = rows(&cols, &o);
        assert_eq!(r[0].range, "1 – 1,234 · mean 5.00");
        assert!(!r[0].overridden());
        assert_eq!(r[0].skew, None);
        assert_eq!(r[1].range, "a 75.0% · b 25.0%");
        assert!(r[1].kind_overridden && !r[1].role_overridden);
        assert_eq!(r[1].histogram, vec![6, 2]);
        assert_eq!(r[0].samples, "1, 2, 3");
        assert!((r[0].missing_share - 0.2).abs() < 1e-12);
    }

    #[test]
    fn edits_set_and_clear_overrides_and_keep_the_config_valid() {
        let mut c = PipelineConfig::default();
        c.prep.features = Some(vec!["Channel".into(), "Milk".into()]);
        c.prep.impute.columns.insert("Channel".into(), Impute::Median);
        c.prep.transforms.insert("Channel".into(), Transform::YeoJohnson);
        edit_column(&mut c, "Channel", ColumnEdit::Kind(Some(ColumnKind::Categorical)));
        assert_eq!(c.ingest.columns["Channel"].kind, Some(ColumnKind::Categorical));
        assert!(c.prep.impute.columns.is_empty() && c.prep.transforms.is_empty());
        assert_eq!(c.prep.features.as_ref().unwrap().len(), 2);
        edit_column(&mut c, "Milk", ColumnEdit::Role(Some(ColumnRole::Ignore)));
        assert_eq!(c.prep.features.as_deref(), Some(&["Channel".to_string()][..]));
        edit_column(&mut c, "Milk", ColumnEdit::Role(Some(ColumnRole::Feature)));
        assert!(c.prep.features.as_ref().unwrap().contains(&"Milk".to_string()));
        edit_column(&mut c, "Milk", ColumnEdit::Role(None));
        assert!(!c.ingest.columns.contains_key("Milk"));
        edit_column(&mut c, "Channel", ColumnEdit::Kind(None));
        assert!(c.ingest.columns.is_empty());
        c.ingest.columns.insert("X".into(), ColumnOverride { kind: Some(ColumnKind::Text), role: None });
        reset_columns(&mut c);
        assert!(c.ingest.columns.is_empty());
    }

    #[test]
    fn new_data_forgets_file_settings() {
        let mut c = PipelineConfig::default();
        assert!(!forget_file_settings(&mut c));
        c.prep.features = Some(vec!["Milk".into()]);
        c.algorithm.set_k(6);
        c.mode = DataMode::Customers;
        assert!(forget_file_settings(&mut c));
        assert_eq!(c.prep.features, None);
        assert_eq!(c.mode, DataMode::Auto);
        assert_eq!(c.k(), Some(6), "general settings stay");
    }

    #[test]
    fn issues_read_as_words_and_counts() {
        let issues = vec![
            RowIssue {
                line: 9,
                column: Some("Age".into()),
                kind: IssueKind::Unparseable { value: "abc".into(), expected: ColumnKind::Integer },
            },
            RowIssue {
                line: 12,
                column: Some("Age".into()),
                kind: IssueKind::Unparseable { value: "?".into(), expected: ColumnKind::Integer },
            },
            RowIssue { line: 20, column: None, kind: IssueKind::RaggedRow { expected: 8, found: 9 } },
        ];
        let rows = issue_rows(&issues);
        assert_eq!(rows[0].line, 9);
        assert!(rows[0].problem.starts_with("\"abc\" is not a valid integer value"), "{}", rows[0].problem);
        assert_eq!(rows[2].column, "–");
        assert_eq!(
            issue_counts(&issues),
            vec![
                ("cells that could not be read".to_string(), 2),
                ("rows with too many or too few fields".to_string(), 1)
            ]
        );
        assert_eq!(capitalise("the file"), "The file");
    }
}
