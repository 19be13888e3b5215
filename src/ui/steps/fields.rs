//! Form fields for the Data, Prepare and Features steps whose labels and ids are built at run time (one per
//! column): a select, a number and a text input, each with a visible label (or, inside a table row whose
//! header names the column, an `aria-label`) and an optional one-line help.

use leptos::prelude::*;

/// A select; `options` are (value, text). With `compact`, the label is only announced (`aria-label`).
#[component]
pub fn Choice(
    #[prop(into)] label: String,
    #[prop(into)] id: String,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] compact: bool,
    #[prop(optional, into)] help: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let select = {
        let label = label.clone();
        let id = id.clone();
        view! {
            <select
                id=id
                aria-label=compact.then_some(label)
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let selected_value = v.clone();
                        view! { <option value=v selected=move || value.get() == selected_value>{text}</option> }
                    })
                    .collect_view()}
            </select>
        }
    };
    if compact {
        return view! { <span class="cell-field">{select}</span> }.into_any();
    }
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {select}
            {help.map(|h| view! { <p class="help">{h}</p> })}
        </div>
    }
    .into_any()
}

/// A number input; `on_change` gets finite numbers within [min, max] on commit (Enter or leaving the field).
#[component]
pub fn Number(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<f64>,
    on_change: Callback<f64>,
    #[prop(default = f64::NEG_INFINITY)] min: f64,
    #[prop(default = f64::INFINITY)] max: f64,
    #[prop(default = 0.1)] step: f64,
    #[prop(optional, into)] help: Option<String>,
) -> impl IntoView {
    let commit = move |text: String| {
        if let Some(v) = crate::ui::widgets::parse_clamped(&text, min, max) {
            on_change.run(v);
        }
    };
    view! {
        <div class="field number-field">
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id
                type="number"
                step=step.to_string()
                min=min.is_finite().then(|| min.to_string())
                max=max.is_finite().then(|| max.to_string())
                prop:value=move || crate::engine::table::format_number(value.get())
                on:change=move |ev| commit(event_target_value(&ev))
            />
            {help.map(|h| view! { <p class="help">{h}</p> })}
        </div>
    }
}

/// A text input committed on change; `kind` is the input type ("text", "date").
#[component]
pub fn TextInput(
    #[prop(into)] label: String,
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] help: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind prop:value=move || value.get() on:change=move |ev| on_change.run(event_target_value(&ev))/>
            {help.map(|h| view! { <p class="help">{h}</p> })}
        </div>
    }
}

/// An id fragment from a column name ("Annual Income ($)" → "annual-income----").
pub fn slug(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}
