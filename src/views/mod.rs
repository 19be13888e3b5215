//! View models: a [`Report`](crate::engine::pipeline::Report) turned into what people look at — chart specs,
//! formatted numbers, the self-contained HTML report. Pure Rust, shared by the browser UI and the CLI, tested
//! natively.

pub mod category_shares;
pub mod charts;
pub mod column_text;
pub mod consensus;
pub mod density;
pub mod drift_charts;
pub mod explore;
pub mod format;
pub mod html;
pub mod prep_columns;
pub mod prep_form;
pub mod prep_preview;
pub mod schema;
pub mod segment;
pub mod selection;
pub mod skew;
pub mod transactions;
