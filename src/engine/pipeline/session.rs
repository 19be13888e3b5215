//! `Session`: a loaded file and what has been computed from it, so that a re-run after a settings change
//! redoes only the stages whose inputs changed (each cache is keyed by the config parts it depends on).
//! It also carries the previous run's profiles (names and colours follow their segments) and its model.

use std::cell::RefCell;

use super::algorithm::KMeansRestarts;
use super::config::PipelineConfig;
use super::data::{self, CustomerData};
use super::evaluate::{self, SweepTask};
use super::model::SavedModel;
use super::report::{DataReport, Report};
use super::run::{analyse, segment, PipelineError, Segmented, Stopwatch};
use crate::engine::choose_k::KSweep;
use crate::engine::features::selection::LaplacianScores;
use crate::engine::metrics::{Silhouette, SilhouetteJob};
use crate::engine::prep::{self, Encoding, FittedPrep, PrepConfig};
use crate::engine::profile::SegmentProfiles;
use crate::engine::progress::Monitor;
use crate::engine::table::{IngestOptions, Ingested, IssueKind};
use ndarray::ArrayView2;

/// Row issues carried in a report (the total is always given).
pub const REPORT_ISSUES: usize = 500;

/// The prepared feature matrix and how it was made.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub fitted: FittedPrep,
    pub prepared: prep::Prepared,
    pub notes: Vec<String>,
    /// The Laplacian scores of the matrix, keyed by their params and seed: they do not depend on the
    /// segments, and on 10,000 rows they cost ten times the rest of a re-run after a change of k.
    pub laplacian: RefCell<Option<(String, LaplacianScores)>>,
}

pub type SweepResult = (Option<KSweep>, Option<String>);

/// A loaded file and its caches.
pub struct Session {
    source: String,
    ingested: (String, Ingested),
    customers: Option<(String, CustomerData)>,
    prepared: Option<(String, Prepared)>,
    sweep: Option<(String, SweepResult)>,
    previous: Option<SegmentProfiles>,
    model: Option<SavedModel>,
}

fn key<T: serde::Serialize>(parts: &T) -> String {
    serde_json::to_string(parts).unwrap_or_default()
}

impl Session {
    /// Reads `bytes` (the file called `source`) with `opts`.
    pub fn load(
        bytes: &[u8],
        source: &str,
        opts: &IngestOptions,
        monitor: &mut dyn Monitor,
    ) -> Result<Session, PipelineError> {
        let ingested = data::ingest(bytes, source, opts, monitor)?;
        Ok(Session::new(ingested, source, opts))
    }

    /// A session on a file already read with `opts` (by a
    /// [`TableReader`](crate::engine::table::TableReader)). The session does not keep the file's bytes: a
    /// caller that changes the ingest options reads the file
    /// again and hands the table to [`Session::reread`] (see [`Session::needs_reading`]).
    pub fn new(ingested: Ingested, source: &str, opts: &IngestOptions) -> Session {
        Session {
            source: source.to_string(),
            ingested: (key(opts), ingested),
            customers: None,
            prepared: None,
            sweep: None,
            previous: None,
            model: None,
        }
    }

    /// True when a run with ingest options `opts` needs the file read again (they differ from the last
    /// read's).
    pub fn needs_reading(&self, opts: &IngestOptions) -> bool {
        self.ingested.0 != key(opts)
    }

    /// Replaces the table with the file as read again with `opts`; every cache computed from it is dropped.
    pub fn reread(&mut self, ingested: Ingested, opts: &IngestOptions) {
        self.ingested = (key(opts), ingested);
        self.customers = None;
        self.prepared = None;
        self.sweep = None;
    }

    /// The file name.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The table as read with the last ingest options.
    pub fn ingested(&self) -> &Ingested {
        &self.ingested.1
    }

    /// The per-customer table derived from a transaction log (None when rows are customers).
    pub fn customer_table(&self) -> Option<&crate::engine::table::Table> {
        self.customers.as_ref()?.1.transactions.as_ref().map(|t| &t.features.table)
    }

    /// The model of the last successful run (for scoring new customers and model.json).
    pub fn model(&self) -> Option<&SavedModel> {
        self.model.as_ref()
    }

