//! Gradient descent with momentum and per-coordinate gains (delta-bar-delta), one call per phase, exactly
//! as scikit-learn's `_gradient_descent`: gains +0.2 when the gradient changes sign against the last update,
//! ×0.8 otherwise, floored at 0.01; the error is computed only every 50 iterations and on the last one;
//! a phase stops early after `n_iter_without_progress` iterations without a lower error or when the
//! norm of the gain-scaled gradient reaches `min_grad_norm`. Each phase starts with zero update and unit gains.

use super::error::{Result, TsneError};
use super::TsneStop;
use crate::engine::progress::{Cancelled, Monitor};

/// scikit-learn's `_N_ITER_CHECK`: iterations between error evaluations and convergence checks.
pub const N_ITER_CHECK: usize = 50;
/// scikit-learn's `min_gain`.
const MIN_GAIN: f64 = 0.01;
/// Iterations between progress reports (cancellation is checked on every iteration).
const REPORT_EVERY: usize = 10;

/// The objective: `(map, compute_error, gradient out) -> Some(KL divergence)` when asked for it.
pub type Objective<'a, const D: usize> = dyn FnMut(&[[f64; D]], bool, &mut [[f64; D]]) -> Option<f64> + 'a;

/// One phase of the descent: iterations `start..end` (absolute numbers, as the 50-iteration checks use them).
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    pub start: usize,
    pub end: usize,
    pub momentum: f64,
    pub n_iter_without_progress: usize,
    pub learning_rate: f64,
    pub min_grad_norm: f64,
}

/// How a phase ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhaseEnd {
    /// The last error computed (f64::MAX when the phase ran no iteration, as scikit-learn).
    pub error: f64,
    /// The last iteration run (`start` when none ran).
    pub last: usize,
    /// Number of iterations run.
    pub ran: usize,
    /// Why it stopped.
    pub stop: TsneStop,
}

/// Reports progress of the whole descent (iteration `i` of `total`) and checks for cancellation.
pub struct Progress<'m> {
    pub monitor: &'m mut dyn Monitor,
    pub stage: &'static str,
    /// Fractions of the stage that the iterations span.
    pub from: f64,
    pub to: f64,
    pub total: usize,
}

impl Progress<'_> {
    fn step(&mut self, i: usize) -> std::result::Result<(), Cancelled> {
        if i.is_multiple_of(REPORT_EVERY) {
            let f = if self.total == 0 { 1.0 } else { i as f64 / self.total as f64 };
            self.monitor.progress(self.stage, self.from + (self.to - self.from) * f);
        }
        if self.monitor.cancelled() {
            return Err(Cancelled);
        }
        Ok(())
    }
}

