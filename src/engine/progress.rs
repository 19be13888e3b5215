//! Progress, cancellation and time, supplied by the caller so that the engine stays pure.
//!
//! The engine never reads a clock or a flag itself: the worker passes a monitor that reads
//! `performance.now()`, the CLI one that reads `Instant`, tests [`Silent`].

/// What a long computation reports to, and asks, its caller.
pub trait Monitor {
    /// `stage` is a short human label ("k-means", "silhouette"); `fraction` is in 0..=1 for that stage.
    fn progress(&mut self, stage: &str, fraction: f64);
    /// True when the caller wants the computation to stop as soon as it can.
    fn cancelled(&self) -> bool {
        false
    }
    /// Milliseconds since an arbitrary origin; used only for reported timings.
    fn now_ms(&self) -> f64 {
        0.0
    }
}

/// A monitor that ignores progress, never cancels and reports zero time.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Monitor for Silent {
    fn progress(&mut self, _stage: &str, _fraction: f64) {}
}

/// Returned by long computations when [`Monitor::cancelled`] became true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the run was cancelled")]
pub struct Cancelled;

/// Reports progress at most every `every` steps of a loop, so that hot loops stay cheap.
pub fn tick(
    monitor: &mut dyn Monitor,
    stage: &str,
    i: usize,
    n: usize,
    every: usize,
) -> Result<(), Cancelled> {
    if every == 0 || i.is_multiple_of(every) {
        monitor.progress(stage, if n == 0 { 1.0 } else { i as f64 / n as f64 });
        if monitor.cancelled() {
            return Err(Cancelled);
        }
    }
    Ok(())
}
