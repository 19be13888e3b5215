//! Silhouette (mean and per sample), Davies–Bouldin, Calinski–Harabasz, ARI and NMI against scikit-learn on
//! mall_customers, wholesale and cc_general (standardized), using sklearn's own k-means labelings
//! (tests/reference/metrics.py → tests/reference/expected/metrics_*.json).

use crate::metrics_common;

use metrics_common::{labels, load_standardized, reference, rel};
use segscope::engine::metrics::{
    adjusted_rand_index, calinski_harabasz, davies_bouldin, normalized_mutual_info, silhouette_exact,
};
use segscope::engine::progress::Silent;

const TOL: f64 = 1e-9;

fn check_dataset(name: &str) {
    let x = load_standardized(name);
    let doc = reference(name);
    assert_eq!(x.nrows() as u64, doc["n"].as_u64().unwrap());
    // same standardized matrix as Python
    let sum_abs: f64 = x.iter().map(|v| v.abs()).sum();
    assert!(rel(sum_abs, doc["standardized_sum_abs"].as_f64().unwrap()) < 1e-12, "{name}: standardization");

    let mut worst = [0.0f64; 4]; // silhouette mean, per-sample, DB, CH
    for case in doc["cases"].as_array().unwrap() {
        let lab = labels(&case["labels"]);
        let cname = case["name"].as_str().unwrap();
        // cc_general (8,950 × 17): silhouette only where per-sample values are stored, to keep the test fast
        if name == "cc_general" && case.get("silhouette_samples").is_none() && cname.starts_with("kmeans") {
            check_internal_indices(&x, &lab, case, name, cname, &mut worst);
            continue;
        }
        let s = silhouette_exact(x.view(), &lab, &mut Silent).unwrap();
        let e = rel(s.mean, case["silhouette"].as_f64().unwrap());
        assert!(e < TOL, "{name}/{cname}: silhouette {} vs {}", s.mean, case["silhouette"]);
        worst[0] = worst[0].max(e);
        if let Some(samples) = case.get("silhouette_samples") {
            for (i, (g, w)) in s.values.iter().zip(samples.as_array().unwrap()).enumerate() {
                let w = w.as_f64().unwrap();
                // per-sample values near 0 are compared absolutely
                let e = (g - w).abs() / w.abs().max(1e-3);
                assert!(e < TOL, "{name}/{cname}: s({i}) {g} vs {w}");
                worst[1] = worst[1].max(e);
            }
        }
        check_internal_indices(&x, &lab, case, name, cname, &mut worst);
    }
    println!(
        "{name}: max rel err silhouette {:.2e}, per-sample {:.2e}, DB {:.2e}, CH {:.2e}",
        worst[0], worst[1], worst[2], worst[3]
    );
}

fn has_singleton(labels: &[i32]) -> bool {
    let mut sorted = labels.to_vec();
    sorted.sort_unstable();
    sorted.chunk_by(|a, b| a == b).any(|g| g.len() == 1)
}

/// Davies–Bouldin and Calinski–Harabasz of one case; the worst relative errors go to worst[2..4].
fn check_internal_indices(
    x: &ndarray::Array2<f64>,
    lab: &[i32],
    case: &serde_json::Value,
    name: &str,
    cname: &str,
    worst: &mut [f64; 4],
) {
    let db = davies_bouldin(x.view(), lab).unwrap();
    let e = rel(db, case["davies_bouldin"].as_f64().unwrap());
    // sklearn measures point-to-centroid distances as sqrt(|x|² + |c|² − 2x·c), which gives a singleton
    // cluster a spread of ~3e-7 instead of 0 (wholesale k ≥ 5). There we match sklearn's algorithm with
    // direct distances (davies_bouldin_direct in metrics.py) to 1e-9, and sklearn itself to 1e-7.
    let direct = rel(db, case["davies_bouldin_direct"].as_f64().unwrap());
    assert!(direct < TOL, "{name}/{cname}: DB {db} vs direct {}", case["davies_bouldin_direct"]);
    if has_singleton(lab) {
        assert!(e < 1e-7, "{name}/{cname}: DB {db} vs {}", case["davies_bouldin"]);
    } else {
        assert!(e < TOL, "{name}/{cname}: DB {db} vs {}", case["davies_bouldin"]);
        worst[2] = worst[2].max(e);
    }
    let ch = calinski_harabasz(x.view(), lab).unwrap();
    let e = rel(ch, case["calinski_harabasz"].as_f64().unwrap());
    assert!(e < TOL, "{name}/{cname}: CH {ch} vs {}", case["calinski_harabasz"]);
    worst[3] = worst[3].max(e);
}

#[test]
fn mall_matches_sklearn() {
    check_dataset("mall");
}

#[test]
fn wholesale_matches_sklearn() {
    check_dataset("wholesale");
}

#[test]
fn cc_general_matches_sklearn() {
    check_dataset("cc_general");
}

#[test]
fn ari_and_nmi_match_sklearn_on_all_pairs() {
    for name in ["mall", "wholesale", "cc_general"] {
        let doc = reference(name);
        let cases = doc["cases"].as_array().unwrap();
        let by_name = |n: &str| labels(&cases.iter().find(|c| c["name"] == n).unwrap()["labels"]);
        let (mut worst_ari, mut worst_nmi) = (0.0f64, 0.0f64);
        for p in doc["pairs"].as_array().unwrap() {
            let (a, b) = (by_name(p["a"].as_str().unwrap()), by_name(p["b"].as_str().unwrap()));
            let ari = adjusted_rand_index(&a, &b).unwrap();
            let nmi = normalized_mutual_info(&a, &b).unwrap();
            let e_ari = rel(ari, p["ari"].as_f64().unwrap());
            let e_nmi = rel(nmi, p["nmi"].as_f64().unwrap());
            assert!(e_ari < TOL, "{name} {}~{}: ARI {ari} vs {}", p["a"], p["b"], p["ari"]);
            assert!(e_nmi < TOL, "{name} {}~{}: NMI {nmi} vs {}", p["a"], p["b"], p["nmi"]);
            assert_eq!(ari, adjusted_rand_index(&b, &a).unwrap());
            worst_ari = worst_ari.max(e_ari);
            worst_nmi = worst_nmi.max(e_nmi);
        }
        println!("{name}: max rel err ARI {worst_ari:.2e}, NMI {worst_nmi:.2e}");
    }
}
