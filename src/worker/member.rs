//! A member of the worker pool: another instance of the pipeline worker that keeps the data of its current
//! setup and answers the pipeline worker's requests on it (see `protocol::pool`).

use crate::engine::choose_k::SweepPlan;
use crate::engine::cluster::kmeans::KMeansValidParams;
use crate::engine::metrics::SilhouetteJob;
use crate::engine::pipeline::evaluate::SweepTask;
use crate::engine::progress::Silent;
use crate::protocol::pool::{decode, encode, FromMember, ToMember, POOL_TAG};
use ndarray::Array2;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

enum Kept {
    Sweep(Box<(SweepTask, SweepPlan<'static>)>),
    Silhouette(SilhouetteJob),
    KMeans(Box<(KMeansValidParams, Array2<f64>)>),
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Answers one request: `text` is a [`ToMember`], `data` and `labels` the arrays beside it.
pub fn serve(text: &str, data: JsValue, labels: JsValue) {
    let (reply, values) = match decode::<ToMember>(text).and_then(|msg| answer(msg, data, labels)) {
        Ok(r) => r,
        Err(message) => (FromMember::Failed { message }, None),
    };
    let parts = js_sys::Array::of2(&POOL_TAG.into(), &encode(&reply).into());
    let transfer = js_sys::Array::new();
    match values {
        Some(Beside::Floats(v)) => {
            let v = js_sys::Float64Array::from(v.as_slice());
            transfer.push(&v.buffer());
            parts.push(&v);
        }
        Some(Beside::Labels(l)) => {
            let l = js_sys::Uint32Array::from(l.as_slice());
            transfer.push(&l.buffer());
            parts.push(&l);
        }
        None => {}
    }
    let _ = super::scope().post_message_with_transfer(&parts, &transfer);
}

/// What travels beside a reply.
enum Beside {
    Floats(Vec<f64>),
    Labels(Vec<u32>),
}

fn rows(data: JsValue, cols: usize) -> Result<Array2<f64>, String> {
    let flat = floats(data)?;
    Array2::from_shape_vec((flat.len() / cols.max(1), cols), flat).map_err(|e| e.to_string())
}

fn floats(value: JsValue) -> Result<Vec<f64>, String> {
    value.dyn_into::<js_sys::Float64Array>().map(|a| a.to_vec()).map_err(|_| "the rows are missing".into())
}

fn answer(msg: ToMember, data: JsValue, labels: JsValue) -> Result<(FromMember, Option<Beside>), String> {
    match msg {
        ToMember::SweepSetup { algorithm, params, seed, cols } => {
            let rows = rows(data, cols)?;
            let task = SweepTask::new(&algorithm, &params, seed);
            let plan = task.params().and_then(|p| SweepPlan::new(rows, &p)).map_err(|e| e.to_string())?;
            KEPT.with(|k| *k.borrow_mut() = Some(Kept::Sweep(Box::new((task, plan)))));
            Ok((FromMember::Ready, None))
        }
        ToMember::SweepK { k } => KEPT.with(|kept| match &*kept.borrow() {
            Some(Kept::Sweep(kept)) => kept
                .1
                .score_k(kept.0.clusterer(), k, &mut Silent)
                .map(|scored| (FromMember::Scored { scored: Box::new(scored) }, None))
                .map_err(|e| e.to_string()),
            _ => Err("no sweep is set up".into()),
        }),
        ToMember::SilhouetteSetup { cols, rows, n } => {
            let labels = labels
                .dyn_into::<js_sys::Int32Array>()
                .map(|a| a.to_vec())
                .map_err(|_| "the labels are missing".to_string())?;
            let job =
                SilhouetteJob::from_parts(floats(data)?, cols, labels, rows, n).map_err(|e| e.to_string())?;
            KEPT.with(|k| *k.borrow_mut() = Some(Kept::Silhouette(job)));
            Ok((FromMember::Ready, None))
        }
        ToMember::SilhouetteRange { lo, hi } => KEPT.with(|kept| match &*kept.borrow() {
            Some(Kept::Silhouette(job)) if lo <= hi && hi <= job.len() => job
                .values(lo..hi, &mut Silent)
                .map(|v| (FromMember::Values, Some(Beside::Floats(v))))
                .map_err(|e| e.to_string()),
            _ => Err("no silhouette is set up for that range".into()),
        }),
        ToMember::KMeansSetup { params, cols } => {
            let params = params.check().map_err(|e| e.to_string())?;
            let rows = rows(data, cols)?;
            KEPT.with(|k| *k.borrow_mut() = Some(Kept::KMeans(Box::new((params, rows)))));
            Ok((FromMember::Ready, None))
        }
        ToMember::KMeansRestarts { lo, hi } => KEPT.with(|kept| match &*kept.borrow() {
            Some(Kept::KMeans(kept)) => {
                let mut part =
                    kept.0.restarts(kept.1.view(), None, lo..hi, &mut Silent).map_err(|e| e.to_string())?;
                let labels = part.best.as_mut().map(|b| std::mem::take(&mut b.labels)).unwrap_or_default();
                Ok((FromMember::Restarts { part: Box::new(part) }, Some(Beside::Labels(labels))))
            }
            _ => Err("no k-means fit is set up".into()),
        }),
    }
}
