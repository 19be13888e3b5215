//! A member of the worker pool: another instance of the pipeline worker that keeps the data of its current
//! setup and answers the pipeline worker's requests on it (see `protocol::pool`).

use crate::engine::choose_k::SweepPlan;
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
    let values = values.map(|v| js_sys::Float64Array::from(v.as_slice()));
    let parts = js_sys::Array::of2(&POOL_TAG.into(), &encode(&reply).into());
    let transfer = js_sys::Array::new();
    if let Some(v) = values {
        transfer.push(&v.buffer());
        parts.push(&v);
    }
    let _ = super::scope().post_message_with_transfer(&parts, &transfer);
}

fn floats(value: JsValue) -> Result<Vec<f64>, String> {
    value.dyn_into::<js_sys::Float64Array>().map(|a| a.to_vec()).map_err(|_| "the rows are missing".into())
}

fn answer(msg: ToMember, data: JsValue, labels: JsValue) -> Result<(FromMember, Option<Vec<f64>>), String> {
    match msg {
        ToMember::SweepSetup { algorithm, params, seed, cols } => {
            let flat = floats(data)?;
            let rows =
                Array2::from_shape_vec((flat.len() / cols.max(1), cols), flat).map_err(|e| e.to_string())?;
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
                .map(|v| (FromMember::Values, Some(v)))
                .map_err(|e| e.to_string()),
            _ => Err("no silhouette is set up for that range".into()),
        }),
    }
}
