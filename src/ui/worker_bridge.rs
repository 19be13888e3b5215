//! `use_pipeline_worker`: the one owner of the web worker. Queues messages until the worker says Ready,
//! terminates and respawns it on Cancel or when it crashes, and reports every event to one callback.
//!
//! gloo-worker 0.6 is not used here because its bridge cannot terminate a busy worker, does not surface the
//! worker's `error` event (a panic or an out-of-memory abort), and serializes every message, so a `File`
//! cannot be handed over by reference; all three are needed for Cancel, crash recovery and large files.

use crate::protocol::{codec, FromWorker, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the worker told us, or that it died.
#[derive(Debug, Clone)]
pub enum BridgeEvent {
    /// A message, and what the worker posted beside it (an export's `Blob`; undefined otherwise).
    Message(FromWorker, JsValue),
    /// The worker crashed (panic, out of memory, failed to load); it has already been replaced.
    Died(String),
}

type Callback = Rc<dyn Fn(BridgeEvent)>;
/// The message and error handlers attached to one worker instance.
type Handlers = (Closure<dyn FnMut(MessageEvent)>, Closure<dyn FnMut(ErrorEvent)>);

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<js_sys::Array>,
    /// Closures attached to the current worker; dropped with it.
    _handlers: Option<Handlers>,
    /// Incremented at every spawn, so events of a replaced worker are ignored.
    generation: u64,
    /// Workers that died before saying Ready, in a row; after [`MAX_START_FAILURES`] no new one is started.
    start_failures: u32,
}

/// Consecutive start failures after which the bridge stops respawning (the worker script cannot load).
const MAX_START_FAILURES: u32 = 3;

/// A handle to the pipeline worker; cheap to clone.
#[derive(Clone)]
pub struct PipelineWorker {
    inner: Rc<RefCell<Inner>>,
    on_event: Callback,
}

/// Spawns the worker; `on_event` receives every message and crash.
pub fn use_pipeline_worker(on_event: impl Fn(BridgeEvent) + 'static) -> PipelineWorker {
    let worker = PipelineWorker {
        inner: Rc::new(RefCell::new(Inner {
            worker: None,
            ready: false,
            queue: Vec::new(),
            _handlers: None,
            generation: 0,
            start_failures: 0,
        })),
        on_event: Rc::new(on_event),
    };
    worker.spawn();
    worker
}

impl PipelineWorker {
    fn spawn(&self) {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Classic);
        options.set_name("segscope-pipeline");
        let generation = self.inner.borrow().generation + 1;
        let worker = match Worker::new_with_options("./worker-loader.js", &options) {
            Ok(w) => w,
            Err(e) => {
                (self.on_event)(BridgeEvent::Died(format!("the background worker could not start ({e:?})")));
                return;
            }
        };
        let this = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if this.inner.borrow().generation != generation {
                return;
            }
            // A message is its bytes, or `[bytes, attachment]` when the worker posts a Blob beside it.
            let data = event.data();
            let (data, attachment) = match data.dyn_ref::<js_sys::Array>() {
                Some(parts) => (parts.get(0), parts.get(1)),
                None => (data, JsValue::UNDEFINED),
            };
            let bytes = js_sys::Uint8Array::new(&data).to_vec();
            let decoded = super::perf::span(&format!("decode {} KB", bytes.len() / 1024), || {
                codec::decode_from_worker(&bytes)
            });
            match decoded {
                Ok(FromWorker::Ready) => this.flush(),
                Ok(FromWorker::Crashed { message }) => {
                    this.died(format!("it stopped with an internal error ({message})"))
                }
                Ok(msg) => (this.on_event)(BridgeEvent::Message(msg, attachment)),
                Err(e) => (this.on_event)(BridgeEvent::Died(e)),
            }
        });
        let this = self.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if this.inner.borrow().generation != generation {
                return;
            }
            let detail = event.message();
            let why = if detail.contains("unreachable") || detail.to_lowercase().contains("memory") {
                "it ran out of memory or hit an internal error".to_string()
            } else {
                format!("it stopped unexpectedly ({detail})")
            };
            this.died(why);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        inner.generation = generation;
        inner._handlers = Some((on_message, on_error));
    }

    fn flush(&self) {
        let (worker, queue) = {
            let mut inner = self.inner.borrow_mut();
            inner.ready = true;
            inner.start_failures = 0;
            (inner.worker.clone(), std::mem::take(&mut inner.queue))
        };
        if let Some(worker) = worker {
            for message in queue {
                let _ = worker.post_message(&message);
            }
        }
    }

    fn died(&self, why: String) {
        let gave_up = {
            let mut inner = self.inner.borrow_mut();
            if !inner.ready {
                inner.start_failures += 1;
            }
            inner.start_failures >= MAX_START_FAILURES
        };
        if gave_up {
            self.terminate();
            (self.on_event)(BridgeEvent::Died(format!(
                "the background worker could not start ({why}); reload the page, or check that worker-loader.js, \
                 worker.js and worker_bg.wasm are served next to index.html"
            )));
            return;
        }
        self.restart();
        (self.on_event)(BridgeEvent::Died(why));
    }

    /// Sends `msg` (with an optional `File` beside it), queueing it until the worker is ready.
    pub fn send(&self, msg: &ToWorker, attachment: Option<&web_sys::File>) {
        let message = js_sys::Array::new();
        message.push(&JsValue::from_str(&codec::encode_to_worker(msg)));
        if let Some(file) = attachment {
            message.push(file);
        }
        let mut inner = self.inner.borrow_mut();
        match (&inner.worker, inner.ready) {
            (Some(worker), true) => {
                let _ = worker.post_message(&message);
            }
            _ => inner.queue.push(message),
        }
    }

    /// Stops the worker for good (the app is unmounting).
    pub fn terminate(&self) {
        if let Some(worker) = self.inner.borrow_mut().worker.take() {
            worker.terminate();
        }
    }

    /// Stops whatever the worker is doing at once and starts a fresh one (which holds no data).
    pub fn restart(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.queue.clear();
            inner.ready = false;
        }
        self.spawn();
    }
}
