//! Full-batch k-means: n_init k-means++ restarts of Lloyd (or Hamerly), each refined by Hartigan moves, keeping
//! the lowest inertia; then, with `refine` on, a swap polish of the best (see `swap.rs`).

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::dense::inertia;
use super::dense::Dense;
use super::error::{KMeansError, Result};
use super::hartigan::refine;
use super::init::kmeans_plus_plus;
use super::lloyd::{run, Run, Slot};
use super::model::{FittedKMeans, KMeansFit};
use super::params::{KMeansParams, KMeansValidParams};
use super::swap::{polish, Polish, BUDGET_SHARE};
use crate::engine::cluster::common::FitInfo;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::sub_rng;

impl KMeansValidParams {
    /// Fits k-means to the rows of `x` (all weights 1).
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<KMeansFit> {
        self.fit_weighted(x, None, monitor)
    }

    /// Fits k-means with one non-negative weight per row (e.g. micro-cluster sizes); the centroids are
    /// weighted means and the inertia a weighted sum, as scikit-learn's `sample_weight`.
    pub fn fit_weighted(
        &self,
        x: ArrayView2<f64>,
        weights: Option<&[f64]>,
        monitor: &mut dyn Monitor,
    ) -> Result<KMeansFit> {
        let start = monitor.now_ms();
        let data = self.data(x, weights)?;
        let all = self.restarts_on(&data, 0..self.0.n_init, monitor)?;
        self.finish_on(&data, vec![all], start, monitor)
    }

    /// The centred data, checked against k.
    fn data(&self, x: ArrayView2<f64>, weights: Option<&[f64]>) -> Result<Dense> {
        let data = Dense::new(x, weights)?;
        if self.0.n_clusters > data.n {
            return Err(KMeansError::TooManyClusters { n_clusters: self.0.n_clusters, n_rows: data.n });
        }
        Ok(data)
    }

    /// Runs restarts `rs` (each a k-means++ start and its descent; restart r draws from `sub_rng(seed, r)`,
    /// so it is the same wherever it runs) and keeps the best of them. The browser's worker pool runs the
    /// restarts of one fit on several workers and hands the parts to [`KMeansValidParams::fit_from_restarts`].
    pub fn restarts(
        &self,
        x: ArrayView2<f64>,
        weights: Option<&[f64]>,
        rs: std::ops::Range<usize>,
        monitor: &mut dyn Monitor,
    ) -> Result<Restarts> {
        self.restarts_on(&self.data(x, weights)?, rs, monitor)
    }

    fn restarts_on(
        &self,
        data: &Dense,
        rs: std::ops::Range<usize>,
        monitor: &mut dyn Monitor,
    ) -> Result<Restarts> {
        let p = &self.0;
        let tol = data.scaled_tol(p.tol);
        let mut part = Restarts::default();
        for r in rs {
            let mut rng = sub_rng(p.seed, r as u64);
            let init = kmeans_plus_plus(data, p.n_clusters, &mut rng, monitor)?;
            let (out, d) = descend(data, init, p, tol, usize::MAX, None, monitor, (r, p.n_init))?;
            part.summaries.push(RestartSummary {
                r,
                inertia: out.inertia,
                passes: out.iterations + d.sweeps,
                relocations: out.relocations,
                moves: d.moves,
                sweeps: d.sweeps,
            });
            if part.best.as_ref().is_none_or(|b| out.inertia < b.inertia) {
                part.best = Some(BestRestart {
                    r,
                    centres: out.centres,
                    labels: out.labels,
                    inertia: out.inertia,
                    iterations: out.iterations,
                    converged: out.converged,
                });
            }
        }
        Ok(part)
    }

    /// The fit from the parts of its restarts (together every restart `0..n_init` once, in any order): the
    /// best restart (lowest inertia, the first one on a tie, as when they run in order), then the swap polish
    /// and the notes. Identical to [`KMeansValidParams::fit_weighted`] however the restarts were split.
    /// `start` is the clock (`monitor.now_ms()`) when the restarts began, for the fit's elapsed time.
    pub fn fit_from_restarts(
        &self,
        x: ArrayView2<f64>,
        weights: Option<&[f64]>,
        parts: Vec<Restarts>,
        start: f64,
        monitor: &mut dyn Monitor,
    ) -> Result<KMeansFit> {
        self.finish_on(&self.data(x, weights)?, parts, start, monitor)
    }

