//! The web-worker shim: decode a [`ToWorker`] → load data / run `engine::pipeline` / build an export / score a
//! file → post [`FromWorker`] progress, results and errors. It keeps the loaded session, the last report and
//! the last scored file between messages, so that changing a setting does not re-read the file. Messages are
//! handled one at a time, in order. The same worker also serves as a member of the [`pool`] that a run splits
//! its sweep over k, its k-means restarts and its silhouette over.

mod files;
mod member;
mod pool;
mod sweep;

use crate::engine::pipeline::algorithm::KMeansRestarts;
use crate::engine::pipeline::AlgorithmConfig;
use crate::engine::pipeline::{
    export, score_file, DeferredSweep, PipelineConfig, PipelineError, Report, ScoredFile, Session,
};
use crate::engine::progress::Monitor;
use crate::protocol::pool::POOL_TAG;
use crate::protocol::{codec, DataSource, FromWorker, ReportParts, ToWorker, UserError};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// What the worker holds between messages.
#[derive(Default)]
struct State {
    session: Option<Session>,
    /// The loaded session's file, read again for a change of the ingest options or the labelled export.
    file: Option<web_sys::Blob>,
    report: Option<Report>,
    scored: Option<ScoredFile>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
    /// Messages waiting while an earlier one is handled (a run awaits its pool, and the next message must
    /// not start on the session meanwhile).
    static QUEUE: RefCell<(bool, std::collections::VecDeque<(ToWorker, JsValue)>)> = RefCell::default();
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a message to the UI thread.
pub fn post(msg: &FromWorker) {
    let bytes = js_sys::Uint8Array::from(codec::encode_from_worker(msg).as_slice());
    let transfer = js_sys::Array::of1(&bytes.buffer());
    let _ = scope().post_message_with_transfer(&bytes, &transfer);
}

/// Posts a message with a `Blob` beside it (`[message bytes, blob]`; the blob is passed by reference).
fn post_with_blob(msg: &FromWorker, blob: &web_sys::Blob) {
    let bytes = js_sys::Uint8Array::from(codec::encode_from_worker(msg).as_slice());
    let transfer = js_sys::Array::of1(&bytes.buffer());
    let _ = scope().post_message_with_transfer(&js_sys::Array::of2(&bytes, blob), &transfer);
}

fn user_error(message: impl Into<String>) -> UserError {
    UserError { message: message.into() }
}

/// Installs the message handler and tells the UI the worker is ready. Called once by `bin/worker.rs`.
pub fn start() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let parts: js_sys::Array = event.data().dyn_into().unwrap_or_default();
        let text = parts.get(0).as_string().unwrap_or_default();
        if text == POOL_TAG {
            return member::serve(&parts.get(1).as_string().unwrap_or_default(), parts.get(2), parts.get(3));
        }
        let attachment = parts.get(1);
        match codec::decode_to_worker(&text) {
            Ok(msg) => enqueue(msg, attachment),
            Err(message) => post(&FromWorker::Failed { run_id: 0, error: user_error(message) }),
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&FromWorker::Ready);
}

/// Queues a message; starts handling the queue unless it is already being handled.
fn enqueue(msg: ToWorker, attachment: JsValue) {
    let start = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.1.push_back((msg, attachment));
        !std::mem::replace(&mut q.0, true)
    });
    if start {
        wasm_bindgen_futures::spawn_local(async {
            while let Some((msg, attachment)) = QUEUE.with(|q| {
                let mut q = q.borrow_mut();
                let next = q.1.pop_front();
                q.0 = next.is_some();
                next
            }) {
                handle(msg, attachment).await;
            }
        });
    }
}

/// One run on `session`, with the k-means restarts and the silhouette split over the worker pool where it
/// pays (and the feature suggestions computed here while the members score the silhouette). The sweep over
/// k, when the run has one that is not cached, comes back untouched: the report is posted first and the
/// sweep computed after it ([`sweep::after`]).
async fn run(
    session: &mut Session,
    config: &PipelineConfig,
    workers: Option<usize>,
    monitor: &mut WorkerMonitor,
) -> Result<(Report, Option<DeferredSweep>), PipelineError> {
    let size = pool::size(workers);
    let mut started = session.start(config, monitor)?;
    let deferred = started.defer_sweep();
    started.sweep_done(monitor);
    let restarts = pooled_restarts(session.matrix(), config, size, monitor).await;
    session.segment(config, &mut started, restarts, monitor)?;
    let mut silhouette = None;
    if let Some(job) = session.silhouette_job(config, &started).filter(|j| j.len() >= pool::MIN_ROWS) {
        if let Some(pool) = pool::get(size).await {
            // the feature suggestions are computed here while the members score the silhouette
            let mut suggest = |m: &mut dyn Monitor| session.suggest(config, &mut started, m);
            silhouette = pool.silhouette(&job, &mut suggest, monitor).await.map(|values| job.finish(values));
        }
    }
    session.finish(config, started, silhouette, monitor).map(|report| (report, deferred))
}

