//! View models: a [`Report`](crate::engine::pipeline::Report) turned into what people look at — chart specs,
//! formatted numbers, the self-contained HTML report. Pure Rust, shared by the browser UI and the CLI, tested
//! natively.

pub mod charts;
pub mod explore;
pub mod format;
pub mod html;
pub mod segment;
