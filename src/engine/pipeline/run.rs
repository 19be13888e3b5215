//! One run, stage by stage: data → prepare → cluster → edits → evaluate → profile → explore → report. Each
//! stage reports progress, checks for cancellation, and is timed; the caches live in [`super::Session`].

use super::algorithm::{self, ClusterError};
use super::config::PipelineConfig;
use super::data::CustomerData;
use super::report::{Report, Timing, TransactionsReport};
use super::session::Prepared;
use super::{edits, evaluate, explore, profiles};
use crate::engine::cluster::NOISE;
use crate::engine::features::rfm::RfmError;
use crate::engine::metrics::Silhouette;
use crate::engine::prep::PrepError;
use crate::engine::profile::SegmentProfiles;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::table::{IngestError, Ingested};

/// Why a run failed. Messages name the file, line and column where they can.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    #[error(transparent)]
    Ingest(IngestError),
    #[error("{file}: transaction mode needs a customer id, a date and an amount (or quantity and price) column; none were recognised — set the mapping")]
    NoTransactionMapping { file: String },
    #[error("{0}")]
    Rfm(RfmError),
    #[error("{file}: {0}", file = .1)]
    Prep(PrepError, String),
    #[error(
        "{file}: {} could be used, but {needed} are needed for {}",
        crate::engine::words::count(*.rows, "customer", "customers"),
        crate::engine::words::count(*.k, "segment", "segments")
    )]
    TooFewRows { file: String, rows: usize, needed: usize, k: usize },
    #[error("{file}: {error}")]
    Cluster { file: String, error: ClusterError },
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

impl From<ClusterError> for PipelineError {
    fn from(e: ClusterError) -> Self {
        match e {
            ClusterError::Cancelled(c) => PipelineError::Cancelled(c),
            error => PipelineError::Cluster { file: String::new(), error },
        }
    }
}

/// Records how long each stage took, with the caller's clock.
pub(super) struct Stopwatch {
    pub timings: Vec<Timing>,
    last: f64,
    start: f64,
}

impl Stopwatch {
    pub fn new(monitor: &dyn Monitor) -> Self {
        let now = monitor.now_ms();
        Stopwatch { timings: Vec::new(), last: now, start: now }
    }
    pub fn lap(&mut self, stage: &str, monitor: &dyn Monitor) {
        let now = monitor.now_ms();
        self.timings.push(Timing { stage: stage.into(), ms: now - self.last });
        self.last = now;
    }
    pub fn total(mut self, monitor: &dyn Monitor) -> Vec<Timing> {
        self.timings.push(Timing { stage: "total".into(), ms: monitor.now_ms() - self.start });
        self.timings
    }
}

/// The config with the data mode as it was resolved, so that re-running it (or scoring with its model) reads
/// new files the same way.
fn resolved(config: &PipelineConfig, customers: &CustomerData) -> PipelineConfig {
    let mut c = config.clone();
    c.mode = match &customers.transactions {
        Some(t) => {
            let mut tc = t.config.clone();
            tc.mapping = Some(t.mapping.clone());
            super::config::DataMode::Transactions(Box::new(tc))
        }
        None => super::config::DataMode::Customers,
    };
    c
}

/// A run's segments before they are evaluated: the fit and the replayed edits.
pub struct Segmented {
    outcome: super::algorithm::ClusterOutcome,
    labels: Vec<i32>,
    notes: Vec<String>,
    fitted_edits: super::edits::FittedEdits,
    /// The feature suggestions, when they were computed ahead of [`analyse`] ([`Segmented::suggest`]).
    suggested: Option<Suggestions>,
}

/// Feature suggestions of a segmentation: None when the config asks for none, the reason when they failed.
type Suggestions = Option<Result<crate::engine::features::selection::SelectionReport, String>>;

impl Segmented {
    /// The customers' segments (−1 = noise).
    pub fn labels(&self) -> &[i32] {
        &self.labels
    }

    /// Computes the feature suggestions now, for [`analyse`] to use: the worker does this while its pool
    /// scores the silhouette.
    pub(super) fn suggest(
        &mut self,
        config: &PipelineConfig,
        prepared: &Prepared,
        monitor: &mut dyn Monitor,
    ) {
        self.suggested = Some(suggestions(config, prepared, &self.labels, monitor));
    }
}

/// The feature suggestions of `labels` on the prepared matrix.
fn suggestions(
    config: &PipelineConfig,
    prepared: &Prepared,
    labels: &[i32],
    monitor: &mut dyn Monitor,
) -> Suggestions {
    let params = config.evaluation.selection.as_ref()?;
    Some(evaluate::suggestions(
        prepared.prepared.matrix.view(),
        &prepared.prepared.feature_names,
        &prepared.fitted.outputs,
        labels,
        params,
        config.seed,
        &prepared.laplacian,
        evaluate::SUGGESTION_ROW_CAP,
        monitor,
    ))
}

