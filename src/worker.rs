//! The web-worker shim: decode a [`ToWorker`] → load the data → `engine::pipeline` → post
//! [`FromWorker`] progress / result / error. No logic of its own beyond fetching bytes and keeping the
//! loaded session between runs, so that changing a setting does not re-read the file.

use crate::engine::pipeline::Session;
use crate::engine::progress::Monitor;
use crate::protocol::{codec, DataSource, FromWorker, ToWorker, UserError};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a message to the UI thread.
pub fn post(msg: &FromWorker) {
    let _ = scope().post_message(&JsValue::from_str(&codec::encode_from_worker(msg)));
}

/// Installs the message handler and tells the UI the worker is ready. Called once by `bin/worker.rs`.
pub fn start() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        let parts: js_sys::Array = data.dyn_into().unwrap_or_default();
        let text = parts.get(0).as_string().unwrap_or_default();
        let attachment = parts.get(1);
        match codec::decode_to_worker(&text) {
            Ok(msg) => wasm_bindgen_futures::spawn_local(handle(msg, attachment)),
            Err(message) => post(&FromWorker::Failed { run_id: 0, error: UserError { message } }),
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&FromWorker::Ready);
}

async fn handle(msg: ToWorker, attachment: JsValue) {
    match msg {
        ToWorker::Run { run_id, data, config } => {
            let mut monitor = WorkerMonitor::new(run_id);
            // New data replaces the loaded session only when a run on it succeeds, so a bad file never
            // loses the data (and result) the user already had.
            let fresh = match data {
                Some(source) => {
                    let bytes = match read_source(&source, attachment).await {
                        Ok(bytes) => bytes,
                        Err(message) => {
                            post(&FromWorker::Failed { run_id, error: UserError { message } });
                            return;
                        }
                    };
                    match Session::load(bytes, &source.display_name(), &config.ingest, &mut monitor) {
                        Ok(session) => Some(session),
                        Err(e) => {
                            post(&FromWorker::Failed { run_id, error: e.into() });
                            return;
                        }
                    }
                }
                None => None,
            };
            let (result, fresh) = match fresh {
                Some(mut session) => {
                    (session.run(&config, &mut monitor).map_err(UserError::from), Some(session))
                }
                None => (
                    SESSION.with(|s| match s.borrow_mut().as_mut() {
                        Some(session) => session.run(&config, &mut monitor).map_err(UserError::from),
                        None => Err(UserError {
                            message: "no data is loaded yet: upload a CSV or try the sample".into(),
                        }),
                    }),
                    None,
                ),
            };
            match result {
                Ok(report) => {
                    if let Some(session) = fresh {
                        SESSION.with(|s| *s.borrow_mut() = Some(session));
                    }
                    post(&FromWorker::Finished { run_id, report: Box::new(report) })
                }
                Err(error) => post(&FromWorker::Failed { run_id, error }),
            }
        }
    }
}

/// The bytes of a data source: a posted `File`, the bundled sample, or a same-origin URL.
async fn read_source(source: &DataSource, attachment: JsValue) -> Result<Vec<u8>, String> {
    let name = source.display_name();
    let buffer = match source {
        DataSource::File { .. } => {
            let blob: web_sys::Blob =
                attachment.dyn_into().map_err(|_| format!("{name}: the file did not reach the worker"))?;
            JsFuture::from(blob.array_buffer())
                .await
                .map_err(|e| format!("{name}: could not be read ({e:?})"))?
        }
        DataSource::Sample => fetch_bytes(&format!("sample/{}", crate::SAMPLE_FILE_NAME)).await?,
        DataSource::Url { url } => fetch_bytes(url).await?,
    };
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

async fn fetch_bytes(url: &str) -> Result<JsValue, String> {
    let response = JsFuture::from(scope().fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: could not be fetched ({e:?})"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: the server answered {} {}", response.status(), response.status_text()));
    }
    let promise = response.array_buffer().map_err(|e| format!("{url}: {e:?}"))?;
    JsFuture::from(promise).await.map_err(|e| format!("{url}: {e:?}"))
}

/// Posts progress at most every 50 ms (and at every stage change); reads the worker's clock.
struct WorkerMonitor {
    run_id: u64,
    last_post: f64,
    last_stage: String,
    performance: Option<web_sys::Performance>,
}

impl WorkerMonitor {
    fn new(run_id: u64) -> Self {
        let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| p.dyn_into().ok());
        WorkerMonitor { run_id, last_post: f64::NEG_INFINITY, last_stage: String::new(), performance }
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