/// [`run`], after reading the file again when the config reads it differently (column types, date order).
async fn read_and_run(
    session: &mut Session,
    file: &web_sys::Blob,
    config: &PipelineConfig,
    workers: Option<usize>,
    monitor: &mut WorkerMonitor,
) -> Result<(Report, Option<DeferredSweep>), UserError> {
    if session.needs_reading(&config.ingest) {
        let ingested = files::read_table(file, session.source(), &config.ingest, monitor).await?;
        session.reread(ingested, &config.ingest);
    }
    run(session, config, workers, monitor).await.map_err(UserError::from)
}

/// The restarts of a k-means fit run over the pool, when it pays and the pool works (None: fit it here).
async fn pooled_restarts(
    x: ndarray::ArrayView2<'_, f64>,
    config: &PipelineConfig,
    size: usize,
    monitor: &mut WorkerMonitor,
) -> Option<KMeansRestarts> {
    let AlgorithmConfig::Kmeans(params) = config.algorithm.with_seed(config.seed) else { return None };
    let k_fits = params.check().is_ok() && params.n_clusters <= x.nrows();
    if !k_fits || params.n_init < 2 || x.nrows() < pool::MIN_ROWS || x.len() > pool::MAX_KMEANS_VALUES {
        return None;
    }
    let pool = pool::get(size).await?;
    let start_ms = monitor.now_ms();
    let parts = pool.kmeans_restarts(x, &params, monitor).await?;
    Some(KMeansRestarts { parts, start_ms })
}

async fn handle(msg: ToWorker, attachment: JsValue) {
    match msg {
        ToWorker::Run { run_id, data, mut config, workers } => {
            let mut monitor = WorkerMonitor::new(run_id);
            // New data replaces the loaded session only when a run on it succeeds, so a bad file never
            // loses the data (and result) the user already had.
            let fresh = match data {
                Some(source) => match load(&source, attachment, &config.ingest, &mut monitor).await {
                    Ok(loaded) => Some(loaded),
                    Err(error) => return post(&FromWorker::Failed { run_id, error }),
                },
                None => None,
            };
            // A run on new data works on the new session and keeps it only if the run succeeds; a re-run
            // takes the loaded session out of the state for the time of the run and puts it back.
            let is_fresh = fresh.is_some();
            let loaded = || {
                STATE.with(|s| {
                    let mut s = s.borrow_mut();
                    let file = s.file.clone();
                    s.session.take().zip(file)
                })
            };
            let Some((mut session, file)) = fresh.or_else(loaded) else {
                let error = user_error("no data is loaded yet: upload a CSV or try the sample");
                return post(&FromWorker::Failed { run_id, error });
            };
            let mut result = read_and_run(&mut session, &file, &config, workers, &mut monitor).await;
            // A new file that fails on the settings of the one before (features, transforms, names of columns
            // it does not have) runs again with its own defaults; the UI then forgets those settings too.
            let mut own_defaults = config.as_ref().clone();
            let retry =
                is_fresh && result.is_err() && crate::views::schema::forget_file_settings(&mut own_defaults);
            let mut reset_file_settings = false;
            if retry {
                // a file that fails on its own defaults too reports its first error, and keeps the settings
                if let Ok((mut report, deferred)) =
                    read_and_run(&mut session, &file, &own_defaults, workers, &mut monitor).await
                {
                    report.notes.insert(0, crate::views::schema::SETTINGS_RESET_NOTE.into());
                    result = Ok((report, deferred));
                    *config = own_defaults;
                    reset_file_settings = true;
                }
            }
            let (result, deferred) = match result {
                Ok((report, deferred)) => (Ok(report), deferred),
                Err(e) => (Err(e), None),
            };
            let outcome = STATE.with(|state| {
                let mut state = state.borrow_mut();
                match result {
                    Ok(report) => {
                        if is_fresh {
                            state.scored = None;
                        }
                        state.session = Some(session);
                        state.file = Some(file);
                        state.report = Some(report.clone());
                        Ok(report)
                    }
                    Err(e) => {
                        if !is_fresh {
                            state.session = Some(session);
                        }
                        Err(e)
                    }
                }
            });
            match outcome.and_then(|report| ReportParts::split(report).map_err(user_error)) {
                Ok(report) => {
                    let sweep_pending = deferred.is_some();
                    post(&FromWorker::Finished { run_id, report, sweep_pending, reset_file_settings });
                    if let Some(deferred) = deferred {
                        sweep::after(run_id, deferred, &config, workers).await;
                    }
                }
                Err(error) => post(&FromWorker::Failed { run_id, error }),
            }
        }
        ToWorker::Export { request_id, kind } => {
            let file = STATE.with(|s| s.borrow().file.clone());
            let mut original = None;
            if let (true, Some(file)) = (kind.needs_original(), file) {
                let name = STATE.with(|s| s.borrow().session.as_ref().map(|s| s.source().to_string()));
                let mut reading = WorkerMonitor::new(0);
                match files::read_bytes(&file, &name.unwrap_or_default(), &mut reading).await {
                    Ok(bytes) => original = Some(bytes),
                    Err(message) => {
                        return post(&FromWorker::RequestFailed { request_id, error: user_error(message) })
                    }
                }
            }
            let built = STATE.with(|state| {
                let state = state.borrow();
                let (Some(session), Some(report)) = (&state.session, &state.report) else {
                    return Err("nothing to export yet: run a segmentation first".to_string());
                };
                // Exports go into their Blob a part at a time (the labelled CSV is the size of the file).
                let mut blob = files::BlobParts::default();
                let (name, mime) = export::build_in_parts(
                    kind,
                    session,
                    original.as_deref(),
                    report,
                    state.scored.as_ref(),
                    files::PART_BYTES,
                    &mut |part| blob.push(part),
                )?;
                Ok((name, mime, blob.finish(mime)?))
            });
            match built {
                Ok((file_name, mime, blob)) => {
                    post_with_blob(&FromWorker::Exported { request_id, file_name, mime: mime.into() }, &blob)
                }
                Err(message) => post(&FromWorker::RequestFailed { request_id, error: user_error(message) }),
            }
        }
        ToWorker::Score { request_id, name } => {
            let mut reading = WorkerMonitor::new(0);
            let source = DataSource::File { name: name.clone() };
            let read = match files::open(&source, attachment).await {
                Ok(blob) => files::read_bytes(&blob, &name, &mut reading).await,
                Err(message) => Err(message),
            };
            let bytes = match read {
                Ok(b) => b,
                Err(message) => {
                    return post(&FromWorker::RequestFailed { request_id, error: user_error(message) })
                }
            };
            let mut monitor = WorkerMonitor::new(0);
            let result = STATE.with(|state| {
                let mut state = state.borrow_mut();
                let model = state
                    .session
                    .as_ref()
                    .and_then(|s| s.model())
                    .ok_or_else(|| user_error("no model yet: run a segmentation first"))?;
                let scored = score_file(model, &bytes, &name, &mut monitor).map_err(UserError::from)?;
                let report = scored.scored.report.clone();
                state.scored = Some(scored);
                Ok::<_, UserError>(report)
            });
            match result {
                Ok(report) => post(&FromWorker::Scored { request_id, report: Box::new(report) }),
                Err(error) => post(&FromWorker::RequestFailed { request_id, error }),
            }
        }
    }
}

