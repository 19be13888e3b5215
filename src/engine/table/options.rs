//! What the user may force at ingest (delimiter, header, decimal comma, date order, per-column kind and
//! role) and the caps that keep hostile files bounded. Plain config: serde lives here by design.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::IngestError;
use super::model::{ColumnKind, ColumnRole};

/// How to read ambiguous numeric dates such as `03/04/2020`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `03/04/2020` is 3 April 2020.
    DayFirst,
    /// `03/04/2020` is 4 March 2020.
    MonthFirst,
}

impl DateOrder {
    /// "day/month/year" or "month/day/year".
    pub fn label(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day/month/year",
            DateOrder::MonthFirst => "month/day/year",
        }
    }
}

/// A user's decision about one column; each `Some` wins over inference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ColumnOverride {
    pub kind: Option<ColumnKind>,
    pub role: Option<ColumnRole>,
}

/// Options for reading a CSV file. Every field is optional; `IngestOptions::default()` infers everything.
///
/// Defaults: `delimiter` sniffed among `,` `;` tab `|` (single spaces between numbers as a last resort);
/// `has_header` detected; `decimal_comma` inferred per column (a `;` file leans to decimal comma when a
/// column gives no evidence); `date_order` resolved from the data (month first when nothing decides it); no
/// column overrides; `max_columns` 2000; `max_issues` 10 000 (further issues are counted, not stored);
/// `sample_rows` 10 000 (rows read as text before column kinds are chosen; later rows that contradict the
/// choice revise it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestOptions {
    pub delimiter: Option<char>,
    pub has_header: Option<bool>,
    pub decimal_comma: Option<bool>,
    pub date_order: Option<DateOrder>,
    /// Overrides by column name (the name after de-duplication, as the table shows it).
    pub columns: BTreeMap<String, ColumnOverride>,
    pub max_columns: usize,
    pub max_issues: usize,
    pub sample_rows: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            delimiter: None,
            has_header: None,
            decimal_comma: None,
            date_order: None,
            columns: BTreeMap::new(),
            max_columns: 2000,
            max_issues: 10_000,
            sample_rows: 10_000,
        }
    }
}

impl IngestOptions {
    /// Forces the field delimiter.
    pub fn with_delimiter(mut self, delimiter: char) -> Self {
        self.delimiter = Some(delimiter);
        self
    }
    /// Forces whether the first row holds column names.
    pub fn with_header(mut self, has_header: bool) -> Self {
        self.has_header = Some(has_header);
        self
    }
    /// Forces `,` (true) or `.` (false) as the decimal separator of every numeric column.
    pub fn with_decimal_comma(mut self, decimal_comma: bool) -> Self {
        self.decimal_comma = Some(decimal_comma);
        self
    }
    /// Forces the order of ambiguous numeric dates.
    pub fn with_date_order(mut self, order: DateOrder) -> Self {
        self.date_order = Some(order);
        self
    }
    /// Forces the kind of column `name`.
    pub fn with_column_kind(mut self, name: &str, kind: ColumnKind) -> Self {
        self.columns.entry(name.to_string()).or_default().kind = Some(kind);
        self
    }
    /// Forces the role of column `name`.
    pub fn with_column_role(mut self, name: &str, role: ColumnRole) -> Self {
        self.columns.entry(name.to_string()).or_default().role = Some(role);
        self
    }
    /// Files with more columns than this are refused.
    pub fn with_max_columns(mut self, max_columns: usize) -> Self {
        self.max_columns = max_columns;
        self
    }
    /// At most this many row issues are stored; the rest are counted.
    pub fn with_max_issues(mut self, max_issues: usize) -> Self {
        self.max_issues = max_issues;
        self
    }
    /// Rows read as text before column kinds are chosen.
    pub fn with_sample_rows(mut self, sample_rows: usize) -> Self {
        self.sample_rows = sample_rows;
        self
    }

    /// Checks every rule and returns options the reader can trust.
    pub fn check(&self) -> Result<ValidOptions, IngestError> {
        let delimiter = match self.delimiter {
            None => None,
            Some(c) if is_allowed_delimiter(c) => Some(c as u8),
            Some(c) => return Err(IngestError::InvalidDelimiter { got: c }),
        };
        if self.max_columns == 0 {
            return Err(IngestError::MaxColumnsZero);
        }
        if self.sample_rows == 0 {
            return Err(IngestError::SampleRowsZero);
        }
        Ok(ValidOptions {
            delimiter,
            has_header: self.has_header,
            decimal_comma: self.decimal_comma,
            date_order: self.date_order,
            columns: self.columns.clone(),
            max_columns: self.max_columns,
            max_issues: self.max_issues,
            sample_rows: self.sample_rows,
        })
    }
}

/// A delimiter must be one ASCII byte that cannot be part of a value's syntax.
fn is_allowed_delimiter(c: char) -> bool {
    c == '\t' || (c.is_ascii_punctuation() && c != '"') || c == ' '
}

/// [`IngestOptions`] after [`IngestOptions::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidOptions {
    pub(crate) delimiter: Option<u8>,
    pub(crate) has_header: Option<bool>,
    pub(crate) decimal_comma: Option<bool>,
    pub(crate) date_order: Option<DateOrder>,
    pub(crate) columns: BTreeMap<String, ColumnOverride>,
    pub(crate) max_columns: usize,
    pub(crate) max_issues: usize,
    pub(crate) sample_rows: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_check() {
        assert!(IngestOptions::default().check().is_ok());
    }

    #[test]
    fn delimiter_must_be_ascii_punctuation_or_tab() {
        for bad in ['é', 'a', '7', '"', '\n', '\r'] {
            let err = IngestOptions::default().with_delimiter(bad).check().unwrap_err();
            assert_eq!(err, IngestError::InvalidDelimiter { got: bad });
        }
        for good in [',', ';', '\t', '|', ':'] {
            assert!(IngestOptions::default().with_delimiter(good).check().is_ok());
        }
    }

    #[test]
    fn max_columns_must_be_positive() {
        let err = IngestOptions::default().with_max_columns(0).check().unwrap_err();
        assert_eq!(err, IngestError::MaxColumnsZero);
    }

    #[test]
    fn sample_rows_must_be_positive() {
        let err = IngestOptions::default().with_sample_rows(0).check().unwrap_err();
        assert_eq!(err, IngestError::SampleRowsZero);
    }

    #[test]
    fn serde_rejects_unknown_fields() {
        let r: Result<IngestOptions, _> = serde_json::from_str(r#"{"delimiterr": ","}"#);
        assert!(r.is_err());
        let o: IngestOptions = serde_json::from_str(r#"{"columns": {"Age": {"kind": "text"}}}"#).unwrap();
        assert_eq!(o.columns["Age"].kind, Some(ColumnKind::Text));
        assert_eq!(o.max_columns, 2000);
    }
}
