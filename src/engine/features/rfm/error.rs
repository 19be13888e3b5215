//! The one error type of the RFM feature stage: bad options, a mapping that does not fit the table, nothing left.

use super::clean::RuleApplied;
use crate::engine::progress::Cancelled;
use crate::engine::table::ColumnKind;

/// What went wrong while turning transactions into per-customer features.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RfmError {
    #[error("freq_multiplier must be >= 1, got {0}")]
    FreqMultiplier(u32),
    #[error("{role} column {name:?} is not in the table")]
    MissingColumn { role: &'static str, name: String },
    #[error("{role} column {name:?} must be {expected}; it was read as {found:?}")]
    WrongKind { role: &'static str, name: String, expected: &'static str, found: ColumnKind },
    #[error("the mapping uses column {name:?} for both {first} and {second}")]
    SameColumnTwice { name: String, first: &'static str, second: &'static str },
    #[error("no usable purchases: {rows} rows read, none kept after the rules{}", excluded(.rules))]
    NoPurchases { rows: usize, rules: Vec<RuleApplied> },
    #[error("{0}")]
    Cancelled(#[from] Cancelled),
}

/// The rules that excluded rows, as sentences after a colon ("" when none did).
fn excluded(rules: &[RuleApplied]) -> String {
    let said: Vec<&str> = rules.iter().filter(|r| r.rows > 0).map(|r| r.sentence.as_str()).collect();
    match said.is_empty() {
        true => String::new(),
        false => format!(" ({})", said.join("; ")),
    }
}

/// Results of this module.
pub type Result<T> = std::result::Result<T, RfmError>;
