//! The sweep itself: for each clusterer and each k, fit, score every criterion, then pick and suggest.
//!
//! Cost per clusterer and k: one fit on all rows (on a seeded sample of `fit_sample_cap` rows above that
//! size), `gap_references` fits on uniform reference sets and `stability_runs` fits on subsamples, the latter
//! two on at most `aux_sample_cap` rows (a seeded sample, plus one more fit of that sample for the gap when
//! the data is larger than the cap). Both caps hold for up to 16 features; wider data gets fewer rows
//! (`ChooseKParams::fit_rows`, `aux_rows`).

use ndarray::{Array2, ArrayView2, Axis, CowArray, Ix2};
use serde::{Deserialize, Serialize};

use super::clusterer::{SweepClusterer, SweepFit, Within};
use super::error::{ChooseKError, Result};
use super::gap::{gap_and_se, log_w, reference_sets};
use super::params::ChooseKValidParams;
use super::result::{AlgorithmSweep, KScore, KSweep};
use super::stability::{pairwise_agreement, subsamples};
use super::suggest::{combine, picks, suggest};
use crate::engine::metrics::{
    calinski_harabasz, davies_bouldin, input::check_finite, sample::sample_rows, silhouette,
    within_sum_of_squares, MetricsError,
};
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::{sub_rng, Rng};

const STAGE: &str = "choose k";

/// A seed for one numbered purpose, derived from the sweep's seed.
fn derive(seed: u64, purpose: u64, k: usize, b: usize) -> u64 {
    sub_rng(seed, (purpose << 48) | ((k as u64) << 24) | b as u64).gen()
}

/// Sweeps k over `params`' range for every clusterer and suggests a k (see the module doc for the rule).
pub fn sweep(
    x: ArrayView2<f64>,
    clusterers: &[&dyn SweepClusterer],
    params: &ChooseKValidParams,
    monitor: &mut dyn Monitor,
) -> Result<KSweep> {
    if clusterers.is_empty() {
        return Err(ChooseKError::NoClusterers);
    }
    let a = clusterers.len() as f64;
    let mut algorithms = Vec::new();
    for (i, c) in clusterers.iter().enumerate() {
        let mut m = Within::new(monitor, STAGE, i as f64 / a, (i + 1) as f64 / a);
        algorithms.push(sweep_one(x, *c, params, &mut m)?);
    }
    Ok(assemble(algorithms))
}

/// The whole sweep from each clusterer's: the overall suggestion is their agreement.
pub fn assemble(algorithms: Vec<AlgorithmSweep>) -> KSweep {
    let suggestion = combine(&algorithms);
    KSweep { algorithms, suggestion }
}

/// The sweep for one clusterer: [`SweepSteps`] taken one after the other.
pub fn sweep_one(
    x: ArrayView2<f64>,
    clusterer: &dyn SweepClusterer,
    params: &ChooseKValidParams,
    monitor: &mut dyn Monitor,
) -> Result<AlgorithmSweep> {
    let mut steps = SweepSteps::new(x, clusterer, params)?;
    while steps.step(monitor)? {}
    Ok(steps.finish())
}

/// The sweep for one clusterer as steps of one k each: a [`SweepPlan`], every k scored in order by
/// [`SweepSteps::step`], then [`SweepPlan::finish`]. A caller can do other things between steps: the
/// browser's worker answers its messages there, so that a newer run stops a sweep computed after a result.
pub struct SweepSteps<'a, 'c> {
    plan: SweepPlan<'a>,
    clusterer: &'c dyn SweepClusterer,
    scores: Vec<ScoredK>,
}

impl<'a, 'c> SweepSteps<'a, 'c> {
    pub fn new(
        x: ArrayView2<'a, f64>,
        clusterer: &'c dyn SweepClusterer,
        params: &ChooseKValidParams,
    ) -> Result<Self> {
        Ok(SweepSteps { plan: SweepPlan::new(x, params)?, clusterer, scores: Vec::new() })
    }

    /// Scores the next k; false (progress at 1) when every k is scored.
    pub fn step(&mut self, monitor: &mut dyn Monitor) -> Result<bool> {
        let (i, n) = (self.scores.len(), self.plan.ks().len());
        let Some(&k) = self.plan.ks().get(i) else {
            monitor.progress(STAGE, 1.0);
            return Ok(false);
        };
        let (lo, hi) = (i as f64 / n as f64, (i + 1) as f64 / n as f64);
        monitor.progress(STAGE, lo);
        if monitor.cancelled() {
            return Err(Cancelled.into());
        }
        let scored = self.plan.score_k(self.clusterer, k, &mut Within::new(monitor, STAGE, lo, hi))?;
        self.scores.push(scored);
        Ok(true)
    }

    /// The sweep from the scores so far (every k, once [`SweepSteps::step`] returned false).
    pub fn finish(self) -> AlgorithmSweep {
        self.plan.finish(self.clusterer, self.scores)
    }
}

/// One k's scores and what its fits had to say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredK {
    pub score: KScore,
    pub notes: Vec<String>,
}

