//! Transactions → per-customer RFM features, quintile RFM scores and named RFM segments.
//!
//! [`detect_mapping`] proposes which columns are the customer, date and money; [`customer_features`] applies
//! the stated cleaning rules and aggregates per customer exactly as lifetimes'
//! `summary_data_from_transaction_data` does; [`rfm_scores`] scores and names the customers.
//!
//! ```
//! use segscope::engine::features::rfm::{customer_features, detect_mapping, rfm_scores, CivilDate, RfmOptions};
//! use segscope::engine::progress::Silent;
//! use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};
//!
//! let day = |d| CivilDate::new(2024, 1, d).unwrap().seconds();
//! let col = |name: &str, kind, data| Column { name: name.into(), kind, role: ColumnRole::Feature, data };
//! let ids = ["a", "a", "b"].map(|s| Some(s.to_string())).to_vec();
//! let log = Table {
//!     source: "orders.csv".into(),
//!     columns: vec![
//!         col("customer_id", ColumnKind::Identifier, ColumnData::Texts(ids)),
//!         col("order_date", ColumnKind::Date, ColumnData::Numbers(vec![day(1), day(8), day(3)])),
//!         col("revenue", ColumnKind::Numeric, ColumnData::Numbers(vec![10.0, 30.0, 5.0])),
//!     ],
//!     row_lines: vec![2, 3, 4],
//! };
//! let proposal = detect_mapping(&log).unwrap();
//! let features = customer_features(&log, &proposal.mapping, &RfmOptions::default(), &mut Silent).unwrap();
//! let a = &features.customers[0];
//! assert_eq!((a.frequency, a.first_to_last, a.tenure, a.monetary_value), (1.0, 7.0, 7.0, 30.0));
//! assert_eq!(rfm_scores(&features.customers).customers.len(), 2);
//! ```

mod build;
mod calendar;
mod clean;
mod detect;
mod detect_names;
mod error;
mod grouping_key;
mod log_checks;
mod mapping;
mod options;
mod scores;
mod summary;

pub use build::{customer_features, CustomerFeatures, FeatureReport};
pub use calendar::{CivilDate, PeriodUnit};
pub use clean::{RuleApplied, RuleKind};
pub use detect::{detect_mapping, MappingProposal, MIN_REPEATED_SHARE, NO_REPEATS_CONFIDENCE};
pub use error::{Result, RfmError};
pub use mapping::{is_cancelled_status, is_status_column, AmountSource, TransactionMapping};
pub use options::{ReturnsRule, RfmOptions, ValidRfmOptions};
pub use scores::{quintile_scores, rfm_scores, RfGrid, RfmScore, RfmScores, RfmSegment, SegmentCount};
pub use summary::{id_order, CustomerRecord};
