//! The leptos UI: thin components over plain types. Browser resources sit behind `use_*` hooks; the one
//! `<ChartCanvas>` owns canvases; the worker sits behind `use_pipeline_worker`.

mod app;
mod chart_canvas;
mod data_panel;
mod results;
mod run_controller;
mod segment_panel;
mod worker_bridge;

pub use app::App;
pub use run_controller::{DataChoice, RunController};
