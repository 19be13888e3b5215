//! The Export step: take the results away (labeled CSV, profiles, pipeline config, its PySpark job, model, HTML
//! report, and in transaction mode customers and the at-risk list), and score new customers with the fitted model.

use super::super::chart_canvas::ChartCanvas;
use super::super::download::download;
use super::super::state::{AppContext, LateSweep, Status};
use super::super::workspace::WorkspaceCard;
use super::NeedsData;
use crate::protocol::ExportKind;
use crate::views::{drift_charts::drift_charts, format, html};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ExportStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let export = move |kind: ExportKind| move |_| ctx.export(kind);
    let download_pipeline = move |_| {
        if let Some(r) = ctx.report.get_untracked() {
            let name = format!(
                "{}-pipeline.json",
                r.source().rsplit_once('.').map(|(s, _)| s).unwrap_or(r.source())
            );
            if download(&name, "application/json", r.config.to_json().as_bytes()).is_ok() {
                ctx.status.set(Status::Info(format!("{name} is downloading.")));
            }
        }
    };
    // The Spark job is generated here from the run's config: the generator is pure and takes microseconds.
    let download_spark = move |_| {
        if let Some(r) = ctx.report.get_untracked() {
            use crate::engine::pipeline::spark::{read_as, spark_job};
            let job = spark_job(&read_as(&r.config, &r.data.dialect));
            if let Some(reason) = &job.unsupported {
                ctx.status.set(Status::Info(format!("No Spark job for this pipeline: {reason}.")));
                return;
            }
            if download("job.py", "text/x-python", job.script.as_bytes()).is_ok() {
                let mut message = "job.py (a PySpark job for this pipeline) is downloading.".to_string();
                if !job.not_exported.is_empty() {
                    message.push_str(&format!(" Not exported: {}.", job.not_exported.join("; ")));
                }
                ctx.status.set(Status::Info(message));
            }
        }
    };
    let download_report = move |_| {
        if let Some(r) = ctx.full_report() {
            let name = format!(
                "{}-segments-report.html",
                r.source().rsplit_once('.').map(|(s, _)| s).unwrap_or(r.source())
            );
            let without = match ctx.late_sweep.get_untracked() {
                LateSweep::Computing(_) => {
                    " The Choose-k comparison is still being computed, so it is not in it."
                }
                _ => "",
            };
            if download(&name, "text/html", html::report_html(&r).as_bytes()).is_ok() {
                ctx.status.set(Status::Info(format!("{name} is downloading.{without}")));
            }
        }
    };
    let transactions = move || ctx.report.with(|r| r.as_ref().is_some_and(|r| r.transactions.is_some()));
    let on_score = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            ctx.score_file(file);
        }
        input.set_value("");
    };
    let shares = Signal::derive(move || ctx.score.get().map(|s| drift_charts(&s).0));
    let psi = Signal::derive(move || ctx.score.get().map(|s| drift_charts(&s).1));
    view! {
        // The saved-workspace card shows without data too: Clear must be reachable after a failed restore.
        <Show
            when=move || ctx.report.with(|r| r.is_some())
            fallback=|| view! { <NeedsData/> <WorkspaceCard/> }
        >
            <div class="export-grid">
                <button type="button" class="button primary" on:click=export(ExportKind::LabeledCsv)>"Download labeled CSV"</button>
                <button type="button" class="button" on:click=download_report>"Download report"</button>
                <button type="button" class="button" on:click=download_pipeline>"Download pipeline"</button>
                <button type="button" class="button" on:click=download_spark>"Download Spark job"</button>
                <button type="button" class="button" on:click=export(ExportKind::ProfilesCsv)>"Download segment profiles"</button>
                <button type="button" class="button" on:click=export(ExportKind::ModelJson)>"Download model"</button>
                <Show when=transactions>
                    <button type="button" class="button" on:click=export(ExportKind::CustomersCsv)>"Download customers"</button>
                    <button type="button" class="button" on:click=export(ExportKind::AtRiskCsv)>"Download at-risk list"</button>
                </Show>
            </div>
            <p class="help">
                "The labeled CSV has every row of your file with its segment number and name (and "
                <code>"outlier"</code>
                " yes / no when Prepare flags outliers). The pipeline re-runs with "
                <code>"segscope run FILE.csv --config pipeline.json"</code>
                "; the model scores new customers with "
                <code>"segscope predict --model model.json NEW.csv --out scored.csv"</code>
                ". The Spark job runs the same preparation and clustering on data of any size: "
                <code>"spark-submit job.py --input customers.parquet --output labeled/"</code>
                "."
            </p>
            <section class="card" aria-labelledby="score-title">
                <h3 class="card-title" id="score-title">"Score new customers"</h3>
                <p class="help">"A file with the same columns gets the segments of this model; see how the shares and each feature moved."</p>
                <label class="button" for="score-input">"Choose a file to score"</label>
                <input id="score-input" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv" aria-label="Score new customers" on:change=on_score/>
                {move || {
                    ctx.score.get().map(|s| {
                        view! {
                            <p class="summary" data-testid="score-summary">
                                {format!("{}: {} of {} customers scored.", s.data.source, format::thousands(s.n_scored as f64), format::thousands(s.n_rows as f64))}
                            </p>
                            <ul class="notes">{s.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                            <button type="button" class="button small" on:click=move |_| ctx.export(ExportKind::ScoredCsv)>"Download scored CSV"</button>
                        }
                    })
                }}
                <Show when=move || ctx.score.with(|s| s.is_some())>
                    <div class="cards">
                        <div class="card"><ChartCanvas spec=shares testid="shares-canvas" height=320/></div>
                        <div class="card"><ChartCanvas spec=psi testid="psi-canvas" height=420/></div>
                    </div>
                </Show>
            </section>
            <WorkspaceCard/>
        </Show>
    }
}