    fn finish_on(
        &self,
        data: &Dense,
        parts: Vec<Restarts>,
        start: f64,
        monitor: &mut dyn Monitor,
    ) -> Result<KMeansFit> {
        let p = &self.0;
        let tol = data.scaled_tol(p.tol);
        let mut summaries: Vec<RestartSummary> = Vec::new();
        let mut best: Option<BestRestart> = None;
        for part in parts {
            summaries.extend(part.summaries);
            if let Some(b) = part.best {
                if best.as_ref().is_none_or(|k| (b.inertia, b.r) < (k.inertia, k.r)) {
                    best = Some(b);
                }
            }
        }
        summaries.sort_by_key(|s| s.r);
        let complete = summaries.iter().map(|s| s.r).eq(0..p.n_init);
        let best = match best {
            Some(b) if complete && b.labels.len() == data.n && b.centres.len() == p.n_clusters * data.d => b,
            _ => return Err(KMeansError::Restarts { n_init: p.n_init }),
        };
        let inertias: Vec<f64> = summaries.iter().map(|s| s.inertia).collect();
        let relocations: usize = summaries.iter().map(|s| s.relocations).sum();
        let moves: usize = summaries.iter().map(|s| s.moves).sum();
        let sweeps: usize = summaries.iter().map(|s| s.sweeps).sum();
        let work: usize = summaries.iter().map(|s| s.passes).sum();
        let mut best = Run {
            centres: best.centres,
            labels: best.labels,
            inertia: best.inertia,
            iterations: best.iterations,
            converged: best.converged,
            relocations: 0,
        };
        monitor.progress("k-means", 1.0);
        let polished = if p.refine {
            let budget = (work as f64 * BUDGET_SHARE).ceil() as usize;
            let mut rng = sub_rng(p.seed, p.n_init as u64);
            let mut step = |init: Vec<f64>, max: usize, current: &[u32], m: &mut dyn Monitor| {
                descend(data, init, p, tol, max, Some(current), m, (0, 1)).map(|(run, d)| {
                    let used = run_passes(&run, &d);
                    (run, used)
                })
            };
            Some(polish(data, &mut best, p.n_clusters, budget, &mut rng, monitor, &mut step)?)
        } else {
            None
        };
        let mut notes = vec![format!(
            "{} k-means++ restart(s), {:?} passes; best inertia {:.6} after {} pass(es)",
            p.n_init, p.algorithm, best.inertia, best.iterations
        )];
        if moves > 0 {
            notes.push(format!(
                "Hartigan refinement moved {moves} row(s) in {sweeps} sweep(s) across the restarts, lowering their inertia"
            ));
        }
        if let Some(pol) = &polished {
            notes.extend(polish_notes(pol));
        }
        if relocations > 0 {
            notes.push(format!("{relocations} empty cluster(s) relocated to the farthest row"));
        }
        if !best.converged {
            notes.push(match &polished {
                Some(pol) if !pol.swaps.is_empty() => format!(
                    "the kept swap's descent stopped at max_iter = {} or at the polish budget before converging",
                    p.max_iter
                ),
                _ => format!("the best run reached max_iter = {} before converging", p.max_iter),
            });
        }
        Ok(finish(
            data,
            best.centres,
            best.labels,
            best.inertia,
            inertias,
            best.iterations,
            best.converged,
            FitInfo { elapsed_ms: monitor.now_ms() - start, notes, ..FitInfo::default() },
        ))
    }
}

/// One restart's numbers (a part of [`Restarts`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestartSummary {
    pub r: usize,
    pub inertia: f64,
    /// Lloyd passes plus Hartigan sweeps (the swap polish's budget is a share of their sum).
    pub passes: usize,
    pub relocations: usize,
    pub moves: usize,
    pub sweeps: usize,
}

