//! "Keep this workspace on this device": an optional save of the settings in IndexedDB (and of the data file
//! only with explicit consent), restored when the app opens, with a Clear button. Off by default.

mod store;

use super::run_controller::DataChoice;
use super::state::{AppContext, Status};
use super::widgets::Toggle;
use crate::engine::pipeline::PipelineConfig;
use crate::protocol::DataSource;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn describe_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    let text: String = date.to_locale_string("default", &js_sys::Object::new()).into();
    text
}

/// Restores the saved workspace at start (settings, and the data when it was kept). Returns at once.
/// `hash`: the URL's settings, applied on top of the saved ones (a reload, or a link with `#k=6`).
/// `sample_loading`: the URL already loads the sample; the workspace comes back only if it was of the sample.
pub fn restore(ctx: AppContext, hash: Option<String>, sample_loading: bool) {
    spawn_local(async move {
        let Some(saved) = store::load().await else { return };
        if sample_loading && saved.source != DataSource::Sample {
            return;
        }
        if let Ok(config) = PipelineConfig::from_json(&saved.config) {
            let config = match &hash {
                Some(h) => super::embed::apply_hash(&config, h).0,
                None => config,
            };
            ctx.config.set(config);
        }
        let data = match (&saved.source, saved.file) {
            _ if sample_loading => None,
            (DataSource::File { .. }, Some(file)) => {
                Some(DataChoice { source: saved.source.clone(), file: Some(file) })
            }
            (DataSource::Sample | DataSource::Url { .. }, _) => {
                Some(DataChoice { source: saved.source.clone(), file: None })
            }
            (DataSource::File { .. }, None) => None,
        };
        let what = if data.is_some() || sample_loading { "settings and data" } else { "settings" };
        if let Some(data) = data {
            ctx.choose_data(data);
        }
        ctx.status.set(Status::Info(format!(
            "Restored your saved {what} from this browser (saved {}). Clear them in Export.",
            describe_time(saved.saved_at)
        )));
    });
}

/// The Export step's card: remember settings, keep the data too (consent), Clear.
#[component]
pub fn WorkspaceCard() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let remember = RwSignal::new(false);
    let keep_data = RwSignal::new(false);
    let saved_note = RwSignal::new(None::<String>);
    // The user toggled or cleared before the stored state arrived: it must not undo that (a Clear followed by
    // the late load switched remembering back on and saved the data again; a "keep my data" followed by it
    // saved the settings without the data).
    let touched = StoredValue::new(false);
    spawn_local(async move {
        if let Some(saved) = store::load().await.filter(|_| touched.try_get_value() == Some(false)) {
            remember.set(true);
            keep_data.set(saved.file.is_some());
            saved_note.set(Some(format!("Saved {}.", describe_time(saved.saved_at))));
        }
    });
    let save_now = move || {
        let Some(loaded) = ctx.loaded_data() else { return };
        let with_file = keep_data.get_untracked();
        let saved = store::Saved {
            config: ctx.config.get_untracked().to_json(),
            file: if with_file { loaded.file.clone() } else { None },
            source: loaded.source,
            saved_at: now_ms(),
        };
        spawn_local(async move {
            match store::save(&saved).await {
                Ok(()) => saved_note.set(Some(format!(
                    "Saved {}{}.",
                    describe_time(saved.saved_at),
                    if saved.file.is_some() { ", with the data" } else { "" }
                ))),
                Err(e) => saved_note.set(Some(format!("Could not save: {e}."))),
            }
        });
    };
    // Keep the saved copy current while remembering is on.
    Effect::new(move |_| {
        ctx.config.track();
        ctx.report.track();
        keep_data.track();
        if remember.get() {
            save_now();
        }
    });
    let clear = move |_| {
        touched.set_value(true);
        remember.set(false);
        keep_data.set(false);
        spawn_local(async move {
            let note = match store::clear().await {
                Ok(()) => "Nothing from segscope is stored on this device.".to_string(),
                Err(e) => format!("Could not clear: {e}."),
            };
            saved_note.set(Some(note));
        });
    };
    view! {
        <section class="card saved-workspace" aria-labelledby="workspace-title">
            <h3 class="card-title" id="workspace-title">"Keep this workspace on this device"</h3>
            <p class="help">
                "Off by default. Saved only in this browser's storage (IndexedDB) and restored when you come back; nothing is uploaded."
            </p>
            <Toggle
                label="Remember my settings"
                id="remember-settings"
                checked=remember
                on_change=Callback::new(move |on: bool| {
                    touched.set_value(true);
                    remember.set(on);
                    if !on {
                        keep_data.set(false);
                        spawn_local(async move {
                            let _ = store::clear().await;
                            saved_note.set(Some("Nothing from segscope is stored on this device.".into()));
                        });
                    }
                })
                help="The pipeline settings, segment names and edits."
            />
            <Toggle
                label="Also keep my data file on this device"
                id="remember-data"
                checked=keep_data
                on_change=Callback::new(move |on: bool| {
                    touched.set_value(true);
                    keep_data.set(on);
                    if on {
                        remember.set(true);
                    }
                })
                help="Your explicit consent: a copy of the file stays in this browser until you press Clear."
            />
            <div class="workspace-actions">
                <button type="button" class="button small" on:click=clear>"Clear saved workspace"</button>
                <span class="help" data-testid="workspace-note" aria-live="polite">{move || saved_note.get()}</span>
            </div>
        </section>
    }
}
