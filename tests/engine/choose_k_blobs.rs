//! Acceptance: on make_blobs-style data with 3–8 well-separated centres the suggested k is the true k in
//! at least 18 of 20 seeded cases. Data: k ∈ 3..=8 centres uniform in [−10, 10]^d, d ∈ 2..=8, every pair of
//! centres ≥ 6 (= 6 cluster std) apart, 100–200 points per centre, N(0, 1) noise, all from the engine RNG.
//!
//! To stay within the test-time budget (linfa's k-means is slow on small data: ~1 ms per Lloyd pass here)
//! the gap statistic uses B = 4 reference sets and stability 4 subsample fits per k, both on a sample of
//! 500 rows (defaults: 10, 10 and 3,000), k-means keeps the best of 2 starts (default 4), and the cases
//! run in parallel. Failures are printed.

use crate::metrics_common;

use metrics_common::blobs;
use rayon::prelude::*;
use segscope::engine::choose_k::{sweep_one, ChooseKParams, LinfaKMeans};
use segscope::engine::progress::Silent;
use segscope::engine::rng::{sub_rng, Rng};

#[test]
fn suggests_the_true_k_on_well_separated_blobs() {
    let params = ChooseKParams::default()
        .with_gap_references(4)
        .with_stability_runs(4)
        .with_aux_sample_cap(500)
        .check()
        .unwrap();
    let km = LinfaKMeans { n_runs: 2, ..Default::default() };
    let results: Vec<(u64, usize, usize, usize, String)> = (0..20u64)
        .into_par_iter()
        .map(|case| {
            let mut r = sub_rng(case, 99);
            let k = r.gen_range(3..=8usize);
            let d = r.gen_range(2..=8usize);
            let (x, _) = blobs(case, k, d, (100, 200), 6.0);
            let s = sweep_one(x.view(), &km, &params, &mut Silent).unwrap();
            (case, k, d, s.suggestion.k, format!("{:?} — {}", s.picks, s.suggestion.reason))
        })
        .collect();
    let mut hits = 0;
    for (case, k, d, got, why) in &results {
        if got == k {
            hits += 1;
        } else {
            println!("FAIL case {case}: true k {k}, d {d}, suggested {got}: {why}");
        }
    }
    println!("{hits}/20 suggestions equal the true k");
    assert!(hits >= 18, "only {hits}/20");
}

/// The track record behind the rule's weights (module doc of `choose_k`): 60 other seeds, default
/// parameters. Slow (minutes in the dev profile): `cargo test --release --test choose_k_blobs -- --ignored`.
#[test]
#[ignore]
fn criterion_track_record_with_default_parameters() {
    let params = ChooseKParams::default().check().unwrap();
    let km = LinfaKMeans::default();
    let rows: Vec<(usize, segscope::engine::choose_k::Picks, usize)> = (100..160u64)
        .into_par_iter()
        .map(|case| {
            let mut r = sub_rng(case, 99);
            let k = r.gen_range(3..=8usize);
            let d = r.gen_range(2..=8usize);
            let (x, _) = blobs(case, k, d, (100, 200), 6.0);
            let s = sweep_one(x.view(), &km, &params, &mut Silent).unwrap();
            (k, s.picks, s.suggestion.k)
        })
        .collect();
    let hits = |f: &dyn Fn(&segscope::engine::choose_k::Picks) -> Option<usize>| {
        rows.iter().filter(|(k, p, _)| f(p) == Some(*k)).count()
    };
    println!(
        "true k picked by: CH {}, gap {}, DB {}, silhouette {}, elbow {}, stability {}; suggestion {}/60",
        hits(&|p| p.calinski_harabasz),
        hits(&|p| p.gap),
        hits(&|p| p.davies_bouldin),
        hits(&|p| p.silhouette),
        hits(&|p| p.elbow),
        hits(&|p| p.stability),
        rows.iter().filter(|(k, _, s)| s == k).count()
    );
    assert!(rows.iter().filter(|(k, _, s)| s == k).count() >= 57);
}
