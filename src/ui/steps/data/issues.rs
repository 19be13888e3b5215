//! What ingest noticed (encoding, delimiter, number and date formats, merged spellings…) and the row issues:
//! counts by kind, then each issue with its line, column and the problem in words.

use crate::engine::pipeline::Report;
use crate::ui::state::AppContext;
use crate::ui::widgets::SelectField;
use crate::views::format;
use crate::views::schema::{
    capitalise, date_order_from, date_order_value, has_date_order_note, issue_counts, issue_rows, DATE_ORDERS,
};
use leptos::prelude::*;
use std::sync::Arc;

fn dialect_note(r: &Report) -> String {
    let d = &r.data.dialect;
    let delimiter = match d.delimiter {
        '\t' => "tabs".to_string(),
        ',' => "commas".to_string(),
        ';' => "semicolons".to_string(),
        '|' => "pipes".to_string(),
        ' ' => "single spaces".to_string(),
        c => format!("\"{c}\""),
    };
    let header = match (d.has_header, d.skip_lines) {
        (false, _) => "there is no header row".to_string(),
        (true, 0) => "the first row holds the column names".to_string(),
        // a `sep=` line, comments or a title above it (said in their own notes)
        (true, skipped) => format!("line {} holds the column names", skipped + 1),
    };
    format!("Fields are separated by {delimiter}; {header}.")
}

#[component]
pub fn Notes(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let mut notes = vec![dialect_note(&report)];
    notes.extend(report.data.notes.iter().map(|n| capitalise(n)));
    // day/month order: offered when the reader had to choose it, or after the user chose
    let offer = has_date_order_note(&report.data.notes) || report.config.ingest.date_order.is_some();
    let order =
        Signal::derive(move || ctx.config.with(|c| date_order_value(c.ingest.date_order).to_string()));
    let on_order = Callback::new(move |v: String| ctx.edit(|c| c.ingest.date_order = date_order_from(&v)));
    let options = DATE_ORDERS.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect();
    view! {
        <div class="card">
            <h3 class="card-title">"What we noticed"</h3>
            <ul class="noticed" data-testid="ingest-notes">
                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
            {offer
                .then(|| {
                    view! {
                        <SelectField
                            label="Dates like 03/04/2024"
                            id="date-order"
                            options=options
                            value=order
                            on_change=on_order
                        />
                    }
                })}
        </div>
    }
}

/// Said under the row issues when ids repeat.
const REPEATED_IDS: &str = " A row whose id repeats an earlier row's is kept and segmented as a customer of \
    its own: remove the duplicates from the file if they are the same customer.";

#[component]
pub fn Issues(report: Arc<Report>) -> impl IntoView {
    let total = report.data.issues_total;
    let shown = report.data.issues.len();
    let counts = issue_counts(&report.data.issues);
    let rows = issue_rows(&report.data.issues);
    let repeated = report
        .data
        .issues
        .iter()
        .any(|i| matches!(i.kind, crate::engine::table::IssueKind::DuplicateId { .. }));
    let heading = match total {
        0 => "Row issues: none".to_string(),
        1 => "1 row issue".to_string(),
        n => format!("{} row issues", format::thousands(n as f64)),
    };
    view! {
        <div class="card issues-card">
            <h3 class="card-title" data-testid="issues-total">{heading}</h3>
            {if rows.is_empty() {
                view! { <p class="muted">"Every row was read as expected."</p> }.into_any()
            } else {
                view! {
                    <p class="help">
                        "Cells that could not be read are treated as missing; the Prepare step decides how they are filled."
                        {repeated.then_some(REPEATED_IDS)}
                        {(total > shown).then(|| format!(" The first {shown} are listed."))}
                    </p>
                    // the counts are of the listed issues: said so when not every issue is listed
                    {(total > shown).then(|| {
                        view! { <p class="help">{format!("Among the first {shown}:")}</p> }
                    })}
                    <ul class="chips" aria-label="Issues by kind">
                        {counts.into_iter().map(|(what, n)| view! { <li class="chip">{format!("{n} {what}")}</li> }).collect_view()}
                    </ul>
                    <div class="issues-scroll" tabindex="0" role="region" aria-label="Row issues">
                        <table class="grid compact" data-testid="row-issues">
                            <thead>
                                <tr>
                                    <th scope="col" class="num">"Line"</th>
                                    <th scope="col">"Column"</th>
                                    <th scope="col">"Problem"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|i| {
                                        view! {
                                            <tr>
                                                <td class="num">{i.line}</td>
                                                <td>{i.column}</td>
                                                <td>{i.problem}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </div>
    }
}
