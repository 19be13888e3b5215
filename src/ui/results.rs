//! The results area: run status (progress, Cancel, errors), the segment map, segment sizes and the table.

use super::app::{AppContext, Status};
use super::chart_canvas::{ChartCanvas, DrawFn};
use crate::charts::{bars, palette, scatter};
use crate::engine::pipeline::Report;
use crate::engine::table::format_number;
use leptos::prelude::*;
use std::sync::Arc;

fn map_spec(r: &Report) -> scatter::ScatterSpec {
    let (ax, ay) = r.map.default_axes;
    let axis = |i: usize| r.map.axes.get(i).cloned().unwrap_or_default();
    let (x_label, x) = axis(ax);
    let (y_label, y) = axis(ay);
    scatter::ScatterSpec {
        title: "Segment map".into(),
        x_label,
        y_label,
        x,
        y,
        labels: r.map.labels.clone(),
        legend: r.profiles.segments.iter().map(|s| (s.label, s.name.clone())).collect(),
        max_points: 50_000,
    }
}

fn sizes_spec(r: &Report) -> bars::BarSpec {
    bars::BarSpec {
        title: "Segment sizes".into(),
        value_label: "customers".into(),
        bars: r
            .profiles
            .segments
            .iter()
            .map(|s| bars::Bar { label: s.name.clone(), value: s.size as f64, segment: s.label })
            .collect(),
    }
}

fn round_sig(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let a = x.abs();
    if a >= 1000.0 {
        format_number(x.round())
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

#[component]
fn StatusLine() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <div class="status" role="status" aria-live="polite" data-testid="status">
            {move || match ctx.status.get() {
                Status::Idle => ().into_any(),
                Status::Cancelled => view! { <p class="note">"Run cancelled. The previous result is still shown."</p> }.into_any(),
                Status::Running { stage, fraction } => {
                    let pct = (fraction.clamp(0.0, 1.0) * 100.0).round();
                    view! {
                        <div class="progress-row">
                            <div class="progress" data-testid="progress">
                                <span class="progress-label">{format!("{stage} · {pct}%")}</span>
                                <progress max="100" value=pct aria-label="Progress"></progress>
                            </div>
                            <button type="button" class="button small" on:click=move |_| ctx.cancel()>"Cancel"</button>
                        </div>
                    }
                    .into_any()
                }
                Status::Failed(message) => view! {
                    <p class="error" role="alert" data-testid="error">{message}</p>
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn SegmentsTable(report: Arc<Report>) -> impl IntoView {
    let features: Vec<String> = report
        .profiles
        .segments
        .first()
        .map(|s| s.numeric.iter().map(|n| n.feature.clone()).collect())
        .unwrap_or_default();
    view! {
        <div class="table-wrap">
            <table class="segments" data-testid="segment-sizes">
                <caption>"Segment sizes and feature means (original units)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Segment"</th>
                        <th scope="col" class="num">"Customers"</th>
                        <th scope="col" class="num">"Share"</th>
                        {features.into_iter().map(|f| view! { <th scope="col" class="num">{f}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {report
                        .profiles
                        .segments
                        .iter()
                        .map(|s| {
                            let colour = palette::hex(palette::segment_colour(s.label));
                            view! {
                                <tr>
                                    <th scope="row">
                                        <span class="swatch" style:background-color=colour></span>
                                        {s.name.clone()}
                                    </th>
                                    <td class="num">{s.size}</td>
                                    <td class="num">{format!("{:.1}%", s.share * 100.0)}</td>
                                    {s.numeric.iter().map(|m| view! { <td class="num">{round_sig(m.mean.unwrap_or(f64::NAN))}</td> }).collect_view()}
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
pub fn Results() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let map_draw: DrawFn = Arc::new(move |area, theme| match ctx.report.get() {
        Some(r) => scatter::draw(area, &map_spec(&r), theme).map(|_| ()),
        None => Ok(()),
    });
    let sizes_draw: DrawFn = Arc::new(move |area, theme| match ctx.report.get() {
        Some(r) => bars::draw(area, &sizes_spec(&r), theme),
        None => Ok(()),
    });
    view! {
        <section class="results" aria-label="Results">
            <StatusLine/>
            <Show
                when=move || ctx.report.with(|r| r.is_some())
                fallback=|| view! {
                    <div class="empty">
                        <h2>"Find the segments in your customers"</h2>
                        <p>"Upload a CSV with one row per customer, or click " <strong>"Try sample data"</strong> " to see segscope on 440 wholesale customers."</p>
                    </div>
                }
            >
                <p class="summary" data-testid="summary">
                    {move || ctx.report.get().map(|r| format!(
                        "{} segments among {} of {} customers, from {} features.",
                        r.n_clusters, r.n_used, r.n_rows, r.features.len()
                    ))}
                </p>
                {move || ctx.report.get().map(|r| {
                    let notes = r.notes.clone();
                    view! { <ul class="notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }
                })}
                <div class="cards">
                    <figure class="card wide">
                        <ChartCanvas label="Segment map: each dot is a customer, coloured by segment" testid="map-canvas" height=420 draw=map_draw.clone()/>
                    </figure>
                    <figure class="card">
                        <ChartCanvas label="Number of customers in each segment" testid="sizes-canvas" height=300 draw=sizes_draw.clone()/>
                    </figure>
                </div>
                {move || ctx.report.get().map(|r| view! { <SegmentsTable report=r/> })}
            </Show>
        </section>
    }
}
