//! The Data step: upload or drop a CSV, or try the bundled sample; then the file as read — its columns with
//! type, role, missing and distinct counts and a small histogram, what ingest noticed, and the row issues.

use super::super::run_controller::DataChoice;
use super::super::state::AppContext;
use crate::engine::pipeline::Report;
use crate::protocol::DataSource;
use crate::views::format;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

use super::super::toolbar::choose_file;

#[component]
fn DropZone() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            choose_file(ctx, file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            choose_file(ctx, file);
        }
    };
    let on_sample = move |_| ctx.choose_data(DataChoice { source: DataSource::Sample, file: None });
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="hint">"Drop a CSV of customers (or of transactions) here, or"</p>
            <div class="actions">
                <label class="button primary" for="drop-file-input">"Choose a file"</label>
                <input
                    id="drop-file-input"
                    class="visually-hidden"
                    type="file"
                    accept=".csv,.tsv,.txt,text/csv,text/plain"
                    aria-label="Choose a CSV file"
                    on:change=on_pick
                />
                <button type="button" class="button" on:click=on_sample>"Use the sample: 440 wholesale customers"</button>
            </div>
            <p class="fineprint">
                "Files are read by this tab only; nothing is uploaded. Comma, semicolon, tab or pipe delimited; UTF-8, UTF-16 or Windows-1252."
            </p>
        </div>
    }
}

fn histogram(counts: &[u64]) -> impl IntoView {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    view! {
        <span class="sparkbars" aria-hidden="true">
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

#[component]
fn Schema(report: Arc<Report>) -> impl IntoView {
    let columns = report.data.columns.clone();
    view! {
        <div class="table-wrap">
            <table class="grid" data-testid="schema">
                <caption>{format!("{} columns as read", columns.len())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Column"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col" class="num">"Missing"</th>
                        <th scope="col" class="num">"Distinct"</th>
                        <th scope="col">"Range / top values"</th>
                        <th scope="col">"Distribution"</th>
                    </tr>
                </thead>
                <tbody>
                    {columns
                        .into_iter()
                        .map(|c| {
                            let range = match (&c.min_text, &c.max_text, c.min, c.max) {
                                (Some(lo), Some(hi), _, _) => format!("{lo} – {hi}"),
                                (_, _, Some(lo), Some(hi)) => format!("{} – {}", format::number(lo), format::number(hi)),
                                _ => c.top.iter().take(3).map(|v| v.value.clone()).collect::<Vec<_>>().join(", "),
                            };
                            let counts: Vec<u64> = c.histogram.as_ref().map(|h| h.counts.clone()).unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{c.name.clone()}</th>
                                    <td>{format!("{:?}", c.kind).to_lowercase()}</td>
                                    <td>{format!("{:?}", c.role).to_lowercase()}</td>
                                    <td class="num">{format::thousands(c.missing as f64)}</td>
                                    <td class="num">{format::thousands(c.distinct as f64)}</td>
                                    <td class="clip">{range}</td>
                                    <td>{histogram(&counts)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Issues(report: Arc<Report>) -> impl IntoView {
    let total = report.data.issues_total;
    let issues = report.data.issues.clone();
    let notes = report.data.notes.clone();
    view! {
        <div class="two-col">
            <div class="card">
                <h3 class="card-title">"What we noticed"</h3>
                <ul class="notes" data-testid="ingest-notes">
                    <li>{report.data.mode_note.clone()}</li>
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
            <div class="card">
                <h3 class="card-title">{format!("Row issues ({})", format::thousands(total as f64))}</h3>
                {if issues.is_empty() {
                    view! { <p class="muted">"None: every row was read as expected."</p> }.into_any()
                } else {
                    view! {
                        <ul class="issues" data-testid="row-issues">
                            {issues
                                .into_iter()
                                .take(200)
                                .map(|i| {
                                    let column = i.column.clone().map(|c| format!(", column {c}")).unwrap_or_default();
                                    view! { <li>{format!("Line {}{column}: {}", i.line, format::issue(&i.kind))}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </div>
        </div>
    }
}

#[component]
pub fn DataStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <DropZone/>
        {move || {
            ctx.report
                .get()
                .map(|r| {
                    view! {
                        <p class="summary" data-testid="loaded-summary">
                            {format!(
                                "{} · {} rows · {} columns, {}-delimited",
                                r.source(),
                                format::thousands(r.data.n_rows as f64),
                                r.data.columns.len(),
                                match r.data.dialect.delimiter { '\t' => "tab".to_string(), d => format!("\"{d}\"") },
                            )}
                        </p>
                        <Schema report=r.clone()/>
                        <Issues report=r/>
                    }
                })
        }}
    }
}
