//! DBSCAN settings: eps and min_samples, with the k-distance chart and a "Use suggested eps" button.

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use super::super::super::widgets::NumberField;
use super::algo_number;
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::{charts, format, segment};
use leptos::prelude::*;

fn edit(ctx: AppContext, f: impl FnOnce(&mut crate::engine::cluster::dbscan::DbscanParams)) {
    ctx.edit(|c| {
        if let AlgorithmConfig::Dbscan(p) = &mut c.algorithm {
            f(p);
        }
    });
}

#[component]
pub fn DbscanForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let eps = algo_number(ctx, |a| match a {
        AlgorithmConfig::Dbscan(p) => Some(p.eps),
        _ => None,
    });
    let min_samples = algo_number(ctx, |a| match a {
        AlgorithmConfig::Dbscan(p) => Some(p.min_samples as f64),
        _ => None,
    });
    let suggested =
        Memo::new(move |_| ctx.report.with(|r| r.as_ref().and_then(|r| segment::suggested_eps(r))));
    let chart = Signal::derive(move || ctx.report.get().and_then(|r| charts::kdistance(&r)));
    let noise = move || {
        ctx.report.with(|r| {
            r.as_ref().map(|r| {
                format!(
                    "{} found; {} customers ({}) are noise — too far from any dense group.",
                    crate::engine::words::count(r.n_clusters, "segment", "segments"),
                    format::thousands(r.n_noise as f64),
                    format::percent(r.n_noise as f64 / r.n_used.max(1) as f64)
                )
            })
        })
    };
    view! {
        <div class="param-grid" data-testid="algorithm-params">
            <NumberField
                label="Neighbourhood radius (eps)"
                id="dbscan-eps"
                value=eps
                min=0.000001
                step=0.01
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.eps = v))
                help="Customers closer than this (in scaled units) are neighbours. Larger: fewer, bigger segments."
            />
            <NumberField
                label="Minimum neighbours (min_samples)"
                id="dbscan-min-samples"
                value=min_samples
                min=1.0
                max=1000.0
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.min_samples = v.round() as usize))
                help="Neighbours (itself included) a customer needs to anchor a dense group."
            />
        </div>
        <div class="inline-suggestion">
            <p class="help">{noise}</p>
            {move || {
                suggested
                    .get()
                    .map(|s| {
                        view! {
                            <button
                                type="button"
                                class="button small"
                                disabled=move || (eps.get() - s).abs() < 1e-12
                                on:click=move |_| edit(ctx, |p| p.eps = s)
                            >
                                {format!("Use suggested eps = {}", crate::engine::table::format_number(s))}
                            </button>
                            <span class="help">"The knee of the curve below: where distances start to climb."</span>
                        }
                    })
            }}
        </div>
        <ChartCanvas spec=chart testid="algorithm-canvas" height=300/>
    }
}