/// What every k of a sweep shares: the rows it fits (a seeded sample above `fit_sample_cap`), the gap
/// statistic's reference sets and the stability subsamples. Each k is scored on its own by
/// [`SweepPlan::score_k`], in any order and anywhere: a plan built from [`SweepPlan::rows`] with the same
/// params scores every k identically (that is how the browser's worker pool splits a sweep), and
/// [`SweepPlan::finish`] puts the scores together.
pub struct SweepPlan<'a> {
    params: ChooseKValidParams,
    x: CowArray<'a, f64, Ix2>,
    aux: Option<Array2<f64>>,
    refs: Vec<Array2<f64>>,
    subs: Vec<Vec<usize>>,
    total_ss: f64,
    gap_at_1: Option<(f64, f64)>,
    ks: Vec<usize>,
    notes: Vec<String>,
}

impl<'a> SweepPlan<'a> {
    /// Checks `x` and draws the samples, reference sets and subsamples of `params`' seed.
    pub fn new(x: impl Into<CowArray<'a, f64, Ix2>>, params: &ChooseKValidParams) -> Result<Self> {
        let x = x.into();
        let (n, d) = x.dim();
        if d == 0 {
            return Err(MetricsError::NoColumns.into());
        }
        let needed = params.k_min() + 1;
        if n < needed {
            return Err(ChooseKError::TooFewRows { rows: n, needed });
        }
        check_finite(x.view())?;
        let mut notes = Vec::new();
        let seed = params.seed();
        let x = if n > params.fit_rows(d) {
            let rows = sample_rows(n, params.fit_rows(d), derive(seed, 7, 0, 0), 0);
            notes.push(format!("every k fitted and scored on a seeded sample of {} of {n} rows", rows.len()));
            CowArray::from(x.select(Axis(0), &rows))
        } else {
            x
        };
        let n = x.nrows();
        let k_max = params.k_max().min(n - 1);
        if k_max < params.k_max() {
            notes.push(format!("k_max lowered from {} to {k_max}: only {n} rows", params.k_max()));
        }
        let aux_rows =
            (n > params.aux_rows(d)).then(|| sample_rows(n, params.aux_rows(d), derive(seed, 6, 0, 0), 0));
        let aux: Option<Array2<f64>> = aux_rows.as_ref().map(|r| x.select(Axis(0), r));
        if let Some(r) = &aux_rows {
            notes.push(format!(
                "gap statistic and stability computed on a seeded sample of {} of {n} rows",
                r.len()
            ));
        }
        let aux_view = aux.as_ref().map(|a| a.view()).unwrap_or_else(|| x.view());
        let refs = reference_sets(aux_view, params.gap_references(), derive(seed, 4, 0, 0));
        let subs = if params.stability_runs() >= 2 {
            subsamples(
                aux_view.nrows(),
                params.stability_runs(),
                params.stability_fraction(),
                derive(seed, 5, 0, 0),
            )
        } else {
            Vec::new()
        };
        let total_ss = within_sum_of_squares(x.view(), &vec![0; n])?;
        let gap_at_1 = if params.k_min() == 2 && !refs.is_empty() {
            let ref_lw: Vec<Option<f64>> =
                refs.iter().map(|r| log_w(r.view(), &vec![0; r.nrows()])).collect();
            log_w(aux_view, &vec![0; aux_view.nrows()]).and_then(|lw| gap_and_se(lw, &ref_lw))
        } else {
            None
        };
        let ks = (params.k_min()..=k_max).collect();
        Ok(SweepPlan { params: params.clone(), x, aux, refs, subs, total_ss, gap_at_1, ks, notes })
    }

    /// The k's to score, ascending.
    pub fn ks(&self) -> &[usize] {
        &self.ks
    }

    /// The rows every k is fitted on (the sample, when there is one).
    pub fn rows(&self) -> ArrayView2<'_, f64> {
        self.x.view()
    }

    /// Fits and scores one k.
    pub fn score_k(
        &self,
        clusterer: &dyn SweepClusterer,
        k: usize,
        monitor: &mut dyn Monitor,
    ) -> Result<ScoredK> {
        let aux = self.aux.as_ref().map(|a| a.view());
        let mut notes = Vec::new();
        let mut run =
            Run { clusterer, params: &self.params, refs: &self.refs, subs: &self.subs, notes: &mut notes };
        let score = run.score_k(
            self.x.view(),
            aux.unwrap_or_else(|| self.x.view()),
            aux.is_some(),
            k,
            monitor,
            (0.0, 1.0),
        )?;
        Ok(ScoredK { score, notes })
    }

    /// The sweep from every k's scores (in any order; each k once).
    pub fn finish(self, clusterer: &dyn SweepClusterer, mut scored: Vec<ScoredK>) -> AlgorithmSweep {
        scored.sort_by_key(|s| s.score.k);
        let mut notes = self.notes;
        let mut scores = Vec::with_capacity(scored.len());
        for s in scored {
            notes.extend(s.notes);
            scores.push(s.score);
        }
        let picks = picks(&scores, self.gap_at_1);
        let suggestion = suggest(&scores, &picks);
        AlgorithmSweep {
            algorithm: clusterer.name().to_string(),
            scores,
            total_ss: self.total_ss,
            gap_at_1: self.gap_at_1,
            picks,
            suggestion,
            notes,
        }
    }
}

