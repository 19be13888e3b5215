//! The Data step: drop or choose a CSV (or use the sample); then the file as read — whether rows are
//! customers or transactions (with the column mapping and cleaning rules), every column with its editable
//! type and role, what ingest noticed, and the row issues.

mod dropzone;
mod issues;
mod schema;
mod transactions;

use super::super::state::AppContext;
use crate::views::format;
use crate::views::transactions::{mode_choice, ModeChoice};
use leptos::prelude::*;

#[component]
pub fn DataStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let loaded = Signal::derive(move || ctx.report.with(|r| r.is_some()));
    view! {
        <dropzone::DropZone compact=loaded/>
        {move || {
            ctx.report
                .get()
                .map(|r| {
                    let show_tx = r.transactions.is_some()
                        || ctx.config.with_untracked(|c| mode_choice(c) == ModeChoice::Transactions);
                    let rows = if r.transactions.is_some() { "lines" } else { "rows" };
                    let d = &r.data.dialect;
                    let delimiter = match d.delimiter {
                        ',' => "comma".to_string(),
                        ';' => "semicolon".to_string(),
                        '\t' => "tab".to_string(),
                        '|' => "pipe".to_string(),
                        ' ' => "space".to_string(),
                        c => format!("\"{c}\""),
                    };
                    view! {
                        <p class="summary" data-testid="loaded-summary">
                            {format!(
                                "{} · {} {rows} · {} columns · {delimiter}-separated, {}",
                                r.source(),
                                format::thousands(r.data.n_rows as f64),
                                r.data.columns.len(),
                                d.encoding.label(),
                            )}
                        </p>
                        <transactions::ModeSwitch report=r.clone()/>
                        {show_tx.then(|| view! { <transactions::TransactionsCard report=r.clone()/> })}
                        <schema::SchemaTable report=r.clone()/>
                        <div class="two-col">
                            <issues::Issues report=r.clone()/>
                            <issues::Notes report=r/>
                        </div>
                    }
                })
        }}
    }
}