    /// Runs `config`, redoing only what changed since the last run. Its ingest options must be those the
    /// file was last read with ([`Session::needs_reading`]); otherwise this is a config error.
    pub fn run(
        &mut self,
        config: &PipelineConfig,
        monitor: &mut dyn Monitor,
    ) -> Result<Report, PipelineError> {
        let mut started = self.start(config, monitor)?;
        if let Some(task) = started.sweep.take() {
            let outcome = task.run(self.matrix(), monitor);
            self.store_sweep(&started, outcome);
        }
        self.finish(config, started, None, monitor)
    }

    /// The first half of [`Session::run`]: every stage up to the prepared matrix (cached ones are skipped).
    /// When the run's sweep over k is not cached, the returned run carries it as a task: the caller computes
    /// it (serially, or split over k in a worker pool) and hands the outcome to [`Session::store_sweep`]
    /// before [`Session::finish`].
    pub fn start(
        &mut self,
        config: &PipelineConfig,
        monitor: &mut dyn Monitor,
    ) -> Result<Started, PipelineError> {
        config.check().map_err(|e| PipelineError::Config(e.to_string()))?;
        let mut clock = Stopwatch::new(monitor);
        if self.needs_reading(&config.ingest) {
            return Err(PipelineError::Config(format!(
                "{} was read with other options: read it again first",
                self.source
            )));
        }
        let ingest_key = key(&config.ingest);
        clock.lap("reading the file", monitor);
        let customers_key = key(&(&ingest_key, &config.mode));
        if self.customers.as_ref().map(|c| &c.0) != Some(&customers_key) {
            let c = data::customers(&self.ingested.1, &config.mode, monitor)?;
            self.customers = Some((customers_key.clone(), c));
            self.prepared = None;
            self.sweep = None;
        }
        let customers = &self.customers.as_ref().expect("set above").1;
        clock.lap("customers", monitor);
        let prep_config = effective_prep(config);
        let prep_key = key(&(&customers_key, &prep_config, config.seed));
        if self.prepared.as_ref().map(|p| &p.0) != Some(&prep_key) {
            let table = customers.table(&self.ingested.1);
            let (fitted, prepared) = prep::fit_transform(table, &prep_config, config.seed, monitor)
                .map_err(|e| PipelineError::Prep(e, table.source.clone()))?;
            let mut notes = Vec::new();
            if prep_config != config.prep {
                notes.push(
                    "k-prototypes keeps categorical features as categories (no one-hot columns).".into(),
                );
            }
            self.prepared =
                Some((prep_key.clone(), Prepared { fitted, prepared, notes, laplacian: RefCell::new(None) }));
            self.sweep = None;
        }
        clock.lap("preparing features", monitor);
        let mut sweep_key = None;
        let mut sweep = None;
        if let Some(params) = &config.evaluation.sweep {
            // The note is part of the key: algorithms swept with the same family (k-means for DBSCAN,
            // k-prototypes and consensus) say different things about it.
            let (clusterer, note) = evaluate::sweep_clusterer(&config.algorithm);
            let family = clusterer.name().to_string();
            let k = key(&(&prep_key, params, &family, &note, config.seed));
            if self.sweep.as_ref().map(|s| &s.0) != Some(&k) {
                sweep = Some(SweepTask::new(&config.algorithm, params, config.seed));
            }
            sweep_key = Some(k);
        }
        Ok(Started { clock, swept: false, sweep_key, segmented: None, sweep })
    }

