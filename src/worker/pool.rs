//! The worker pool: a few more instances of this worker (each with its own wasm instance; no shared memory,
//! so no special HTTP headers), started on first use and kept. The pipeline worker splits two kinds of work
//! over them where it pays: a sweep over k (each member fits and scores whole k's), the restarts of a k-means
//! fit (each member runs a range of them on all the rows) and a silhouette (each member scores a range of the
//! sampled customers). Every split is exact: the result is the serial one
//! (`tests/engine/choose_k_hostile.rs`, `engine::metrics::silhouette` tests). On any failure the pool is
//! dropped and the caller computes the same thing itself.

use crate::engine::choose_k::{ScoredK, SweepPlan};
use crate::engine::cluster::kmeans::{KMeansParams, Restarts};
use crate::engine::metrics::SilhouetteJob;
use crate::engine::progress::Monitor;
use crate::protocol::pool::{decode, encode, FromMember, ToMember, POOL_TAG};
use ndarray::ArrayView2;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// At most this many members (more rarely pays: the sweep has about nine k's).
const MAX_MEMBERS: usize = 4;
/// A sweep is split when every k is fitted on at least this many customers, a silhouette when it scores
/// at least this many, a k-means fit when it has this many: below, the whole job takes less than starting
/// and feeding the members.
pub const MIN_ROWS: usize = 2_000;
/// A k-means fit is split only up to this many values (rows × features): every member holds all the rows
/// (twice, once centred), so this caps what the pool adds to the tab's memory at about 64 MB per member. On
/// 1M rows × 8 (8M values) splitting the restarts cut the first result from 24.0 to 21.0 s but raised the
/// tab's peak memory from 644 to 973 MiB (`make bench-memory` with this cap lifted): not worth it there.
pub const MAX_KMEANS_VALUES: usize = 4_000_000;

/// The error of a job stopped by its monitor ([`Pool::dispatch`]).
const STOPPED: &str = "stopped";

type Pending = Rc<RefCell<Option<(js_sys::Function, js_sys::Function)>>>;
/// Work the pipeline worker does itself while the members work.
type Meanwhile<'a> = &'a mut dyn FnMut(&mut dyn Monitor);

struct Member {
    worker: Worker,
    pending: Pending,
    /// Set when the member reported an error while idle: it is not asked again.
    broken: Rc<RefCell<Option<String>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Drop for Member {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl Member {
    /// Starts member `index`; the returned promise resolves when its wasm is ready.
    fn spawn(index: usize) -> Result<(Member, js_sys::Promise), String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Classic);
        options.set_name(&format!("segscope-pool-{index}"));
        // Relative to this worker's own script: the same loader, so the same wasm.
        let worker =
            Worker::new_with_options("./worker-loader.js", &options).map_err(|e| format!("{e:?}"))?;
        let pending: Pending = Rc::new(RefCell::new(None));
        let slot = pending.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some((resolve, _)) = slot.borrow_mut().take() {
                let _ =
                    resolve.call1(&JsValue::NULL, &js_sys::Array::of2(&(index as u32).into(), &event.data()));
            }
        });
        let slot = pending.clone();
        let broken = Rc::new(RefCell::new(None));
        let mark = broken.clone();
        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            event.prevent_default();
            *mark.borrow_mut() = Some(event.message());
            if let Some((_, reject)) = slot.borrow_mut().take() {
                let _ = reject.call1(&JsValue::NULL, &event.message().into());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let member = Member { worker, pending, broken, _on_message: on_message, _on_error: on_error };
        let ready = member.expect();
        Ok((member, ready))
    }

    /// A promise of this member's next message, as `[index, data]`.
    fn expect(&self) -> js_sys::Promise {
        let slot = self.pending.clone();
        js_sys::Promise::new(&mut |resolve, reject| {
            *slot.borrow_mut() = Some((resolve, reject));
        })
    }

    /// Posts `msg` (with `arrays` beside it, transferred) and returns the promise of the reply.
    fn request(&self, msg: &ToMember, arrays: &[&JsValue]) -> js_sys::Promise {
        if let Some(error) = self.broken.borrow().as_ref() {
            return js_sys::Promise::reject(&format!("the member failed earlier ({error})").into());
        }
        let reply = self.expect();
        let parts = js_sys::Array::of2(&POOL_TAG.into(), &encode(msg).into());
        let transfer = js_sys::Array::new();
        for a in arrays {
            parts.push(a);
            if let Some(buffer) = js_sys::Reflect::get(a, &"buffer".into()).ok().filter(|b| !b.is_undefined())
            {
                transfer.push(&buffer);
            }
        }
        if let Err(e) = self.worker.post_message_with_transfer(&parts, &transfer) {
            if let Some((_, reject)) = self.pending.borrow_mut().take() {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }
        reply
    }
}

