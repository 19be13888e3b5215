//! segscope: customer segmentation that runs entirely in the browser.
//!
//! Code map (see README "Architecture"):
//! - [`engine`]   pure Rust: bytes + config → report. No browser, UI, I/O or clock. Deterministic.
//! - [`charts`]   report → chart spec → `draw<DB: DrawingBackend>`: canvas in the browser, SVG in tests/reports.
//! - [`protocol`] the UI ⇄ worker messages; serde lives only at this boundary.
//! - `worker`     (wasm) the web-worker shim: decode → engine → post progress / result / error.
//! - `ui`         (wasm) leptos components over plain types; browser resources behind `use_*` hooks.

pub mod charts;
pub mod engine;
pub mod protocol;
pub mod views;

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;

/// File name of the bundled sample dataset (served from `public/sample/`).
pub const SAMPLE_FILE_NAME: &str = "wholesale_customers.csv";
