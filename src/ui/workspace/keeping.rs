//! Whether the workspace is kept, shared by the Export step's card and the app: while remembering is on,
//! every change of settings, on any step, is saved (the card saved only while the Export step was on screen,
//! so a reload brought back an older k than the one set, under a note saying "Saved").

use super::store;
use super::{describe_time, now_ms};
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

/// The keeping state; in the context from [`keep_current`].
#[derive(Clone, Copy)]
pub struct Keeping {
    pub remember: RwSignal<bool>,
    pub keep_data: RwSignal<bool>,
    /// What was last saved or cleared, for the card.
    pub note: RwSignal<Option<String>>,
    /// The user toggled or cleared before the stored state was read: the read must not undo that (a Clear
    /// followed by a late read switched remembering back on and saved the data again).
    touched: StoredValue<bool>,
    /// The file last written to storage (null: none), so a change of settings does not write it again.
    stored_file: StoredValue<Option<JsValue>, LocalStorage>,
}

impl Keeping {
    /// A choice of the user's: it stands whatever the stored state turns out to be.
    pub fn touch(&self) {
        self.touched.set_value(true);
    }

    /// Deletes what is stored, and says so.
    pub fn clear(&self) {
        let (note, stored_file) = (self.note, self.stored_file);
        self.touch();
        self.remember.set(false);
        self.keep_data.set(false);
        spawn_local(async move {
            let said = match store::clear().await {
                Ok(()) => {
                    stored_file.set_value(None);
                    "Nothing from segscope is stored on this device.".to_string()
                }
                Err(e) => format!("Could not clear: {e}."),
            };
            note.set(Some(said));
        });
    }
}

/// Reads the stored workspace once (restoring it when `restore` says so) and, from then on, saves every
/// change while remembering is on. Called once at start; provides [`Keeping`].
pub fn keep_current(ctx: AppContext, restore: Option<super::Restore>) {
    let k = Keeping {
        remember: RwSignal::new(false),
        keep_data: RwSignal::new(false),
        note: RwSignal::new(None),
        touched: StoredValue::new(false),
        stored_file: StoredValue::new_local(None),
    };
    provide_context(k);
    spawn_local(async move {
        // a Clear or a toggle made while this was read stands (and nothing is restored then)
        if let Some(saved) = store::load().await.filter(|_| k.touched.try_get_value() == Some(false)) {
            if let Some(restore) = &restore {
                restore.apply(ctx, &saved);
            }
            // the very File restored: a change of settings does not write it again
            k.stored_file.set_value(saved.file.clone().map(JsValue::from));
            k.remember.set(true);
            k.keep_data.set(saved.file.is_some());
            k.note.set(Some(format!("Saved {}.", describe_time(saved.saved_at))));
        }
    });
    Effect::new(move |_| {
        ctx.config.track();
        ctx.report.track();
        k.keep_data.track();
        if k.remember.get() {
            save_now(ctx, k);
        }
    });
}

fn save_now(ctx: AppContext, k: Keeping) {
    let Some(loaded) = ctx.loaded_data() else { return };
    let file = if k.keep_data.get_untracked() { loaded.file.clone() } else { None };
    let file_value = file.clone().map(JsValue::from);
    let same_file = k.stored_file.with_value(|stored| match (stored, &file_value) {
        (Some(a), Some(b)) => js_sys::Object::is(a, b),
        (None, None) => true,
        _ => false,
    });
    let saved = store::Saved {
        config: ctx.config.get_untracked().to_json(),
        file,
        source: loaded.source,
        saved_at: now_ms(),
    };
    spawn_local(async move {
        match store::save(&saved, !same_file).await {
            Ok(()) => {
                k.stored_file.set_value(file_value);
                k.note.set(Some(format!(
                    "Saved {}{}.",
                    describe_time(saved.saved_at),
                    if saved.file.is_some() { ", with the data" } else { "" }
                )));
            }
            Err(e) => k.note.set(Some(format!("Could not save: {e}."))),
        }
    });
}