struct Run<'a> {
    clusterer: &'a dyn SweepClusterer,
    params: &'a ChooseKValidParams,
    refs: &'a [Array2<f64>],
    subs: &'a [Vec<usize>],
    notes: &'a mut Vec<String>,
}

impl Run<'_> {
    /// Fits and checks one labelling; a failure after a cancel is reported as the cancel.
    fn fit(&self, x: ArrayView2<f64>, k: usize, seed: u64, monitor: &mut dyn Monitor) -> Result<SweepFit> {
        let algorithm = self.clusterer.name();
        let fit = self.clusterer.fit_k(x, k, seed, monitor);
        if monitor.cancelled() {
            return Err(Cancelled.into());
        }
        let fit = fit.map_err(|message| ChooseKError::Fit { algorithm: algorithm.into(), k, message })?;
        if fit.labels.len() != x.nrows() {
            let (rows, got) = (x.nrows(), fit.labels.len());
            return Err(ChooseKError::FitLength { algorithm: algorithm.into(), k, rows, got });
        }
        Ok(fit)
    }

    fn score_k(
        &mut self,
        x: ArrayView2<f64>,
        aux: ArrayView2<f64>,
        aux_is_sample: bool,
        k: usize,
        monitor: &mut dyn Monitor,
        (lo, hi): (f64, f64),
    ) -> Result<KScore> {
        let seed = self.params.seed();
        let steps = (2 + self.refs.len() + self.subs.len()) as f64;
        let part = |s: usize| (lo + (hi - lo) * s as f64 / steps, lo + (hi - lo) * (s + 1) as f64 / steps);
        let fit_seed = derive(seed, 1, k, 0);
        let (a, b) = part(0);
        let main = self.fit(x, k, fit_seed, &mut Within::new(monitor, STAGE, a, b))?;
        let labels = main.labels;
        let inertia = match main.inertia {
            Some(v) => v,
            None => within_sum_of_squares(x, &labels)?,
        };
        let mut sorted = labels.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let n_segments = sorted.len();
        if n_segments < k {
            self.notes.push(format!("k = {k}: the fit produced only {n_segments} segments"));
        }
        let (a, b) = part(1);
        let policy = self.params.silhouette_for(x.ncols());
        let sil = match silhouette(x, &labels, &policy, &mut Within::new(monitor, STAGE, a, b)) {
            Ok(s) => Some(s),
            Err(MetricsError::Cancelled(c)) => return Err(c.into()),
            Err(MetricsError::LabelCount { .. }) => None,
            Err(e) => return Err(e.into()),
        };
        let ch = calinski_harabasz(x, &labels).ok();
        let db = davies_bouldin(x, &labels).ok();

        // gap statistic on the (sampled) data
        let mut gap = None;
        if !self.refs.is_empty() {
            let aux_labels = if aux_is_sample {
                Some(self.fit(aux, k, derive(seed, 7, k, 0), monitor)?.labels)
            } else {
                None
            };
            let lw = log_w(aux, aux_labels.as_deref().unwrap_or(&labels));
            let mut ref_lw = Vec::new();
            for (bi, r) in self.refs.iter().enumerate() {
                let (a, b) = part(2 + bi);
                let mut m = Within::new(monitor, STAGE, a, b);
                let l = self.fit(r.view(), k, derive(seed, 2, k, bi), &mut m)?.labels;
                ref_lw.push(log_w(r.view(), &l));
            }
            gap = lw.and_then(|lw| gap_and_se(lw, &ref_lw));
            if gap.is_none() {
                self.notes
                    .push(format!("k = {k}: gap statistic undefined (a within-cluster sum of squares is 0)"));
            }
        }

        // stability over subsamples of the (sampled) data
        let mut stability = None;
        if !self.subs.is_empty() {
            let mut fits = Vec::new();
            for (bi, s) in self.subs.iter().enumerate() {
                let (a, b) = part(2 + self.refs.len() + bi);
                if s.len() <= k {
                    break;
                }
                let xs = aux.select(Axis(0), s);
                let mut m = Within::new(monitor, STAGE, a, b);
                fits.push(self.fit(xs.view(), k, derive(seed, 3, k, bi), &mut m)?.labels);
            }
            if fits.len() == self.subs.len() {
                stability = pairwise_agreement(self.subs, &fits);
            } else {
                self.notes.push(format!("k = {k}: stability skipped, subsamples too small"));
            }
        }
        Ok(KScore {
            k,
            n_segments,
            fit_seed,
            inertia,
            silhouette: sil.as_ref().map(|s| s.mean),
            silhouette_sampled: sil.as_ref().is_some_and(|s| s.sampled),
            calinski_harabasz: ch,
            davies_bouldin: db,
            bic: main.bic,
            gap: gap.map(|g| g.0),
            gap_se: gap.map(|g| g.1),
            stability: stability.map(|s| s.0),
            stability_sd: stability.map(|s| s.1),
        })
    }
}
