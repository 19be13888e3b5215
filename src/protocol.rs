//! The messages between the UI thread and the worker: one closed enum per direction, each carrying a run id.
//!
//! Serde lives here, at the boundary. The UI drops any reply whose `run_id` is not its current run
//! (the stale-result rule). Cancellation is not a message: a busy worker cannot read one, so the UI
//! terminates the worker and starts a new one.

use crate::engine::choose_k::KSweep;
use crate::engine::pipeline::{PipelineConfig, PipelineError, ScoreReport};
use serde::{Deserialize, Serialize};

mod parts;
pub mod pool;
pub use parts::{Assembly, ReportParts};

/// Where the data for a run comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DataSource {
    /// The bundled sample (UCI Wholesale customers), fetched by the worker from the app's own origin.
    Sample,
    /// A file the user picked or dropped; the `File` object travels beside the message.
    File { name: String },
    /// A same-origin relative URL (embed mode `?data=`).
    Url { url: String },
}

impl DataSource {
    /// The name shown to the user.
    pub fn display_name(&self) -> String {
        match self {
            DataSource::Sample => crate::SAMPLE_FILE_NAME.to_string(),
            DataSource::File { name } => name.clone(),
            DataSource::Url { url } => url.rsplit('/').next().unwrap_or(url).to_string(),
        }
    }
}

pub use crate::engine::pipeline::export::ExportKind;

/// UI → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Run `config`; `data` is set when the data changed since the worker last loaded any.
    Run {
        run_id: u64,
        data: Option<DataSource>,
        config: Box<PipelineConfig>,
        /// Workers to split the heavy steps over (the page's `?workers=N`); None: one per processor, up to 4.
        #[serde(default)]
        workers: Option<usize>,
    },
    /// Build an export from the last successful run.
    Export { request_id: u64, kind: ExportKind },
    /// Score the customers of a new file (the `File` travels beside the message) with the last run's model.
    Score { request_id: u64, name: String },
}

/// An error as the user sees it: a sentence, plus where it happened when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserError {
    pub message: String,
}

impl From<PipelineError> for UserError {
    fn from(e: PipelineError) -> Self {
        UserError { message: e.to_string() }
    }
}

/// Worker → UI. Adjacently tagged (`{type, data}`), so a reply is read straight into its variant: an internally
/// tagged enum would first copy the whole report into serde's generic buffer (twice the decoding work on the
/// UI thread, and it loses the binary form of the packed arrays, see `engine::pipeline::wire`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is initialised and it accepts messages.
    Ready,
    Progress {
        run_id: u64,
        stage: String,
        fraction: f64,
    },
    /// The run's report, in parts the UI decodes one task at a time (see [`ReportParts`]).
    Finished {
        run_id: u64,
        report: ReportParts,
        /// The report has no sweep over k yet: the worker computes it now and posts [`FromWorker::Swept`]
        /// (unless a newer run arrives first, which stops it).
        #[serde(default)]
        sweep_pending: bool,
        /// New data failed on the previous file's column settings and ran with its own defaults: the UI
        /// forgets those settings too ([`crate::views::schema::forget_file_settings`]).
        #[serde(default)]
        reset_file_settings: bool,
    },
    /// The sweep over k of a run whose report came without it (`sweep_pending`), with its note.
    Swept {
        run_id: u64,
        sweep: Option<KSweep>,
        note: Option<String>,
    },
    Failed {
        run_id: u64,
        error: UserError,
    },
    /// An export, ready to download. Its content is not in the message: the worker posts it beside the
    /// message as a `Blob`, which the page downloads as it is (a 100 MB labelled CSV is never decoded or
    /// copied into the page's memory).
    Exported {
        request_id: u64,
        file_name: String,
        mime: String,
    },
    /// New customers scored.
    Scored {
        request_id: u64,
        report: Box<ScoreReport>,
    },
    /// An export or scoring request failed.
    RequestFailed {
        request_id: u64,
        error: UserError,
    },
    /// The worker panicked; it is unusable and the UI replaces it.
    Crashed {
        message: String,
    },
}

impl FromWorker {
    /// The run this message belongs to (None for `Ready`).
    pub fn run_id(&self) -> Option<u64> {
        match self {
            FromWorker::Ready
            | FromWorker::Crashed { .. }
            | FromWorker::Exported { .. }
            | FromWorker::Scored { .. }
            | FromWorker::RequestFailed { .. } => None,
            FromWorker::Progress { run_id, .. }
            | FromWorker::Finished { run_id, .. }
            | FromWorker::Swept { run_id, .. }
            | FromWorker::Failed { run_id, .. } => Some(*run_id),
        }
    }
}

impl FromWorker {
    /// The export or scoring request this message answers.
    pub fn request_id(&self) -> Option<u64> {
        match self {
            FromWorker::Exported { request_id, .. }
            | FromWorker::Scored { request_id, .. }
            | FromWorker::RequestFailed { request_id, .. } => Some(*request_id),
            _ => None,
        }
    }
}

/// The wire format. One function per direction so both ends agree. Requests to the worker are small JSON text;
/// replies are MessagePack bytes (posted as a transferable buffer), because reports hold NaN for missing values
/// and JSON cannot: it writes NaN as `null` and then cannot read it back into a number
/// (`tests/engine/protocol_roundtrip.rs` round-trips the reports of the real datasets).
pub mod codec {
    use super::{FromWorker, ToWorker};

    pub fn encode_to_worker(msg: &ToWorker) -> String {
        serde_json::to_string(msg).unwrap_or_default()
    }
    /// Read in the worker, which decodes nothing else: serde_json directly is smaller there than the erased
    /// path (`engine::decode`) that the app's many decoded types need.
    pub fn decode_to_worker(text: &str) -> Result<ToWorker, String> {
        serde_json::from_str(text).map_err(|e| format!("bad message to worker: {e}"))
    }
    pub fn encode_from_worker(msg: &FromWorker) -> Vec<u8> {
        rmp_serde::to_vec_named(msg).unwrap_or_default()
    }
    pub fn decode_from_worker(bytes: &[u8]) -> Result<FromWorker, String> {
        crate::engine::decode::from_msgpack(bytes).map_err(|e| format!("bad message from worker: {e}"))
    }
}
