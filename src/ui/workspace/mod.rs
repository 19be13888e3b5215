//! "Keep this workspace on this device": an optional save of the settings in IndexedDB (and of the data file
//! only with explicit consent), restored when the app opens, with a Clear button. Off by default.

mod keeping;
mod store;

pub use keeping::{keep_current, Keeping};

use super::run_controller::DataChoice;
use super::state::{AppContext, Status};
use super::widgets::Toggle;
use crate::engine::pipeline::PipelineConfig;
use crate::protocol::DataSource;
use leptos::prelude::*;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn describe_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    let text: String = date.to_locale_string("default", &js_sys::Object::new()).into();
    text
}

/// Bringing the saved workspace back at start (settings, and the data when it was kept).
#[derive(Debug, Clone)]
pub struct Restore {
    /// The URL's settings, applied on top of the saved ones (a reload, or a link with `#k=6`).
    pub hash: Option<String>,
    /// The URL already loads the sample; the workspace comes back only if it was of the sample.
    pub sample_loading: bool,
}

impl Restore {
    /// Applies `saved`, read at start, unless the user chose data (other than the URL's sample) while it was
    /// read: that stands.
    fn apply(&self, ctx: AppContext, saved: &store::Saved) {
        let Restore { hash, sample_loading } = self;
        if (!sample_loading && ctx.loaded_data().is_some())
            || (*sample_loading && saved.source != DataSource::Sample)
        {
            return;
        }
        if let Ok(config) = PipelineConfig::from_json(&saved.config) {
            let config = match hash {
                Some(h) => super::embed::apply_hash(&config, h).0,
                None => config,
            };
            ctx.config.set(config);
        }
        let data = match (&saved.source, &saved.file) {
            _ if *sample_loading => None,
            (DataSource::File { .. }, Some(file)) => {
                Some(DataChoice { source: saved.source.clone(), file: Some(file.clone()) })
            }
            (DataSource::Sample | DataSource::Url { .. }, _) => {
                Some(DataChoice { source: saved.source.clone(), file: None })
            }
            (DataSource::File { .. }, None) => None,
        };
        let what = if data.is_some() || *sample_loading { "settings and data" } else { "settings" };
        if let Some(data) = data {
            ctx.choose_data(data);
        }
        ctx.status.set(Status::Info(format!(
            "Restored your saved {what} from this browser (saved {}). Clear them in Export.",
            describe_time(saved.saved_at)
        )));
    }
}

/// The Export step's card: remember settings, keep the data too (consent), Clear.
#[component]
pub fn WorkspaceCard() -> impl IntoView {
    let k = expect_context::<Keeping>();
    view! {
        <section class="card saved-workspace" aria-labelledby="workspace-title">
            <h3 class="card-title" id="workspace-title">"Keep this workspace on this device"</h3>
            <p class="help">
                "Off by default. Saved only in this browser's storage (IndexedDB) and restored when you come back; nothing is uploaded."
            </p>
            <Toggle
                label="Remember my settings"
                id="remember-settings"
                checked=k.remember
                on_change=Callback::new(move |on: bool| {
                    if on {
                        k.touch();
                        k.remember.set(true);
                    } else {
                        k.clear();
                    }
                })
                help="The pipeline settings, segment names and edits."
            />
            <Toggle
                label="Also keep my data file on this device"
                id="remember-data"
                checked=k.keep_data
                on_change=Callback::new(move |on: bool| {
                    k.touch();
                    k.keep_data.set(on);
                    if on {
                        k.remember.set(true);
                    }
                })
                help="Your explicit consent: a copy of the file stays in this browser until you press Clear."
            />
            <div class="workspace-actions">
                <button type="button" class="button small" on:click=move |_| k.clear()>
                    "Clear saved workspace"
                </button>
                <span class="help" data-testid="workspace-note" aria-live="polite">
                    {move || k.note.get()}
                </span>
            </div>
        </section>
    }
}
