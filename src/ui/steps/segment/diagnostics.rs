//! How the fit went (iterations, converged, time, the algorithm's notes) and how good the segments are
//! (silhouette, Calinski–Harabasz, Davies–Bouldin) with plain-language readings.

use super::super::super::state::AppContext;
use crate::views::{format, segment};
use leptos::prelude::*;

#[component]
pub fn FitDiagnostics() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <section class="card panel-card diagnostics" aria-labelledby="fit-title" data-testid="fit-diagnostics">
            <h3 class="card-title" id="fit-title">"Fit and quality"</h3>
            {move || {
                ctx.report.get().map(|r| {
                    let fit = segment::fit_summary(&r.fit, &r.config.algorithm);
                    let ok = r.fit.converged || matches!(r.config.algorithm, crate::engine::pipeline::AlgorithmConfig::Dbscan(_) | crate::engine::pipeline::AlgorithmConfig::Hierarchical(_));
                    let summary = format!(
                        "{} among {} customers.",
                        crate::engine::words::count(r.n_clusters, "segment", "segments"),
                        format::thousands(r.n_used as f64)
                    );
                    view! {
                        <p class="fit-line" class:warn=!ok data-testid="fit-summary">
                            <span class="dot" aria-hidden="true"></span>
                            {fit}
                        </p>
                        <p class="help">{summary}</p>
                        <ul class="metric-tiles" data-testid="metrics">
                            {segment::quality(&r)
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <li class=format!("metric-tile {}", m.tone) title=m.help>
                                            <span class="metric-name">{m.name}</span>
                                            <strong class="metric-value">{m.value}</strong>
                                            <span class="metric-verdict">{m.verdict}</span>
                                            <span class="help metric-help">{m.help}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <ul class="notes">
                            {r.fit.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })
            }}
        </section>
    }
}
