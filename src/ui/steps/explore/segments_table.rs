//! The segments table: colour, editable name with a pin, size, share, stability (consensus runs) and key
//! traits. A new name is pinned (it follows its segment in later runs); the pin button keeps or releases a
//! name.

use super::super::super::state::AppContext;
use crate::charts::palette;
use crate::engine::pipeline::Report;
use crate::views::{charts, consensus, explore, format};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn SegmentsTable(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let r = report.clone();
    let rows = report.profiles.segments.clone();
    let stability = consensus::has_stability(&report);
    view! {
        <div class="table-wrap">
            <table class="grid segments" data-testid="segment-sizes">
                <caption>
                    "Segments"
                    <span class="caption-help">"Click a name to rename it; a pinned name stays with its segment when you change settings."</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col" class="num">"Customers"</th>
                        <th scope="col">"Share"</th>
                        {stability.then(|| view! {
                            <th scope="col" class="num" title=consensus::STABILITY_HELP>"Stability"</th>
                        })}
                        <th scope="col">"Key traits"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|s| {
                            let colour = palette::hex(palette::segment_colour(charts::colour_of(&r, s.label)));
                            let traits = s
                                .distinguishing
                                .iter()
                                .take(3)
                                .map(|d| d.phrase.clone())
                                .collect::<Vec<_>>()
                                .join(" · ");
                            let label = s.label;
                            let noise = label < 0;
                            let number = if noise { "–".to_string() } else { (label + 1).to_string() };
                            let (ra, rb) = (r.clone(), r.clone());
                            let name = s.name.clone();
                            let pinned = s.pinned;
                            let share_width = format!("{:.1}%", (s.share * 100.0).clamp(0.0, 100.0));
                            let stability_cell = stability.then(|| {
                                let cell = consensus::stability_cell(&r, label);
                                view! {
                                    <td class="num stability-cell" data-testid="segment-stability">
                                        {match cell {
                                            Some(c) => view! {
                                                <span class="stability" title=c.help>
                                                    <strong>{c.value}</strong>
                                                    <span class=format!("stability-verdict {}", c.tone)>{c.verdict}</span>
                                                </span>
                                            }
                                                .into_any(),
                                            None => view! { <span class="muted">"–"</span> }.into_any(),
                                        }}
                                    </td>
                                }
                            });
                            view! {
                                <tr data-segment=label>
                                    <th scope="row" class="seg-number">
                                        <span class="swatch" style:background-color=colour.clone()></span>
                                        {number.clone()}
                                    </th>
                                    <td>
                                        <div class="name-cell">
                                        {if noise {
                                            view! { <span class="muted">{name.clone()}</span> }.into_any()
                                        } else {
                                            view! {
                                                <input
                                                    type="text"
                                                    class="name-input"
                                                    aria-label=format!("Name of segment {number}")
                                                    prop:value=name.clone()
                                                    on:change=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        if !v.trim().is_empty() {
                                                            ctx.edit(|c| explore::rename(c, &ra, label, &v));
                                                        }
                                                    }
                                                />
                                                <button
                                                    type="button"
                                                    class="pin"
                                                    class:pinned=pinned
                                                    aria-pressed=if pinned { "true" } else { "false" }
                                                    aria-label=format!("Pin the name for segment {number}")
                                                    title=if pinned { "Pinned: this name stays with the segment. Click to release." } else { "Pin this name so it stays with the segment." }
                                                    on:click=move |_| ctx.edit(|c| explore::toggle_pin(c, &rb, label))
                                                >
                                                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                                                        <path d="M9.5 1.5 14.5 6.5 12 7.5 9.5 10 10 13 8.5 14.5 5.5 11.5 2 15 1 14 4.5 10.5 1.5 7.5 3 6 6 6.5 8.5 4Z" />
                                                    </svg>
                                                    {if pinned { "Pinned" } else { "Pin" }}
                                                </button>
                                            }
                                                .into_any()
                                        }}
                                        </div>
                                    </td>
                                    <td class="num">{format::thousands(s.size as f64)}</td>
                                    <td>
                                        <div class="share-cell">
                                            <span class="share-bar" aria-hidden="true">
                                                <span style:width=share_width style:background-color=colour></span>
                                            </span>
                                            <span class="num">{format::percent(s.share)}</span>
                                        </div>
                                    </td>
                                    {stability_cell}
                                    <td class="traits">{traits}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
