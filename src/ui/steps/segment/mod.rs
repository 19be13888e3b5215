//! The Segment step: the algorithm's own settings (with its chart: k-distance, dendrogram, component weights),
//! how the fit went and how good the segments are, and the evidence for choosing k (elbow, silhouette, BIC,
//! gap, stability) with a one-click "Use k = N".

mod bayes_gmm;
mod choose_k;
mod consensus;
mod dbscan;
mod diagnostics;
mod gmm;
mod hierarchical;
mod kmeans;
mod kprototypes;

use super::super::state::AppContext;
use super::super::widgets::NumberField;
use super::NeedsData;
use crate::engine::cluster::bayes_gmm::BayesGmmParams;
use crate::engine::cluster::dbscan::DbscanParams;
use crate::engine::cluster::gmm::GmmParams;
use crate::engine::cluster::hierarchical::HierarchicalParams;
use crate::engine::cluster::kmeans::{KMeansParams, MiniBatchKMeansParams};
use crate::engine::cluster::kprototypes::KPrototypesParams;
use crate::engine::pipeline::consensus::ConsensusConfig;
use crate::engine::pipeline::AlgorithmConfig;
use leptos::prelude::*;

/// Smallest and largest number of segments offered.
pub const K_RANGE: (usize, usize) = (2, 20);

/// (value, label, one-line explanation) of every algorithm.
pub const ALGORITHMS: [(&str, &str, &str); 8] = [
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
    (
        "consensus",
        "Consensus",
        "Runs several algorithms and seeds and keeps the segments they agree on; slower, steadier.",
    ),
];

/// A fresh config for the algorithm called `name`, keeping `k` (the Bayesian mixture gets at least 10
/// components as its upper bound).
pub fn algorithm_named(name: &str, k: usize) -> AlgorithmConfig {
    let mut a = match name {
        "minibatch-kmeans" => AlgorithmConfig::MiniBatchKmeans(MiniBatchKMeansParams::default()),
        "gmm" => AlgorithmConfig::Gmm(GmmParams::default()),
        "bgmm" => {
            AlgorithmConfig::BayesGmm(BayesGmmParams { n_components: k.max(10), ..BayesGmmParams::default() })
        }
        "hierarchical" => AlgorithmConfig::Hierarchical(HierarchicalParams::default()),
        "dbscan" => AlgorithmConfig::Dbscan(DbscanParams::default()),
        "kprototypes" => AlgorithmConfig::Kprototypes(KPrototypesParams::default()),
        "consensus" => AlgorithmConfig::Consensus(ConsensusConfig::default()),
        _ => AlgorithmConfig::Kmeans(KMeansParams::default()),
    };
    if !matches!(a, AlgorithmConfig::BayesGmm(_)) {
        a.set_k(k);
    }
    a
}

/// A number read from the algorithm config (`NAN` when the algorithm is another one).
pub(crate) fn algo_number(ctx: AppContext, f: fn(&AlgorithmConfig) -> Option<f64>) -> Signal<f64> {
    Signal::derive(move || ctx.config.with(|c| f(&c.algorithm).unwrap_or(f64::NAN)))
}

/// The settings of the current algorithm, with its chart.
#[component]
fn AlgorithmSettings() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let algo = Memo::new(move |_| ctx.config.with(|c| c.algorithm.name()));
    let entry = move || ALGORITHMS.iter().find(|(v, _, _)| *v == algo.get()).copied();
    view! {
        <section class="card panel-card" aria-labelledby="algorithm-settings-title">
            <div class="card-head">
                <div>
                    <h3 class="card-title" id="algorithm-settings-title">
                        {move || entry().map(|(_, l, _)| format!("{l} settings")).unwrap_or_default()}
                    </h3>
                    <p class="help" data-testid="algorithm-help">
                        {move || entry().map(|(_, _, e)| e).unwrap_or("")}
                        " "
                        <span class="muted">"Switch the algorithm and the number of segments in the toolbar above."</span>
                    </p>
                </div>
            </div>
            {move || match algo.get() {
                "kmeans" | "minibatch-kmeans" => view! { <kmeans::KMeansForm/> }.into_any(),
                "dbscan" => view! { <dbscan::DbscanForm/> }.into_any(),
                "hierarchical" => view! { <hierarchical::HierarchicalForm/> }.into_any(),
                "gmm" => view! { <gmm::GmmForm/> }.into_any(),
                "bgmm" => view! { <bayes_gmm::BayesGmmForm/> }.into_any(),
                "consensus" => view! { <consensus::ConsensusForm/> }.into_any(),
                _ => view! { <kprototypes::KPrototypesForm/> }.into_any(),
            }}
            <div class="param-grid seed-row">
                <NumberField
                    label="Seed"
                    id="seed-input"
                    value=Signal::derive(move || ctx.config.with(|c| c.seed as f64))
                    on_change=Callback::new(move |v: f64| ctx.edit(|c| c.seed = v.max(0.0) as u64))
                    min=0.0
                    help="Same data, settings and seed give the same segments, here and in the CLI."
                />
            </div>
        </section>
    }
}

#[component]
pub fn SegmentStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            <div class="segment-layout">
                <AlgorithmSettings/>
                <diagnostics::FitDiagnostics/>
            </div>
            <choose_k::ChooseK/>
        </Show>
    }
}
