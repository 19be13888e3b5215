//! Bytes → [`Table`] (typed columns) plus a list of [`RowIssue`]s, [`IngestNote`]s and per-column
//! [`ColumnSummary`]s. Never does I/O: callers hand it bytes (all at once with [`read_table`], or in slices
//! with [`TableReader`] or [`IngestStream`]). Only a structurally unusable file is an [`IngestError`]; bad
//! rows are data.
//! Also: [`join`] of two tables on an id column, and [`append_columns`] for the labelled CSV export.

mod assemble;
mod builder;
mod date;
mod datestore;
mod dialect;
mod dict;
mod digest;
mod distinct;
mod error;
mod export;
mod finish;
mod infer;
mod join;
mod lane;
mod lines;
mod model;
mod names;
mod note;
mod number;
mod options;
mod plain;
mod reader;
mod rows;
mod sample;
mod sniff;
mod split;
mod stream;
mod summary;
mod text;
mod totals;

pub use assemble::Ingested;
pub use dialect::{Dialect, LineEnding, TextEncoding};
pub use digest::{digest, ColumnDigest, IngestDigest};
pub use error::IngestError;
pub use export::{append_columns, append_columns_in_parts};
pub use finish::{default_role, spelling_key};
pub use join::{join, JoinError, JoinKind, JoinReport, Joined, KeyReport};
pub use model::*;
pub use names::{is_customer_name, is_id_name, is_place_or_contact_code, is_year_name};
pub use note::{DateFormatCount, IngestNote, Merge, OrderBasis};
pub use options::{ColumnOverride, DateOrder, IngestOptions, ValidOptions};
pub use reader::TableReader;
pub use stream::{read_table, IngestStream};
pub use summary::{ColumnSummary, Histogram, ValueCount, HISTOGRAM_BINS};
