//! The pipelines whose labels must be identical natively and in the browser: one per algorithm (and both
//! k-means variants), all on the bundled sample. Shared by `native_parity` (which pins the native labels in
//! `tests/fixtures/native/algorithm_labels.json`) and `tests/web.rs` (which reproduces them in wasm).

use segscope::engine::cluster::bayes_gmm::BayesGmmParams;
use segscope::engine::cluster::dbscan::DbscanParams;
use segscope::engine::cluster::gmm::{CovarianceType, GmmParams};
use segscope::engine::cluster::hierarchical::{HierarchicalParams, Linkage};
use segscope::engine::cluster::kmeans::{KMeansAlgorithm, KMeansParams, MiniBatchKMeansParams};
use segscope::engine::cluster::kprototypes::KPrototypesParams;
use segscope::engine::pipeline::consensus::ConsensusConfig;
use segscope::engine::pipeline::{AlgorithmConfig, EvaluationConfig, PipelineConfig};

/// The bundled sample every case runs on.
pub const SAMPLE: &[u8] = include_bytes!("../../public/sample/wholesale_customers.csv");

/// The committed native labels, `{case: "0,3,1,…"}`.
#[allow(dead_code)] // read by tests/web.rs
pub const PINNED: &str = include_str!("../fixtures/native/algorithm_labels.json");

/// (case name, config) for every algorithm.
pub fn cases() -> Vec<(&'static str, PipelineConfig)> {
    // Labels only: the k sweep and feature suggestions are off (they do not change labels, and the browser
    // test must not block the page for long).
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let with = |algorithm: AlgorithmConfig| PipelineConfig {
        algorithm,
        seed: 3,
        evaluation: evaluation.clone(),
        ..PipelineConfig::default()
    };
    vec![
        (
            "kmeans_lloyd",
            with(AlgorithmConfig::Kmeans(
                KMeansParams::default().with_n_clusters(5).with_algorithm(KMeansAlgorithm::Lloyd),
            )),
        ),
        ("kmeans_hamerly", with(AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(5)))),
        (
            "minibatch_kmeans",
            with(AlgorithmConfig::MiniBatchKmeans(
                MiniBatchKMeansParams::default().with_n_clusters(4).with_batch_size(64),
            )),
        ),
        ("dbscan", with(AlgorithmConfig::Dbscan(DbscanParams::default().with_eps(1.2).with_min_samples(6)))),
        ("hierarchical_ward", with(AlgorithmConfig::Hierarchical(HierarchicalParams::default().with_k(4)))),
        (
            "hierarchical_average",
            with(AlgorithmConfig::Hierarchical(
                HierarchicalParams::default().with_linkage(Linkage::Average).with_k(4),
            )),
        ),
        ("gmm_full", with(AlgorithmConfig::Gmm(GmmParams::default().with_n_components(4)))),
        (
            "gmm_diag",
            with(AlgorithmConfig::Gmm(
                GmmParams::default().with_n_components(3).with_covariance_type(CovarianceType::Diag),
            )),
        ),
        (
            "bayes_gmm",
            with(AlgorithmConfig::BayesGmm(BayesGmmParams { n_components: 6, ..BayesGmmParams::default() })),
        ),
        ("kprototypes", with(AlgorithmConfig::Kprototypes(KPrototypesParams::default().with_n_clusters(4)))),
        // Few runs and replicates: the browser test must stay quick; every member and the bootstrap still run.
        (
            "consensus",
            with(AlgorithmConfig::Consensus(
                ConsensusConfig::default().with_n_clusters(4).with_seeds(3).with_bootstrap_runs(2),
            )),
        ),
    ]
}

/// Labels as one comma-separated string.
pub fn joined(labels: &[i32]) -> String {
    labels.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(",")
}
