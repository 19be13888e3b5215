//! The Data step: upload or drop a CSV, or try the bundled sample. Shows what is loaded.

use super::app::AppContext;
use super::run_controller::DataChoice;
use crate::protocol::DataSource;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn choose_file(ctx: AppContext, file: web_sys::File) {
    ctx.choose_data(DataChoice { source: DataSource::File { name: file.name() }, file: Some(file) });
}

#[component]
pub fn DataPanel() -> impl IntoView {
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
    let summary = move || {
        let chosen = ctx.data_name.get();
        match ctx.report.get() {
            Some(r) if chosen.as_deref() == Some(r.source()) || chosen.is_none() => {
                Some(format!("{} · {} rows · {} features used", r.source(), r.n_rows, r.features.len()))
            }
            _ => chosen.map(|name| format!("Reading {name}…")),
        }
    };
    view! {
        <section class="panel" aria-labelledby="data-heading">
            <h2 id="data-heading"><span class="step">"1"</span>"Data"</h2>
            <div
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <p class="hint">"Drop a CSV of customers here, or"</p>
                <div class="actions">
                    <label class="button primary" for="file-input">"Upload CSV"</label>
                    <input
                        id="file-input"
                        class="visually-hidden"
                        type="file"
                        accept=".csv,.tsv,.txt,text/csv,text/plain"
                        aria-label="Upload CSV"
                        on:change=on_pick
                    />
                    <button type="button" class="button" on:click=on_sample>"Try sample data"</button>
                </div>
                <p class="fineprint">"Files are read by this tab only. Nothing is uploaded."</p>
            </div>
            <p class="loaded" data-testid="loaded-summary">
                {move || summary().unwrap_or_else(|| "No data loaded yet.".to_string())}
            </p>
        </section>
    }
}
