//! Things the reader did or decided that the user should know about, each with a plain sentence
//! ([`IngestNote::message`]). Notes are structured so that the UI and the CLI JSON can use their fields.

use serde::{Deserialize, Serialize};

use super::dialect::TextEncoding;
use super::model::ColumnKind;
use super::options::DateOrder;

/// Spellings of one category merged into one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    /// The spellings that were changed, verbatim (e.g. `" Male "`, `"male"`).
    pub variants: Vec<String>,
    pub into: String,
    /// Cells that were changed.
    pub cells: u64,
}

/// How a column's day/month order was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum OrderBasis {
    /// A cell that can be read only one way.
    Proven { line: u64, value: String },
    /// Set by the `date_order` option.
    Option,
    /// Nothing in the data decides it.
    Assumed,
}

/// One way dates are written in a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateFormatCount {
    pub format: String,
    pub cells: u64,
    pub first_line: u64,
    pub example: String,
}

/// Something the reader did or decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IngestNote {
    /// The file is not UTF-8; it was read as `encoding`.
    EncodingFallback {
        encoding: TextEncoding,
    },
    /// Some fields of a UTF-8 file were not UTF-8 and were read as Windows-1252.
    InvalidUtf8Fields {
        count: u64,
        first_line: u64,
    },
    /// The file is UTF-16 and was decoded.
    Utf16 {
        encoding: TextEncoding,
    },
    NulBytesRemoved {
        count: u64,
        first_line: u64,
    },
    /// An Excel `sep=` first line set the delimiter and was skipped.
    ExcelSepLine {
        delimiter: char,
    },
    CommentLinesSkipped {
        lines: u64,
    },
    /// Lines of one field above the header (a spreadsheet's title) were skipped; the header is on
    /// `header_line`.
    TitleLinesSkipped {
        lines: u64,
        header_line: u64,
    },
    /// The last row was a totals row ("Total", and a column's sum) and was left out.
    TotalsRowSkipped {
        line: u64,
        label: String,
    },
    /// The last row was an averages row ("Average", and a column's mean) and was left out.
    AverageRowSkipped {
        line: u64,
        label: String,
    },
    /// The first row looked like data, so columns were named `column_1` … `column_N`.
    HeaderGenerated {
        columns: usize,
    },
    /// A column name was blank, repeated or had line breaks, and was changed.
    HeaderRenamed {
        index: usize,
        from: String,
        to: String,
    },
    /// Most rows had more fields than the header; extra columns got generated names.
    HeaderExtended {
        from: usize,
        to: usize,
    },
    /// The header had one name fewer than the rows have values (R's `write.table`): the first column holds
    /// row names, and got `name`.
    RowNamesFirst {
        name: String,
    },
    /// Empty, unnamed columns at the end of every row (a trailing delimiter) were dropped.
    TrailingColumnsDropped {
        count: usize,
    },
    /// Rows with empty fields beyond the last column (a trailing delimiter) were read normally.
    TrailingDelimiters {
        rows: u64,
    },
    AllEmptyRows {
        rows: u64,
        first_line: u64,
    },
    /// Text around numbers was removed to read them.
    NumberFormat {
        column: String,
        currency: u64,
        thousands: u64,
        percent: u64,
        parentheses: u64,
        decimal_comma: u64,
        example: String,
    },
    DateOrder {
        column: String,
        order: DateOrder,
        #[serde(flatten)]
        basis: OrderBasis,
    },
    /// Dates in one column were written in more than one way (all were read).
    DateFormats {
        column: String,
        formats: Vec<DateFormatCount>,
    },
    CategoriesMerged {
        column: String,
        merges: Vec<Merge>,
    },
    /// Rows past the sample contradicted the column's kind, so it was changed; when `exact` is false the
    /// earlier values were re-rendered from their parsed values.
    TypeRevised {
        column: String,
        from: ColumnKind,
        to: ColumnKind,
        line: u64,
        exact: bool,
    },
    /// An identifier column repeats values (as in a transaction table); duplicates are not reported.
    IdRepeats {
        column: String,
        distinct: usize,
        rows: usize,
    },
    EmptyColumn {
        column: String,
    },
    ConstantColumn {
        column: String,
        value: String,
    },
    /// An override named a column the file does not have.
    UnknownOverride {
        column: String,
    },
    /// More row issues than `max_issues`; the first `stored` (by line) are listed.
    IssuesTruncated {
        stored: usize,
        total: u64,
    },
    /// Integers beyond 2^53 cannot be held exactly in a 64-bit float.
    PrecisionLoss {
        column: String,
        cells: u64,
    },
    /// A whole-number column with only two or three small distinct values was read as categories (codes such
    /// as Channel 1/2 or Region 1/2/3 are usually labels, not quantities).
    CodesAsCategories {
        column: String,
        levels: Vec<String>,
    },
    /// Every row read as one field, but the rows look like `columns` columns of numbers lined up with runs of
    /// spaces, which are not read as one separator.
    SpaceAligned {
        columns: usize,
    },
}

