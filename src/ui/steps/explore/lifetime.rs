//! Transaction mode: the named RFM segments, the recency × frequency grid, the CLV distribution and who is at
//! risk (P(alive) against past value).

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use crate::views::{charts, explore};
use leptos::prelude::*;

#[component]
pub fn LifetimeCharts() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let rfm = Memo::new(move |_| ctx.report.with(|r| r.as_ref().and_then(|r| charts::rfm_charts(r))));
    let life = Memo::new(move |_| ctx.report.with(|r| r.as_ref().and_then(|r| charts::lifetime_charts(r))));
    let counts = Signal::derive(move || rfm.get().map(|c| c.0));
    let grid = Signal::derive(move || rfm.get().map(|c| c.1));
    let clv = Signal::derive(move || life.get().and_then(|l| l.0));
    let alive = Signal::derive(move || life.get().map(|l| l.1));
    let notes = move || ctx.report.with(|r| r.as_deref().map(explore::lifetime_notes).unwrap_or_default());
    view! {
        <div class="card">
            <h3 class="card-title">"RFM segments"</h3>
            <p class="help">"Classic recency–frequency–money groups, for comparison with the segments above."</p>
            <ChartCanvas spec=counts testid="rfm-counts-canvas" height=320/>
        </div>
        <div class="card">
            <h3 class="card-title">"Recency × frequency"</h3>
            <p class="help">"Customers in each score cell (5 = most recent / most frequent), shaded by average spend."</p>
            <ChartCanvas spec=grid testid="rfm-grid-canvas" height=320/>
        </div>
        <Show when=move || clv.with(|c| c.is_some())>
            <div class="card">
                <h3 class="card-title">"Customer lifetime value"</h3>
                <p class="help">"Expected value of each customer's future purchases, discounted."</p>
                <ChartCanvas spec=clv testid="clv-canvas" height=320/>
            </div>
        </Show>
        <Show when=move || alive.with(|c| c.is_some())>
            <div class="card">
                <h3 class="card-title">"Who is at risk"</h3>
                <p class="help">"Bottom right: valuable customers who have probably stopped buying."</p>
                <ChartCanvas spec=alive testid="alive-canvas" height=320/>
            </div>
        </Show>
        <Show when=move || !notes().is_empty()>
            <div class="card wide">
                <ul class="notes" data-testid="lifetime-notes">
                    {move || notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
