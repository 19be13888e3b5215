//! The Explore step: what the segments are — the summary and quality metrics, the segments table, the map,
//! sizes and the profile heatmap.

use super::super::chart_canvas::ChartCanvas;
use super::super::state::AppContext;
use super::NeedsData;
use crate::charts::palette;
use crate::engine::pipeline::Report;
use crate::views::{charts, format};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
fn SegmentsTable(report: Arc<Report>) -> impl IntoView {
    let rows: Vec<_> = report.profiles.segments.clone();
    let r = report.clone();
    view! {
        <div class="table-wrap">
            <table class="grid segments" data-testid="segment-sizes">
                <caption>"Segments"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Segment"</th>
                        <th scope="col" class="num">"Customers"</th>
                        <th scope="col" class="num">"Share"</th>
                        <th scope="col">"Key traits"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|s| {
                            let colour = palette::hex(palette::segment_colour(charts::colour_of(&r, s.label)));
                            let traits = s.distinguishing.iter().take(3).map(|d| d.phrase.clone()).collect::<Vec<_>>().join(" · ");
                            view! {
                                <tr>
                                    <th scope="row">
                                        <span class="swatch" style:background-color=colour></span>
                                        {s.name.clone()}
                                    </th>
                                    <td class="num">{format::thousands(s.size as f64)}</td>
                                    <td class="num">{format::percent(s.share)}</td>
                                    <td>{traits}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ExploreStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let map = Signal::derive(move || {
        ctx.report.get().map(|r| charts::map(&r, r.map.default_axes.0, r.map.default_axes.1))
    });
    let sizes = Signal::derive(move || ctx.report.get().map(|r| charts::sizes(&r)));
    let heatmap = Signal::derive(move || ctx.report.get().and_then(|r| charts::profile_heatmap(&r)));
    view! {
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            <p class="summary" data-testid="summary">
                {move || {
                    ctx.report.get().map(|r| {
                        format!(
                            "{} segments among {} of {} customers, from {} features.",
                            r.n_clusters,
                            format::thousands(r.n_used as f64),
                            format::thousands(r.n_rows as f64),
                            r.features.len()
                        )
                    })
                }}
            </p>
            <div class="metrics" data-testid="metrics">
                {move || {
                    ctx.report.get().map(|r| {
                        view! {
                            <span>"Silhouette " <strong>{format::metric(r.metrics.silhouette, 3)}</strong></span>
                            <span>"Davies–Bouldin " <strong>{format::metric(r.metrics.davies_bouldin, 3)}</strong></span>
                            <span>"Calinski–Harabasz " <strong>{format::metric(r.metrics.calinski_harabasz, 1)}</strong></span>
                        }
                    })
                }}
            </div>
            {move || ctx.report.get().map(|r| view! { <SegmentsTable report=r/> })}
            <div class="cards">
                <div class="card wide">
                    <ChartCanvas spec=map testid="map-canvas" height=440/>
                </div>
                <div class="card">
                    <ChartCanvas spec=sizes testid="sizes-canvas" height=300/>
                </div>
                <div class="card">
                    <ChartCanvas spec=heatmap testid="heatmap-canvas" height=340/>
                </div>
            </div>
            <ul class="notes">
                {move || ctx.report.get().map(|r| r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view())}
            </ul>
        </Show>
    }
}
