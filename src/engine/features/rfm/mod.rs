//! Transactions → per-customer RFM features, quintile RFM scores and named RFM segments.
//!
//! [`detect_mapping`] proposes which columns are the customer, date and money; [`customer_features`] applies
//! the stated cleaning rules and aggregates per customer exactly as lifetimes'
//! `summary_data_from_transaction_data` does; [`rfm_scores`] scores and names the customers.

mod build;
mod calendar;
mod clean;
mod detect;
mod error;
mod mapping;
mod options;
mod scores;
mod summary;

pub use build::{customer_features, CustomerFeatures, FeatureReport};
pub use calendar::{CivilDate, PeriodUnit};
pub use clean::{RuleApplied, RuleKind};
pub use detect::{detect_mapping, MappingProposal};
pub use error::{Result, RfmError};
pub use mapping::{AmountSource, TransactionMapping};
pub use options::{ReturnsRule, RfmOptions, ValidRfmOptions};
pub use scores::{quintile_scores, rfm_scores, RfGrid, RfmScore, RfmScores, RfmSegment, SegmentCount};
pub use summary::{id_order, CustomerRecord};
