//! The Explore step: what the segments are — the segments table (rename, pin, merge, split), the 2-D map with
//! hover, sizes, the profile heatmap, category shares by segment, box plots by segment, the silhouette plot,
//! feature importance, segment stability after a consensus, and in transaction mode the RFM, lifetime-value
//! and at-risk views.

mod at_risk;
mod boxes;
mod edits;
mod lifetime;
mod map;
mod segments_table;

use super::super::chart_canvas::ChartCanvas;
use super::super::later::Later;
use super::super::state::AppContext;
use super::skew_hint::SkewHint;
use super::NeedsData;
use crate::engine::words::count;
use crate::views::category_shares::{category_heatmap, LEVELS_PER_CATEGORY};
use crate::views::{charts, consensus, format};
use leptos::prelude::*;

#[component]
pub fn ExploreStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let sizes = Signal::derive(move || ctx.report.get().map(|r| charts::sizes(&r)));
    let heatmap = Signal::derive(move || ctx.report.get().and_then(|r| charts::profile_heatmap(&r)));
    let categories = Memo::new(move |_| ctx.report.with(|r| r.as_deref().and_then(category_heatmap)));
    let category_chart = Signal::derive(move || categories.with(|c| c.as_ref().map(|c| c.0.clone())));
    let silhouette = Signal::derive(move || ctx.report.get().and_then(|r| charts::silhouette(&r)));
    let importance = Signal::derive(move || ctx.report.get().and_then(|r| charts::importance(&r)));
    let stability = Signal::derive(move || ctx.report.get().and_then(|r| consensus::stability_chart(&r)));
    let transactions =
        Memo::new(move |_| ctx.report.with(|r| r.as_ref().is_some_and(|r| r.transactions.is_some())));
    let at_risk = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.as_ref().and_then(|r| r.transactions.as_ref()?.lifetime.as_ref()?.at_risk.as_ref()).is_some()
        })
    });
    view! {
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            <p class="summary" data-testid="summary">
                {move || {
                    ctx.report.get().map(|r| {
                        format!(
                            "{} among {} of {} customers, from {}.",
                            count(r.n_clusters, "segment", "segments"),
                            format::thousands(r.n_used as f64),
                            format::thousands(r.n_rows as f64),
                            count(r.n_features(), "feature", "features")
                        )
                    })
                }}
            </p>
            <SkewHint/>
            {move || {
                ctx.report.get().map(|r| {
                    view! {
                        <div class="explore-top">
                            <segments_table::SegmentsTable report=r.clone()/>
                            <edits::SegmentEditor report=r/>
                        </div>
                    }
                })
            }}
            // The cards are built a few per task (`Later`): built at once, a new result's first Explore was a
            // main-thread task of up to 49 ms CPU time.
            <div class="cards">
                <Later>
                    <section class="card wide" aria-labelledby="map-title">
                        <h3 class="card-title" id="map-title">"Segment map"</h3>
                        <map::SegmentMap/>
                    </section>
                </Later>
                <Later>
                    <div class="card">
                        <ChartCanvas spec=sizes testid="sizes-canvas" height=320/>
                    </div>
                    <div class="card">
                        <ChartCanvas spec=heatmap testid="heatmap-canvas" height=320/>
                    </div>
                </Later>
                <Later>
                    <Show when=move || categories.with(Option::is_some)>
                        <section class="card wide" aria-labelledby="categories-title">
                            <h3 class="card-title" id="categories-title">"Categories by segment"</h3>
                            <p class="help">
                                "Each cell is the share of the segment at that level; the last row, of all customers. Red: more common in the segment than among all customers; blue: less (full colour at 50 percentage points)."
                                {move || categories.with(|c| match c.as_ref().map(|c| c.1) {
                                    Some(n) if n > 0 => format!(
                                        " Each category's {} most common levels are shown ({} left out).",
                                        LEVELS_PER_CATEGORY,
                                        count(n, "level", "levels")
                                    ),
                                    _ => String::new(),
                                })}
                            </p>
                            <ChartCanvas spec=category_chart testid="categories-canvas" height=320/>
                        </section>
                    </Show>
                    <section class="card" aria-labelledby="boxes-title">
                        <h3 class="card-title" id="boxes-title">"Box plots by segment"</h3>
                        <boxes::BoxPlots/>
                    </section>
                </Later>
                <Later>
                    <Show when=move || silhouette.with(|s| s.is_some())>
                        <section class="card" aria-labelledby="silhouette-title">
                            <h3 class="card-title" id="silhouette-title">"Silhouette plot"</h3>
                            <p class="help">"Each bar is a customer: long bars sit well in their segment, bars below zero would fit a neighbour better."</p>
                            <ChartCanvas spec=silhouette testid="silhouette-canvas" height=360/>
                        </section>
                    </Show>
                    <Show when=move || importance.with(|s| s.is_some())>
                        <section class="card" aria-labelledby="importance-title">
                            <h3 class="card-title" id="importance-title">"What separates the segments"</h3>
                            <p class="help">"Features at the top differ most between segments."</p>
                            <ChartCanvas spec=importance testid="importance-canvas" height=360/>
                        </section>
                    </Show>
                    <Show when=move || stability.with(|s| s.is_some())>
                        <section class="card" aria-labelledby="stability-title">
                            <h3 class="card-title" id="stability-title">"Segment stability"</h3>
                            <p class="help">{consensus::STABILITY_HELP}</p>
                            <ChartCanvas spec=stability testid="explore-stability-canvas" height=320/>
                        </section>
                    </Show>
                </Later>
                <Later>
                    <Show when=move || transactions.get()>
                        <lifetime::LifetimeCharts/>
                    </Show>
                    <Show when=move || at_risk.get()>
                        <at_risk::AtRiskList/>
                    </Show>
                </Later>
            </div>
            <ul class="notes">
                {move || ctx.report.get().map(|r| r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view())}
            </ul>
        </Show>
    }
}
