//! The at-risk list: valuable customers with a low chance of still being active, with editable thresholds,
//! the ranked table and a CSV download.

use super::super::super::state::AppContext;
use super::super::super::widgets::{NumberField, SelectField};
use crate::engine::lifetime::{AtRiskParams, ValueBasis};
use crate::engine::pipeline::DataMode;
use crate::protocol::ExportKind;
use crate::views::{explore, format};
use leptos::prelude::*;

/// Rows shown in the table (the CSV has all).
const SHOWN: usize = 25;

fn edit(ctx: AppContext, f: impl FnOnce(&mut AtRiskParams)) {
    let resolved = ctx.report.with_untracked(|r| r.as_ref().map(|r| r.config.mode.clone()));
    let Some(resolved) = resolved else { return };
    ctx.edit(|c| {
        if let Some(p) = explore::at_risk_mut(c, &resolved) {
            f(p);
        }
    });
}

/// Money with about three significant digits; amounts under a cent read "0.00".
fn money(x: f64) -> String {
    if x.is_finite() && x.abs() < 0.005 {
        "0.00".into()
    } else {
        format::number(x)
    }
}

fn params(ctx: AppContext) -> AtRiskParams {
    ctx.report.with(|r| match r.as_ref().map(|r| &r.config.mode) {
        Some(DataMode::Transactions(t)) => t.at_risk,
        _ => AtRiskParams::default(),
    })
}

#[component]
pub fn AtRiskList() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let list = Memo::new(move |_| {
        ctx.report
            .with(|r| r.as_ref().and_then(|r| r.transactions.as_ref()?.lifetime.as_ref()?.at_risk.clone()))
    });
    let has_clv = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.transactions.as_ref()?.lifetime.as_ref()?.gamma_gamma.as_ref())
                .is_some()
        })
    });
    let top = Signal::derive(move || params(ctx).top_share * 100.0);
    let alive = Signal::derive(move || params(ctx).p_alive_below);
    let basis = Signal::derive(move || {
        if params(ctx).value_basis == ValueBasis::Clv { "clv" } else { "past" }.to_string()
    });
    view! {
        <section class="card wide panel-card" aria-labelledby="at-risk-title" data-testid="at-risk">
            <div class="card-head">
                <div>
                    <h3 class="card-title" id="at-risk-title">"Customers at risk"</h3>
                    <p class="help">"High-value customers who have probably stopped buying, ranked by the value at stake. Reach out to them first."</p>
                </div>
                <button type="button" class="button" on:click=move |_| ctx.export(ExportKind::AtRiskCsv)>"Download at-risk CSV"</button>
            </div>
            <div class="param-grid">
                <NumberField
                    label="High value: top %"
                    id="at-risk-top"
                    value=top
                    min=1.0
                    max=100.0
                    on_change=Callback::new(move |v: f64| edit(ctx, |p| p.top_share = (v / 100.0).clamp(0.01, 1.0)))
                    help="Which share of customers, by value, counts as high value."
                />
                <NumberField
                    label="P(alive) below"
                    id="at-risk-alive"
                    value=alive
                    min=0.0
                    max=1.0
                    step=0.05
                    on_change=Callback::new(move |v: f64| edit(ctx, |p| p.p_alive_below = v))
                    help="Chance of still being a customer under which someone counts as at risk."
                />
                <Show when=move || has_clv.get()>
                    <SelectField
                        label="Value measured by"
                        id="at-risk-basis"
                        options=vec![("past".into(), "Past spend".into()), ("clv".into(), "Predicted lifetime value".into())]
                        value=basis
                        on_change=Callback::new(move |v: String| {
                            edit(ctx, |p| p.value_basis = if v == "clv" { ValueBasis::Clv } else { ValueBasis::PastValue })
                        })
                    />
                </Show>
            </div>
            {move || {
                list.get().map(|l| {
                    let total = l.customers.len();
                    view! {
                        <p class="callout" data-testid="at-risk-sentence">{format!("{}.", l.sentence)}</p>
                        <div class="table-wrap flat">
                            <table class="grid" data-testid="at-risk-table">
                                <thead>
                                    <tr>
                                        <th scope="col" class="num">"Rank"</th>
                                        <th scope="col">"Customer"</th>
                                        <th scope="col" class="num">"P(alive)"</th>
                                        <th scope="col" class="num">"Past spend"</th>
                                        <th scope="col" class="num">"CLV"</th>
                                        <th scope="col" class="num">"Value at stake"</th>
                                        <th scope="col">"Why"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {l.customers.into_iter().take(SHOWN).map(|c| view! {
                                        <tr>
                                            <td class="num">{c.rank}</td>
                                            <th scope="row">{c.id}</th>
                                            <td class="num">{format!("{:.2}", c.p_alive)}</td>
                                            <td class="num">{money(c.past_value)}</td>
                                            <td class="num">{c.clv.map(money).unwrap_or_else(|| "–".into())}</td>
                                            <td class="num">{money(c.value_at_stake)}</td>
                                            <td class="clip reason" title=c.reason.clone()>{c.reason.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(total > SHOWN).then(|| view! { <p class="help">{format!("Showing the first {SHOWN} of {total}; the CSV has them all.")}</p> })}
                    }
                })
            }}
        </section>
    }
}
