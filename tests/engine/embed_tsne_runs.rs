//! Whole t-SNE runs against scikit-learn 1.9 on the same data and settings (tests/reference/embed_tsne.py).
//! t-SNE is stochastic in its details, so what must agree is: the final KL divergence (within 5%),
//! the trustworthiness of the map at k = 5 (within 0.01), and on well-separated blobs the separation
//! (a leave-one-out 5-NN vote in the map recovers ≥ 99% of the blob labels).

use crate::embed_tsne_support::{expected, knn_accuracy, load_standardized, matrix, trustworthiness};
use ndarray::Array2;
use segscope::engine::embed::tsne::{TsneMethod, TsneParams};
use segscope::engine::progress::Silent;

fn run(name: &str) -> serde_json::Value {
    let doc = expected("embed_tsne_runs.json");
    doc["runs"].as_array().unwrap().iter().find(|r| r["name"] == name).expect("case").clone()
}

fn data(dataset: &str) -> (Array2<f64>, Option<Vec<usize>>) {
    if dataset == "blobs" {
        let doc = expected("embed_tsne_runs.json");
        let labels =
            doc["blobs"]["labels"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        (matrix(&doc["blobs"]["x"]), Some(labels))
    } else {
        (load_standardized(dataset), None)
    }
}

fn params_of(case: &serde_json::Value) -> TsneParams {
    let mut p = TsneParams::default();
    if let Some(v) = case["params"]["perplexity"].as_f64() {
        p = p.with_perplexity(v);
    }
    if let Some(v) = case["params"]["max_iter"].as_u64() {
        p = p.with_max_iter(v as usize);
    }
    if case["params"]["method"] == "exact" {
        p = p.with_method(TsneMethod::Exact);
    }
    p
}

fn check(name: &str) {
    let case = run(name);
    let (x, labels) = data(case["dataset"].as_str().unwrap());
    let sk_emb = matrix(&case["embedding"]);
    let sk_trust = case["trustworthiness5"].as_f64().unwrap();
    // the trustworthiness used below reproduces scikit-learn's on scikit-learn's own map
    let t = trustworthiness(x.view(), sk_emb.view(), 5);
    assert!((t - sk_trust).abs() < 1e-9, "{name}: trustworthiness helper {t} vs {sk_trust}");

    let fit = params_of(&case).fit(x.view(), &mut Silent).unwrap();
    let emb = fit.embedding();
    let sk_kl = case["kl_divergence"].as_f64().unwrap();
    let kl_rel = (fit.kl_divergence - sk_kl) / sk_kl;
    let trust = trustworthiness(x.view(), emb.view(), 5);
    let spread: Vec<f64> =
        case["kl_random_init"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    println!(
        "{name}: KL {:.5} vs sklearn {sk_kl:.5} ({:+.2}%; sklearn random-init seeds {:.5}..{:.5}), \
         T5 {trust:.5} vs {sk_trust:.5}, iterations {} ({:?}) vs sklearn {}",
        fit.kl_divergence,
        100.0 * kl_rel,
        spread.iter().copied().fold(f64::INFINITY, f64::min),
        spread.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        fit.info.iterations,
        fit.info.stop,
        case["n_iter"].as_u64().unwrap() + 1,
    );
    assert_eq!(fit.info.learning_rate, case["learning_rate"].as_f64().unwrap(), "{name}: learning rate");
    assert!(kl_rel.abs() <= 0.05, "{name}: KL {} vs {sk_kl}", fit.kl_divergence);
    assert!((trust - sk_trust).abs() <= 0.01, "{name}: trustworthiness {trust} vs {sk_trust}");
    if let Some(labels) = labels {
        let acc = knn_accuracy(emb.view(), &labels, 5);
        let sk_acc = case["knn5_accuracy"].as_f64().unwrap();
        println!("{name}: 5-NN label accuracy in the map {acc:.4} (sklearn's map {sk_acc:.4})");
        assert!(acc >= 0.99, "{name}: blobs are not separated: {acc}");
    }
}

#[test]
fn mall_barnes_hut_matches_scikit_learn() {
    check("mall_bh");
}

#[test]
fn wholesale_barnes_hut_matches_scikit_learn() {
    check("wholesale_bh");
}

#[test]
fn blobs_stay_separated_and_match_scikit_learn() {
    check("blobs_bh");
}

#[test]
fn mall_exact_matches_scikit_learn() {
    check("mall_exact");
}

#[test]
fn mall_perplexity_10_and_500_iterations_match_scikit_learn() {
    check("mall_bh_p10_500");
}
