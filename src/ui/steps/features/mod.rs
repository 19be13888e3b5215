//! The Features step: which columns the segments are built on (a toggle per feature), the ranked suggestion
//! with the reason for every suggested drop and a one-click "Apply suggestion", the importance and
//! correlation charts, and for a transaction log the options of the derived RFM features.

mod ranked;
mod rfm;

use super::super::chart_canvas::ChartCanvas;
use super::super::state::AppContext;
use super::fields::slug;
use super::NeedsData;
use crate::views::charts;
use crate::views::selection as sel;
use leptos::prelude::*;

#[component]
fn FeatureToggles() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let list = Memo::new(move |_| {
        ctx.report
            .with(|r| r.as_ref().map(|r| ctx.config.with(|c| sel::candidates(c, r))).unwrap_or_default())
    });
    let n_used = move || list.with(|l| l.iter().filter(|c| c.used).count());
    let custom = move || ctx.config.with(|c| c.prep.features.is_some());
    let use_all = move |_| ctx.edit(|c| c.prep.features = None);
    view! {
        <fieldset class="feature-list" data-testid="feature-toggles">
            <legend>
                "Features used for segmenting "
                <span class="count" data-testid="feature-count">
                    {move || format!("{} of {}", n_used(), list.with(Vec::len))}
                </span>
            </legend>
            <p class="help wide">
                "Untick a column to leave it out of the segments; it still appears in the segment profiles."
            </p>
            <For
                each=move || list.get()
                key=|c| (c.name.clone(), c.used)
                children=move |c| {
                    let id = format!("feature-{}", slug(&c.name));
                    let name = c.name.clone();
                    let last = move || n_used() <= 1;
                    let used = c.used;
                    let label_for = id.clone();
                    view! {
                        <label class="check chip-check" class:on=used for=label_for>
                            <input
                                id=id
                                type="checkbox"
                                prop:checked=used
                                disabled=move || used && last()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let r = ctx.report.get_untracked();
                                    if let Some(r) = r {
                                        ctx.edit(|cfg| sel::toggle(cfg, &r, &name, on));
                                    }
                                }
                            />
                            {c.name.clone()}
                        </label>
                    }
                }
            />
            <Show when=custom>
                <button type="button" class="link-button" data-testid="use-all-features" on:click=use_all>
                    "Use every column again"
                </button>
            </Show>
        </fieldset>
    }
}

#[component]
pub fn FeaturesStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let importance = Signal::derive(move || ctx.report.get().and_then(|r| charts::importance(&r)));
    let correlation = Signal::derive(move || ctx.report.get().and_then(|r| charts::correlation(&r)));
    let is_tx = move || ctx.report.with(|r| r.as_ref().is_some_and(|r| r.transactions.is_some()));
    view! {
        <p class="step-intro">
            "Segments are only as good as the columns they are built on. Columns that barely vary, say the same as another column, or do not separate customers add noise; the table ranks them and says why."
        </p>
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            <Show when=is_tx>
                <rfm::RfmOptions/>
            </Show>
            <FeatureToggles/>
            <ranked::Suggestion/>
            <ranked::RankedTable/>
            <div class="cards">
                <div class="card">
                    <ChartCanvas spec=correlation testid="correlation-canvas" height=400/>
                    <p class="help">
                        "Strongly correlated pairs (deep red, or deep blue for opposite trends) measure nearly the same thing; one of them is usually enough."
                    </p>
                </div>
                <div class="card">
                    <ChartCanvas spec=importance testid="importance-canvas" height=360/>
                </div>
            </div>
        </Show>
    }
}
