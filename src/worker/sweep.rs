//! The sweep over k after a run's report: the worker posts the segments first and then computes the Choose-k
//! comparison (split over the pool where it pays, a k at a time here otherwise), posts it as
//! [`FromWorker::Swept`] and caches it in the session. A newer run waiting in the queue stops it between k's;
//! nothing is posted then, and the newer run computes its own.

use super::{pool, post, WorkerMonitor, STATE};
use crate::engine::choose_k::{self, assemble, KSweep, SweepPlan, SweepSteps};
use crate::engine::pipeline::evaluate::SweepTask;
use crate::engine::pipeline::{DeferredSweep, PipelineConfig};
use crate::engine::progress::Monitor;
use crate::protocol::pool::ToMember;
use crate::protocol::FromWorker;
use ndarray::ArrayView2;
use wasm_bindgen::JsCast;

/// Computes the deferred sweep of run `run_id` on the loaded session, stores it (in the session's cache and
/// the kept report) and posts it; stops without posting when a newer run arrives.
pub async fn after(run_id: u64, deferred: DeferredSweep, config: &PipelineConfig, workers: Option<usize>) {
    let Some(mut session) = STATE.with(|s| s.borrow_mut().session.take()) else { return };
    let mut monitor = WorkerMonitor::new(run_id);
    monitor.preemptible = true;
    let DeferredSweep { key, task } = deferred;
    let x = session.matrix();
    let dim = x.dim();
    let result = match pooled(&task, x, config, pool::size(workers), &mut monitor).await {
        Some(sweep) => Some(Ok(sweep)),
        None if monitor.cancelled() => None,
        None => here(&task, x, &mut monitor).await,
    };
    let outcome = result.map(|r| task.outcome(dim, r));
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if let Some((sweep, note)) = &outcome {
            session.store_deferred(key, (sweep.clone(), note.clone()));
            if let Some(report) = s.report.as_mut() {
                report.sweep = sweep.clone();
                report.sweep_note = note.clone();
            }
        }
        s.session = Some(session);
    });
    if let Some((sweep, note)) = outcome {
        post(&FromWorker::Swept { run_id, sweep, note });
    }
}

/// The sweep split over the pool, when it pays and the pool works (None: compute it here, or it was stopped).
async fn pooled(
    task: &SweepTask,
    x: ArrayView2<'_, f64>,
    config: &PipelineConfig,
    size: usize,
    monitor: &mut WorkerMonitor,
) -> Option<KSweep> {
    if x.nrows().min(task.seeded_params().fit_rows(x.ncols())) < pool::MIN_ROWS {
        return None;
    }
    let pool = pool::get(size).await?;
    let plan = task.params().and_then(|p| SweepPlan::new(x, &p)).ok()?;
    let setup = ToMember::SweepSetup {
        algorithm: Box::new(config.algorithm.clone()),
        params: task.seeded_params().clone(),
        seed: config.seed,
        cols: plan.rows().ncols(),
    };
    let scores = pool.sweep(&plan, setup, monitor).await?;
    Some(assemble(vec![plan.finish(task.clusterer(), scores)]))
}

/// The sweep here, a k at a time, letting the worker take its messages between k's (None: a newer run
/// stopped it).
async fn here(
    task: &SweepTask,
    x: ArrayView2<'_, f64>,
    monitor: &mut WorkerMonitor,
) -> Option<choose_k::Result<KSweep>> {
    let mut steps = match task.params().and_then(|p| SweepSteps::new(x, task.clusterer(), &p)) {
        Ok(steps) => steps,
        Err(e) => return Some(Err(e)),
    };
    loop {
        next_task().await;
        match steps.step(monitor) {
            Ok(true) => {}
            Ok(false) => return Some(Ok(assemble(vec![steps.finish()]))),
            Err(_) if monitor.cancelled() => return None,
            Err(e) => return Some(Err(e)),
        }
    }
}

/// Resolves in a later task of the worker's event loop, after the messages that arrived meanwhile.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
