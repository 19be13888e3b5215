//! The drop zone: drop a CSV, choose a file, or use the bundled sample. Large before any data is loaded,
//! one compact line after.

use super::super::super::run_controller::DataChoice;
use super::super::super::state::AppContext;
use super::super::super::toolbar::choose_file;
use crate::protocol::DataSource;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn DropZone(#[prop(into)] compact: Signal<bool>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            choose_file(ctx, file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            choose_file(ctx, file);
        }
    };
    let on_sample = move |_| ctx.choose_data(DataChoice { source: DataSource::Sample, file: None });
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            class:compact=move || compact.get()
            data-testid="dropzone"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <div class="dropzone-text">
                <p class="dropzone-title">
                    {move || if compact.get() { "Drop another CSV here to replace the data" } else { "Drop a CSV of customers — or of transactions — here" }}
                </p>
                <p class="fineprint">
                    "Read by this tab only; nothing is uploaded. "
                    "Comma, semicolon, tab, pipe or space delimited; UTF-8, UTF-16 or Windows-1252."
                </p>
            </div>
            <div class="actions">
                <input
                    id="drop-file-input"
                    class="visually-hidden"
                    type="file"
                    accept=".csv,.tsv,.txt,text/csv,text/plain"
                    aria-label="Choose a CSV file"
                    on:change=on_pick
                />
                <label class="button primary" for="drop-file-input">"Choose a file"</label>
                <button type="button" class="button" on:click=on_sample>"Use the sample: 440 wholesale customers"</button>
            </div>
        </div>
    }
}
