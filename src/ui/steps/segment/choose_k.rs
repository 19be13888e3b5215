//! Choose k: the sweep over the number of segments (elbow, silhouette, BIC, gap, stability) with the suggested
//! k and its reason in words, and a one-click "Use k = N".

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::{AppContext, LateSweep};
use super::super::super::widgets::{NumberField, Toggle};
use super::K_RANGE;
use crate::engine::choose_k::ChooseKParams;
use crate::views::{charts, segment};
use leptos::prelude::*;

fn edit(ctx: AppContext, f: impl FnOnce(&mut ChooseKParams)) {
    ctx.edit(|c| {
        let sweep = c.evaluation.sweep.get_or_insert_with(ChooseKParams::default);
        f(sweep);
    });
}

fn sweep_number(ctx: AppContext, f: fn(&ChooseKParams) -> f64) -> Signal<f64> {
    Signal::derive(move || {
        ctx.config.with(|c| f(c.evaluation.sweep.as_ref().unwrap_or(&ChooseKParams::default())))
    })
}

#[component]
pub fn ChooseK() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let on = Signal::derive(move || ctx.config.with(|c| c.evaluation.sweep.is_some()));
    let takes_k = Signal::derive(move || ctx.config.with(|c| c.k().is_some()));
    let current_k = move || ctx.config.with(|c| c.k());
    let chart = Signal::derive(move || ctx.sweep().0.as_ref().and_then(charts::ksweep));
    let suggestion = Memo::new(move |_| ctx.sweep().0.as_ref().map(segment::suggestion));
    let note = move || ctx.sweep().1;
    let late = move || ctx.late_sweep.get();
    let k_min = sweep_number(ctx, |s| s.k_min as f64);
    let k_max = sweep_number(ctx, |s| s.k_max as f64);
    let gap = Signal::derive(move || {
        ctx.config.with(|c| c.evaluation.sweep.as_ref().is_some_and(|s| s.gap_references > 0))
    });
    let stability = Signal::derive(move || {
        ctx.config.with(|c| c.evaluation.sweep.as_ref().is_some_and(|s| s.stability_runs > 0))
    });
    let use_k = move |k: usize| {
        ctx.edit(|c| {
            c.algorithm.set_k(k);
            c.segments = Default::default();
        })
    };
    view! {
        <section class="card panel-card" aria-labelledby="choose-k-title" data-testid="choose-k">
            <div class="card-head">
                <div>
                    <h3 class="card-title" id="choose-k-title">"Choose k: how many segments the data supports"</h3>
                    <p class="help">
                        "segscope fits every k in the range and scores each one, so you can see which number of segments the data supports."
                    </p>
                </div>
            </div>
            <div class="param-grid">
                <Toggle
                    label="Compare numbers of segments"
                    id="sweep-on"
                    checked=on
                    on_change=Callback::new(move |v: bool| {
                        ctx.edit(|c| c.evaluation.sweep = v.then(ChooseKParams::default))
                    })
                    help="Turn off to make re-runs faster on large files."
                />
                <Show when=move || on.get()>
                    <NumberField
                        label="From k"
                        id="sweep-k-min"
                        value=k_min
                        min=K_RANGE.0 as f64
                        max=K_RANGE.1 as f64
                        on_change=Callback::new(move |v: f64| {
                            edit(ctx, |s| {
                                s.k_min = v.round() as usize;
                                s.k_max = s.k_max.max(s.k_min);
                            })
                        })
                    />
                    <NumberField
                        label="To k"
                        id="sweep-k-max"
                        value=k_max
                        min=K_RANGE.0 as f64
                        max=K_RANGE.1 as f64
                        on_change=Callback::new(move |v: f64| {
                            edit(ctx, |s| {
                                s.k_max = v.round() as usize;
                                s.k_min = s.k_min.min(s.k_max);
                            })
                        })
                    />
                    <Toggle
                        label="Gap statistic"
                        id="sweep-gap"
                        checked=gap
                        on_change=Callback::new(move |v: bool| edit(ctx, |s| s.gap_references = if v { 10 } else { 0 }))
                        help="Compares with random data of the same spread."
                    />
                    <Toggle
                        label="Stability"
                        id="sweep-stability"
                        checked=stability
                        on_change=Callback::new(move |v: bool| edit(ctx, |s| s.stability_runs = if v { 10 } else { 0 }))
                        help="Do subsamples give the same segments?"
                    />
                </Show>
            </div>
            <Show when=move || on.get()>
                {move || {
                    suggestion
                        .get()
                        .map(|(k, reason)| {
                            let is_current = move || current_k() == Some(k);
                            view! {
                                <div class="suggestion" data-testid="k-suggestion">
                                    <div class="suggestion-k" aria-hidden="true">{k}</div>
                                    <p>
                                        <strong>{format!("Suggested: {k} segments. ")}</strong>
                                        {reason}
                                    </p>
                                    <Show
                                        when=move || takes_k.get() && !is_current()
                                        fallback=move || {
                                            view! {
                                                <span class="pill" data-testid="k-in-use">
                                                    {move || if takes_k.get() { format!("Using k = {k}") } else { "This algorithm finds k itself".to_string() }}
                                                </span>
                                            }
                                        }
                                    >
                                        <button type="button" class="button primary" on:click=move |_| use_k(k)>
                                            {format!("Use k = {k}")}
                                        </button>
                                    </Show>
                                </div>
                            }
                        })
                }}
                {move || match late() {
                    LateSweep::Computing(fraction) => {
                        let pct = (fraction.clamp(0.0, 1.0) * 100.0).round();
                        let range = format!("Comparing k = {} to {}", k_min.get(), k_max.get());
                        view! {
                            <div class="progress-row">
                                <div class="progress" data-testid="sweep-progress">
                                    <span class="progress-label">{format!("{range} · {pct}%")}</span>
                                    <progress max="100" value=pct aria-label="Choose k progress"></progress>
                                </div>
                            </div>
                            <p class="help">
                                "Your segments are ready; this comparison is computed after them. "
                                "Changing a setting stops it (and computes it again for the new setting); "
                                "Stop comparing, above, stops it for now."
                            </p>
                        }
                            .into_any()
                    }
                    LateSweep::Stopped => {
                        view! {
                            <p class="note" data-testid="sweep-stopped">
                                "The comparison stopped before it finished; your segments are not affected. "
                                <button
                                    type="button"
                                    class="button small"
                                    on:click=move |_| ctx.edit_now(|_| {})
                                >
                                    "Compare again"
                                </button>
                            </p>
                        }
                            .into_any()
                    }
                    _ => ().into_any(),
                }}
                <p class="help">{note}</p>
                <Show when=move || chart.with(|c| c.is_some())>
                    <div class="ksweep-chart">
                        <ChartCanvas spec=chart testid="ksweep-canvas" height=520/>
                    </div>
                </Show>
                <p class="help">
                    "Each panel scores one measure against k; the marked point is its best k. Look for agreement: an elbow in inertia, a peak in silhouette, gap and stability, a dip in BIC and Davies–Bouldin."
                </p>
            </Show>
        </section>
    }
}
