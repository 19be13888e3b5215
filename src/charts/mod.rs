//! Report → chart spec → `draw<DB: DrawingBackend>(area, &spec, &theme)`. No DOM code here: the browser
//! passes a canvas backend, tests and reports pass plotters' SVG backend, and both call the same function.
//!
//! Specs are plain data (numbers and names, never engine types); the UI maps engine results into them.
//! Every draw fills the background, sizes everything through `Theme::px` / `Theme::font_px`, colours
//! segments with `palette::segment_colour`, and draws a "No data" panel for empty or degenerate input.
//!
//! Code map: `scatter` (segment map, drawn in steps), `density` (the map's shading of every customer), `bars`
//! (segment sizes), `ksweep` (criteria against k), `silhouette`, `heatmap` (profiles, correlations),
//! `boxplot`, `dendrogram`, `kdistance` (DBSCAN eps), `weights` (mixture components), `stability` (consensus
//! segments' bootstrap Jaccard), `importance` (features), `rfm` (segment counts, R × F grid), `clv` (CLV
//! histogram, P(alive) scatter), `drift` (share shift, PSI). Shared: `frame` (title, legend, No data), `format`
//! (ticks, numbers), `common` (styles, hatching, error bars), `hbar` (horizontal-bar layout), `scale` (cell
//! colour scales), `svg` (render to a string).

pub mod bars;
pub mod boxplot;
pub mod clv;
pub mod common;
pub mod data_table;
pub mod dendrogram;
pub mod density;
pub mod drift;
pub mod format;
pub mod frame;
pub mod hbar;
pub mod heatmap;
pub mod importance;
pub mod kdistance;
pub mod ksweep;
pub mod palette;
pub mod rfm;
pub mod scale;
pub mod scatter;
pub mod silhouette;
pub mod spec;
pub mod stability;
pub mod svg;
pub mod theme;
pub mod weights;

pub use spec::ChartSpec;
pub use theme::Theme;

/// A chart that could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("chart could not be drawn: {0}")]
pub struct ChartError(pub String);

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}
