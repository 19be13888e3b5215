//! The root component: the shared state, the worker, the step navigation and the panel on screen.

use super::download::download_blob;
use super::nav::StepNav;
use super::run_controller::{DataChoice, Dispatch, RunController};
use super::slices::{self, Next};
use super::state::{AppContext, LateSweep, Status, Step};
use super::status::StatusLine;
use super::steps;
use super::toolbar::Toolbar;
use super::worker_bridge::{use_pipeline_worker, BridgeEvent, PipelineWorker};
use crate::protocol::{Assembly, ExportKind, FromWorker, ReportParts, ToWorker};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

#[component]
pub fn App() -> impl IntoView {
    // -- signals --
    let startup = super::embed::startup();
    let config = RwSignal::new(startup.config.clone().unwrap_or_default());
    let report = RwSignal::new(None);
    let status = RwSignal::new(Status::Idle);
    let late_sweep = RwSignal::new(LateSweep::InReport);
    // The run whose sweep over k the worker is computing after its report.
    let sweeping = StoredValue::new(None::<u64>);
    let data_name = RwSignal::new(None::<String>);
    let step = RwSignal::new(Step::Data);
    let score = RwSignal::new(None);
    let controller = StoredValue::new_local(RunController::default());
    let worker_slot = StoredValue::new_local(None::<PipelineWorker>);
    let next_request = StoredValue::new(0u64);
    let latest_score = StoredValue::new(0u64);
    let loading_new_data = StoredValue::new(false);
    // a new file's result asked for Explore and has not switched to it yet: kept until the switch happens, as
    // a quicker result of a run queued after it (a restored workspace's own settings) replaces its queued
    // decoding, switch and all (a reload then stayed on the Data step)
    let explore_pending = StoredValue::new(false);
    let run_now = StoredValue::new(false);
    // set when the worker already ran the config the UI is about to take (the change must not re-run it)
    let skip_next_run = StoredValue::new(false);
    // an export asked for while the worker had to load the data again (sent when that run finishes)
    let pending_export = StoredValue::new(None::<ExportKind>);
    let decoding = slices::key();

    // -- actions --
    // The shown result's sweep over k will not come (the worker stopped, or the run after it failed).
    let stop_late_sweep = move || {
        sweeping.set_value(None);
        if matches!(late_sweep.get_untracked(), LateSweep::Computing(_)) {
            late_sweep.set(LateSweep::Stopped);
        }
    };
    let send = move |dispatch: Option<Dispatch>| {
        let Some(Dispatch { run_id, data, new_data }) = dispatch else { return };
        loading_new_data.set_value(new_data);
        let msg = ToWorker::Run {
            run_id,
            data: data.as_ref().map(|d| d.source.clone()),
            config: Box::new(config.get_untracked()),
            workers: startup.workers,
        };
        worker_slot.with_value(|w| {
            if let Some(w) = w {
                w.send(&msg, data.as_ref().and_then(|d| d.file.as_ref()));
            }
        });
        status.set(Status::Running { stage: "starting".into(), fraction: 0.0 });
        super::perf::mark("run sent");
    };
    let on_message = move |msg: FromWorker, attachment: wasm_bindgen::JsValue| match msg {
        FromWorker::Progress { run_id, stage, fraction } => {
            if !controller.with_value(|c| c.is_current(run_id)) {
                return;
            }
            if sweeping.get_value() == Some(run_id) {
                late_sweep.set(LateSweep::Computing(fraction));
            } else {
                status.set(Status::Running { stage, fraction });
            }
        }
        FromWorker::Swept { run_id, sweep, note } => {
            if controller.with_value(|c| c.is_current(run_id)) && sweeping.get_value() == Some(run_id) {
                sweeping.set_value(None);
                late_sweep.set(LateSweep::Arrived(Arc::new((sweep, note))));
            }
        }
        FromWorker::Finished { run_id, report: parts, sweep_pending, reset_file_settings } => {
            super::perf::mark("report received");
            if !controller.with_value(|c| c.is_current(run_id)) {
                return; // a superseded run: drop it
            }
            if reset_file_settings {
                // the worker ran the new file with its own defaults: so does every later run (not re-run now,
                // nor for an edit of the old settings still waiting)
                controller.update_value(RunController::drop_pending);
                skip_next_run.set_value(true);
                config.update(|c| {
                    crate::views::schema::forget_file_settings(c);
                });
            }
            sweeping.set_value(sweep_pending.then_some(run_id));
            late_sweep.set(if sweep_pending { LateSweep::Computing(0.0) } else { LateSweep::InReport });
            if loading_new_data.get_value() && !startup.embed_step_fixed {
                explore_pending.set_value(true);
            }
            status.set(Status::Idle);
            let next = controller.try_update_value(|c| c.finished(run_id, true)).flatten();
            send(next);
            if let Some(kind) = pending_export.try_update_value(Option::take).flatten() {
                next_request.update_value(|n| *n += 1);
                let msg = ToWorker::Export { request_id: next_request.get_value(), kind };
                worker_slot.with_value(|w| {
                    if let Some(w) = w {
                        w.send(&msg, None)
                    }
                });
            }
            // The result is decoded a part at a time in the work queue (each part in a slice of its own: the
            // first result of a session also compiles the decoding code), then shown in a slice of its own;
            // for new data, the switch to Explore follows in another.
            let mut assembly = Some(Assembly::default());
            let mut part = 0;
            slices::run(decoding, move |deadline| {
                if part < ReportParts::COUNT {
                    let added =
                        super::perf::span("decode part", || assembly.as_mut().map(|a| a.add(&parts, part)));
                    part += 1;
                    if let Some(Err(e)) = added {
                        status.set(Status::Failed(format!("The result could not be read: {e}.")));
                        return Next::Done;
                    }
                    if part == ReportParts::COUNT {
                        deadline.end_now(); // showing it starts the next slice
                    }
                    return Next::More;
                }
                match assembly.take().map(Assembly::finish) {
                    Some(Ok(r)) => {
                        super::perf::log(|| {
                            let stages: Vec<String> =
                                r.timings.iter().map(|t| format!("{} {:.1}", t.stage, t.ms)).collect();
                            format!("worker stages (ms): {}", stages.join(", "))
                        });
                        data_name.set(Some(r.source().to_string()));
                        super::perf::span("report.set", || report.set(Some(Arc::new(r))));
                        if explore_pending.get_value() {
                            slices::run(decoding, move |d| {
                                explore_pending.set_value(false);
                                step.set(Step::Explore);
                                d.end_now();
                                Next::Done
                            });
                        }
                    }
                    Some(Err(e)) => status.set(Status::Failed(format!("The result could not be read: {e}."))),
                    None => {}
                }
                deadline.end_now();
                Next::Done
            });
        }
        FromWorker::Failed { run_id, error } => {
            if !controller.with_value(|c| c.is_current(run_id)) {
                return;
            }
            stop_late_sweep();
            pending_export.set_value(None);
            explore_pending.set_value(false);
            let next = controller.try_update_value(|c| c.finished(run_id, false)).flatten();
            let still = controller.with_value(|c| c.loaded_name());
            data_name.set(still.clone());
            let suffix = match still {
                Some(name) if report.with_untracked(|r: &Option<Arc<_>>| r.is_some()) => {
                    format!(" Still showing {name}.")
                }
                _ => String::new(),
            };
            let message = error.message.trim_end_matches('.').to_string();
            status.set(Status::Failed(format!("{message}.{suffix}")));
            send(next);
        }
        FromWorker::Exported { file_name, .. } => match download_blob(&file_name, attachment) {
            Ok(()) => status.set(Status::Info(format!("{file_name} is downloading."))),
            Err(e) => status.set(Status::Failed(format!("{file_name} could not be saved: {e}"))),
        },
        FromWorker::Scored { request_id, report: r } => {
            if request_id == latest_score.get_value() {
                score.set(Some(Arc::new(*r)));
                status.set(Status::Idle);
            }
        }
        FromWorker::RequestFailed { error, .. } => status.set(Status::Failed(error.message)),
        FromWorker::Ready | FromWorker::Crashed { .. } => {}
    };
    let on_event = move |event: BridgeEvent| match event {
        BridgeEvent::Message(msg, attachment) => on_message(msg, attachment),
        BridgeEvent::Died(why) => {
            slices::cancel(decoding);
            stop_late_sweep();
            controller.update_value(|c| c.worker_replaced());
            data_name.set(controller.with_value(|c| c.loaded_name()));
            status.set(Status::Failed(format!(
                "The computation stopped: {why}. A fresh worker was started; your data and the last result are kept."
            )));
        }
    };
    worker_slot.set_value(Some(use_pipeline_worker(on_event)));
    on_cleanup(move || {
        worker_slot.with_value(|w| {
            if let Some(w) = w {
                w.terminate()
            }
        })
    });
    let request_run = move || send(controller.try_update_value(|c| c.request()).flatten());
    let new_request = move || {
        next_request.update_value(|n| *n += 1);
        next_request.get_value()
    };
    let ctx = AppContext {
        config,
        report,
        status,
        late_sweep,
        data_name,
        step,
        score,
        embed: startup.embed,
        choose: StoredValue::new_local(Box::new(move |data: DataChoice| {
            data_name.set(Some(data.source.display_name()));
            controller.update_value(|c| c.choose(data));
            request_run();
        })),
        cancel: StoredValue::new_local(Box::new(move |()| {
            worker_slot.with_value(|w| {
                if let Some(w) = w {
                    w.restart()
                }
            });
            slices::cancel(decoding);
            stop_late_sweep();
            controller.update_value(|c| c.worker_replaced());
            data_name.set(controller.with_value(|c| c.loaded_name()));
            status.set(Status::Cancelled);
        })),
        export: StoredValue::new_local(Box::new(move |kind: ExportKind| {
            // after Cancel or a crash the fresh worker has no data: run again on it, then export
            if controller.with_value(|c| c.needs_reload()) {
                pending_export.set_value(Some(kind));
                request_run();
                return;
            }
            let msg = ToWorker::Export { request_id: new_request(), kind };
            worker_slot.with_value(|w| {
                if let Some(w) = w {
                    w.send(&msg, None)
                }
            });
        })),
        score_file: StoredValue::new_local(Box::new(move |file: web_sys::File| {
            let request_id = new_request();
            latest_score.set_value(request_id);
            let msg = ToWorker::Score { request_id, name: file.name() };
            worker_slot.with_value(|w| {
                if let Some(w) = w {
                    w.send(&msg, Some(&file))
                }
            });
            status.set(Status::Running { stage: format!("scoring {}", file.name()), fraction: 0.0 });
        })),
        loaded: StoredValue::new_local(Box::new(move || controller.with_value(|c| c.loaded().cloned()))),
        run_now,
    };
    provide_context(ctx);

    // -- effects --
    // Re-run whenever the config changes, once some data has been chosen: at once after `edit_now`, otherwise
    // when edits pause for 200 ms (a newer edit cancels the wait).
    let generation = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        config.track();
        if first.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        // the worker already ran this config: no run, and an edit's run still waiting is for the old one
        if std::mem::take(&mut *skip_next_run.write_value()) {
            return;
        }
        let mine = generation.get_value();
        if run_now.get_value() {
            run_now.set_value(false);
            if controller.with_value(|c| c.loaded_name().is_some()) {
                request_run();
            }
            return;
        }
        set_timeout(
            move || {
                if generation.get_value() == mine && controller.with_value(|c| c.loaded_name().is_some()) {
                    request_run();
                }
            },
            Duration::from_millis(200),
        );
    });
    // Data named in the URL (?data= or #sample) loads at start. A saved workspace comes back on a reload
    // too, although the URL then carries the hash the app keeps in sync: its settings with the hash's on
    // top, and its data unless the URL names other data.
    if let Some(url) = &startup.refused_data {
        status.set(Status::Failed(format!(
            "?data={url} was not loaded: only an address on this site is (a relative one such as \
             data/customers.csv, or a path starting with /), so that no data is requested from elsewhere."
        )));
    }
    let url_sample = startup.data == Some(crate::protocol::DataSource::Sample);
    if let Some(source) = startup.data.clone() {
        ctx.choose_data(DataChoice { source, file: None });
    }
    let restore = (!startup.embed && (startup.data.is_none() || url_sample))
        .then(|| super::workspace::Restore { hash: startup.hash.clone(), sample_loading: url_sample });
    super::workspace::keep_current(ctx, restore);
    super::embed::keep_hash_in_sync(config, data_name);
    // `<html data-sweep=…>`: "computing" while a sweep over k comes after the shown result (tests wait for
    // it).
    Effect::new(move |_| {
        let state = if matches!(late_sweep.get(), LateSweep::Computing(_)) { "computing" } else { "ready" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-sweep", state);
        }
    });

    view! {
        <div class="app" class:embed=ctx.embed>
            <Show when=move || !ctx.embed>
                <header class="topbar">
                    <div class="brand">
                        <span class="logo" aria-hidden="true"></span>
                        <h1>"segscope"</h1>
                        <span class="tagline">"Customer segmentation in your browser"</span>
                    </div>
                    <p class="privacy" data-testid="privacy-note">
                        <span class="lock" aria-hidden="true"></span>
                        "Your data stays in this tab"
                    </p>
                </header>
            </Show>
            <div class="workspace">
                <StepNav/>
                <main class="main" id="main">
                    <Toolbar/>
                    <StatusLine/>
                    {move || steps::panel(step.get())}
                </main>
            </div>
            <Show when=move || !ctx.embed>
                <footer class="footer">
                    "Try sample data loads the UCI Wholesale customers data (Cardoso, 2014), "
                    <a href="https://archive.ics.uci.edu/dataset/292/wholesale+customers" rel="noopener">
                        "archive.ics.uci.edu"
                    </a>
                    ", licensed CC BY 4.0. segscope computes everything in this browser tab; nothing is uploaded."
                </footer>
            </Show>
        </div>
    }
}
