//! Bytes → [`Table`] (typed columns) plus a list of [`RowIssue`]s. Never does I/O: callers hand it bytes.

mod model;

pub use model::*;
