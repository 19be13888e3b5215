//! Rows as customers or as transactions: the mode switch, and for a transaction log the column mapping
//! (customer, date, amount or quantity × unit price, items, invoice, order status), the cancellation/return
//! rule, the period and the observation end, with the cleaning rules applied and why the file was recognised
//! as a log.

use super::super::super::state::AppContext;
use super::super::fields::{slug, Choice, TextInput};
use crate::engine::features::rfm::CivilDate;
use crate::engine::pipeline::Report;
use crate::views::format;
use crate::views::transactions::{self as tx, Field, ModeChoice, MoneyFrom, PERIODS, RETURNS};
use leptos::prelude::*;
use std::sync::Arc;

/// The help under the cancellations and returns rule.
const RETURNS_HELP: &str = "Invoices of a C and digits (C536379) and negative quantities or amounts. \
                            Lines whose order status says cancelled, refunded, returned, failed or never \
                            paid are always left out.";

#[component]
pub fn ModeSwitch(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let choice = Memo::new(move |_| ctx.config.with(tx::mode_choice));
    let can_transact = report.transactions.is_some() || tx::guess_mapping(&report.data.columns).is_some();
    let choices = [
        (ModeChoice::Auto, "Detect automatically"),
        (ModeChoice::Customers, "One row per customer"),
        (ModeChoice::Transactions, "Transactions"),
    ];
    let note = report.data.mode_note.clone();
    let r = report.clone();
    view! {
        <fieldset class="mode-switch" data-testid="mode-switch">
            <legend>"What is one row?"</legend>
            <div class="segmented">
                {choices
                    .into_iter()
                    .map(|(c, label)| {
                        let r = r.clone();
                        let id = format!("mode-{}", c.value());
                        let disabled = c == ModeChoice::Transactions && !can_transact;
                        view! {
                            <input
                                type="radio"
                                name="data-mode"
                                id=id.clone()
                                value=c.value()
                                disabled=disabled
                                prop:checked=move || choice.get() == c
                                on:change=move |_| ctx.edit(|cfg| tx::set_mode(cfg, Some(&r), c))
                            />
                            <label for=id title=disabled.then_some("Transactions need a date column and an amount column")>
                                {label}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="help" data-testid="mode-note">{note}</p>
        </fieldset>
    }
}

fn opts<T>(list: &[(T, &str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(_, v, t)| (v.to_string(), t.to_string())).collect()
}

fn with_none(list: Vec<String>) -> Vec<(String, String)> {
    std::iter::once((String::new(), "None".to_string()))
        .chain(list.into_iter().map(|c| (c.clone(), c)))
        .collect()
}

fn plain(list: Vec<String>) -> Vec<(String, String)> {
    list.into_iter().map(|c| (c.clone(), c)).collect()
}

#[component]
fn MappingField(report: Arc<Report>, field: Field, label: &'static str, optional: bool) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let r = report.clone();
    let value = Signal::derive(move || {
        ctx.config.with(|c| {
            tx::current(c, Some(&r)).mapping.map(|m| tx::field_value(&m, field)).unwrap_or_default()
        })
    });
    let list = tx::candidates(&report.data.columns, field);
    let options = if optional { with_none(list) } else { plain(list) };
    let on_change = Callback::new(move |v: String| {
        ctx.edit(|c| tx::set_field(c, Some(&report), field, Some(v)));
    });
    let id = format!("tx-{}", slug(label));
    view! { <Choice label=label id=id options=options value=value on_change=on_change/> }
}

#[component]
fn Rules(report: Arc<Report>) -> impl IntoView {
    let Some(t) = report.transactions.as_ref() else {
        return view! { <p class="muted">"The rules and their counts appear after the next run."</p> }
            .into_any();
    };
    let f = &t.features;
    let summary = format!(
        "{} lines read → {} purchase lines → {} customers, {} transactions ({} to {}, observed until {}).",
        format::thousands(f.rows_read as f64),
        format::thousands(f.purchase_lines as f64),
        format::thousands(f.customers as f64),
        format::thousands(f.transactions as f64),
        f.first_purchase.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
        f.last_purchase.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
        f.observation_end,
    );
    let warnings = f.warnings.clone();
    view! {
        <p class="summary-line" data-testid="tx-summary">{summary}</p>
        {warnings
            .into_iter()
            .map(|w| view! { <p class="callout warning" role="note" data-testid="tx-warning">{w}</p> })
            .collect_view()}
        <table class="grid compact" data-testid="tx-rules">
            <caption>"Rules applied to the lines"</caption>
            <thead>
                <tr>
                    <th scope="col">"Rule"</th>
                    <th scope="col" class="num">"Lines"</th>
                    <th scope="col">"What happened"</th>
                </tr>
            </thead>
            <tbody>
                {f.rules
                    .iter()
                    .map(|rule| {
                        view! {
                            <tr class:zero=rule.rows == 0 data-rule=tx::rule_value(rule.rule)>
                                <th scope="row">{tx::rule_label(rule.rule)}</th>
                                <td class="num">{format::thousands(rule.rows as f64)}</td>
                                <td>{rule.sentence.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn TransactionsCard(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let r = report.clone();
    let settings = Memo::new(move |_| ctx.config.with(|c| tx::current(c, Some(&r))));
    let money = Signal::derive(move || match settings.with(|t| t.mapping.as_ref().map(tx::money_from)) {
        Some(MoneyFrom::QuantityTimesPrice) => "qty_price".to_string(),
        _ => "amount".to_string(),
    });
    let r = report.clone();
    let on_money = Callback::new(move |v: String| {
        let from = if v == "qty_price" { MoneyFrom::QuantityTimesPrice } else { MoneyFrom::Amount };
        ctx.edit(|c| tx::set_money_from(c, Some(&r), &r.data.columns, from));
    });
    let returns = Signal::derive(move || {
        let rule = settings.with(|t| t.rfm.returns);
        RETURNS.iter().find(|(x, _, _)| *x == rule).map(|(_, v, _)| v.to_string()).unwrap_or_default()
    });
    let r = report.clone();
    let on_returns = Callback::new(move |v: String| {
        if let Some((rule, _, _)) = RETURNS.iter().find(|(_, x, _)| *x == v) {
            ctx.edit(|c| tx::set_options(c, Some(&r), |t| t.rfm.returns = *rule));
        }
    });
    let period = Signal::derive(move || {
        let p = settings.with(|t| t.rfm.period);
        PERIODS.iter().find(|(x, _, _)| *x == p).map(|(_, v, _)| v.to_string()).unwrap_or_default()
    });
    let r = report.clone();
    let on_period = Callback::new(move |v: String| {
        if let Some((p, _, _)) = PERIODS.iter().find(|(_, x, _)| *x == v) {
            ctx.edit(|c| tx::set_options(c, Some(&r), |t| t.rfm.period = *p));
        }
    });
    let end = Signal::derive(move || {
        settings.with(|t| t.rfm.observation_end.map(|d| d.to_string()).unwrap_or_default())
    });
    let r = report.clone();
    let on_end = Callback::new(move |v: String| {
        let date = CivilDate::try_from(v.trim().to_string()).ok();
        if v.trim().is_empty() || date.is_some() {
            ctx.edit(|c| tx::set_options(c, Some(&r), |t| t.rfm.observation_end = date));
        }
    });
    let returns_opts = opts(&RETURNS);
    let period_opts = opts(&PERIODS);
    let (r1, r2, r3, r4, r5, r6, r7, r8) = (
        report.clone(),
        report.clone(),
        report.clone(),
        report.clone(),
        report.clone(),
        report.clone(),
        report.clone(),
        report.clone(),
    );
    view! {
        <section class="card tx-card" data-testid="transactions" aria-labelledby="tx-title">
            <h3 class="card-title" id="tx-title">"Transactions → customers"</h3>
            <p class="help">
                "Each line is a purchase. Tell segscope which column is which; customers are then described by recency, frequency, spend and tenure."
            </p>
            <div class="form-grid">
                <MappingField report=r1 field=Field::Customer label="Customer id" optional=false/>
                <MappingField report=r2 field=Field::Date label="Purchase date" optional=false/>
                <Choice
                    label="Money"
                    id="tx-money"
                    options=vec![("amount".into(), "An amount column".into()), ("qty_price".into(), "Quantity × unit price".into())]
                    value=money
                    on_change=on_money
                />
                <Show
                    when=move || money.get() == "qty_price"
                    fallback=move || view! { <MappingField report=r3.clone() field=Field::Amount label="Amount" optional=false/> }
                >
                    <MappingField report=r4.clone() field=Field::Quantity label="Quantity" optional=false/>
                    <MappingField report=r5.clone() field=Field::UnitPrice label="Unit price" optional=false/>
                </Show>
                <MappingField report=r6 field=Field::Invoice label="Invoice (optional)" optional=true/>
                <MappingField report=r7 field=Field::Items label="Items per line (optional)" optional=true/>
                <MappingField report=r8 field=Field::Status label="Order status (optional)" optional=true/>
            </div>
            <div class="form-grid">
                <Choice
                    label="Cancellations and returns"
                    id="tx-returns"
                    options=returns_opts
                    value=returns
                    on_change=on_returns
                    help=RETURNS_HELP
                />
                <Choice
                    label="Count purchases per"
                    id="tx-period"
                    options=period_opts
                    value=period
                    on_change=on_period
                    help="Purchases in the same period count as one; durations are in this unit."
                />
                <TextInput
                    label="Observation end"
                    id="tx-end"
                    kind="date"
                    value=end
                    on_change=on_end
                    help="Leave empty for the last date in the file; later purchases are left out."
                />
            </div>
            <Rules report=report/>
        </section>
    }
}
