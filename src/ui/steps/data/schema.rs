//! The schema table: every column as read, with its type and role editable (each change re-runs), missing
//! and distinct counts, range or top values, sample values and a small histogram. Overridden columns are
//! marked and can be reset one by one or all at once.

use super::super::super::state::AppContext;
use super::super::fields::{slug, Choice};
use crate::engine::pipeline::Report;
use crate::views::format;
use crate::views::schema::{self, ColumnEdit, SchemaRow, KINDS, ROLES};
use leptos::prelude::*;
use std::sync::Arc;

fn histogram(counts: &[u64], name: &str) -> impl IntoView {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let label = format!("Distribution of {name}");
    view! {
        <span class="sparkbars" role="img" aria-label=label>
            {counts
                .iter()
                .map(|&c| {
                    let h = format!("{:.0}%", (c as f64 / max * 100.0).max(if c > 0 { 6.0 } else { 0.0 }));
                    view! { <span class="sparkbar" style:height=h></span> }
                })
                .collect_view()}
        </span>
    }
}

fn options(list: &[(impl Copy, &str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(_, v, t)| (v.to_string(), t.to_string())).collect()
}

#[component]
fn Row(row: SchemaRow, index: usize) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let name = row.name.clone();
    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
    let kind = Signal::derive(move || {
        let o = ctx.config.with(|c| c.ingest.columns.get(&n1).and_then(|o| o.kind));
        schema::kind_value(o.unwrap_or(row.kind)).to_string()
    });
    let role = Signal::derive(move || {
        let o = ctx.config.with(|c| c.ingest.columns.get(&n2).and_then(|o| o.role));
        schema::role_value(o.unwrap_or(row.role)).to_string()
    });
    let on_kind = Callback::new(move |v: String| {
        ctx.edit(|c| schema::edit_column(c, &n3, ColumnEdit::Kind(schema::kind_from(&v))));
    });
    let on_role = Callback::new(move |v: String| {
        ctx.edit(|c| schema::edit_column(c, &n4, ColumnEdit::Role(schema::role_from(&v))));
    });
    let overridden = {
        let n = name.clone();
        move || ctx.config.with(|c| c.ingest.columns.contains_key(&n))
    };
    let reset = {
        let n = name.clone();
        Callback::new(move |()| {
            ctx.edit(|c| {
                schema::edit_column(c, &n, ColumnEdit::Kind(None));
                schema::edit_column(c, &n, ColumnEdit::Role(None));
            })
        })
    };
    let reset_label = format!("Reset the type and role of {name}");
    let id = format!("col-{index}-{}", slug(&name));
    let missing = if row.missing == 0 {
        "0".to_string()
    } else {
        format!("{} ({})", format::thousands(row.missing as f64), format::percent(row.missing_share))
    };
    let title = row.format.clone().map(|f| format!("Written as {f}"));
    view! {
        <tr class:overridden=overridden.clone() data-column=name.clone()>
            <th scope="row">
                <span class="col-name" title=title>{name.clone()}</span>
                <Show when=overridden.clone()>
                    <span class="badge">"changed"</span>
                    <button
                        type="button"
                        class="link-button"
                        aria-label=reset_label.clone()
                        on:click=move |_| reset.run(())
                    >
                        "reset"
                    </button>
                </Show>
            </th>
            <td>
                <Choice label=format!("Type of {name}") id=format!("{id}-kind") options=options(&KINDS) value=kind on_change=on_kind compact=true/>
            </td>
            <td>
                <Choice label=format!("Role of {name}") id=format!("{id}-role") options=options(&ROLES) value=role on_change=on_role compact=true/>
            </td>
            <td class="num" class:warn={row.missing > 0}>{missing}</td>
            <td class="num">{format::thousands(row.distinct as f64)}</td>
            <td class="clip" title=row.range.clone()>
                {row.range.clone()}
                {row.skew.clone().map(|s| view! { <span class="cell-note">{s}</span> })}
            </td>
            <td class="clip samples" title=row.samples.clone()>{row.samples.clone()}</td>
            <td>{histogram(&row.histogram, &name)}</td>
        </tr>
    }
}

#[component]
pub fn SchemaTable(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let rows = ctx.config.with_untracked(|c| schema::rows(&report.data.columns, &c.ingest.columns));
    let n = rows.len();
    let n_overridden = move || ctx.config.with(|c| c.ingest.columns.len());
    let reset_all = move |_| ctx.edit(schema::reset_columns);
    view! {
        <div class="table-wrap schema-wrap">
            <div class="table-head">
                <div>
                    <h3 class="card-title">{format!("{n} columns as read")}</h3>
                    <p class="help">
                        "Check each column's type and role. A number that is really a code (a region, a channel) reads better as a category; an id or free text is never used for segmenting. A date is ignored until you make it a feature: the segments then use the days since it (a last order, a signup)."
                    </p>
                </div>
                <Show when=move || { n_overridden() > 0 }>
                    <button type="button" class="button small" data-testid="reset-columns" on:click=reset_all>
                        {move || format!("Reset {} changed column{}", n_overridden(), if n_overridden() == 1 { "" } else { "s" })}
                    </button>
                </Show>
            </div>
            <table class="grid schema" data-testid="schema">
                <thead>
                    <tr>
                        <th scope="col">"Column"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col" class="num">"Missing"</th>
                        <th scope="col" class="num">"Distinct"</th>
                        <th scope="col">"Range / top values"</th>
                        <th scope="col" class="samples">"Sample values"</th>
                        <th scope="col">"Distribution"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, row)| view! { <Row row=row index=i/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