/// The started members.
pub struct Pool {
    members: Vec<Member>,
}

thread_local! {
    static POOL: RefCell<Option<Rc<Pool>>> = const { RefCell::new(None) };
}

/// The number of members to use: `requested` (the page's `?workers=N`), else one per logical processor the
/// browser reports, at most [`MAX_MEMBERS`]. Below 2 there is no pool.
pub fn size(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(|| {
            js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
                .and_then(|n| js_sys::Reflect::get(&n, &"hardwareConcurrency".into()))
                .ok()
                .and_then(|c| c.as_f64())
                .map_or(1, |c| c as usize)
        })
        .min(MAX_MEMBERS)
}

/// The pool with `size` members, started if needed; None when `size` < 2 or the members cannot start.
pub async fn get(size: usize) -> Option<Rc<Pool>> {
    if size < 2 {
        return None;
    }
    if let Some(pool) = POOL.with(|p| p.borrow().clone()).filter(|p| p.members.len() == size) {
        return Some(pool);
    }
    drop_pool();
    let mut members = Vec::new();
    let mut ready = Vec::new();
    for i in 0..size {
        let (m, r) = Member::spawn(i).ok()?;
        members.push(m);
        ready.push(r);
    }
    for r in ready {
        JsFuture::from(r).await.ok()?;
    }
    let pool = Rc::new(Pool { members });
    POOL.with(|p| *p.borrow_mut() = Some(pool.clone()));
    Some(pool)
}

/// Stops the members (after a failure, so that no late reply is taken for another request's).
fn drop_pool() {
    POOL.with(|p| p.borrow_mut().take());
}

/// A reply's message and the array beside it.
fn reply(data: &JsValue) -> Result<(FromMember, JsValue), String> {
    let parts: js_sys::Array = data.clone().dyn_into().map_err(|_| "a pool member failed".to_string())?;
    if parts.get(0).as_string().as_deref() != Some(POOL_TAG) {
        return Err("a pool member stopped".into());
    }
    let msg = decode::<FromMember>(&parts.get(1).as_string().unwrap_or_default())?;
    match msg {
        FromMember::Failed { message } => Err(message),
        msg => Ok((msg, parts.get(2))),
    }
}

impl Pool {
    /// Sends `setup` (with a fresh copy of `arrays` for each member) to every member and waits for all.
    async fn setup(&self, setup: &ToMember, arrays: &dyn Fn() -> Vec<JsValue>) -> Result<(), String> {
        let replies: Vec<_> = self
            .members
            .iter()
            .map(|m| {
                let a = arrays();
                m.request(setup, &a.iter().collect::<Vec<_>>())
            })
            .collect();
        for r in replies {
            let data = JsFuture::from(r).await.map_err(|e| format!("{e:?}"))?;
            reply(&js_sys::Array::from(&data).get(1))?;
        }
        Ok(())
    }

    /// Hands `jobs` out one at a time to whichever member is free; the replies, in job order. `meanwhile` runs
    /// here once the first jobs are out (the members work while it does). When `monitor` is cancelled no more
    /// jobs go out; the ones out are waited for (so that no late reply is taken for a later request's) and
    /// the result is [`STOPPED`].
    async fn dispatch(
        &self,
        jobs: &[ToMember],
        stage: &str,
        monitor: &mut dyn Monitor,
        mut meanwhile: Option<Meanwhile<'_>>,
    ) -> Result<Vec<(FromMember, JsValue)>, String> {
        let mut replies: Vec<Option<(FromMember, JsValue)>> = vec![None; jobs.len()];
        let mut working: Vec<Option<(usize, js_sys::Promise)>> = vec![None; self.members.len()];
        let mut next = 0;
        let mut done = 0;
        let mut stopped = false;
        while done < next || (!stopped && next < jobs.len()) {
            for (m, slot) in working.iter_mut().enumerate() {
                if slot.is_none() && next < jobs.len() && !stopped {
                    *slot = Some((next, self.members[m].request(&jobs[next], &[])));
                    next += 1;
                }
            }
            if let Some(work) = meanwhile.take() {
                work(monitor);
            }
            let racing: js_sys::Array = working.iter().flatten().map(|(_, p)| JsValue::from(p)).collect();
            let data = JsFuture::from(js_sys::Promise::race(&racing)).await.map_err(|e| format!("{e:?}"))?;
            let data = js_sys::Array::from(&data);
            let m = data.get(0).as_f64().unwrap_or(-1.0) as usize;
            let (job, _) = working.get_mut(m).and_then(Option::take).ok_or("a reply from no member")?;
            replies[job] = Some(reply(&data.get(1))?);
            done += 1;
            monitor.progress(stage, done as f64 / jobs.len() as f64);
            stopped = stopped || monitor.cancelled();
        }
        if stopped {
            return Err(STOPPED.into());
        }
        Ok(replies.into_iter().flatten().collect())
    }

