//! Everything that can stop preprocessing, each with the column and the rule it broke.

use crate::engine::progress::Cancelled;

/// A preprocessing failure. Messages are lowercase, name the column where there is one, state the rule and the
/// value received.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PrepError {
    /// The table has no data rows.
    #[error("the table has no rows")]
    EmptyTable,
    /// Nothing is left to preprocess.
    #[error("no feature columns: every column is an id, ignored or text")]
    NoFeatures,
    /// A setting names a column the table does not have.
    #[error("{setting}: there is no column named \"{column}\"")]
    UnknownColumn { setting: String, column: String },
    /// `features` lists a column whose kind cannot be a feature.
    #[error("column \"{column}\": {kind} columns cannot be features")]
    NotAFeatureKind { column: String, kind: String },
    /// A rule was asked of a column whose kind it does not apply to.
    #[error("column \"{column}\": {rule} applies to {applies_to} columns, this one is {kind}")]
    RuleNotForKind { column: String, rule: String, applies_to: String, kind: String },
    /// Strategy `constant` without a value.
    #[error("column \"{column}\": constant fill value required for strategy constant")]
    ConstantValueRequired { column: String },
    /// A text fill value for a numeric column.
    #[error(
        "column \"{column}\": constant fill value for a numeric column must be a finite number, got {value}"
    )]
    ConstantValueNotNumber { column: String, value: String },
    /// A numeric parameter outside its range.
    #[error("{param} must be {rule}, got {value}")]
    OutOfRange { param: String, rule: String, value: String },
    /// An ordinal order that does not list a level seen in the data.
    #[error("column \"{column}\": the ordinal order does not list the level \"{level}\"")]
    OrdinalLevelNotListed { column: String, level: String },
    /// An ordinal order that lists a level twice.
    #[error("column \"{column}\": the ordinal order lists \"{level}\" twice")]
    OrdinalLevelRepeated { column: String, level: String },
    /// Every row was removed by a rule.
    #[error("all rows were removed by the {rule}")]
    AllRowsRemoved { rule: String },
    /// Fitted feature columns absent from the table being transformed (all of them, in feature order).
    #[error("{}", missing_columns(columns, *of))]
    MissingColumns { columns: Vec<String>, of: usize },
    /// A column whose length differs from the table's row count (a malformed table).
    #[error("column \"{column}\" has {len} values but the table has {rows} rows")]
    ColumnLength { column: String, len: usize, rows: usize },
    /// A feature whose values are too large to compute distances with (their squares overflow).
    #[error(
        "column \"{column}\": values as large as {largest} are too large to segment on (their squares \
         overflow); divide them by a power of ten, or leave the column out",
        largest = crate::engine::words::scientific(*.largest, 2)
    )]
    TooLarge { column: String, largest: f64 },
    /// The monitor asked to stop.
    #[error("the run was cancelled")]
    Cancelled,
}

impl From<Cancelled> for PrepError {
    fn from(_: Cancelled) -> Self {
        PrepError::Cancelled
    }
}

/// This module's result type.
pub type Result<T> = std::result::Result<T, PrepError>;

/// An [`PrepError::OutOfRange`] for `param`.
pub(crate) fn out_of_range(param: impl Into<String>, rule: &str, value: impl ToString) -> PrepError {
    PrepError::OutOfRange { param: param.into(), rule: rule.to_string(), value: value.to_string() }
}

/// `column "Age" is missing from the file`, or `columns "Age" and "Income" are missing … (2 of the 5 …)`.
fn missing_columns(columns: &[String], of: usize) -> String {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let names: Vec<&str> = quoted.iter().map(String::as_str).collect();
    match columns {
        [_] => format!("column {} is missing from the file", names[0]),
        _ => format!(
            "columns {} are missing from the file ({} of the {of} features)",
            crate::engine::words::and_list(&names),
            columns.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_column_and_rule() {
        let e = PrepError::ConstantValueRequired { column: "Age".into() };
        assert_eq!(e.to_string(), "column \"Age\": constant fill value required for strategy constant");
        let e = PrepError::AllRowsRemoved { rule: "missing-value rule \"drop\"".into() };
        assert_eq!(e.to_string(), "all rows were removed by the missing-value rule \"drop\"");
        assert_eq!(
            PrepError::NoFeatures.to_string(),
            "no feature columns: every column is an id, ignored or text"
        );
        assert_eq!(out_of_range("eps", "> 0", -1).to_string(), "eps must be > 0, got -1");
    }
}
