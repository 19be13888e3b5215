//! The Segment step: the algorithm and how many segments, with the evidence for choosing k (elbow, silhouette,
//! BIC, gap, stability) and each algorithm's own chart (k-distance, dendrogram, component weights).

use super::super::chart_canvas::ChartCanvas;
use super::super::state::AppContext;
use super::super::widgets::NumberField;
use crate::engine::cluster::bayes_gmm::BayesGmmParams;
use crate::engine::cluster::dbscan::DbscanParams;
use crate::engine::cluster::gmm::GmmParams;
use crate::engine::cluster::hierarchical::HierarchicalParams;
use crate::engine::cluster::kmeans::{KMeansParams, MiniBatchKMeansParams};
use crate::engine::cluster::kprototypes::KPrototypesParams;
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::charts;
use leptos::prelude::*;

/// Smallest and largest number of segments offered.
pub const K_RANGE: (usize, usize) = (2, 20);

/// (value, label, one-line explanation) of every algorithm.
pub const ALGORITHMS: [(&str, &str, &str); 7] = [
    ("kmeans", "k-means", "Round groups of similar size around k centres; fast and a good default."),
    (
        "minibatch-kmeans",
        "Mini-batch k-means",
        "k-means on small random batches: for very large files, slightly less exact.",
    ),
    ("gmm", "Gaussian mixture", "Soft, elliptical groups; each customer gets a probability per segment."),
    (
        "bgmm",
        "Bayesian Gaussian mixture",
        "A mixture that switches off the components it does not need: k is an upper bound.",
    ),
    (
        "hierarchical",
        "Hierarchical (agglomerative)",
        "Merges customers bottom-up into a tree; cut it into k segments.",
    ),
    ("dbscan", "DBSCAN", "Dense groups of any shape, and noise; finds the number of segments itself."),
    (
        "kprototypes",
        "k-prototypes",
        "k-means for mixed data: numbers and categories without one-hot columns.",
    ),
];

/// A fresh config for the algorithm called `name`, keeping `k`.
pub fn algorithm_named(name: &str, k: usize) -> AlgorithmConfig {
    let mut a = match name {
        "minibatch-kmeans" => AlgorithmConfig::MiniBatchKmeans(MiniBatchKMeansParams::default()),
        "gmm" => AlgorithmConfig::Gmm(GmmParams::default()),
        "bgmm" => AlgorithmConfig::BayesGmm(BayesGmmParams { n_components: 10, ..BayesGmmParams::default() }),
        "hierarchical" => AlgorithmConfig::Hierarchical(HierarchicalParams::default()),
        "dbscan" => AlgorithmConfig::Dbscan(DbscanParams::default()),
        "kprototypes" => AlgorithmConfig::Kprototypes(KPrototypesParams::default()),
        _ => AlgorithmConfig::Kmeans(KMeansParams::default()),
    };
    if !matches!(a, AlgorithmConfig::BayesGmm(_)) {
        a.set_k(k);
    }
    a
}

#[component]
pub fn SegmentStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let algo = Signal::derive(move || ctx.config.with(|c| c.algorithm.name().to_string()));
    let explanation =
        move || ALGORITHMS.iter().find(|(v, _, _)| *v == algo.get()).map(|(_, _, e)| *e).unwrap_or("");
    let sweep = Signal::derive(move || ctx.report.get().and_then(|r| charts::ksweep(&r)));
    let extra = Signal::derive(move || {
        ctx.report.get().and_then(|r| {
            charts::kdistance(&r).or_else(|| charts::dendrogram(&r)).or_else(|| charts::weights(&r))
        })
    });
    let suggestion = move || {
        ctx.report.get().and_then(|r| r.sweep.as_ref().map(|s| (s.suggestion.k, s.suggestion.reason.clone())))
    };
    view! {
        <div class="controls-row">
            <div class="control-block">
                <p class="algorithm-name">{move || ALGORITHMS.iter().find(|(v, _, _)| *v == algo.get()).map(|(_, l, _)| *l).unwrap_or("")}</p>
                <p class="help" data-testid="algorithm-help">{explanation}</p>
                <p class="help">"Change the algorithm and the number of segments in the toolbar above."</p>
            </div>
            <div class="control-block">
                <NumberField
                    label="Seed"
                    id="seed-input"
                    value=Signal::derive(move || ctx.config.with(|c| c.seed as f64))
                    on_change=Callback::new(move |v: f64| ctx.edit(|c| c.seed = v.max(0.0) as u64))
                    min=0.0
                    help="Same data, settings and seed give the same segments, here and in the CLI."
                />
            </div>
        </div>
        {move || {
            suggestion()
                .map(|(k, reason)| {
                    view! {
                        <div class="suggestion" data-testid="k-suggestion">
                            <p>
                                <strong>{format!("Suggested: {k} segments. ")}</strong>
                                {reason}
                            </p>
                            <button type="button" class="button small" on:click=move |_| ctx.edit(|c| c.algorithm.set_k(k))>
                                {format!("Use {k} segments")}
                            </button>
                        </div>
                    }
                })
        }}
        <div class="cards">
            <div class="card wide">
                <ChartCanvas spec=sweep testid="ksweep-canvas" height=520/>
            </div>
            <Show when=move || extra.with(|e| e.is_some())>
                <div class="card wide">
                    <ChartCanvas spec=extra testid="algorithm-canvas" height=360/>
                </div>
            </Show>
        </div>
    }
}
