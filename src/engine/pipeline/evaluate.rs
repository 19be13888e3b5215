//! Evaluation after clustering: quality metrics, the silhouette plot, the sweep over k (with adapters that
//! let the sweep fit the run's own algorithm family) and feature suggestions.

use std::cell::RefCell;

use super::algorithm::{AlgorithmConfig, ClusterExtras};
use super::report::{Metrics, SilhouettePlot};
use crate::engine::choose_k::{self, ChooseKParams, ChooseKValidParams, KSweep, SweepClusterer, SweepFit};
use crate::engine::cluster::gmm::{CovarianceType, GmmParams};
use crate::engine::cluster::hierarchical::{HierarchicalParams, Linkage};
use crate::engine::cluster::kmeans::KMeansParams;
use crate::engine::features::selection::{
    laplacian_scores, select_features, LaplacianScores, Scorer, SelectionInput, SelectionParams,
    SelectionReport,
};
use crate::engine::metrics::sample::sample_rows;
use crate::engine::metrics::silhouette::{Silhouette, SilhouetteJob, SilhouetteParams};
use crate::engine::metrics::{calinski_harabasz, davies_bouldin, silhouette};
use crate::engine::prep::{FittedOutput, FittedScale};
use crate::engine::progress::Monitor;
use ndarray::{Array2, ArrayView2, Axis};

/// Silhouette values kept per segment for the plot.
const SILHOUETTE_PLOT_POINTS: usize = 2_000;

/// Above this many customers the feature suggestions (per-feature statistics and permutation importance) are
/// computed on a seeded sample of this many, with a note. Permutation importance re-scores every customer five
/// times per feature; on a sample of 50,000 an accuracy drop has a standard error below 0.25 percentage points.
pub const SUGGESTION_ROW_CAP: usize = 50_000;
/// Random stream of that sample.
const STREAM_SUGGESTION_SAMPLE: u64 = 0x5E1_0000;

/// The silhouette [`metrics`] will compute, as a job to split (None when metrics would not compute one).
pub fn silhouette_job(
    x: ArrayView2<f64>,
    labels: &[i32],
    params: &SilhouetteParams,
) -> Option<SilhouetteJob> {
    // With noise (DBSCAN) the metrics are taken on the clustered customers only, here rather than split.
    if !silhouette_applies(labels) || labels.contains(&crate::engine::cluster::NOISE) {
        return None;
    }
    params.check().and_then(|p| SilhouetteJob::plan(x, labels, &p)).ok()
}

fn silhouette_applies(labels: &[i32]) -> bool {
    let distinct = labels.iter().collect::<std::collections::BTreeSet<_>>().len();
    distinct >= 2 && distinct < labels.len()
}

/// Metrics of a labelling; a metric that does not apply (one segment, all noise) is `None` with a note.
/// `given` is the silhouette of [`silhouette_job`] when it was computed elsewhere.
pub fn metrics(
    x: ArrayView2<f64>,
    labels: &[i32],
    extras: &ClusterExtras,
    params: &SilhouetteParams,
    given: Option<Silhouette>,
    monitor: &mut dyn Monitor,
    notes: &mut Vec<String>,
) -> (Metrics, Option<SilhouettePlot>) {
    let m = Metrics {
        inertia: extras.inertia,
        bic: extras.bic,
        aic: extras.aic,
        mean_log_likelihood: extras.mean_log_likelihood,
        ..Metrics::default()
    };
    // Noise is no segment: silhouette, Davies–Bouldin and Calinski–Harabasz describe the segments, so they
    // are taken on the clustered customers (as `silhouette_score(X[labels != -1], …)` is, the usual
    // practice).
    let noise = crate::engine::cluster::NOISE;
    let n_noise = labels.iter().filter(|&&l| l == noise).count();
    if n_noise > 0 && n_noise < labels.len() {
        let kept: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] != noise).collect();
        let clustered: Vec<i32> = kept.iter().map(|&i| labels[i]).collect();
        let (m, plot) =
            metrics_of(x.select(Axis(0), &kept).view(), &clustered, m, params, None, monitor, notes);
        if m.silhouette.is_some() || m.davies_bouldin.is_some() {
            notes.push(format!(
                "Silhouette, Davies–Bouldin and Calinski–Harabasz are measured on the {} customers in \
                 segments; the {} marked as noise belong to none.",
                kept.len(),
                n_noise
            ));
        }
        return (m, plot);
    }
    metrics_of(x, labels, m, params, given, monitor, notes)
}

