//! The step navigation: Data → Prepare → Features → Segment → Explore → Export, each with a one-line summary of
//! where it stands. Keyboard operable (buttons in a list; the current step is `aria-current="step"`).

use super::state::{AppContext, Step};
use crate::engine::words::count;
use crate::views::format;
use leptos::prelude::*;

fn summary(ctx: &AppContext, step: Step) -> String {
    let report = ctx.report.get();
    let Some(r) = report.as_deref() else {
        return match step {
            Step::Data => ctx
                .data_name
                .get()
                .map(|n| format!("Reading {n}…"))
                .unwrap_or_else(|| "Upload a CSV or try the sample".into()),
            _ => "Load data first".into(),
        };
    };
    match step {
        Step::Data => format!("{} · {} rows", r.source(), format::thousands(r.data.n_rows as f64)),
        Step::Prepare => format!(
            "{} of {} customers used",
            format::thousands(r.n_used as f64),
            format::thousands(r.n_rows as f64)
        ),
        // Columns as the Features step lists them (a one-hot category is one feature, not its levels).
        Step::Features => {
            let used = r.prep.features_in.len();
            match crate::views::selection::suggested_drops(r).len() {
                0 => count(used, "feature", "features"),
                drops => format!("{} · {drops} suggested to drop", count(used, "feature", "features")),
            }
        }
        Step::Segment => format!("{} · {}", r.algorithm, count(r.n_clusters, "segment", "segments")),
        Step::Explore => match r.metrics.silhouette {
            Some(s) => format!("Silhouette {s:.2}"),
            None => count(r.n_clusters, "segment", "segments"),
        },
        Step::Export => "Labeled CSV, report, model".into(),
    }
}

#[component]
pub fn StepNav() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <nav class="steps" aria-label="Steps">
            <ol>
                {Step::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, &step)| {
                        let current = move || ctx.step.get() == step;
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="step-button"
                                    class:current=current
                                    aria-current=move || current().then_some("step")
                                    aria-controls=move || current().then_some(step.id())
                                    on:click=move |_| ctx.step.set(step)
                                >
                                    <span class="step-number" aria-hidden="true">{i + 1}</span>
                                    <span class="step-text">
                                        <span class="step-title">{step.title()}</span>
                                        <span class="step-summary">{move || summary(&ctx, step)}</span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