    /// Scores every k of `plan` on the members (`setup` is the plan's [`ToMember::SweepSetup`]).
    pub async fn sweep(
        &self,
        plan: &SweepPlan<'_>,
        setup: ToMember,
        monitor: &mut dyn Monitor,
    ) -> Option<Vec<ScoredK>> {
        let flat: Vec<f64> = plan.rows().iter().copied().collect();
        let jobs: Vec<ToMember> = plan.ks().iter().map(|&k| ToMember::SweepK { k }).collect();
        let result = async {
            self.setup(&setup, &|| vec![js_sys::Float64Array::from(flat.as_slice()).into()]).await?;
            let replies = self.dispatch(&jobs, "choose k", monitor, None).await?;
            replies
                .into_iter()
                .map(|(msg, _)| match msg {
                    FromMember::Scored { scored } => Ok(*scored),
                    _ => Err("an unexpected reply".to_string()),
                })
                .collect::<Result<Vec<_>, String>>()
        }
        .await;
        self.settle(result)
    }

    /// Scores the silhouette of `job` on the members, a range of its customers each, and runs `meanwhile` here
    /// while they do.
    pub async fn silhouette(
        &self,
        job: &SilhouetteJob,
        meanwhile: Meanwhile<'_>,
        monitor: &mut dyn Monitor,
    ) -> Option<Vec<f64>> {
        let setup = ToMember::SilhouetteSetup { cols: job.d, rows: job.rows.clone(), n: job.n };
        // One range per member, handed out before `meanwhile` starts (which keeps this worker from handing
        // out more until it is done). The pool has a member per processor, so the members and `meanwhile`
        // share them; leaving a member idle for `meanwhile` instead made the 10k-row re-run wait for one
        // member's whole silhouette while `meanwhile` (the feature suggestions) ended sooner.
        let parts = self.members.len();
        let jobs: Vec<ToMember> = (0..parts)
            .map(|i| ToMember::SilhouetteRange { lo: job.len() * i / parts, hi: job.len() * (i + 1) / parts })
            .collect();
        let result = async {
            self.setup(&setup, &|| {
                vec![
                    js_sys::Float64Array::from(job.features.as_slice()).into(),
                    js_sys::Int32Array::from(job.labels.as_slice()).into(),
                ]
            })
            .await?;
            let mut values = Vec::with_capacity(job.len());
            for (_, array) in self.dispatch(&jobs, "silhouette", monitor, Some(meanwhile)).await? {
                let part: js_sys::Float64Array = array.dyn_into().map_err(|_| "values are missing")?;
                values.extend(part.to_vec());
            }
            Ok::<_, String>(values).and_then(|v| {
                if v.len() == job.len() {
                    Ok(v)
                } else {
                    Err("values are missing".into())
                }
            })
        }
        .await;
        self.settle(result)
    }

    /// Runs the restarts of a k-means fit on `x` on the members, a contiguous range of restarts each.
    pub async fn kmeans_restarts(
        &self,
        x: ArrayView2<'_, f64>,
        params: &KMeansParams,
        monitor: &mut dyn Monitor,
    ) -> Option<Vec<Restarts>> {
        let setup = ToMember::KMeansSetup { params: Box::new(params.clone()), cols: x.ncols() };
        let n_init = params.n_init;
        let parts = self.members.len().min(n_init);
        let jobs: Vec<ToMember> = (0..parts)
            .map(|i| ToMember::KMeansRestarts { lo: n_init * i / parts, hi: n_init * (i + 1) / parts })
            .collect();
        let result = async {
            let flat: std::borrow::Cow<[f64]> = match x.as_slice() {
                Some(s) => s.into(),
                None => x.iter().copied().collect::<Vec<f64>>().into(),
            };
            self.setup(&setup, &|| vec![js_sys::Float64Array::from(&*flat).into()]).await?;
            let mut out = Vec::with_capacity(parts);
            for (msg, array) in self.dispatch(&jobs, "k-means", monitor, None).await? {
                let FromMember::Restarts { mut part } = msg else {
                    return Err("an unexpected reply".to_string());
                };
                let labels: js_sys::Uint32Array = array.dyn_into().map_err(|_| "labels are missing")?;
                if let Some(best) = part.best.as_mut() {
                    best.labels = labels.to_vec();
                }
                out.push(*part);
            }
            Ok(out)
        }
        .await;
        self.settle(result)
    }

    /// The result, or None after dropping the pool (logged to the console) when a member failed. A stopped
    /// job is None too, and keeps the pool: every member has answered.
    fn settle<T>(&self, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) if e == STOPPED => None,
            Err(e) => {
                web_sys::console::warn_1(
                    &format!("segscope: worker pool failed ({e}); computing without it").into(),
                );
                drop_pool();
                None
            }
        }
    }
}