    /// The prepared feature matrix of the last [`Session::start`].
    pub fn matrix(&self) -> ArrayView2<'_, f64> {
        self.prepared.as_ref().expect("Session::start prepares the matrix").1.prepared.matrix.view()
    }

    /// Caches the outcome of the sweep task of `started`.
    pub fn store_sweep(&mut self, started: &Started, outcome: SweepResult) {
        if let Some(k) = &started.sweep_key {
            self.sweep = Some((k.clone(), outcome));
        }
    }

    /// Caches the outcome of a sweep the caller took out of its run with [`Started::defer_sweep`].
    pub fn store_deferred(&mut self, key: SweepKey, outcome: SweepResult) {
        self.sweep = Some((key.0, outcome));
    }

    /// Clusters and replays the segment edits (after [`Session::start`] and the sweep; `restarts`: a k-means
    /// fit's restarts when the caller ran them, see [`KMeansRestarts`]).
    pub fn segment(
        &mut self,
        config: &PipelineConfig,
        started: &mut Started,
        restarts: Option<KMeansRestarts>,
        monitor: &mut dyn Monitor,
    ) -> Result<(), PipelineError> {
        started.sweep_done(monitor);
        let customers = &self.customers.as_ref().expect("Session::start sets the customers").1;
        let prepared = &self.prepared.as_ref().expect("Session::start prepares the matrix").1;
        let segmented =
            segment(config, &self.ingested.1, customers, prepared, restarts, &mut started.clock, monitor)?;
        started.segmented = Some(segmented);
        Ok(())
    }

    /// The silhouette the evaluation of `started`'s segments will need, as a job for a caller that computes
    /// it elsewhere (the worker pool) and hands the result to [`Session::finish`]. None before
    /// [`Session::segment`] or when the evaluation computes no silhouette.
    pub fn silhouette_job(&self, config: &PipelineConfig, started: &Started) -> Option<SilhouetteJob> {
        let labels = started.segmented.as_ref()?.labels();
        evaluate::silhouette_job(self.matrix(), labels, &config.evaluation.silhouette)
    }

    /// Computes the feature suggestions of `started`'s segments now, for [`Session::finish`] to use (timed as
    /// "feature suggestions"): the worker does this while its pool scores the silhouette. Nothing before
    /// [`Session::segment`].
    pub fn suggest(&self, config: &PipelineConfig, started: &mut Started, monitor: &mut dyn Monitor) {
        let prepared = &self.prepared.as_ref().expect("Session::start prepares the matrix").1;
        if let Some(segmented) = started.segmented.as_mut() {
            segmented.suggest(config, prepared, monitor);
            started.clock.lap("feature suggestions", monitor);
        }
    }

    /// The end of [`Session::run`]: evaluate, profile, explore and report. `silhouette` is the result of
    /// [`Session::silhouette_job`], when the caller computed it.
    pub fn finish(
        &mut self,
        config: &PipelineConfig,
        mut started: Started,
        silhouette: Option<Silhouette>,
        monitor: &mut dyn Monitor,
    ) -> Result<Report, PipelineError> {
        if started.segmented.is_none() {
            self.segment(config, &mut started, None, monitor)?;
        }
        let Started { clock, sweep_key, segmented, .. } = started;
        let segmented = segmented.expect("segmented above");
        let sweep = match (&sweep_key, &self.sweep) {
            (Some(k), Some((cached, result))) if k == cached => result.clone(),
            (Some(_), _) => return Err(PipelineError::Config("the sweep over k was not computed".into())),
            (None, _) => (None, None),
        };
        let customers = &self.customers.as_ref().expect("Session::start sets the customers").1;
        let prepared = &self.prepared.as_ref().expect("Session::start prepares the matrix").1;
        let (report, model) = analyse(
            config,
            &self.ingested.1,
            customers,
            prepared,
            sweep,
            self.previous.as_ref(),
            segmented,
            silhouette,
            clock,
            monitor,
        )?;
        self.previous = Some(report.profiles.clone());
        self.model = Some(model);
        Ok(report)
    }
}

/// A run between [`Session::start`] and [`Session::finish`].
pub struct Started {
    clock: Stopwatch,
    swept: bool,
    sweep_key: Option<String>,
    segmented: Option<Segmented>,
    /// The sweep over k still to compute (None when the run has none or it is cached).
    pub sweep: Option<SweepTask>,
}

/// Which sweep a deferred outcome belongs to (the run's data, preparation, sweep settings and seed).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepKey(String);

/// A run's sweep over k, taken out of the run to compute after its report (see [`Started::defer_sweep`]).
pub struct DeferredSweep {
    pub key: SweepKey,
    pub task: SweepTask,
}

impl Started {
    /// Takes the sweep over k out of the run, for the caller to compute after [`Session::finish`] (the
    /// browser shows the segments first, and the Choose-k comparison when it is ready): the report has no
    /// sweep, and [`Session::store_deferred`] caches the outcome for the next runs. None when the run has no
    /// sweep or it is cached (the report then carries it as usual).
    pub fn defer_sweep(&mut self) -> Option<DeferredSweep> {
        let task = self.sweep.take()?;
        let key = self.sweep_key.take()?;
        Some(DeferredSweep { key: SweepKey(key), task })
    }

