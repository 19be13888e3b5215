//! The in-memory table every later stage reads: typed columns, one role each, and where each row came from.

use serde::{Deserialize, Serialize};

/// What a column holds, as inferred (or as the user overrode it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Numeric,
    Integer,
    Boolean,
    Categorical,
    Date,
    Identifier,
    Text,
}

/// How a column takes part in segmentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// Used as a clustering feature.
    Feature,
    /// Identifies the customer; carried to outputs, never clustered.
    Id,
    /// Carried to outputs, never clustered.
    Ignore,
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Numeric, Integer, Boolean (0/1) and Date (seconds since 1970-01-01T00:00, no time zone) columns.
    /// `NaN` marks a missing value.
    Numbers(Vec<f64>),
    /// Categorical columns, dictionary-encoded; [`MISSING_CODE`] marks a missing value.
    Categories { codes: Vec<u32>, levels: Vec<String> },
    /// Identifier and free-text columns; `None` marks a missing value.
    Texts(Vec<Option<String>>),
}

/// The code of a missing categorical value.
pub const MISSING_CODE: u32 = u32::MAX;

/// One named, typed column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
    pub role: ColumnRole,
    pub data: ColumnData,
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match &self.data {
            ColumnData::Numbers(v) => v.len(),
            ColumnData::Categories { codes, .. } => codes.len(),
            ColumnData::Texts(v) => v.len(),
        }
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The numbers, if this column is stored as numbers.
    pub fn numbers(&self) -> Option<&[f64]> {
        match &self.data {
            ColumnData::Numbers(v) => Some(v),
            _ => None,
        }
    }

    /// True when row `i` is missing.
    pub fn is_missing(&self, i: usize) -> bool {
        match &self.data {
            ColumnData::Numbers(v) => v[i].is_nan(),
            ColumnData::Categories { codes, .. } => codes[i] == MISSING_CODE,
            ColumnData::Texts(v) => v[i].is_none(),
        }
    }

    /// Row `i` as display text ("" when missing).
    pub fn display(&self, i: usize) -> String {
        match &self.data {
            ColumnData::Numbers(v) if v[i].is_nan() => String::new(),
            ColumnData::Numbers(v) => format_number(v[i]),
            ColumnData::Categories { codes, levels } => {
                levels.get(codes[i] as usize).cloned().unwrap_or_default()
            }
            ColumnData::Texts(v) => v[i].clone().unwrap_or_default(),
        }
    }
}

/// Shortest faithful text for a number: integers without a decimal point, others as the shortest text of the
/// value rounded to 15 significant digits. Every decimal of up to 15 digits (anything a file holds, in
/// practice) reads back as written, and sums lose their float noise: 192.60000000000002 → 192.6.
pub fn format_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else if x.is_finite() {
        let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
        format!("{rounded}")
    } else {
        format!("{x}")
    }
}

/// A loaded table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file name the table came from, for messages ("customers.csv").
    pub source: String,
    pub columns: Vec<Column>,
    /// For each data row, the 1-based line of the source file where it starts.
    pub row_lines: Vec<u64>,
}

impl Table {
    /// Number of data rows.
    pub fn n_rows(&self) -> usize {
        self.row_lines.len()
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Index of the column called `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// Something wrong with one row or cell that did not stop the file from loading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowIssue {
    /// 1-based line in the source file.
    pub line: u64,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    pub kind: IssueKind,
}

/// What was wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// The row had a different number of fields than the header.
    RaggedRow { expected: usize, found: usize },
    /// A cell could not be read as the column's type; it is treated as missing.
    Unparseable { value: String, expected: ColumnKind },
    /// An identifier value seen before.
    DuplicateId { value: String, first_line: u64 },
    /// A quoted field was never closed; the quote was read as a literal character and the row ended at its line.
    UnterminatedQuote,
    /// A spreadsheet error value (`#DIV/0!`, `#N/A`, …); it is treated as missing.
    SpreadsheetError { value: String },
    /// A number too large for a 64-bit float, or an explicit infinity; it is treated as missing.
    NotFinite { value: String },
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_read_back_as_written_and_sums_lose_their_float_noise() {
        for (x, text) in [
            (192.60000000000002, "192.6"),
            (0.1 + 0.2, "0.3"),
            (390.78999999999985, "390.79"),
            (100.0 / 3.0, "33.3333333333333"),
            (0.123456789012345, "0.123456789012345"),
            (-2.5e-7, "-0.00000025"),
            (42.0, "42"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(format_number(x), text);
        }
    }
}