/// Opens and reads a new data source into a session (its file kept for reading again).
async fn load(
    source: &DataSource,
    attachment: JsValue,
    opts: &crate::engine::table::IngestOptions,
    monitor: &mut WorkerMonitor,
) -> Result<(Session, web_sys::Blob), UserError> {
    let name = source.display_name();
    let file = files::open(source, attachment).await.map_err(user_error)?;
    let ingested = files::read_table(&file, &name, opts, monitor).await?;
    Ok((Session::new(ingested, &name, opts), file))
}

/// Posts progress at most every 50 ms (and at every stage change); reads the worker's clock.
struct WorkerMonitor {
    run_id: u64,
    /// Set for work a newer run may stop (the sweep over k after a report): then [`Monitor::cancelled`] is
    /// true as soon as a run waits in the queue.
    preemptible: bool,
    last_post: f64,
    last_stage: String,
    performance: Option<web_sys::Performance>,
}

impl WorkerMonitor {
    fn new(run_id: u64) -> Self {
        let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| p.dyn_into().ok());
        WorkerMonitor {
            run_id,
            preemptible: false,
            last_post: f64::NEG_INFINITY,
            last_stage: String::new(),
            performance,
        }
    }
}

impl Monitor for WorkerMonitor {
    fn progress(&mut self, stage: &str, fraction: f64) {
        let now = self.now_ms();
        if stage != self.last_stage || now - self.last_post >= 50.0 || fraction >= 1.0 {
            self.last_post = now;
            self.last_stage = stage.to_string();
            post(&FromWorker::Progress { run_id: self.run_id, stage: stage.to_string(), fraction });
        }
    }

    fn cancelled(&self) -> bool {
        self.preemptible
            && QUEUE.with(|q| q.borrow().1.iter().any(|(msg, _)| matches!(msg, ToWorker::Run { .. })))
    }

    fn now_ms(&self) -> f64 {
        self.performance.as_ref().map(|p| p.now()).unwrap_or(0.0)
    }
}

/// A panic hook that tells the UI what happened before the worker dies.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&FromWorker::Crashed { message: info.to_string() });
    }));
}
