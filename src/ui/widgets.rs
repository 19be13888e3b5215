//! Small form widgets with a visible label and an optional one-line explanation, so every control has an
//! accessible name and says what it does.

use leptos::prelude::*;

/// A labelled `<select>`; `options` are (value, text).
#[component]
pub fn SelectField(
    label: &'static str,
    id: &'static str,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] help: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=move || value.get() on:change=move |ev| on_change.run(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let selected_value = v.clone();
                        view! { <option value=v selected=move || value.get() == selected_value>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {help.map(|h| view! { <p class="help">{h}</p> })}
        </div>
    }
}

/// A labelled number input; `on_change` gets valid numbers only (on commit: Enter or leaving the field).
#[component]
pub fn NumberField(
    label: &'static str,
    id: &'static str,
    #[prop(into)] value: Signal<f64>,
    on_change: Callback<f64>,
    #[prop(default = f64::NEG_INFINITY)] min: f64,
    #[prop(default = f64::INFINITY)] max: f64,
    #[prop(default = 1.0)] step: f64,
    #[prop(optional)] help: Option<&'static str>,
) -> impl IntoView {
    let commit = move |text: String| {
        if let Some(v) = parse_clamped(&text, min, max) {
            on_change.run(v);
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
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

/// A number typed by the user (a decimal comma is accepted), clamped to `min..=max`; None when it is not a
/// finite number.
pub fn parse_clamped(text: &str, min: f64, max: f64) -> Option<f64> {
    let v = text.trim().replace(',', ".").parse::<f64>().ok()?;
    v.is_finite().then(|| v.clamp(min, max))
}

/// A labelled checkbox.
#[component]
pub fn Toggle(
    label: &'static str,
    id: &'static str,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
    #[prop(optional)] help: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field toggle">
            <input
                id=id
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
            {help.map(|h| view! { <p class="help">{h}</p> })}
        </div>
    }
}