fn metrics_of(
    x: ArrayView2<f64>,
    labels: &[i32],
    mut m: Metrics,
    params: &SilhouetteParams,
    given: Option<Silhouette>,
    monitor: &mut dyn Monitor,
    notes: &mut Vec<String>,
) -> (Metrics, Option<SilhouettePlot>) {
    if !silhouette_applies(labels) {
        let distinct = labels.iter().collect::<std::collections::BTreeSet<_>>().len();
        notes.push(format!("Quality metrics need 2 to n − 1 segments; this run has {distinct}."));
        return (m, None);
    }
    let mut plot = None;
    let computed = match given {
        Some(s) => Ok(s),
        None => params.check().and_then(|p| silhouette(x, labels, &p, monitor)),
    };
    match computed {
        Ok(s) => {
            if s.sampled {
                m.silhouette_sample = Some(s.sample_size);
                notes.push(format!(
                    "The silhouette was computed on a random sample of {} customers.",
                    s.sample_size
                ));
            }
            m.silhouette = Some(s.mean);
            plot = Some(silhouette_plot(&s.values, &s.rows, labels, s.mean));
        }
        Err(e) => notes.push(format!("No silhouette: {e}.")),
    }
    m.davies_bouldin = davies_bouldin(x, labels).ok();
    m.calinski_harabasz = calinski_harabasz(x, labels).ok();
    (m, plot)
}

fn silhouette_plot(values: &[f64], rows: &[usize], labels: &[i32], mean: f64) -> SilhouettePlot {
    let mut by_segment: std::collections::BTreeMap<i32, Vec<f64>> = Default::default();
    for (&v, &r) in values.iter().zip(rows) {
        by_segment.entry(labels[r]).or_default().push(v);
    }
    let segments = by_segment
        .into_iter()
        .map(|(s, mut v)| {
            v.sort_unstable_by(|a, b| b.total_cmp(a)); // equal under total_cmp = the same bits
            if v.len() > SILHOUETTE_PLOT_POINTS {
                let n = v.len();
                v = (0..SILHOUETTE_PLOT_POINTS)
                    .map(|i| v[i * (n - 1) / (SILHOUETTE_PLOT_POINTS - 1)])
                    .collect();
            }
            (s, v)
        })
        .collect();
    SilhouettePlot { segments, mean }
}

/// k-means as the sweep fits it: fewer restarts than a final fit.
pub struct KMeansSweep;

