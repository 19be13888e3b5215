//! The Segment step: how many segments (k-means for now), with a live re-run on change.

use super::app::AppContext;
use leptos::prelude::*;

/// Smallest and largest number of segments offered.
pub const K_RANGE: (usize, usize) = (2, 20);

#[component]
pub fn SegmentPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let k = move || ctx.config.with(|c| c.k().unwrap_or(4));
    // While typing, only in-range values apply (so "1" on the way to "12" does not rewrite the field);
    // on commit (Enter, blur) the value is clamped into range.
    let apply = move |value: String, clamp: bool| {
        let Ok(v) = value.trim().parse::<usize>() else { return };
        let v = if clamp { v.clamp(K_RANGE.0, K_RANGE.1) } else { v };
        if (K_RANGE.0..=K_RANGE.1).contains(&v) && v != ctx.config.with_untracked(|c| c.k().unwrap_or(0)) {
            ctx.config.update(|c| c.algorithm.set_k(v));
        }
    };
    let set_k = move |value: String| apply(value, false);
    let commit_k = move |value: String| apply(value, true);
    view! {
        <section class="panel" aria-labelledby="segment-heading">
            <h2 id="segment-heading"><span class="step">"2"</span>"Segment"</h2>
            <div class="field">
                <label for="k-input">"Number of segments"</label>
                <div class="k-control">
                    <input
                        id="k-input"
                        type="number"
                        min=K_RANGE.0
                        max=K_RANGE.1
                        step="1"
                        prop:value=move || k().to_string()
                        on:input=move |ev| set_k(event_target_value(&ev))
                        on:change=move |ev| commit_k(event_target_value(&ev))
                    />
                    <input
                        type="range"
                        aria-hidden="true"
                        tabindex="-1"
                        min=K_RANGE.0
                        max=K_RANGE.1
                        prop:value=move || k().to_string()
                        on:input=move |ev| set_k(event_target_value(&ev))
                    />
                </div>
                <p class="help">"k-means on the standardized numeric columns; every change re-runs."</p>
            </div>
        </section>
    }
}