/// Runs one phase on `y` with `objective(y, compute_error, grad) -> error`.
pub fn descend<const D: usize>(
    y: &mut [[f64; D]],
    phase: Phase,
    objective: &mut Objective<'_, D>,
    progress: &mut Progress<'_>,
) -> Result<PhaseEnd> {
    let n = y.len();
    let mut update = vec![[0.0; D]; n];
    let mut gains = vec![[1.0_f64; D]; n];
    let mut grad = vec![[0.0; D]; n];
    let mut end = PhaseEnd { error: f64::MAX, last: phase.start, ran: 0, stop: TsneStop::MaxIter };
    let mut best_error = f64::MAX;
    let mut best_iter = phase.start;
    for i in phase.start..phase.end {
        progress.step(i)?;
        let check = (i + 1).is_multiple_of(N_ITER_CHECK);
        let error = objective(y, check || i + 1 == phase.end, &mut grad);
        end.error = error.unwrap_or(f64::NAN);
        end.last = i;
        end.ran += 1;
        let mut grad_norm2 = 0.0;
        for ((yi, ui), (gi, gain)) in
            y.iter_mut().zip(update.iter_mut()).zip(grad.iter_mut().zip(gains.iter_mut()))
        {
            for a in 0..D {
                if ui[a] * gi[a] < 0.0 {
                    gain[a] += 0.2;
                } else {
                    gain[a] *= 0.8;
                }
                gain[a] = gain[a].max(MIN_GAIN);
                gi[a] *= gain[a];
                grad_norm2 += gi[a] * gi[a];
                ui[a] = phase.momentum * ui[a] - phase.learning_rate * gi[a];
                yi[a] += ui[a];
            }
            if !yi.iter().all(|v| v.is_finite()) {
                return Err(TsneError::Diverged { iteration: i });
            }
        }
        if check {
            if end.error < best_error {
                best_error = end.error;
                best_iter = i;
            } else if i - best_iter > phase.n_iter_without_progress {
                end.stop = TsneStop::NoProgress;
                break;
            }
            if grad_norm2.sqrt() <= phase.min_grad_norm {
                end.stop = TsneStop::SmallGradient;
                break;
            }
        }
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;

    fn phase(end: usize) -> Phase {
        Phase {
            start: 0,
            end,
            momentum: 0.5,
            n_iter_without_progress: 300,
            learning_rate: 0.1,
            min_grad_norm: 1e-7,
        }
    }

    fn quadratic(y: &[[f64; 1]], _e: bool, g: &mut [[f64; 1]]) -> Option<f64> {
        g[0][0] = 2.0 * y[0][0];
        Some(y[0][0] * y[0][0])
    }

    #[test]
    fn minimises_a_quadratic_and_stops_on_a_small_gradient() {
        let mut y = vec![[3.0]];
        let mut p = Progress { monitor: &mut Silent, stage: "t", from: 0.0, to: 1.0, total: 10_000 };
        let end = descend(&mut y, phase(10_000), &mut quadratic, &mut p).unwrap();
        assert_eq!(end.stop, TsneStop::SmallGradient);
        assert!(y[0][0].abs() < 1e-6);
        assert_eq!((end.last + 1) % N_ITER_CHECK, 0);
    }

    #[test]
    fn no_progress_stops_the_phase() {
        let mut y = vec![[1.0]];
        let mut flat = |_: &[[f64; 1]], _: bool, g: &mut [[f64; 1]]| {
            g[0][0] = 1.0;
            Some(1.0)
        };
        let mut p = Progress { monitor: &mut Silent, stage: "t", from: 0.0, to: 1.0, total: 1000 };
        let ph = Phase { n_iter_without_progress: 100, ..phase(1000) };
        let end = descend(&mut y, ph, &mut flat, &mut p).unwrap();
        // best at i = 49; the first check with i − 49 > 100 is i = 199
        assert_eq!((end.stop, end.last, end.ran), (TsneStop::NoProgress, 199, 200));
    }

    #[test]
    fn error_only_on_checks_and_the_last_iteration() {
        let mut y = vec![[1.0]];
        let mut asked = Vec::new();
        let mut obj = |y: &[[f64; 1]], e: bool, g: &mut [[f64; 1]]| {
            asked.push(e);
            g[0][0] = 2.0 * y[0][0];
            e.then_some(1.0)
        };
        let mut p = Progress { monitor: &mut Silent, stage: "t", from: 0.0, to: 1.0, total: 120 };
        let ph = Phase { min_grad_norm: 0.0, ..phase(120) };
        descend(&mut y, ph, &mut obj, &mut p).unwrap();
        let at: Vec<usize> = asked.iter().enumerate().filter(|(_, &e)| e).map(|(i, _)| i).collect();
        assert_eq!(at, vec![49, 99, 119]);
    }

    #[test]
    fn divergence_is_an_error() {
        let mut y = vec![[1.0]];
        let mut blow = |_: &[[f64; 1]], _: bool, g: &mut [[f64; 1]]| {
            g[0][0] = f64::INFINITY;
            None
        };
        let mut p = Progress { monitor: &mut Silent, stage: "t", from: 0.0, to: 1.0, total: 10 };
        assert_eq!(descend(&mut y, phase(10), &mut blow, &mut p), Err(TsneError::Diverged { iteration: 0 }));
    }
}
