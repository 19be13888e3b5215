//! Fitting t-SNE: the data checks and row caps, the affinities, the initial map, the two descent phases
//! (early exaggeration with momentum 0.5, then momentum 0.8), and the fitted map with its diagnostics.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::affinity::{affinities, exact_affinities, Affinities, ExactAffinities, SparseP};
use super::error::{Result, TsneError};
use super::gradient;
use super::init::initial_map;
use super::input::Rows;
use super::kernel::Kernel;
use super::optimize::{descend, Phase, Progress};
use super::params::{TsneMethod, TsneParams, TsneValidParams, EXACT_MAX_ROWS, MAX_ROWS};
use super::point::Coords;
use crate::engine::progress::Monitor;

/// The progress stage name of every t-SNE report.
pub const STAGE: &str = "t-SNE";
/// Share of the progress bar given to neighbours and affinities; the iterations take the rest.
const AFFINITY_SHARE: f64 = 0.06;

/// Why the descent stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsneStop {
    /// All `max_iter` iterations ran.
    MaxIter,
    /// The KL divergence did not improve for `n_iter_without_progress` iterations.
    NoProgress,
    /// The gradient norm reached `min_grad_norm`.
    SmallGradient,
}

/// How a t-SNE fit went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TsneInfo {
    /// The gradient method used.
    pub method: TsneMethod,
    /// Iterations run in total (scikit-learn's `n_iter_` + 1).
    pub iterations: usize,
    /// Why the descent stopped.
    pub stop: TsneStop,
    /// KL divergence (of the exaggerated P) at the end of the exaggeration phase, if that phase ran.
    pub kl_after_exaggeration: Option<f64>,
    /// The learning rate used (the resolved "auto" value).
    pub learning_rate: f64,
    /// Nearest neighbours per row in the sparse affinities (n − 1 for the exact method).
    pub n_neighbors: usize,
    /// Wall time of the fit from the caller's clock ([`Monitor::now_ms`]).
    pub elapsed_ms: f64,
    /// Plain-language notes on fallbacks taken.
    pub notes: Vec<String>,
}

/// A fitted t-SNE map. t-SNE has no transform for new rows: to place new customers, fit again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tsne {
    /// Dimension of the map.
    pub n_components: usize,
    /// Row-major coordinates: row i is `coordinates[i*n_components..(i+1)*n_components]`.
    pub coordinates: Vec<f64>,
    /// KL(P‖Q) of the final map (scikit-learn's `kl_divergence_`: evaluated at the last iteration, with the
    /// Barnes–Hut estimate of the normaliser for that method).
    pub kl_divergence: f64,
    /// Diagnostics.
    pub info: TsneInfo,
}

impl Tsne {
    /// The map as an `n × n_components` array.
    pub fn embedding(&self) -> Array2<f64> {
        let n = self.coordinates.len().checked_div(self.n_components).unwrap_or(0);
        Array2::from_shape_vec((n, self.n_components), self.coordinates.clone())
            .unwrap_or_else(|_| Array2::zeros((0, self.n_components)))
    }
}

/// Forwards the progress of a sub-step into a span of the t-SNE stage.
struct Span<'m> {
    inner: &'m mut dyn Monitor,
    from: f64,
    to: f64,
}

impl Monitor for Span<'_> {
    fn progress(&mut self, _stage: &str, fraction: f64) {
        self.inner.progress(STAGE, self.from + (self.to - self.from) * fraction);
    }
    fn cancelled(&self) -> bool {
        self.inner.cancelled()
    }
    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }
}

enum Joint {
    Sparse(SparseP),
    Dense(Vec<f64>),
}

impl TsneParams {
    /// Checks the parameters, then fits (see [`TsneValidParams::fit`]).
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<Tsne> {
        self.check()?.fit(x, monitor)
    }
}

impl TsneValidParams {
    /// Checks the data-dependent rules and copies the rows.
    fn rows(&self, x: ArrayView2<f64>) -> Result<Rows> {
        let n = x.nrows();
        if n > MAX_ROWS {
            return Err(TsneError::TooManyRows { rows: n, cap: MAX_ROWS });
        }
        if self.params().method == TsneMethod::Exact && n > EXACT_MAX_ROWS {
            return Err(TsneError::ExactTooManyRows { rows: n, cap: EXACT_MAX_ROWS });
        }
        let rows = Rows::new(x)?;
        let perplexity = self.params().perplexity;
        if perplexity >= n as f64 {
            return Err(TsneError::PerplexityNotBelowRows { perplexity, rows: n });
        }
        Ok(rows)
    }