fn kind_label(k: ColumnKind) -> &'static str {
    match k {
        ColumnKind::Numeric => "numeric",
        ColumnKind::Integer => "integer",
        ColumnKind::Boolean => "boolean",
        ColumnKind::Categorical => "categorical",
        ColumnKind::Date => "date",
        ColumnKind::Identifier => "identifier",
        ColumnKind::Text => "text",
    }
}

/// Line breaks and tabs shown as `\n`, `\r`, `\t`, so a message stays on one line.
fn escape(s: &str) -> String {
    s.replace('\n', "\\n").replace('\r', "\\r").replace('\t', "\\t")
}

fn plural(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

impl IngestNote {
    /// One plain sentence for the user.
    pub fn message(&self) -> String {
        use IngestNote::*;
        match self {
            EncodingFallback { encoding } => format!(
                "the file is not valid UTF-8; it was read as {} (check accented letters)",
                encoding.label()
            ),
            InvalidUtf8Fields { count, first_line } => format!(
                "{} (first on line {first_line}) were not valid UTF-8 and were read as Windows-1252",
                plural(*count, "field")
            ),
            Utf16 { encoding } => format!("the file is {} text; it was decoded", encoding.label()),
            NulBytesRemoved { count, first_line } => format!(
                "{} removed (first on line {first_line})",
                plural(*count, "NUL byte")
            ),
            ExcelSepLine { delimiter } => {
                format!("the first line 'sep={delimiter}' set the delimiter and was skipped")
            }
            CommentLinesSkipped { lines } => {
                format!("{} starting with '#' skipped before the header", plural(*lines, "line"))
            }
            TitleLinesSkipped { lines, header_line } => format!(
                "{} of a single field above the column names (a title) skipped: the header is line \
                 {header_line}",
                plural(*lines, "line")
            ),
            AverageRowSkipped { line, label } => {
                format!("line {line} (\"{label}\") averages the rows above it and was left out")
            }
            TotalsRowSkipped { line, label } => {
                format!("line {line} (\"{label}\") adds up the rows above it and was left out")
            }
            HeaderGenerated { columns: 1 } => {
                "the first row looks like data, so the column was named column_1".to_string()
            }
            HeaderGenerated { columns } => format!(
                "the first row looks like data, so the {columns} columns were named column_1 … column_{columns}"
            ),
            HeaderRenamed { index, from, to } => {
                format!("column {} named {from:?} was renamed '{to}'", index + 1)
            }
            HeaderExtended { from, to } => format!(
                "the header has {from} names but rows have {to} fields; the extra columns got generated names"
            ),
            RowNamesFirst { name } => format!(
                "the header has one name fewer than the rows have values, as R's write.table writes files: \
                 the first column holds row names and is called '{name}'"
            ),
            TrailingColumnsDropped { count } => format!(
                "{} at the end of every row (a trailing delimiter) dropped",
                plural(*count as u64, "empty unnamed column")
            ),
            TrailingDelimiters { rows } => format!(
                "{} ended with empty fields beyond the last column (a trailing delimiter); they were ignored",
                plural(*rows, "row")
            ),
            AllEmptyRows { rows, first_line } => format!(
                "{} had no values at all (first on line {first_line})",
                plural(*rows, "row")
            ),
            NumberFormat {
                column,
                currency,
                thousands,
                percent,
                parentheses,
                decimal_comma,
                example,
            } => {
                let mut parts = Vec::new();
                let mut add = |n: u64, what: &str| {
                    if n > 0 {
                        parts.push(format!("{what} ({})", plural(n, "cell")));
                    }
                };
                add(*currency, "currency signs stripped");
                add(*thousands, "thousands separators stripped");
                add(*percent, "percent signs stripped, values kept as written (12% → 12)");
                add(*parentheses, "parenthesised values read as negative");
                add(*decimal_comma, "decimal comma read");
                format!("column '{column}': {} (e.g. {example:?})", parts.join(", "))
            }
            DateOrder {
                column,
                order,
                basis,
            } => {
                let why = match basis {
                    OrderBasis::Proven { line, value } => {
                        format!("line {line} has '{value}', which can only be read that way")
                    }
                    OrderBasis::Option => "as chosen (the date order option)".to_string(),
                    OrderBasis::Assumed => {
                        "nothing in the data decides it; choose the order in the Data step (--date-order in \
                         the CLI) if that is wrong"
                            .to_string()
                    }
                };
                format!("column '{column}': dates read as {}: {why}", order.label())
            }
            DateFormats { column, formats } => {
                let list: Vec<String> = formats
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} (first '{}' on line {})",
                            plural(f.cells, "cell"),
                            f.format,
                            f.example,
                            f.first_line
                        )
                    })
                    .collect();
                format!("column '{column}': dates written in several ways: {}", list.join("; "))
            }
            CategoriesMerged { column, merges } => {
                let list: Vec<String> = merges
                    .iter()
                    .map(|m| {
                        let v: Vec<String> =
                            m.variants.iter().map(|v| format!("'{}'", escape(v))).collect();
                        format!("{} → '{}' ({})", v.join(", "), m.into, plural(m.cells, "cell"))
                    })
                    .collect();
                format!("column '{column}': spellings merged: {}", list.join("; "))
            }
            TypeRevised {
                column,
                from,
                to,
                line,
                exact,
            } => format!(
                "column '{column}': read as {} from a sample, but line {line} and later rows made it {}{}",
                kind_label(*from),
                kind_label(*to),
                if *exact {
                    ""
                } else {
                    "; earlier values were re-rendered from their parsed values"
                }
            ),
            IdRepeats {
                column,
                distinct,
                rows,
            } => format!(
                "column '{column}' repeats identifiers ({distinct} distinct in {rows} rows), as in a transaction table"
            ),
            EmptyColumn { column } => format!("column '{column}' has no values"),
            ConstantColumn { column, value } => {
                format!("column '{column}' has the same value '{value}' in every row")
            }
            UnknownOverride { column } => {
                format!("an override names column '{column}', which the file does not have")
            }
            IssuesTruncated { stored, total } => {
                format!("{total} row issues found; the first {stored} are listed")
            }
            PrecisionLoss { column, cells } => format!(
                "column '{column}': {} beyond 2^53 cannot be held exactly",
                plural(*cells, "integer")
            ),
            CodesAsCategories { column, levels } => format!(
                "column '{column}' holds only the codes {} and was read as categories, not amounts; set its \
                 type to 'Whole number' to use it as a number",
                levels.join(", ")
            ),
            SpaceAligned { columns } => format!(
                "every row was read as one field, but the rows look like {columns} columns of numbers \
                 lined up with runs of spaces, which are not read as one separator: save the file with \
                 commas (or single spaces) between the values and load it again"
            ),
        }
    }

    /// The column the note is about, if any.
    pub fn column(&self) -> Option<&str> {
        use IngestNote::*;
        match self {
            NumberFormat { column, .. }
            | DateOrder { column, .. }
            | DateFormats { column, .. }
            | CategoriesMerged { column, .. }
            | TypeRevised { column, .. }
            | IdRepeats { column, .. }
            | EmptyColumn { column }
            | ConstantColumn { column, .. }
            | UnknownOverride { column }
            | PrecisionLoss { column, .. }
            | CodesAsCategories { column, .. } => Some(column),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_message_matches_the_issue_example() {
        let n = IngestNote::CategoriesMerged {
            column: "Gender".into(),
            merges: vec![Merge {
                variants: vec!["male".into(), " Male ".into()],
                into: "Male".into(),
                cells: 12,
            }],
        };
        assert_eq!(n.message(), "column 'Gender': spellings merged: 'male', ' Male ' → 'Male' (12 cells)");
        let json = serde_json::to_string(&n).unwrap();
        assert!(json.contains("\"kind\":\"categories_merged\""));
    }

    #[test]
    fn date_order_serialises_flat() {
        let n = IngestNote::DateOrder {
            column: "d".into(),
            order: DateOrder::DayFirst,
            basis: OrderBasis::Proven { line: 14, value: "13/01/2020".into() },
        };
        let v: serde_json::Value = serde_json::to_value(&n).unwrap();
        assert_eq!(v["basis"], "proven");
        assert_eq!(v["line"], 14);
        assert!(n.message().contains("line 14 has '13/01/2020'"));
    }
}
