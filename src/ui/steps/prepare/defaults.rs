//! The settings that apply to every column unless a column has its own: missing values, the outlier rule,
//! the detector across columns, scaling and categorical encoding.

use super::super::super::state::AppContext;
use super::super::super::widgets::Toggle;
use super::super::fields::{Choice, Number, TextInput};
use crate::views::prep_form as pf;
use leptos::prelude::*;

#[component]
fn MissingDefaults() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let strategy = Signal::derive(move || ctx.config.with(|c| c.prep.impute.default.name().to_string()));
    let constant = Signal::derive(move || ctx.config.with(|c| pf::constant_text(&c.prep.impute.default)));
    let on_strategy = Callback::new(move |v: String| {
        let text = constant.get_untracked();
        let text = if text.is_empty() { "0".to_string() } else { text };
        if let Some(i) = pf::impute_from(&v, &text) {
            ctx.edit(|c| c.prep.impute.default = i);
        }
    });
    let on_constant = Callback::new(move |v: String| {
        if let Some(i) = pf::impute_from("constant", &v) {
            ctx.edit(|c| c.prep.impute.default = i);
        }
    });
    let indicators = Signal::derive(move || ctx.config.with(|c| c.prep.impute.missing_indicators));
    let on_indicators = Callback::new(move |on: bool| ctx.edit(|c| c.prep.impute.missing_indicators = on));
    view! {
        <fieldset class="settings-group">
            <legend>"Missing values"</legend>
            <Choice
                label="Fill missing values"
                id="impute-select"
                options=pf::impute_options(None)
                value=strategy
                on_change=on_strategy
                help="Category columns use the most frequent value when you choose mean, median or similar customers."
            />
            <Show when=move || strategy.get() == "constant">
                <TextInput label="Fixed value" id="impute-constant" value=constant on_change=on_constant/>
            </Show>
            <Toggle
                label="Add a missing-value indicator per column"
                id="indicators-toggle"
                checked=indicators
                on_change=on_indicators
                help="Lets segments tell apart customers whose value was missing."
            />
        </fieldset>
    }
}

#[component]
fn OutlierDefaults() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let parts = Memo::new(move |_| ctx.config.with(|c| pf::rule_parts(&c.prep.outliers.default)));
    let method = Signal::derive(move || parts.get().0.to_string());
    let param = Signal::derive(move || parts.get().1);
    let action = Signal::derive(move || parts.get().2.to_string());
    let on_method = Callback::new(move |v: String| {
        ctx.edit(|c| c.prep.outliers.default = pf::with_method(&c.prep.outliers.default, &v));
    });
    let on_param = Callback::new(move |p: f64| {
        let (m, _, a) = parts.get_untracked();
        ctx.edit(|c| c.prep.outliers.default = pf::rule_from(m, p, a));
    });
    let on_action = Callback::new(move |a: String| {
        let (m, p, _) = parts.get_untracked();
        ctx.edit(|c| c.prep.outliers.default = pf::rule_from(m, p, &a));
    });
    view! {
        <fieldset class="settings-group">
            <legend>"Outliers in each column"</legend>
            <Choice label="Outlier rule" id="outliers-select" options=pf::outlier_methods() value=method on_change=on_method/>
            <Show when=move || method.get() != "none">
                <Number
                    label=Signal::derive(move || pf::param_label(&method.get()).to_string())
                    id="outliers-param"
                    value=param
                    on_change=on_param
                    min=0.1
                    max=20.0
                    help="Larger values treat fewer values as outliers."
                />
                <Choice label="Then" id="outliers-action" options=pf::outlier_actions() value=action on_change=on_action/>
            </Show>
        </fieldset>
    }
}

