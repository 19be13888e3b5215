//! The root component: the shared state, the worker, and the layout of panels around the results.

use super::data_panel::DataPanel;
use super::results::Results;
use super::run_controller::{DataChoice, Dispatch, RunController};
use super::segment_panel::SegmentPanel;
use super::worker_bridge::{use_pipeline_worker, BridgeEvent, PipelineWorker};
use crate::engine::pipeline::{PipelineConfig, Report};
use crate::protocol::{FromWorker, ToWorker};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// What the status line shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Idle,
    Running { stage: String, fraction: f64 },
    Failed(String),
    Cancelled,
}

/// Handles the panels use to change the app state.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub config: RwSignal<PipelineConfig>,
    pub report: RwSignal<Option<Arc<Report>>>,
    pub status: RwSignal<Status>,
    /// Name of the data being loaded or shown.
    pub data_name: RwSignal<Option<String>>,
    choose: StoredValue<Box<dyn Fn(DataChoice)>, LocalStorage>,
    cancel: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl AppContext {
    /// Loads new data (a file, the sample, a URL) and runs on it.
    pub fn choose_data(&self, data: DataChoice) {
        self.choose.with_value(|f| f(data));
    }

    /// Stops the run in flight.
    pub fn cancel(&self) {
        self.cancel.with_value(|f| f());
    }
}

#[component]
pub fn App() -> impl IntoView {
    // -- signals --
    let config = RwSignal::new(PipelineConfig::default());
    let report = RwSignal::new(None::<Arc<Report>>);
    let status = RwSignal::new(Status::Idle);
    let data_name = RwSignal::new(None::<String>);
    let controller = StoredValue::new_local(RunController::default());
    let worker_slot = StoredValue::new_local(None::<PipelineWorker>);

    // -- actions --
    let send = move |dispatch: Option<Dispatch>| {
        let Some(Dispatch { run_id, data }) = dispatch else { return };
        let msg = ToWorker::Run {
            run_id,
            data: data.as_ref().map(|d| d.source.clone()),
            config: config.get_untracked(),
        };
        worker_slot.with_value(|w| {
            if let Some(w) = w {
                w.send(&msg, data.as_ref().and_then(|d| d.file.as_ref()));
            }
        });
        status.set(Status::Running { stage: "starting".into(), fraction: 0.0 });
    };
    let on_event = move |event: BridgeEvent| match event {
        BridgeEvent::Message(msg) => {
            let Some(run_id) = msg.run_id() else { return };
            if !controller.with_value(|c| c.is_current(run_id)) {
                return; // a superseded run: drop it
            }
            match msg {
                FromWorker::Progress { stage, fraction, .. } => {
                    status.set(Status::Running { stage, fraction })
                }
                FromWorker::Finished { report: r, .. } => {
                    data_name.set(Some(r.source().to_string()));
                    report.set(Some(Arc::new(*r)));
                    status.set(Status::Idle);
                    let next = controller.try_update_value(|c| c.finished(run_id, true)).flatten();
                    send(next);
                }
                FromWorker::Failed { error, .. } => {
                    let next = controller.try_update_value(|c| c.finished(run_id, false)).flatten();
                    let still = controller.with_value(|c| c.loaded_name());
                    data_name.set(still.clone());
                    let suffix = match still {
                        Some(name) if report.with_untracked(|r| r.is_some()) => {
                            format!(" Still showing {name}.")
                        }
                        _ => String::new(),
                    };
                    status.set(Status::Failed(format!("{}{suffix}", error.message)));
                    send(next);
                }
                FromWorker::Ready | FromWorker::Crashed { .. } => {}
            }
        }
        BridgeEvent::Died(why) => {
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
    let ctx = AppContext {
        config,
        report,
        status,
        data_name,
        choose: StoredValue::new_local(Box::new(move |data: DataChoice| {
            data_name.set(Some(data.source.display_name()));
            controller.update_value(|c| c.choose(data));
            request_run();
        }) as Box<dyn Fn(DataChoice)>),
        cancel: StoredValue::new_local(Box::new(move || {
            worker_slot.with_value(|w| {
                if let Some(w) = w {
                    w.restart()
                }
            });
            controller.update_value(|c| c.worker_replaced());
            data_name.set(controller.with_value(|c| c.loaded_name()));
            status.set(Status::Cancelled);
        }) as Box<dyn Fn()>),
    };
    provide_context(ctx);

    // -- effects --
    // Re-run (debounced) whenever the config changes, once some data has been chosen.
    let generation = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        config.track();
        if first.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() == mine && controller.with_value(|c| c.loaded_name().is_some()) {
                    request_run();
                }
            },
            Duration::from_millis(150),
        );
    });

    view! {
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
        <main class="workspace">
            <aside class="sidebar">
                <DataPanel/>
                <SegmentPanel/>
            </aside>
            <Results/>
        </main>
        <footer class="footer">
            "Sample data: UCI Wholesale customers (Cardoso, 2014), "
            <a href="https://archive.ics.uci.edu/dataset/292/wholesale+customers" rel="noopener">"archive.ics.uci.edu"</a>
            ", licensed CC BY 4.0. segscope computes everything in this browser tab; nothing is uploaded."
        </footer>
    }
}
