//! The contract between the k sweep (and consensus) and the clustering algorithms: fit one k, return labels.
//!
//! The engine's k-means, GMM and hierarchical modules each implement [`SweepClusterer`]; the sweep never
//! names them. [`Within`] maps a clusterer's own progress into the sweep's progress range.

use ndarray::ArrayView2;

use crate::engine::progress::Monitor;

/// What one fit at a given k gives the sweep.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SweepFit {
    /// One label per row, segments numbered from 0 (−1 = noise is allowed but is scored as a label).
    pub labels: Vec<i32>,
    /// Within-cluster sum of squares, if the algorithm has its own (else the sweep computes it from labels).
    pub inertia: Option<f64>,
    /// Bayesian information criterion of a mixture fit (lower is better), if the algorithm has one.
    pub bic: Option<f64>,
}

/// A clustering algorithm that can be fitted at a given number of segments.
///
/// Implementations must be deterministic in `seed` and should check `monitor.cancelled()` in long loops;
/// an error message is reported with the algorithm's name and k.
pub trait SweepClusterer {
    /// Short name shown in the sweep table ("k-means", "GMM", "Ward").
    fn name(&self) -> &str;
    /// Fits `k` segments to the rows of `x` (finite, standardized as the caller wants).
    fn fit_k(
        &self,
        x: ArrayView2<f64>,
        k: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<SweepFit, String>;
}

/// A monitor that reports an inner computation's progress as the `lo..hi` part of an outer stage.
pub struct Within<'a> {
    outer: &'a mut dyn Monitor,
    stage: &'a str,
    lo: f64,
    hi: f64,
}

impl<'a> Within<'a> {
    /// Maps inner progress 0..1 to `lo..hi` of `stage` on `outer`.
    pub fn new(outer: &'a mut dyn Monitor, stage: &'a str, lo: f64, hi: f64) -> Self {
        Self { outer, stage, lo, hi }
    }
}

impl Monitor for Within<'_> {
    fn progress(&mut self, _stage: &str, fraction: f64) {
        let f = fraction.clamp(0.0, 1.0);
        self.outer.progress(self.stage, self.lo + f * (self.hi - self.lo));
    }
    fn cancelled(&self) -> bool {
        self.outer.cancelled()
    }
    fn now_ms(&self) -> f64 {
        self.outer.now_ms()
    }
}
