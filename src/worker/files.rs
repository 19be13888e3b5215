//! The loaded file as a `Blob` (a picked `File`, or the body of the sample or a URL) and reading it: slice
//! by slice straight into the table, so the file's bytes are never all in the worker's memory, or into one
//! buffer for the requests that need the bytes themselves (the labelled export, scoring a file). Also the
//! exports on their way out, as a `Blob` built a part at a time.

use crate::engine::pipeline::PipelineError;
use crate::engine::progress::Monitor;
use crate::engine::table::{IngestOptions, Ingested, TableReader};
use crate::protocol::{DataSource, UserError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// Bytes read from a `Blob` per step; progress is reported by bytes read.
const READ_SLICE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// The data source as a `Blob`: the posted `File`, or the fetched body of the bundled sample or a same-origin
/// URL (a `File` stays on disk; the browser keeps a large fetched body out of the worker's memory).
pub(super) async fn open(source: &DataSource, attachment: JsValue) -> Result<Blob, String> {
    let name = source.display_name();
    match source {
        DataSource::File { .. } => {
            attachment.dyn_into().map_err(|_| format!("{name}: the file did not reach the worker"))
        }
        DataSource::Sample => fetch_blob(&format!("sample/{}", crate::SAMPLE_FILE_NAME)).await,
        DataSource::Url { url } => fetch_blob(url).await,
    }
}

/// Reads `blob`, the file called `name`, into a table with `opts`: each slice is parsed as it arrives, and
/// the file is read a second time in the rare case [`TableReader`] asks for it. Progress: "Reading NAME (x of
/// y MB)".
pub(super) async fn read_table(
    blob: &Blob,
    name: &str,
    opts: &IngestOptions,
    monitor: &mut dyn Monitor,
) -> Result<Ingested, UserError> {
    let total = blob.size();
    let ingest_error = |e| UserError::from(PipelineError::Ingest(e));
    let mut reader = TableReader::new(name, opts, total as u64).map_err(ingest_error)?;
    let mut buffer = Vec::new();
    for pass in 0..2 {
        let label = if pass == 0 { format!("Reading {name}") } else { format!("Reading {name} again") };
        let mut start = 0.0;
        while start < total {
            let end = (start + READ_SLICE_BYTES).min(total);
            let bytes = read_slice(blob, name, start, end).await.map_err(|message| UserError { message })?;
            buffer.resize(bytes.length() as usize, 0);
            bytes.copy_to(&mut buffer);
            let mut relabel = Relabel { inner: &mut *monitor, label: &label, total };
            reader.feed(&buffer, &mut relabel).map_err(ingest_error)?;
            start = end;
        }
        if let Some(ingested) = reader.end_pass(monitor).map_err(ingest_error)? {
            return Ok(ingested);
        }
    }
    Err(UserError { message: format!("{name}: the file changed while it was read; load it again") })
}

/// Reads `blob` slice by slice into one pre-sized buffer, reporting "Reading NAME (x of y MB)".
pub(super) async fn read_bytes(
    blob: &Blob,
    name: &str,
    monitor: &mut dyn Monitor,
) -> Result<Vec<u8>, String> {
    let total = blob.size();
    let mut out: Vec<u8> = Vec::new();
    out.try_reserve_exact(total as usize)
        .map_err(|_| format!("{name}: the file ({:.0} MB) does not fit in this tab's memory", total / 1e6))?;
    let mut start = 0.0;
    while start < total {
        let end = (start + READ_SLICE_BYTES).min(total);
        let bytes = read_slice(blob, name, start, end).await?;
        let at = out.len();
        out.resize(at + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[at..]);
        start = end;
        monitor.progress(&format!("Reading {name} ({:.1} of {:.1} MB)", end / 1e6, total / 1e6), end / total);
    }
    Ok(out)
}

/// Bytes per part of a large export on its way into a `Blob`.
pub(super) const PART_BYTES: usize = 4 << 20;

/// An export on its way into one `Blob`, a part at a time: each part is copied out of the worker's memory
/// into a `Blob` of its own as it comes, and the final `Blob` joins them, so the export is never whole in the
/// worker's memory.
#[derive(Default)]
pub(super) struct BlobParts {
    parts: Vec<Blob>,
    error: Option<String>,
}

impl BlobParts {
    pub(super) fn push(&mut self, part: &[u8]) {
        if self.error.is_some() {
            return;
        }
        // SAFETY: the Blob constructor copies the view right away, and nothing allocates in the wasm memory
        // (which could move it under the view) between the view's creation and that copy.
        let view = unsafe { js_sys::Uint8Array::view(part) };
        match Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&view)) {
            Ok(blob) => self.parts.push(blob),
            Err(e) => self.error = Some(format!("the export could not be stored ({e:?})")),
        }
    }

    /// The parts as one `Blob` of type `mime`.
    pub(super) fn finish(self, mime: &str) -> Result<Blob, String> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let parts: js_sys::Array = self.parts.into_iter().collect();
        Blob::new_with_blob_sequence_and_options(&parts, &options)
            .map_err(|e| format!("the export could not be stored ({e:?})"))
    }
}

/// Bytes `start..end` of `blob`. A `File` changed or moved on disk since it was picked cannot be read.
async fn read_slice(blob: &Blob, name: &str, start: f64, end: f64) -> Result<js_sys::Uint8Array, String> {
    let unreadable = |e: JsValue| {
        let field = |key: &str| js_sys::Reflect::get(&e, &key.into()).ok().and_then(|v| v.as_string());
        match field("name").as_deref() {
            Some("NotReadableError") | Some("NotFoundError") => format!(
                "{name} could not be read: it was changed, moved or deleted since it was loaded. \
                 Load it again."
            ),
            _ => {
                let why = field("message").unwrap_or_else(|| format!("{e:?}"));
                format!("{name} could not be read ({why}).")
            }
        }
    };
    let slice = blob.slice_with_f64_and_f64(start, end).map_err(unreadable)?;
    let buffer = JsFuture::from(slice.array_buffer()).await.map_err(unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

async fn fetch_blob(url: &str) -> Result<Blob, String> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: could not be fetched ({e:?})"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: the server answered {} {}", response.status(), response.status_text()));
    }
    let promise = response.blob().map_err(|e| format!("{url}: {e:?}"))?;
    JsFuture::from(promise).await.map(JsCast::unchecked_into).map_err(|e| format!("{url}: {e:?}"))
}

/// Shows the table reader's "reading" progress as "LABEL (x of y MB)" by the bytes of the whole file.
struct Relabel<'a> {
    inner: &'a mut dyn Monitor,
    label: &'a str,
    /// The file's size in bytes.
    total: f64,
}

impl Monitor for Relabel<'_> {
    fn progress(&mut self, stage: &str, fraction: f64) {
        if stage == "reading" {
            let done = fraction * self.total;
            let text = format!("{} ({:.1} of {:.1} MB)", self.label, done / 1e6, self.total / 1e6);
            self.inner.progress(&text, fraction);
        } else {
            self.inner.progress(stage, fraction);
        }
    }

    fn cancelled(&self) -> bool {
        self.inner.cancelled()
    }

    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }
}