    /// Ends the "sweep over k" stage of the run's timings (once; [`Session::segment`] does it otherwise), so
    /// that work done for the clustering before [`Session::segment`] is timed as clustering.
    pub fn sweep_done(&mut self, monitor: &dyn Monitor) {
        if !std::mem::replace(&mut self.swept, true) {
            self.clock.lap("sweep over k", monitor);
        }
    }
}

/// The prep config actually used: k-prototypes keeps categorical features as categories.
pub fn effective_prep(config: &PipelineConfig) -> PrepConfig {
    let mut prep = config.prep.clone();
    if config.algorithm.wants_raw_categories() {
        prep.encode.default = Encoding::Raw;
        prep.encode.columns.clear();
    }
    prep
}

/// The data part of a report.
pub fn data_report(ingested: &Ingested, customers: &CustomerData) -> DataReport {
    let issues_total = ingested
        .notes
        .iter()
        .find_map(|n| match n {
            crate::engine::table::IngestNote::IssuesTruncated { total, .. } => Some(*total as usize),
            _ => None,
        })
        .unwrap_or(ingested.issues.len());
    let mut issues: Vec<_> = ingested.issues.iter().take(REPORT_ISSUES).cloned().collect();
    issues.sort_by_key(|i| (i.line, matches!(i.kind, IssueKind::RaggedRow { .. })));
    DataReport {
        source: ingested.table.source.clone(),
        n_rows: ingested.table.n_rows(),
        dialect: ingested.dialect.clone(),
        columns: ingested.summaries.clone(),
        issues,
        issues_total,
        notes: ingested.notes.iter().map(|n| n.message()).collect(),
        mode_note: customers.mode_note.clone(),
    }
}

/// Loads and runs in one call.
pub fn run(
    bytes: &[u8],
    source: &str,
    config: &PipelineConfig,
    monitor: &mut dyn Monitor,
) -> Result<Report, PipelineError> {
    Session::load(bytes, source, &config.ingest, monitor)?.run(config, monitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pipeline::export::{self, ExportKind};
    use crate::engine::progress::Silent;
    use crate::engine::table::read_table;

    const SAMPLE: &[u8] = include_bytes!("../../../public/sample/wholesale_customers.csv");

    #[test]
    fn a_session_on_a_table_read_elsewhere_runs_like_a_loaded_one() {
        let config = PipelineConfig::default();
        let ingested = read_table(SAMPLE, "w.csv", &config.ingest, &mut Silent).unwrap();
        let mut session = Session::new(ingested, "w.csv", &config.ingest);
        let report = session.run(&config, &mut Silent).unwrap();
        let mut loaded = Session::load(SAMPLE, "w.csv", &config.ingest, &mut Silent).unwrap();
        assert_eq!(report.labels, loaded.run(&config, &mut Silent).unwrap().labels);
        // The labelled export needs the file's bytes from the caller.
        let labeled = export::build(ExportKind::LabeledCsv, &session, Some(SAMPLE), &report, None).unwrap();
        assert_eq!(String::from_utf8(labeled.content).unwrap().lines().count(), 441);
        let without = export::build(ExportKind::LabeledCsv, &session, None, &report, None).unwrap_err();
        assert!(without.contains("bytes are needed"), "{without}");
        assert!(ExportKind::LabeledCsv.needs_original() && !ExportKind::ProfilesCsv.needs_original());
    }

    #[test]
    fn new_ingest_options_need_the_file_read_again() {
        let mut config = PipelineConfig::default();
        let mut session = Session::load(SAMPLE, "w.csv", &config.ingest, &mut Silent).unwrap();
        session.run(&config, &mut Silent).unwrap();
        assert!(!session.needs_reading(&config.ingest));
        config.ingest = config.ingest.clone().with_sample_rows(50);
        assert!(session.needs_reading(&config.ingest));
        let error = session.run(&config, &mut Silent).unwrap_err().to_string();
        assert!(error.contains("w.csv was read with other options"), "{error}");
        session.reread(read_table(SAMPLE, "w.csv", &config.ingest, &mut Silent).unwrap(), &config.ingest);
        assert!(!session.needs_reading(&config.ingest));
        assert_eq!(session.run(&config, &mut Silent).unwrap().labels.len(), 440);
    }
}