    /// The Barnes–Hut affinities of `x` (the P that [`fit`](Self::fit) uses with the default method).
    pub fn affinities(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<Affinities> {
        let rows = self.rows(x)?;
        affinities(&rows, self.params().perplexity, self.n_neighbors(rows.n), monitor)
    }

    /// The dense affinities of `x` used by the exact method (at most [`EXACT_MAX_ROWS`] rows).
    pub fn exact_affinities(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<ExactAffinities> {
        if x.nrows() > EXACT_MAX_ROWS {
            return Err(TsneError::ExactTooManyRows { rows: x.nrows(), cap: EXACT_MAX_ROWS });
        }
        let rows = self.rows(x)?;
        exact_affinities(&rows, self.params().perplexity, monitor)
    }

    /// Embeds the rows of `x` (samples × features, finite, 2 ≤ rows ≤ [`MAX_ROWS`]) in `n_components`
    /// dimensions. Reports progress under the stage "t-SNE" and stops with [`TsneError::Cancelled`].
    pub fn fit(&self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> Result<Tsne> {
        let started = monitor.now_ms();
        let rows = self.rows(x)?;
        let mut tsne = match self.params().n_components {
            1 => self.run::<1>(&rows, monitor)?,
            2 => self.run::<2>(&rows, monitor)?,
            _ => self.run::<3>(&rows, monitor)?,
        };
        tsne.info.elapsed_ms = monitor.now_ms() - started;
        monitor.progress(STAGE, 1.0);
        Ok(tsne)
    }

    fn run<const D: usize>(&self, rows: &Rows, monitor: &mut dyn Monitor) -> Result<Tsne>
    where
        [f64; D]: Coords,
    {
        let p = self.params();
        let n = rows.n;
        let mut span = Span { inner: monitor, from: 0.0, to: AFFINITY_SHARE };
        let (joint, n_neighbors) = match p.method {
            TsneMethod::BarnesHut => {
                let a = affinities(rows, p.perplexity, self.n_neighbors(n), &mut span)?;
                (Joint::Sparse(a.joint), a.knn.k)
            }
            TsneMethod::Exact => {
                (Joint::Dense(exact_affinities(rows, p.perplexity, &mut span)?.joint), n - 1)
            }
        };
        let (mut y, notes) = initial_map::<D>(rows, p.init, p.seed);
        let kernel = Kernel { dof: self.degrees_of_freedom() as f64 };
        let objective = |exaggeration: f64| {
            let joint = &joint;
            move |y: &[[f64; D]], error: bool, grad: &mut [[f64; D]]| match joint {
                Joint::Sparse(sp) => gradient::barnes_hut(y, sp, exaggeration, p.angle, kernel, error, grad),
                Joint::Dense(dp) => gradient::exact(y, dp, exaggeration, kernel, error, grad),
            }
        };
        let learning_rate = self.learning_rate(n);
        let mut progress =
            Progress { monitor: span.inner, stage: STAGE, from: AFFINITY_SHARE, to: 1.0, total: p.max_iter };
        let early = Phase {
            start: 0,
            end: p.exaggeration_iter,
            momentum: 0.5,
            n_iter_without_progress: p.exaggeration_iter,
            learning_rate,
            min_grad_norm: p.min_grad_norm,
        };
        let first = descend(&mut y, early, &mut objective(p.early_exaggeration), &mut progress)?;
        let late = Phase {
            start: if first.ran > 0 { first.last + 1 } else { 0 },
            end: p.max_iter,
            momentum: 0.8,
            n_iter_without_progress: p.n_iter_without_progress,
            ..early
        };
        let second = descend(&mut y, late, &mut objective(1.0), &mut progress)?;
        let (kl_divergence, last, stop) = if second.ran > 0 {
            (second.error, second.last, second.stop)
        } else {
            // every iteration was exaggerated: evaluate the true KL divergence of the final map once
            let mut grad = vec![[0.0; D]; n];
            let kl = objective(1.0)(&y, true, &mut grad).unwrap_or(f64::NAN);
            (kl, first.last, first.stop)
        };
        let info = TsneInfo {
            method: p.method,
            iterations: last + 1,
            stop,
            kl_after_exaggeration: (first.ran > 0).then_some(first.error),
            learning_rate,
            n_neighbors,
            elapsed_ms: 0.0,
            notes,
        };
        let coordinates = y.iter().flat_map(|v| v.iter().copied()).collect();
        Ok(Tsne { n_components: D, coordinates, kl_divergence, info })
    }
}
