//! Why a file could not be read at all. Only structurally unusable files end here; bad rows and cells are
//! [`RowIssue`](super::RowIssue)s. Every file error names the file, the line and what was expected.

/// An ingest failure.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("{file}: line 1: expected a header row of column names, found an empty file")]
    Empty { file: String },
    #[error(
        "{file}: line 1: expected a header row of column names, found only a byte-order mark (an empty file)"
    )]
    BomOnly { file: String },
    #[error("{file}: line 1: expected a header row of column names, found only whitespace")]
    OnlyWhitespace { file: String },
    #[error("{file}: line 1: expected a header row of column names, found binary data ({what})")]
    Binary { file: String, what: String },
    #[error("{file}: line 1: expected a header row of column names, found {what}")]
    NotCsv { file: String, what: String },
    #[error(
        "{file}: line {line}: expected text, found {count} NUL bytes (a binary file, or UTF-16/UTF-32 text \
         without a byte-order mark?)"
    )]
    NulBytes { file: String, line: u64, count: u64 },
    #[error(
        "{file}: line 1: expected UTF-8, UTF-16 or Windows-1252 text, found UTF-32 (save the file as UTF-8)"
    )]
    Utf32 { file: String },
    #[error("{file}: line {line}: expected data rows after the header, found the end of the file")]
    NoDataRows { file: String, line: u64 },
    #[error("{file}: line {line}: expected at most {max} columns (option max_columns), found {found}")]
    TooManyColumns { file: String, line: u64, found: usize, max: usize },
    #[error(
        "{file}: line {line}: expected at least one column with a name or a value, found only delimiters"
    )]
    NoColumns { file: String, line: u64 },
    #[error("reading {file} was cancelled")]
    Cancelled { file: String },
    #[error(
        "delimiter must be a tab, a space or an ASCII punctuation character other than '\"', got {got:?}"
    )]
    InvalidDelimiter { got: char },
    #[error("max_columns must be at least 1, got 0")]
    MaxColumnsZero,
    #[error("sample_rows must be at least 1, got 0")]
    SampleRowsZero,
    #[error("extra columns: row {row} has {found} values, expected {expected} (one per extra header)")]
    ExtraColumns { row: usize, expected: usize, found: usize },
}

/// Result of an ingest step.
pub type Result<T> = std::result::Result<T, IngestError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_line_and_expectation() {
        let e = IngestError::Binary { file: "customers.csv".into(), what: "zip archive?".into() };
        assert_eq!(
            e.to_string(),
            "customers.csv: line 1: expected a header row of column names, found binary data (zip archive?)"
        );
        let e = IngestError::NoDataRows { file: "a.csv".into(), line: 2 };
        assert_eq!(
            e.to_string(),
            "a.csv: line 2: expected data rows after the header, found the end of the file"
        );
        let e = IngestError::TooManyColumns { file: "w.csv".into(), line: 1, found: 10_000, max: 2000 };
        assert!(e.to_string().contains("max_columns"));
    }
}
