//! The toolbar above every step: load data (Upload CSV, Try sample data), and the two settings people change
//! most (Algorithm, Number of segments). Its accessible names are a stable contract for embedders and tests.

use super::run_controller::DataChoice;
use super::state::AppContext;
use super::steps::segment::{algorithm_named, ALGORITHMS, K_RANGE};
use crate::protocol::DataSource;
use crate::views::segment::users_k;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Loads a `File` the user picked or dropped.
pub fn choose_file(ctx: AppContext, file: web_sys::File) {
    ctx.choose_data(DataChoice { source: DataSource::File { name: file.name() }, file: Some(file) });
}

#[component]
fn NumberOfSegments() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let k = move || ctx.config.with(|c| c.k().unwrap_or(4));
    let k_now = move || ctx.config.with_untracked(|c| c.k().unwrap_or(4));
    let takes_k = move || ctx.config.with(|c| c.k().is_some());
    // While typing, only in-range values apply (so "1" on the way to "12" does not rewrite the field) and the
    // run waits for a pause; on commit (Enter, leaving the field) the value is clamped into range. The slider
    // applies each value at once: its runs collapse while one is in flight, so dragging stays live.
    let apply = move |value: String, commit: bool| {
        let v = match value.trim().parse::<f64>() {
            // a committed 2.5 or -3 becomes the nearest whole number in range
            Ok(v) if v.is_finite() && commit => (v.round().max(0.0) as usize).clamp(K_RANGE.0, K_RANGE.1),
            Ok(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 => v as usize,
            _ => return,
        };
        if (K_RANGE.0..=K_RANGE.1).contains(&v) && Some(v) != ctx.config.with_untracked(|c| c.k()) {
            let edit = |c: &mut crate::engine::pipeline::PipelineConfig| {
                c.algorithm.set_k(v);
                c.segments = Default::default();
            };
            if commit {
                ctx.edit_now(edit);
            } else {
                ctx.edit(edit);
            }
        }
    };
    view! {
        <div class="tool k-tool">
            <label for="k-input">"Number of segments"</label>
            <div class="k-control">
                <input
                    id="k-input"
                    type="number"
                    min=K_RANGE.0
                    max=K_RANGE.1
                    step="1"
                    disabled=move || !takes_k()
                    title=move || if takes_k() { "" } else { "DBSCAN finds the number of segments itself" }
                    prop:value=move || k().to_string()
                    on:input=move |ev| apply(event_target_value(&ev), false)
                    on:change=move |ev| {
                        apply(event_target_value(&ev), true);
                        // the field shows the k that runs, also after a blank, 0 or 1000 was typed
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        if let Some(input) = input {
                            input.set_value(&k_now().to_string());
                        }
                    }
                />
                <input
                    type="range"
                    aria-hidden="true"
                    tabindex="-1"
                    min=K_RANGE.0
                    max=K_RANGE.1
                    disabled=move || !takes_k()
                    prop:value=move || k().to_string()
                    on:input=move |ev| apply(event_target_value(&ev), true)
                />
            </div>
        </div>
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            choose_file(ctx, file);
        }
        input.set_value("");
    };
    let on_sample = move |_| ctx.choose_data(DataChoice { source: DataSource::Sample, file: None });
    let algo = move || ctx.config.with(|c| c.algorithm.name().to_string());
    // the number of segments the user asked for, kept while an algorithm without one (DBSCAN) or with only
    // an upper bound (the Bayesian mixture) is chosen, and given back to the next algorithm
    let asked_k = StoredValue::new(4usize);
    Effect::new(move |_| {
        if let Some(k) = ctx.config.with(|c| users_k(&c.algorithm)) {
            asked_k.set_value(k);
        }
    });
    let on_algo = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        let k = asked_k.get_value();
        ctx.edit(|c| {
            c.algorithm = algorithm_named(&name, k);
            c.segments = Default::default();
        });
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Data and segmentation">
            <div class="tool data-tool">
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
                <span class="data-name" data-testid="data-name">
                    {move || ctx.data_name.get().unwrap_or_else(|| "No data loaded".into())}
                </span>
            </div>
            <div class="tool">
                <label for="algorithm-select">"Algorithm"</label>
                <select id="algorithm-select" prop:value=algo on:change=on_algo>
                    {ALGORITHMS
                        .iter()
                        .map(|(v, label, _)| view! { <option value=*v selected=move || algo() == *v>{*label}</option> })
                        .collect_view()}
                </select>
            </div>
            <NumberOfSegments/>
        </div>
    }
}