/// The best restart of a part, with its partition (centred centres, `k × d`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestRestart {
    pub r: usize,
    pub centres: Vec<f64>,
    pub labels: Vec<u32>,
    pub inertia: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// Some restarts of a fit: each one's numbers and the best one's partition.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Restarts {
    pub summaries: Vec<RestartSummary>,
    pub best: Option<BestRestart>,
}

/// What the Hartigan step of one descent did.
struct Refinement {
    moves: usize,
    sweeps: usize,
}

/// Passes a descent used: Lloyd passes plus Hartigan sweeps.
fn run_passes(run: &Run, r: &Refinement) -> usize {
    run.iterations + r.sweeps
}

/// One descent from `init`: Lloyd (or Hamerly) passes, then Hartigan sweeps when `refine` is on, together at
/// most `max_passes` (`usize::MAX`: no limit but `max_iter` for each; otherwise Hartigan gets what Lloyd left;
/// at least one Lloyd pass always runs). When Lloyd lands on the labels `current` (the partition the swap
/// polish started from, already refined), Hartigan is skipped: it would sweep once and move nothing.
#[allow(clippy::too_many_arguments)]
fn descend(
    data: &Dense,
    init: Vec<f64>,
    p: &KMeansParams,
    tol: f64,
    max_passes: usize,
    current: Option<&[u32]>,
    monitor: &mut dyn Monitor,
    slot: Slot,
) -> std::result::Result<(Run, Refinement), Cancelled> {
    let lloyd_max = p.max_iter.min(max_passes).max(1);
    let mut out = run(data, init, p.n_clusters, lloyd_max, tol, p.algorithm, monitor, slot)?;
    let mut r = Refinement { moves: 0, sweeps: 0 };
    let sweeps_max = p.max_iter.min(max_passes.saturating_sub(out.iterations));
    if p.refine && sweeps_max > 0 && current != Some(&out.labels[..]) {
        let refined = refine(data, &out.centres, p.n_clusters, &mut out.labels, sweeps_max, monitor)?;
        r = Refinement { moves: refined.moves, sweeps: refined.sweeps };
        if refined.moves > 0 {
            out.inertia = inertia(data, &refined.centres, &out.labels);
            out.centres = refined.centres;
        }
    }
    Ok((out, r))
}

/// Notes on the swap polish: each kept swap (the first few), then what was tried.
fn polish_notes(pol: &Polish) -> Vec<String> {
    const LISTED: usize = 3;
    let mut notes: Vec<String> = pol
        .swaps
        .iter()
        .take(LISTED)
        .map(|s| {
            format!(
                "swap polish moved centre {} to row {}, inertia {:.6} → {:.6}",
                s.centre, s.row, s.before, s.after
            )
        })
        .collect();
    if pol.swaps.len() > LISTED {
        notes.push(format!("… and {} more swap(s)", pol.swaps.len() - LISTED));
    }
    notes.push(format!(
        "swap polish tried {} centre relocation(s), {} kept; it used {} pass(es) of its budget of {} \
         ({BUDGET_SHARE} × the restarts' Lloyd passes and Hartigan sweeps)",
        pol.trials,
        pol.swaps.len(),
        pol.passes,
        pol.budget,
    ));
    notes
}

/// Builds the fit result from centred centroids (adds the column means back).
#[allow(clippy::too_many_arguments)]
pub(crate) fn finish(
    data: &Dense,
    centres: Vec<f64>,
    labels: Vec<u32>,
    inertia: f64,
    restart_inertias: Vec<f64>,
    iterations: usize,
    converged: bool,
    info: FitInfo,
) -> KMeansFit {
    let centroids = centres
        .chunks_exact(data.d)
        .map(|c| c.iter().zip(&data.mean).map(|(v, m)| v + m).collect())
        .collect();
    KMeansFit {
        model: FittedKMeans { centroids },
        labels: labels.iter().map(|&l| l as i32).collect(),
        info: FitInfo { iterations, converged, ..info },
        inertia,
        restart_inertias,
    }
}
