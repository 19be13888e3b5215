//! Main-thread work in short slices, so a big result never freezes the page (the target: no task over 50 ms):
//! decoding a result part by part, and drawing every chart (a big map a few thousand dots at a time). A slice
//! runs queued jobs until [`SLICE_MS`] are spent, then yields to the browser — by a `MessageChannel` message,
//! a new task without `setTimeout`'s 4 ms clamping — so input, layout and paint happen between slices. A job
//! that has more to do goes to the back of the queue, so every chart gets its frame before the map finishes
//! filling in.
//!
//! Jobs are keyed (one key per canvas, one for decoding results): a new job for a key replaces its queued or
//! half-done one. While anything is queued, `<html>` carries `data-charts="drawing"`; once the queue is empty,
//! `data-charts="drawn"` (tests and `?perf` timings wait for it). No borrow of the queue is held while a job
//! runs: jobs may queue others.

use super::perf;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Main-thread time one slice may take before yielding (half a 60 Hz frame). A job step that is already
/// running finishes first, so every step must be short on its own (a chart's frame, a few thousand dots).
pub const SLICE_MS: f64 = 8.0;

/// What a job says after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Done,
    /// More to draw: run again in a later slice.
    More,
}

/// The end of the current slice.
pub struct Deadline {
    at: f64,
    end_now: std::cell::Cell<bool>,
}

impl Deadline {
    /// True once the slice's time is spent: a job should return [`Next::More`] at its next stopping point.
    pub fn passed(&self) -> bool {
        self.end_now.get() || now() >= self.at
    }

    /// Ends the slice after this step whatever the time: for a step whose reactive updates (which run when
    /// the slice's task ends) must not share a task with other work, such as showing a new result.
    pub fn end_now(&self) {
        self.end_now.set(true);
    }
}

type Job = Box<dyn FnMut(&Deadline) -> Next>;

#[derive(Default)]
struct Queue {
    jobs: VecDeque<(u64, u64, Job)>,
    /// The newest job of each key; an older one still running is dropped when it yields.
    latest: HashMap<u64, u64>,
    next_key: u64,
    next_gen: u64,
    posted: bool,
    /// The channel whose messages start slices (port 1 listens, port 2 posts).
    ports: Option<(web_sys::MessagePort, web_sys::MessagePort)>,
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::new(Queue::default());
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// A new key (for one canvas, or one kind of work).
pub fn key() -> u64 {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.next_key += 1;
        q.next_key
    })
}

/// Queues `job` under `key`, replacing whatever that key had queued or half done.
pub fn run(key: u64, job: impl FnMut(&Deadline) -> Next + 'static) {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.jobs.retain(|(k, _, _)| *k != key);
        q.next_gen += 1;
        let generation = q.next_gen;
        q.latest.insert(key, generation);
        q.jobs.push_back((key, generation, Box::new(job)));
    });
    set_state("drawing");
    post();
}

/// Drops `key`'s job (its canvas is gone, or its work is moot).
pub fn cancel(key: u64) {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.jobs.retain(|(k, _, _)| *k != key);
        q.latest.remove(&key);
    });
}

/// Makes sure one slice is on its way.
fn post() {
    let port = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if q.posted {
            return None;
        }
        q.posted = true;
        if q.ports.is_none() {
            let channel = web_sys::MessageChannel::new().ok()?;
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|_| run_slice());
            channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            q.ports = Some((channel.port1(), channel.port2()));
            q._on_message = Some(on_message);
        }
        q.ports.as_ref().map(|(_, sender)| sender.clone())
    });
    if let Some(port) = port {
        let _ = port.post_message(&JsValue::NULL);
    }
}

/// Runs jobs until the slice's time is spent; posts the next slice if anything is left. "Drawn" is only
/// declared by a slice that found nothing to do: a step's reactive updates run after its slice and may queue
/// more (a new result queues every chart).
fn run_slice() {
    let deadline = Deadline { at: now() + SLICE_MS, end_now: std::cell::Cell::new(false) };
    QUEUE.with(|q| q.borrow_mut().posted = false);
    let mut ran = false;
    loop {
        let Some((key, generation, mut job)) = QUEUE.with(|q| q.borrow_mut().jobs.pop_front()) else { break };
        ran = true;
        let step = perf::span("slice", || job(&deadline));
        QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            let current = q.latest.get(&key) == Some(&generation);
            match step {
                Next::More if current => q.jobs.push_back((key, generation, job)),
                Next::Done if current => {
                    q.latest.remove(&key);
                }
                _ => {}
            }
        });
        if deadline.passed() {
            break;
        }
    }
    if ran {
        post();
    } else {
        set_state("drawn");
        perf::mark("charts drawn");
    }
}

/// `<html data-charts=…>`: "drawing" while jobs are queued, "drawn" when none are.
fn set_state(state: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        if root.get_attribute("data-charts").as_deref() != Some(state) {
            let _ = root.set_attribute("data-charts", state);
        }
    }
}
