//! The leptos UI: thin components over plain types. Browser resources sit behind hooks (`use_pipeline_worker`,
//! `use_redraw_tick`); the one `<ChartCanvas>` owns chart canvases; panels live in `steps/`, one per step.

mod app;
mod chart_canvas;
mod download;
mod embed;
mod later;
mod nav;
mod perf;
mod run_controller;
mod slices;
mod state;
mod status;
mod steps;
mod text_canvas;
mod toolbar;
mod widgets;
mod worker_bridge;
mod workspace;

pub use app::App;
pub use run_controller::{DataChoice, RunController};
pub use state::{AppContext, Status, Step};
