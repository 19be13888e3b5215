//! The run bookkeeping behind the UI, as a plain type: which run is current, whether one is in flight,
//! whether a newer request waits (latest wins), and which data the worker holds.

use crate::protocol::DataSource;

/// Data the user chose: where it comes from, and the `File` when it is a local file.
#[derive(Clone, Debug)]
pub struct DataChoice {
    pub source: DataSource,
    pub file: Option<web_sys::File>,
}

/// What to send next.
#[derive(Debug)]
pub struct Dispatch {
    pub run_id: u64,
    /// Set when the worker must (re)load data first.
    pub data: Option<DataChoice>,
    /// The data is newly chosen by the user (not the loaded data read again by a fresh worker).
    pub new_data: bool,
}

/// Run bookkeeping.
#[derive(Debug, Default)]
pub struct RunController {
    next_id: u64,
    current: Option<u64>,
    in_flight: bool,
    pending: bool,
    /// The data of the last run that loaded successfully (the worker holds it unless restarted).
    loaded: Option<DataChoice>,
    /// Newly chosen data not yet loaded successfully.
    candidate: Option<DataChoice>,
    /// The data the current run is loading, if any.
    loading: Option<DataChoice>,
    worker_has_data: bool,
}

impl RunController {
    /// The user chose new data.
    pub fn choose(&mut self, data: DataChoice) {
        self.candidate = Some(data);
    }

    /// Asks for a run; returns what to send now, or None when it must wait for the run in flight.
    pub fn request(&mut self) -> Option<Dispatch> {
        self.pending = true;
        if self.in_flight {
            return None;
        }
        self.dispatch()
    }

    fn dispatch(&mut self) -> Option<Dispatch> {
        // The chosen data leaves `candidate` as it is sent: a choice made while it loads is a newer
        // candidate, which the run's end must not clear (upload, sample, upload, sample in quick succession
        // ended on the upload: the end of the third run dropped the fourth choice).
        let new_data = self.candidate.is_some();
        let data = match (self.candidate.take(), self.worker_has_data) {
            (Some(c), _) => Some(c),
            (None, false) => Some(self.loaded.clone()?),
            (None, true) => None,
        };
        self.next_id += 1;
        self.current = Some(self.next_id);
        self.in_flight = true;
        self.pending = false;
        self.loading = data.clone();
        Some(Dispatch { run_id: self.next_id, data, new_data })
    }

    /// True when `run_id` is the current run (everything else is stale and dropped).
    pub fn is_current(&self, run_id: u64) -> bool {
        self.current == Some(run_id)
    }

    /// The current run ended; `ok` says whether its data (if it loaded any) loaded successfully.
    /// Returns the next dispatch when a newer request was waiting.
    pub fn finished(&mut self, run_id: u64, data_ok: bool) -> Option<Dispatch> {
        if !self.is_current(run_id) {
            return None;
        }
        self.in_flight = false;
        if let Some(data) = self.loading.take() {
            if data_ok {
                self.loaded = Some(data);
                self.worker_has_data = true;
            }
        }
        if self.pending {
            self.dispatch()
        } else {
            None
        }
    }

    /// The worker was replaced (cancel or crash): it holds no data and nothing is in flight.
    pub fn worker_replaced(&mut self) {
        self.in_flight = false;
        self.pending = false;
        self.current = None;
        self.loading = None;
        self.worker_has_data = false;
        self.candidate = None;
    }

    /// True when the worker was replaced (Cancel, a crash) and has not loaded the shown data again: an export
    /// needs a run first.
    pub fn needs_reload(&self) -> bool {
        !self.worker_has_data && self.loaded.is_some()
    }

    /// Forgets a waiting request: the run that just ended already answered it (a new file that ran with its
    /// own defaults: the waiting request was an edit of the previous file's settings).
    pub fn drop_pending(&mut self) {
        self.pending = false;
    }

    /// True while a run is in flight.
    pub fn busy(&self) -> bool {
        self.in_flight
    }

    /// The data the results are about (what a saved workspace keeps).
    pub fn loaded(&self) -> Option<&DataChoice> {
        self.loaded.as_ref()
    }

    /// Name of the data the results are about.
    pub fn loaded_name(&self) -> Option<String> {
        self.loaded.as_ref().map(|d| d.source.display_name())
    }
}