#[component]
fn DetectorDefaults() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let parts =
        Memo::new(move |_| ctx.config.with(|c| pf::detector_parts(c.prep.outliers.multivariate.as_ref())));
    let method = Signal::derive(move || parts.get().0.to_string());
    let action = Signal::derive(move || parts.get().1.to_string());
    let share = Signal::derive(move || (parts.get().2.unwrap_or(0.05) * 100.0 * 10.0).round() / 10.0);
    let set = move |m: &str, a: &str, s: f64| {
        ctx.edit(|c| c.prep.outliers.multivariate = pf::detector_from(m, a, s))
    };
    let on_method = Callback::new(move |v: String| {
        let (_, a, s) = parts.get_untracked();
        set(&v, a, s.unwrap_or(0.05));
    });
    let on_action = Callback::new(move |v: String| {
        let (m, _, s) = parts.get_untracked();
        set(m, &v, s.unwrap_or(0.05));
    });
    let on_share = Callback::new(move |pct: f64| {
        let (m, a, _) = parts.get_untracked();
        set(m, a, pct / 100.0);
    });
    view! {
        <fieldset class="settings-group">
            <legend>"Unusual customers across columns"</legend>
            <Choice
                label="Detector"
                id="detector-select"
                options=pf::detector_options()
                value=method
                on_change=on_method
                help="Finds customers whose combination of values is rare, even when each value alone is ordinary."
            />
            <Show when=move || method.get() != "none">
                <Choice
                    label="Then"
                    id="detector-action"
                    options=vec![("flag".into(), "Flag, keep them".into()), ("remove".into(), "Leave them out".into())]
                    value=action
                    on_change=on_action
                />
                <Number
                    label="Expected share of unusual customers (%)"
                    id="detector-share"
                    value=share
                    on_change=on_share
                    min=0.1
                    max=50.0
                    step=0.5
                />
            </Show>
        </fieldset>
    }
}

#[component]
fn OutputDefaults() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let scale = Signal::derive(move || ctx.config.with(|c| pf::scaling_value(c.prep.scale).to_string()));
    let on_scale = Callback::new(move |v: String| ctx.edit(|c| c.prep.scale = pf::scaling_from(&v)));
    let encoding =
        Signal::derive(move || ctx.config.with(|c| pf::encoding_value(&c.prep.encode.default).to_string()));
    let on_encoding =
        Callback::new(move |v: String| ctx.edit(|c| c.prep.encode.default = pf::encoding_from(&v)));
    let rare = Signal::derive(move || (ctx.config.with(|c| c.prep.encode.min_share) * 1000.0).round() / 10.0);
    let on_rare = Callback::new(move |pct: f64| ctx.edit(|c| c.prep.encode.min_share = pct / 100.0));
    let scale_encoded = Signal::derive(move || ctx.config.with(|c| c.prep.scale_encoded));
    let on_scale_encoded = Callback::new(move |on: bool| ctx.edit(|c| c.prep.scale_encoded = on));
    let cap = Signal::derive(move || ctx.config.with(|c| c.prep.encode.max_columns as f64));
    let on_cap =
        Callback::new(move |n: f64| ctx.edit(|c| c.prep.encode.max_columns = n.round().max(1.0) as usize));
    view! {
        <fieldset class="settings-group">
            <legend>"Scaling and categories"</legend>
            <Choice
                label="Scaling"
                id="scale-select"
                options=pf::scaling_options()
                value=scale
                on_change=on_scale
                help="Segments compare distances, so columns on large scales dominate unless scaled."
            />
            <Choice label="Categories become" id="encoding-select" options=pf::encoding_options() value=encoding on_change=on_encoding/>
            <Toggle
                label="Scale yes/no, category and ordinal columns too"
                id="scale-encoded"
                checked=scale_encoded
                on_change=on_scale_encoded
                help="Off: they stay 0/1 and codes. Ordinal codes (0…11) then weigh far more than scaled numbers."
            />
            <Show when=move || encoding.get() == "one_hot">
                <div class="inline-fields">
                    <Number
                        label="Group categories rarer than (%)"
                        id="rare-share"
                        value=rare
                        on_change=on_rare
                        min=0.0
                        max=50.0
                        step=0.5
                    />
                    <Number label="At most columns per category" id="onehot-cap" value=cap on_change=on_cap min=1.0 max=200.0 step=1.0/>
                </div>
            </Show>
        </fieldset>
    }
}

#[component]
pub fn Defaults() -> impl IntoView {
    view! {
        <section class="card settings" aria-labelledby="prep-defaults-title">
            <h3 class="card-title" id="prep-defaults-title">"For every column"</h3>
            <div class="settings-grid">
                <MissingDefaults/>
                <OutlierDefaults/>
                <DetectorDefaults/>
                <OutputDefaults/>
            </div>
        </section>
    }
}
