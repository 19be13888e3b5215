//! Merge two segments or split one (k-means inside it). Both are config edits, replayed on every re-run and
//! listed here with undo.

use super::super::super::state::AppContext;
use crate::engine::pipeline::Report;
use crate::views::explore;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn SegmentEditor(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let choices = explore::segment_choices(&report);
    let first = choices.first().map(|c| c.0).unwrap_or(0);
    let second = choices.get(1).map(|c| c.0).unwrap_or(first);
    let merge_a = RwSignal::new(first);
    let merge_b = RwSignal::new(second);
    let split_s = RwSignal::new(first);
    let parts = RwSignal::new(2usize);
    let options = move |selected: RwSignal<i32>| {
        choices
            .iter()
            .map(|(label, text, size)| {
                let l = *label;
                view! { <option value=l.to_string() selected=move || selected.get() == l>{format!("{text} ({size})")}</option> }
            })
            .collect_view()
    };
    let (o1, o2, o3) = (options(merge_a), options(merge_b), options(split_s));
    let edits = move || ctx.config.with(|c| c.segments.edits.clone());
    let can_merge = move || merge_a.get() != merge_b.get();
    view! {
        <section class="card panel-card segment-editor" aria-labelledby="edit-title">
            <h3 class="card-title" id="edit-title">"Refine segments"</h3>
            <p class="help">"Merges and splits are kept in the settings and redone every time the segments are recomputed."</p>
            <div class="edit-rows">
                <div class="edit-row">
                    <label for="merge-a">"Merge"</label>
                    <select id="merge-a" on:change=move |ev| merge_a.set(event_target_value(&ev).parse().unwrap_or(0))>{o1}</select>
                    <label for="merge-b">"with"</label>
                    <select id="merge-b" on:change=move |ev| merge_b.set(event_target_value(&ev).parse().unwrap_or(0))>{o2}</select>
                    <button
                        type="button"
                        class="button"
                        disabled=move || !can_merge()
                        on:click=move |_| ctx.edit(|c| explore::merge(c, merge_a.get_untracked(), merge_b.get_untracked()))
                    >
                        "Merge segments"
                    </button>
                </div>
                <div class="edit-row">
                    <label for="split-s">"Split"</label>
                    <select id="split-s" on:change=move |ev| split_s.set(event_target_value(&ev).parse().unwrap_or(0))>{o3}</select>
                    <label for="split-parts">"into"</label>
                    <select id="split-parts" on:change=move |ev| parts.set(event_target_value(&ev).parse().unwrap_or(2))>
                        {(2..=5).map(|n| view! { <option value=n.to_string()>{format!("{n} parts")}</option> }).collect_view()}
                    </select>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| ctx.edit(|c| explore::split(c, split_s.get_untracked(), parts.get_untracked()))
                    >
                        "Split segment"
                    </button>
                </div>
            </div>
            <Show when=move || !edits().is_empty()>
                <div class="edit-list" data-testid="edit-list">
                    <span class="field-label">"Your edits"</span>
                    <ol>
                        {move || edits().iter().map(|e| view! { <li>{explore::describe(e)}</li> }).collect_view()}
                    </ol>
                    <div class="edit-actions">
                        <button type="button" class="button small" on:click=move |_| ctx.edit(|c| { c.segments.edits.pop(); })>
                            "Undo last edit"
                        </button>
                        <button type="button" class="button small" on:click=move |_| ctx.edit(|c| c.segments.edits.clear())>
                            "Remove all edits"
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
