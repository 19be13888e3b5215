//! The Prepare step: the settings for every column (missing values, outliers per column and across columns,
//! scaling, categories), each feature's own settings with what preparation did to it (before → after), and
//! the headline counts of the last run (customers kept, values filled, clipped, left out or flagged).

mod columns;
mod defaults;

use super::super::state::AppContext;
use super::skew_hint::SkewHint;
use super::NeedsData;
use crate::engine::pipeline::Report;
use crate::views::format;
use crate::views::prep_preview::{by_column, counts};
use leptos::prelude::*;
use std::sync::Arc;

fn tile(value: String, label: &'static str, testid: &'static str) -> impl IntoView {
    view! {
        <div class="stat-tile" data-testid=testid>
            <span class="stat-value">{value}</span>
            <span class="stat-label">{label}</span>
        </div>
    }
}

#[component]
fn Summary(report: Arc<Report>) -> impl IntoView {
    let c = counts(&report.prep);
    let n = |x: usize| format::thousands(x as f64);
    let removed = c.removed_missing + c.removed_outliers;
    let headline = format!(
        "{} of {} customers kept · {} features → {} columns for segmenting",
        n(c.rows_out),
        n(c.rows_in),
        c.features_in,
        c.columns_out
    );
    let groups = by_column(&report.prep);
    let rows_notes: Vec<String> = groups
        .iter()
        .filter(|g| g.column == "All customers")
        .flat_map(|g| g.sentences.iter().map(|(_, s)| s.clone()))
        .collect();
    let unused: Vec<(String, String)> = groups
        .iter()
        .filter(|g| !g.used)
        .filter_map(|g| g.unused.clone().map(|u| (g.column.clone(), u)))
        .collect();
    let all: Vec<String> = report.prep.entries.iter().map(|e| e.sentence.clone()).collect();
    view! {
        <section class="card prep-summary" aria-labelledby="prep-summary-title">
            <h3 class="card-title" id="prep-summary-title">"What preparation did"</h3>
            <p class="summary" data-testid="prep-summary">{headline}</p>
            <div class="stat-tiles">
                {tile(n(c.imputed), "missing values filled", "prep-imputed")}
                {tile(n(c.clipped), "values clipped", "prep-clipped")}
                {tile(n(removed), "customers left out", "prep-removed")}
                {tile(n(c.flagged), "customers flagged", "prep-flagged")}
                {tile(n(c.new_columns.len()), "columns added", "prep-new-columns")}
            </div>
            {(!rows_notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="noticed" data-testid="prep-rows">
                            {rows_notes.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {(!unused.is_empty())
                .then(|| {
                    view! {
                        <p class="help" data-testid="prep-unused">
                            "Not used: "
                            {unused
                                .into_iter()
                                .map(|(c, why)| format!("{c} ({})", why.trim_start_matches("not used: ")))
                                .collect::<Vec<_>>()
                                .join("; ")}
                        </p>
                    }
                })}
            <details class="prep-log">
                <summary>"Every step, in order"</summary>
                <ol data-testid="prep-report">{all.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
            </details>
        </section>
    }
}

#[component]
pub fn PrepareStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <p class="step-intro">
            "Clean the numbers before segmenting: fill gaps, tame extreme values and put columns on comparable scales. The defaults suit most customer files; every change re-runs."
        </p>
        <defaults::Defaults/>
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            {move || {
                ctx.report
                    .get()
                    .map(|r| {
                        view! {
                            <Summary report=r.clone()/>
                            <SkewHint/>
                            <columns::ColumnsTable report=r/>
                        }
                    })
            }}
        </Show>
    }
}
