//! Options of the features derived from a transaction log: log-scaled counts and spend, the time unit of
//! recency and tenure, and whether lifetime value is estimated.

use super::super::super::state::AppContext;
use super::super::super::widgets::{SelectField, Toggle};
use crate::views::transactions as tx;
use leptos::prelude::*;

#[component]
pub fn RfmOptions() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let settings = Memo::new(move |_| ctx.report.with(|r| ctx.config.with(|c| tx::current(c, r.as_deref()))));
    let edit = move |f: Box<dyn FnOnce(&mut crate::engine::pipeline::TransactionsConfig)>| {
        let r = ctx.report.get_untracked();
        ctx.edit(|c| tx::set_options(c, r.as_deref(), f));
    };
    let log = Signal::derive(move || settings.with(|t| t.rfm.log_transform));
    let on_log = Callback::new(move |on: bool| edit(Box::new(move |t| t.rfm.log_transform = on)));
    let lifetime = Signal::derive(move || settings.with(|t| t.lifetime));
    let on_lifetime = Callback::new(move |on: bool| edit(Box::new(move |t| t.lifetime = on)));
    let unit = Signal::derive(move || settings.with(|t| t.rfm.freq_multiplier.to_string()));
    let on_unit = Callback::new(move |v: String| {
        let m: u32 = v.parse().unwrap_or(1).max(1);
        edit(Box::new(move |t| t.rfm.freq_multiplier = m));
    });
    let derived =
        move || ctx.report.with(|r| r.as_ref().map(|r| r.prep.features_in.join(", ")).unwrap_or_default());
    view! {
        <section class="card rfm-options" data-testid="rfm-options" aria-labelledby="rfm-title">
            <h3 class="card-title" id="rfm-title">"Customer features from the transactions"</h3>
            <p class="help">"Derived per customer: " {derived}</p>
            <div class="controls-inline">
                <Toggle
                    label="Add log-scaled frequency and spend"
                    id="rfm-log"
                    checked=log
                    on_change=on_log
                    help="Counts and amounts are very skewed; their logarithms keep a few big spenders from dominating."
                />
                <SelectField
                    label="Measure recency and tenure in"
                    id="rfm-unit"
                    options=vec![
                        ("1".to_string(), "One period (as set in Data)".to_string()),
                        ("7".to_string(), "Seven periods (weeks, for daily data)".to_string()),
                        ("30".to_string(), "Thirty periods (about a month, for daily data)".to_string()),
                    ]
                    value=unit
                    on_change=on_unit
                />
                <Toggle
                    label="Estimate lifetime value"
                    id="rfm-lifetime"
                    checked=lifetime
                    on_change=on_lifetime
                    help="Fits BG/NBD and Gamma-Gamma models: expected purchases, value and who is at risk."
                />
            </div>
        </section>
    }
}