/// Clusters the prepared matrix (with a k-means fit's `restarts` when they were run elsewhere) and replays
/// the user's segment edits.
pub(super) fn segment(
    config: &PipelineConfig,
    ingested: &Ingested,
    customers: &CustomerData,
    prepared: &Prepared,
    restarts: Option<algorithm::KMeansRestarts>,
    clock: &mut Stopwatch,
    monitor: &mut dyn Monitor,
) -> Result<Segmented, PipelineError> {
    let file = customers.table(ingested).source.clone();
    let config = &resolved(config, customers);
    let x = prepared.prepared.matrix.view();
    let k = config.k().unwrap_or(2);
    if x.nrows() < k.max(2) {
        return Err(PipelineError::TooFewRows { file, rows: x.nrows(), needed: k.max(2), k });
    }
    let categorical = prepared.prepared.categorical.as_ref().map(|c| c.codes.view());
    let mut outcome = algorithm::fit_with(&config.algorithm, config.seed, x, categorical, restarts, monitor)
        .map_err(|e| match e {
            ClusterError::Cancelled(c) => PipelineError::Cancelled(c),
            error => PipelineError::Cluster { file: file.clone(), error },
        })?;
    clock.lap("clustering", monitor);
    let mut labels = outcome.labels.clone();
    let mut notes = outcome.info.notes.clone();
    let upper_bound = matches!(config.algorithm, algorithm::AlgorithmConfig::BayesGmm(_));
    notes.extend(fewer_segments(x, &labels, k).filter(|_| !upper_bound));
    let (fitted_edits, edit_notes) =
        edits::replay(&config.segments.edits, x, &mut labels, config.seed, monitor)?;
    notes.extend(edit_notes);
    if let Some(c) = outcome.extras.consensus.as_mut().filter(|c| !c.stability.is_empty()) {
        if !fitted_edits.steps.is_empty() {
            c.stability.clear();
            notes.push(
                "Segment stability is not shown after merging or splitting segments: it was measured on the \
                 consensus segments before your edits."
                    .into(),
            );
        }
    }
    Ok(Segmented { outcome, labels, notes, fitted_edits, suggested: None })
}

/// Why a fit asked for `k` segments has fewer: customers with fewer distinct rows than `k` (a constant
/// feature and a three-valued one gave 3 of 4 without a word), or a segment the fit emptied.
fn fewer_segments(x: ndarray::ArrayView2<'_, f64>, labels: &[i32], k: usize) -> Option<String> {
    let found = labels.iter().filter(|&&l| l != NOISE).collect::<std::collections::BTreeSet<_>>().len();
    if found >= k {
        return None;
    }
    let distinct = x
        .rows()
        .into_iter()
        .map(|r| r.iter().map(|v| v.to_bits()).collect::<Vec<u64>>())
        .collect::<std::collections::HashSet<_>>()
        .len();
    Some(if distinct < k {
        format!(
            "You asked for {k} segments; there are {found}: the customers have only {distinct} different \
             combinations of values in the features segmented on."
        )
    } else {
        format!(
            "You asked for {k} segments; the fit ended with {found}, as a segment lost all its customers."
        )
    })
}

