//! The Prepare step: missing values, outliers, transforms and scaling, with what they did to this file (rows
//! kept, values imputed or clipped, columns created) from the last run.

use super::super::state::AppContext;
use super::super::widgets::{SelectField, Toggle};
use super::NeedsData;
use crate::engine::prep::{Impute, OutlierAction, OutlierRule, Scaling};
use leptos::prelude::*;

fn scaling_value(s: Scaling) -> &'static str {
    match s {
        Scaling::None => "none",
        Scaling::Standard => "standard",
        Scaling::MinMax => "min_max",
        Scaling::Robust => "robust",
        Scaling::MaxAbs => "max_abs",
    }
}

fn impute_value(i: &Impute) -> &'static str {
    match i {
        Impute::Drop => "drop",
        Impute::Mean => "mean",
        Impute::Median => "median",
        Impute::MostFrequent => "most_frequent",
        Impute::Constant { .. } => "constant",
        Impute::Knn => "knn",
    }
}

fn outlier_value(r: &OutlierRule) -> String {
    match r {
        OutlierRule::None => "none".into(),
        OutlierRule::Iqr { action, .. } => format!("iqr_{}", action_value(*action)),
        OutlierRule::ZScore { action, .. } => format!("z_{}", action_value(*action)),
        OutlierRule::Mad { action, .. } => format!("mad_{}", action_value(*action)),
    }
}

fn action_value(a: OutlierAction) -> &'static str {
    match a {
        OutlierAction::Clip => "clip",
        OutlierAction::Remove => "remove",
        OutlierAction::Flag => "flag",
    }
}

fn opts(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect()
}

#[component]
pub fn PrepareStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let scale = Signal::derive(move || ctx.config.with(|c| scaling_value(c.prep.scale).to_string()));
    let on_scale = Callback::new(move |v: String| {
        let s = serde_json::from_value(serde_json::Value::from(v)).unwrap_or_default();
        ctx.edit(|c| c.prep.scale = s);
    });
    let impute =
        Signal::derive(move || ctx.config.with(|c| impute_value(&c.prep.impute.default).to_string()));
    let on_impute = Callback::new(move |v: String| {
        if let Ok(i) = serde_json::from_value::<Impute>(serde_json::json!({"strategy": v})) {
            ctx.edit(|c| c.prep.impute.default = i);
        }
    });
    let outliers = Signal::derive(move || ctx.config.with(|c| outlier_value(&c.prep.outliers.default)));
    let on_outliers = Callback::new(move |v: String| {
        let (method, action) = v.split_once('_').unwrap_or(("none", "clip"));
        let method = if method == "z" { "z_score" } else { method };
        if let Ok(r) =
            serde_json::from_value::<OutlierRule>(serde_json::json!({"method": method, "action": action}))
        {
            ctx.edit(|c| c.prep.outliers.default = r);
        } else if method == "none" {
            ctx.edit(|c| c.prep.outliers.default = OutlierRule::None);
        }
    });
    let indicators = Signal::derive(move || ctx.config.with(|c| c.prep.impute.missing_indicators));
    let on_indicators = Callback::new(move |on: bool| ctx.edit(|c| c.prep.impute.missing_indicators = on));
    view! {
        <div class="controls-row">
            <SelectField
                label="Missing values"
                id="impute-select"
                options=opts(&[("mean", "Fill with the mean"), ("median", "Fill with the median"), ("most_frequent", "Fill with the most frequent value"), ("knn", "Fill from the 5 most similar customers"), ("drop", "Leave the customer out")])
                value=impute
                on_change=on_impute
                help="Categorical columns use the most frequent value unless you choose otherwise."
            />
            <SelectField
                label="Outliers"
                id="outliers-select"
                options=opts(&[("none", "Keep every value"), ("iqr_clip", "Clip beyond 1.5 × IQR"), ("iqr_remove", "Leave out rows beyond 1.5 × IQR"), ("z_clip", "Clip beyond 3 standard deviations"), ("mad_clip", "Clip beyond 3.5 robust deviations (MAD)"), ("iqr_flag", "Flag rows beyond 1.5 × IQR")])
                value=outliers
                on_change=on_outliers
            />
            <SelectField
                label="Scaling"
                id="scale-select"
                options=opts(&[("standard", "Standardize (mean 0, sd 1)"), ("robust", "Robust (median, IQR)"), ("min_max", "Min–max to 0…1"), ("max_abs", "Divide by the largest |value|"), ("none", "No scaling")])
                value=scale
                on_change=on_scale
                help="Clustering compares distances, so features on large scales dominate unless scaled."
            />
            <Toggle
                label="Add a missing-value indicator per column"
                id="indicators-toggle"
                checked=indicators
                on_change=on_indicators
                help="Lets segments tell apart customers whose value was missing."
            />
        </div>
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            {move || {
                ctx.report.get().map(|r| {
                    let p = r.prep.clone();
                    view! {
                        <p class="summary" data-testid="prep-summary">
                            {format!(
                                "{} of {} customers kept · {} features in, {} matrix columns out",
                                p.rows_out,
                                p.rows_in,
                                p.features_in.len(),
                                p.features_out.len()
                            )}
                        </p>
                        <ul class="notes" data-testid="prep-report">
                            {p.entries.iter().map(|e| view! { <li>{e.sentence.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })
            }}
        </Show>
    }
}