impl SweepClusterer for KMeansSweep {
    fn name(&self) -> &str {
        "k-means"
    }
    fn fit_k(
        &self,
        x: ArrayView2<f64>,
        k: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<SweepFit, String> {
        let p = KMeansParams::default().with_n_clusters(k).with_n_init(4).with_seed(seed);
        let f = p.check().and_then(|p| p.fit(x, monitor)).map_err(|e| e.to_string())?;
        Ok(SweepFit { labels: f.labels, inertia: Some(f.inertia), bic: None })
    }
}

/// A Gaussian mixture with the run's covariance type; reports BIC.
pub struct GmmSweep(pub CovarianceType);

impl SweepClusterer for GmmSweep {
    fn name(&self) -> &str {
        "Gaussian mixture"
    }
    fn fit_k(
        &self,
        x: ArrayView2<f64>,
        k: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<SweepFit, String> {
        let p =
            GmmParams { n_components: k, covariance_type: self.0, n_init: 1, seed, ..GmmParams::default() };
        let f = p.check().and_then(|p| p.fit(x, monitor)).map_err(|e| e.to_string())?;
        Ok(SweepFit { labels: f.labels, inertia: None, bic: Some(f.bic) })
    }
}

/// Hierarchical clustering with the run's linkage.
pub struct HierarchicalSweep(pub Linkage);

impl SweepClusterer for HierarchicalSweep {
    fn name(&self) -> &str {
        match self.0 {
            Linkage::Ward => "Ward",
            Linkage::Complete => "complete linkage",
            Linkage::Average => "average linkage",
            Linkage::Single => "single linkage",
        }
    }
    fn fit_k(
        &self,
        x: ArrayView2<f64>,
        k: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<SweepFit, String> {
        let p = HierarchicalParams::default().with_linkage(self.0).with_k(k).with_seed(seed);
        let f = p.check().and_then(|p| p.fit(x, monitor)).map_err(|e| e.to_string())?;
        Ok(SweepFit { labels: f.labels, inertia: None, bic: None })
    }
}

/// The sweep's clusterer for the run's algorithm (DBSCAN and k-prototypes are swept with k-means on the numeric
/// features, and the note says so).
pub fn sweep_clusterer(algorithm: &AlgorithmConfig) -> (Box<dyn SweepClusterer>, Option<String>) {
    match algorithm {
        AlgorithmConfig::Gmm(p) => (Box::new(GmmSweep(p.covariance_type)), None),
        AlgorithmConfig::BayesGmm(p) => (Box::new(GmmSweep(p.covariance_type)), None),
        AlgorithmConfig::Hierarchical(p) => (Box::new(HierarchicalSweep(p.linkage)), None),
        AlgorithmConfig::Dbscan(_) => (
            Box::new(KMeansSweep),
            Some("DBSCAN does not take a number of segments; the sweep shows k-means.".into()),
        ),
        AlgorithmConfig::Kprototypes(_) => {
            (Box::new(KMeansSweep), Some("The sweep shows k-means on the numeric features only.".into()))
        }
        AlgorithmConfig::Consensus(_) => (
            Box::new(KMeansSweep),
            Some(
                "A consensus is not swept over k (it would repeat every member run at every k); the sweep \
                 shows k-means."
                    .into(),
            ),
        ),
        AlgorithmConfig::Kmeans(_) | AlgorithmConfig::MiniBatchKmeans(_) => (Box::new(KMeansSweep), None),
    }
}

/// Runs the sweep over k.
pub fn sweep(
    x: ArrayView2<f64>,
    algorithm: &AlgorithmConfig,
    params: &ChooseKParams,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> (Option<KSweep>, Option<String>) {
    SweepTask::new(algorithm, params, seed).run(x, monitor)
}

/// The run's sweep over k, before it is run: the clusterer that stands for the run's algorithm, what to say
/// about that choice, and the seeded params. [`sweep`] runs it in one go; the browser's worker pool scores its
/// k's in parallel ([`choose_k::SweepPlan`]) and reads the outcome the same way.
pub struct SweepTask {
    clusterer: Box<dyn SweepClusterer>,
    note: Option<String>,
    params: ChooseKParams,
}

impl SweepTask {
    pub fn new(algorithm: &AlgorithmConfig, params: &ChooseKParams, seed: u64) -> Self {
        let (clusterer, note) = sweep_clusterer(algorithm);
        SweepTask { clusterer, note, params: ChooseKParams { seed, ..params.clone() } }
    }

    pub fn clusterer(&self) -> &dyn SweepClusterer {
        self.clusterer.as_ref()
    }

    /// The params with the run's seed (what a pool member needs to rebuild the task).
    pub fn seeded_params(&self) -> &ChooseKParams {
        &self.params
    }

    pub fn params(&self) -> choose_k::Result<ChooseKValidParams> {
        self.params.check()
    }

    /// Runs the sweep on `x` here, every k in turn.
    pub fn run(self, x: ArrayView2<f64>, monitor: &mut dyn Monitor) -> (Option<KSweep>, Option<String>) {
        let result = self.params().and_then(|p| choose_k::sweep(x, &[self.clusterer()], &p, monitor));
        self.outcome(x.dim(), result)
    }

    /// The sweep (or why there is none) and the note the Choose-k panel shows, for `n` customers of `d`
    /// features.
    pub fn outcome(
        self,
        (n, d): (usize, usize),
        result: choose_k::Result<KSweep>,
    ) -> (Option<KSweep>, Option<String>) {
        match result {
            Ok(s) => {
                let cap = self.params.fit_rows(d);
                let sampled = (n > cap).then(|| {
                    let why =
                        if cap < self.params.fit_sample_cap { "large, wide file" } else { "large file" };
                    format!(
                        "To stay fast on a {why}, every k was compared on a random sample of {cap} of the \
                         {n} customers; your segments use all of them."
                    )
                });
                let note = match (self.note, sampled) {
                    (Some(a), Some(b)) => Some(format!("{a} {b}")),
                    (a, b) => a.or(b),
                };
                (Some(s), note)
            }
            Err(e) => (None, Some(format!("No sweep over k: {e}."))),
        }
    }
}

/// The prepared matrix with each column's scaling undone (transforms and encodings stay), for variance rules.
pub fn unscaled(x: ArrayView2<f64>, outputs: &[FittedOutput]) -> Array2<f64> {
    let mut u = x.to_owned();
    for (j, out) in outputs.iter().enumerate().take(u.ncols()) {
        let Some(scale) = out.scale else { continue };
        let undo = |v: f64| match scale {
            FittedScale::MinMax { min, scale, offset } => (v - offset) / scale + min,
            s => {
                let (center, s) = s.center_scale();
                v * s + center
            }
        };
        u.column_mut(j).mapv_inplace(undo);
    }
    u
}

/// A warning when some segments hold under 1% of the clustered customers each while together under 5%: they
/// are outliers set apart rather than segments, and they flatter the silhouette and Davies–Bouldin (a
/// segment of one far-off customer is "well separated"). `sizes` are the segments' sizes, noise excluded.
pub fn outlier_segments(sizes: &[usize], dbscan: bool) -> Option<String> {
    let n: usize = sizes.iter().sum();
    let tiny: Vec<usize> = sizes.iter().copied().filter(|&s| s * 100 < n).collect();
    if tiny.is_empty() || tiny.iter().sum::<usize>() * 20 >= n || tiny.len() == sizes.len() {
        return None;
    }
    let sizes: Vec<String> = tiny.iter().map(|s| s.to_string()).collect();
    let listed = crate::engine::words::and_list(&sizes.iter().map(String::as_str).collect::<Vec<_>>());
    let (count, each) = match tiny.len() {
        1 => ("1 segment holds".to_string(), ""),
        k => (format!("{k} segments hold"), " each"),
    };
    let what_to_do = if dbscan {
        "Clip or remove outliers in Prepare, or raise the minimum number of neighbours, so that such \
         customers are marked as noise."
    } else {
        "Clip or remove outliers in Prepare, or try DBSCAN, which marks such customers as noise."
    };
    Some(format!(
        "{count} under 1% of the customers{each} ({listed} of {n}): they set apart a few far-off \
         customers rather than a group, and they make the separation scores look better than the split is. \
         {what_to_do}"
    ))
}

/// Feature suggestions with the run's segments. `cache` holds the Laplacian scores of `x` from an earlier
/// run (keyed by their params and seed); they are computed and stored there when missing or stale. Above
/// `cap` customers ([`SUGGESTION_ROW_CAP`] in a run) the rest uses a seeded sample of `cap`, with a note.
#[allow(clippy::too_many_arguments)]
pub fn suggestions(
    x: ArrayView2<f64>,
    names: &[String],
    outputs: &[FittedOutput],
    labels: &[i32],
    params: &SelectionParams,
    seed: u64,
    cache: &RefCell<Option<(String, LaplacianScores)>>,
    cap: usize,
    monitor: &mut dyn Monitor,
) -> Result<SelectionReport, String> {
    let n = x.nrows();
    let rows = (n > cap).then(|| sample_rows(n, cap, seed, STREAM_SUGGESTION_SAMPLE));
    let sampled =
        rows.as_ref().map(|r| (x.select(Axis(0), r), r.iter().map(|&i| labels[i]).collect::<Vec<_>>()));
    let (x_used, labels_used) = match &sampled {
        Some((xs, ls)) => (xs.view(), ls.as_slice()),
        None => (x.view(), labels),
    };
    let raw = unscaled(x_used, outputs);
    let params = SelectionParams { seed, ..params.clone() };
    let key = serde_json::to_string(&(&params.laplacian, seed)).unwrap_or_default();
    let fresh = cache.borrow().as_ref().is_some_and(|(k, _)| *k == key);
    if !fresh {
        let lap = laplacian_scores(x, &params.laplacian, seed, monitor).map_err(|e| e.to_string())?;
        *cache.borrow_mut() = Some((key, lap));
    }
    let cached = cache.borrow();
    let input = SelectionInput {
        x: x_used,
        names,
        unscaled: Some(raw.view()),
        labels: Some(labels_used),
        scorer: Scorer::NearestCentroid,
        laplacian: cached.as_ref().map(|(_, l)| l),
    };
    let mut report = select_features(&input, &params, monitor).map_err(|e| e.to_string())?;
    if let Some(r) = &rows {
        report.notes.push(format!(
            "Feature statistics and importance were computed on a random sample of {} of the {n} customers.",
            r.len()
        ));
    }
    Ok(report)
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