/// Everything after clustering: evaluate, profile, explore. `silhouette` is the segments' silhouette when it
/// was computed elsewhere (the browser's worker pool), otherwise it is computed here.
#[allow(clippy::too_many_arguments)]
pub(super) fn analyse(
    config: &PipelineConfig,
    ingested: &Ingested,
    customers: &CustomerData,
    prepared: &Prepared,
    sweep: (Option<crate::engine::choose_k::KSweep>, Option<String>),
    previous: Option<&SegmentProfiles>,
    segmented: Segmented,
    silhouette: Option<Silhouette>,
    mut clock: Stopwatch,
    monitor: &mut dyn Monitor,
) -> Result<(Report, super::model::SavedModel), PipelineError> {
    let table = customers.table(ingested);
    let file = table.source.clone();
    let config = &resolved(config, customers);
    let x = prepared.prepared.matrix.view();
    let Segmented { outcome, labels, mut notes, fitted_edits, suggested } = segmented;
    notes.extend(prepared.prepared.report.mostly_filled());
    let rows = prepared.prepared.rows.clone();
    let (metrics, silhouette_plot) = evaluate::metrics(
        x,
        &labels,
        &outcome.extras,
        &config.evaluation.silhouette,
        silhouette,
        monitor,
        &mut notes,
    );
    if let Some(c) = prepared.prepared.categorical.as_ref().filter(|_| metrics.silhouette.is_some()) {
        let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
        notes.push(format!(
            "The quality scores (silhouette, Davies–Bouldin, Calinski–Harabasz) are measured on the {} \
             number features only: {}, which k-prototypes also clustered on, {} not in them.",
            prepared.prepared.feature_names.len(),
            crate::engine::words::and_list(&names),
            if names.len() == 1 { "is" } else { "are" }
        ));
    }
    clock.lap("metrics", monitor);
    if monitor.cancelled() {
        return Err(Cancelled.into());
    }
    let suggested = suggested.unwrap_or_else(|| {
        let computed = suggestions(config, prepared, &labels, monitor);
        clock.lap("feature suggestions", monitor);
        computed
    });
    let selection =
        suggested.and_then(|r| r.map_err(|e| notes.push(format!("No feature suggestions: {e}."))).ok());
    let purchases = customers.transactions.is_some();
    let used = &prepared.prepared.report.features_in;
    let profiles = profiles::profiles(
        table,
        used,
        &rows,
        &labels,
        previous,
        &config.segments.names,
        purchases,
        &mut notes,
    )
    .map_err(|e| PipelineError::Config(format!("{file}: segment profiles: {e}")))?;
    let sizes: Vec<usize> = profiles.segments.iter().filter(|s| s.label != NOISE).map(|s| s.size).collect();
    let dbscan = matches!(config.algorithm, super::AlgorithmConfig::Dbscan(_));
    notes.extend(evaluate::outlier_segments(&sizes, dbscan));
    let map = explore::map(x, &labels, &rows, table, &config.map, config.seed, monitor)?;
    let boxes = explore::boxes(table, &rows, &labels);
    let correlation = explore::correlation(x);
    clock.lap("profiles and map", monitor);
    let n_clusters = labels.iter().filter(|&&l| l != NOISE).collect::<std::collections::BTreeSet<_>>().len();
    let n_noise = labels.iter().filter(|&&l| l == NOISE).count();
    let mut data = super::session::data_report(ingested, customers);
    data.notes.extend(prepared.notes.iter().cloned());
    let transactions = customers.transactions.as_ref().map(|t| TransactionsReport {
        mapping: t.mapping.clone(),
        detected: t.detected.clone(),
        features: t.features.report.clone(),
        rfm: t.scores.clone(),
        lifetime: t.lifetime.clone(),
        lifetime_note: t.lifetime_note.clone(),
    });
    let model = super::model::SavedModel::new(
        config,
        prepared,
        &outcome.model,
        fitted_edits,
        table,
        &rows,
        &labels,
        &profiles,
    );
    let report = Report {
        config: config.clone(),
        data,
        transactions,
        prep: prepared.prepared.report.clone(),
        n_rows: table.n_rows(),
        n_used: rows.len(),
        features: prepared.prepared.feature_names.clone(),
        categorical_features: prepared
            .prepared
            .categorical
            .as_ref()
            .map(|c| c.names.clone())
            .unwrap_or_default(),
        algorithm: config.algorithm.name().to_string(),
        n_clusters,
        n_noise,
        rows,
        labels,
        flagged: prepared.prepared.flagged.clone(),
        profiles,
        metrics,
        fit: outcome.info,
        extras: outcome.extras,
        sweep: sweep.0,
        sweep_note: sweep.1,
        selection,
        silhouette_plot,
        map,
        boxes,
        correlation,
        notes,
        timings: clock.total(monitor),
    };
    Ok((report, model))
}

#[cfg(test)]
mod tests {
    use crate::engine::pipeline::{run, PipelineConfig};
    use crate::engine::progress::Silent;

    /// Three plans and one date for everyone, asked for 4 segments: 3, and the notes say why. The fit used to
    /// split one plan's identical customers over two segments ("Very low plan", "Very low plan (2)").
    #[test]
    fn fewer_distinct_customers_than_segments_say_so() {
        let mut csv = String::from("customer,plan,last_order\n");
        for i in 0..60 {
            csv += &format!("c{i},{},2024-05-01\n", [10, 20, 30][i % 3]);
        }
        let mut config = PipelineConfig::default();
        config.algorithm.set_k(4);
        config.prep.features = Some(vec!["plan".into(), "last_order".into()]);
        let r = run(csv.as_bytes(), "few.csv", &config, &mut Silent).unwrap();
        assert_eq!(r.n_clusters, 3);
        let want = "You asked for 4 segments; there are 3: the customers have only 3 different combinations";
        assert!(r.notes.iter().any(|n| n.starts_with(want)), "{:?}", r.notes);
        assert!(r.profiles.segments.iter().all(|s| s.size == 20), "one segment per plan");
    }
}
