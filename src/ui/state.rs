//! The app's shared state, provided as context: the config the user edits, the last report, the run status,
//! the step on screen, and the actions panels call (load data, cancel, export, score).

use crate::engine::choose_k::KSweep;
use crate::engine::pipeline::{PipelineConfig, Report, ScoreReport};
use crate::protocol::ExportKind;
use leptos::prelude::*;
use std::sync::Arc;

/// The steps of the flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Data,
    Prepare,
    Features,
    Segment,
    Explore,
    Export,
}

impl Step {
    pub const ALL: [Step; 6] =
        [Step::Data, Step::Prepare, Step::Features, Step::Segment, Step::Explore, Step::Export];

    pub fn title(self) -> &'static str {
        match self {
            Step::Data => "Data",
            Step::Prepare => "Prepare",
            Step::Features => "Features",
            Step::Segment => "Segment",
            Step::Explore => "Explore",
            Step::Export => "Export",
        }
    }

    /// Id of the step's panel (for `aria-controls` and anchors).
    pub fn id(self) -> &'static str {
        match self {
            Step::Data => "step-data",
            Step::Prepare => "step-prepare",
            Step::Features => "step-features",
            Step::Segment => "step-segment",
            Step::Explore => "step-explore",
            Step::Export => "step-export",
        }
    }
}

/// What the status line shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Idle,
    Running {
        stage: String,
        fraction: f64,
    },
    Failed(String),
    Cancelled,
    /// A short confirmation (an export started, a name was kept).
    Info(String),
}

/// The Choose-k comparison of the shown result when the worker sends it after the result
/// (`FromWorker::Swept`): the segments show first, the comparison when it is ready.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LateSweep {
    /// Nothing comes later: the report carries its sweep (or has none).
    #[default]
    InReport,
    /// Being computed; the fraction done.
    Computing(f64),
    /// Arrived after the report: the sweep (None when there is none) and its note.
    Arrived(Arc<(Option<KSweep>, Option<String>)>),
    /// Will not come: the worker was stopped or replaced, or the run that replaced it failed.
    Stopped,
}

type Action<T> = StoredValue<Box<dyn Fn(T)>, LocalStorage>;

/// Handles the panels use to read and change the app state.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// The pipeline config the user edits; every change re-runs (debounced).
    pub config: RwSignal<PipelineConfig>,
    /// The last successful run's report (kept while a new run is going, and when one fails).
    pub report: RwSignal<Option<Arc<Report>>>,
    pub status: RwSignal<Status>,
    /// The shown result's Choose-k comparison, when it comes after the result.
    pub late_sweep: RwSignal<LateSweep>,
    /// Name of the data being loaded or shown.
    pub data_name: RwSignal<Option<String>>,
    /// The step on screen.
    pub step: RwSignal<Step>,
    /// The last scoring of new customers.
    pub score: RwSignal<Option<Arc<ScoreReport>>>,
    /// Embed mode (`?embed=1`): no surrounding chrome.
    pub embed: bool,
    pub(super) choose: Action<super::run_controller::DataChoice>,
    pub(super) cancel: Action<()>,
    pub(super) export: Action<ExportKind>,
    pub(super) score_file: Action<web_sys::File>,
    pub(super) loaded: StoredValue<Box<dyn Fn() -> Option<super::run_controller::DataChoice>>, LocalStorage>,
    /// Set by [`AppContext::edit_now`]: the next config change re-runs at once instead of after the debounce.
    pub(super) run_now: StoredValue<bool>,
}

impl AppContext {
    /// Loads new data (a file, the sample, a URL) and runs on it.
    pub fn choose_data(&self, data: super::run_controller::DataChoice) {
        self.choose.with_value(|f| f(data));
    }

    /// Stops the run in flight (the worker is replaced; data and result stay).
    pub fn cancel(&self) {
        self.cancel.with_value(|f| f(()));
    }

    /// The shown result's sweep over k and its note: the report's own, or the one that came after it (None
    /// while it is computed). Tracked.
    pub fn sweep(&self) -> (Option<KSweep>, Option<String>) {
        match self.late_sweep.get() {
            LateSweep::InReport => self
                .report
                .with(|r| r.as_ref().map(|r| (r.sweep.clone(), r.sweep_note.clone())))
                .unwrap_or_default(),
            LateSweep::Arrived(late) => (*late).clone(),
            LateSweep::Computing(_) | LateSweep::Stopped => (None, None),
        }
    }

    /// The shown report with the sweep over k that came after it (what the HTML report describes). Untracked.
    pub fn full_report(&self) -> Option<Arc<Report>> {
        let report = self.report.get_untracked()?;
        match self.late_sweep.get_untracked() {
            LateSweep::Arrived(late) => {
                let mut full = (*report).clone();
                (full.sweep, full.sweep_note) = (*late).clone();
                Some(Arc::new(full))
            }
            _ => Some(report),
        }
    }

    /// Stops the Choose-k comparison computed after the result (the worker is replaced; the segments stay).
    pub fn stop_sweep(&self) {
        self.cancel();
        self.status
            .set(Status::Info("Stopped comparing numbers of segments; your segments are unchanged.".into()));
    }

    /// Builds `kind` in the worker and downloads it.
    pub fn export(&self, kind: ExportKind) {
        self.export.with_value(|f| f(kind));
    }

    /// The data the shown results are about.
    pub fn loaded_data(&self) -> Option<super::run_controller::DataChoice> {
        self.loaded.with_value(|f| f())
    }

    /// Scores the customers in `file` with the current model.
    pub fn score_file(&self, file: web_sys::File) {
        self.score_file.with_value(|f| f(file));
    }

    /// Changes the config (which re-runs once the user pauses: typing in a field waits for the last key).
    pub fn edit(&self, f: impl FnOnce(&mut PipelineConfig)) {
        self.config.update(f);
    }

    /// Changes the config and re-runs at once: for controls whose every change is final (a slider, a committed
    /// field). A run already in flight finishes first; changes meanwhile collapse into one run (latest wins).
    pub fn edit_now(&self, f: impl FnOnce(&mut PipelineConfig)) {
        self.run_now.set_value(true);
        self.config.update(f);
    }
}
