//! The k sweep on the real customer datasets (standardized as in tests/reference/metrics.py): the suggestion
//! must be inside the range and explained; its value is printed, not asserted (real data has no true k).
//! cc_general (8,950 × 17) uses smaller caps to stay fast (linfa's k-means needs ~10 ms per Lloyd pass
//! there): one k-means start, sampled silhouette on 2,000 rows, gap and stability with B = 4 on 800 rows.

use crate::metrics_common;

use metrics_common::load_standardized;
use segscope::engine::choose_k::{sweep, AlgorithmSweep, ChooseKParams, LinfaKMeans};
use segscope::engine::metrics::SilhouetteParams;
use segscope::engine::progress::Silent;

fn show(name: &str, s: &AlgorithmSweep) {
    println!("{name}: {} rows of notes {:?}", s.algorithm, s.notes);
    println!("   k  silhouette      CH      DB      gap (se)    stability  inertia");
    for r in &s.scores {
        let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
        println!(
            "  {:2}  {:>9}  {:>7}  {:>6}  {:>6} ({:>5})  {:>9}  {:.1}",
            r.k,
            f(r.silhouette),
            f(r.calinski_harabasz),
            f(r.davies_bouldin),
            f(r.gap),
            f(r.gap_se),
            f(r.stability),
            r.inertia
        );
    }
    println!("   picks {:?}", s.picks);
    println!("=> {name}: k = {} because {}\n", s.suggestion.k, s.suggestion.reason);
}

fn check(name: &str, params: ChooseKParams, km: LinfaKMeans) {
    let x = load_standardized(name);
    let s = sweep(x.view(), &[&km], &params.check().unwrap(), &mut Silent).unwrap();
    let a = &s.algorithms[0];
    show(name, a);
    assert!((2..=10).contains(&s.suggestion.k));
    assert_eq!(a.scores.len(), 9);
    assert!(s.suggestion.reason.contains(&s.suggestion.k.to_string()), "{}", s.suggestion.reason);
    assert!(!s.suggestion.supported_by.is_empty() || s.suggestion.reason.contains("most stable"));
    assert!(a.scores.iter().all(|r| r.silhouette.is_some() && r.gap.is_some() && r.stability.is_some()));
}

#[test]
fn mall_customers() {
    check("mall", ChooseKParams::default(), LinfaKMeans::default());
}

#[test]
fn wholesale() {
    check("wholesale", ChooseKParams::default(), LinfaKMeans::default());
}

#[test]
fn cc_general() {
    let p = ChooseKParams::default()
        .with_silhouette(SilhouetteParams::default().with_sample_cap(2_000))
        .with_aux_sample_cap(800)
        .with_gap_references(4)
        .with_stability_runs(4);
    check("cc_general", p, LinfaKMeans { n_runs: 1, ..Default::default() });
}
