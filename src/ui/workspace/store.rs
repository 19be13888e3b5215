//! The saved workspace in this browser's IndexedDB (database `segscope`, store `workspace`, one record): the
//! pipeline config, the data source, and the data `File` itself only when the user agreed to keep it. The
//! `File` is stored as a structured clone, so the page never reads its bytes. Nothing here leaves the device.

use crate::protocol::DataSource;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB: &str = "segscope";
const STORE: &str = "workspace";
const KEY: &str = "current";
/// The kept data file, under a key of its own: a change of settings rewrites the small record only, not a
/// copy of the file (a record saved before this key existed has its file inside and still loads).
const FILE_KEY: &str = "file";

/// One saved workspace.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The pipeline config as JSON (what "Download pipeline" writes).
    pub config: String,
    /// Where the data came from.
    pub source: DataSource,
    /// The data file, only with the user's consent.
    pub file: Option<web_sys::File>,
    /// When it was saved (ms since the epoch).
    pub saved_at: f64,
}

/// Resolves with the request's result once it succeeds.
fn settle(req: &IdbRequest) -> Promise {
    let req = req.clone();
    Promise::new(&mut |resolve, reject| {
        let done = req.clone();
        let ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ =
                reject.call1(&JsValue::NULL, &JsValue::from_str("the browser refused the storage request"));
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    })
}

/// Resolves once the transaction has committed. A put succeeds before its data is stored, so "Saved" waits
/// for this: a tab closed (or a page left) right after it would otherwise lose the save.
fn committed(tx: &IdbTransaction) -> Promise {
    let tx = tx.clone();
    Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let aborted = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ =
                reject.call1(&JsValue::NULL, &JsValue::from_str("the browser did not complete the storage"));
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onabort(Some(aborted.unchecked_ref()));
    })
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("this browser has no IndexedDB (private mode?)")?;
    let req = factory.open_with_u32(DB, 1)?;
    let upgrading = req.clone();
    let upgrade = Closure::once_into_js(move |_e: web_sys::Event| {
        if let Some(db) = upgrading.result().ok().and_then(|r| r.dyn_into::<IdbDatabase>().ok()) {
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    JsFuture::from(settle(&req)).await?.dyn_into()
}

/// Runs one request on the store and returns its result.
async fn request(
    mode: IdbTransactionMode,
    make: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, String> {
    let db = open().await.map_err(describe)?;
    let result = async {
        let tx = db.transaction_with_str_and_mode(STORE, mode)?;
        let done = committed(&tx);
        let req = make(&tx.object_store(STORE)?)?;
        let value = JsFuture::from(settle(&req)).await?;
        JsFuture::from(done).await?;
        Ok(value)
    }
    .await;
    db.close();
    result.map_err(describe)
}

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "the browser refused the storage request".into())
}

/// The saved workspace, if there is one (and it is readable).
pub async fn load() -> Option<Saved> {
    let value = request(IdbTransactionMode::Readonly, |s| s.get(&KEY.into())).await.ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    let text = |k: &str| Reflect::get(&value, &k.into()).ok().and_then(|v| v.as_string());
    let source = crate::engine::decode::from_json(&text("source")?).ok()?;
    let kept = request(IdbTransactionMode::Readonly, |s| s.get(&FILE_KEY.into())).await.ok();
    let file = match kept.filter(|f| !f.is_undefined()) {
        Some(f) => f.dyn_into::<web_sys::File>().ok(),
        None => Reflect::get(&value, &"file".into()).ok().and_then(|f| f.dyn_into::<web_sys::File>().ok()),
    };
    let saved_at = Reflect::get(&value, &"saved_at".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    Some(Saved { config: text("config")?, source, file, saved_at })
}

/// Saves (replaces) the workspace; its file only when `with_file` (else the kept file stays as it is).
pub async fn save(saved: &Saved, with_file: bool) -> Result<(), String> {
    let record = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&record, &k.into(), v).map(|_| ());
    let source = serde_json::to_string(&saved.source).map_err(|e| e.to_string())?;
    set("config", &saved.config.as_str().into())
        .and_then(|_| set("source", &source.into()))
        .and_then(|_| set("saved_at", &saved.saved_at.into()))
        .map_err(describe)?;
    let file = saved.file.clone().map(JsValue::from).unwrap_or(JsValue::NULL);
    request(IdbTransactionMode::Readwrite, |s| {
        if with_file {
            s.put_with_key(&file, &FILE_KEY.into())?;
        }
        s.put_with_key(&record, &KEY.into())
    })
    .await
    .map(|_| ())
}

/// Deletes the saved workspace (config and data).
pub async fn clear() -> Result<(), String> {
    request(IdbTransactionMode::Readwrite, |s| {
        s.delete(&FILE_KEY.into())?;
        s.delete(&KEY.into())
    })
    .await
    .map(|_| ())
}
