//! What every clustering algorithm shares: the noise label, fit diagnostics and the predict contract.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// The label of a point that belongs to no segment (DBSCAN noise). Segments are numbered 0, 1, 2, …
pub const NOISE: i32 = -1;

/// How a fit went.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FitInfo {
    /// Iterations of the best run (EM steps, Lloyd passes, merges…).
    pub iterations: usize,
    /// False when the iteration limit was reached before the tolerance.
    pub converged: bool,
    /// Wall time of the whole fit, from the caller's clock (see [`crate::engine::progress::Monitor::now_ms`]).
    pub elapsed_ms: f64,
    /// Plain-language notes on what the fit did (restarts, fallbacks, caps that applied).
    pub notes: Vec<String>,
}

/// A fitted model that assigns new rows (with the same features, preprocessed the same way) to segments.
pub trait Predict {
    /// One label per row of `x`; [`NOISE`] where the model assigns none.
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32>;
}
