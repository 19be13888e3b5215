//! K-means against scikit-learn on the real data (inertia for k = 2..10), Hamerly = Lloyd bit for bit,
//! mini-batch close to full k-means, determinism, weights, and bad input as errors.

use crate::cluster_centroid_support;

use cluster_centroid_support::{blobs, expected, standardized};
use ndarray::{array, Array2};
use segscope::engine::cluster::kmeans::{KMeansAlgorithm, KMeansError, KMeansParams, MiniBatchKMeansParams};
use segscope::engine::cluster::Predict;
use segscope::engine::progress::Silent;

const DATASETS: [&str; 3] = ["mall", "wholesale", "cc_general"];

/// Inertia of k-means with `n_init` restarts (seed 0) for every reference run, with the reference.
fn fits(name: &str, n_init: usize) -> Vec<(usize, f64, serde_json::Value)> {
    let refs = expected("cluster_centroid_kmeans.json");
    let x = standardized(name);
    refs[name]["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| {
            let k = run["k"].as_u64().unwrap() as usize;
            let p = KMeansParams::new(k).with_n_init(n_init).with_seed(0).check().unwrap();
            let fit = p.fit(x.view(), &mut Silent).unwrap();
            // inertia is the sum of squared distances to the assigned centroid
            let c = fit.centroids();
            let direct: f64 = x
                .outer_iter()
                .zip(&fit.labels)
                .map(|(r, &l)| r.iter().zip(c.row(l as usize)).map(|(a, b)| (a - b) * (a - b)).sum::<f64>())
                .sum();
            assert!((direct - fit.inertia).abs() <= 1e-9 * fit.inertia, "{name} k={k}");
            (k, fit.inertia, run.clone())
        })
        .collect()
}

/// n_init = 10 as scikit-learn: all 27 cases at most scikit-learn's inertia × 1.001 (the count at the end).
/// Per case, where scikit-learn's own seeds 0..9 disagree by more than that (with 10 restarts the best local
/// optimum is a lottery on these data), the assertion is its worst seed × 1.001; every case is printed.
/// Plain Lloyd from our seeds met scikit-learn × 1.001 in 21 cases, with the Hartigan refinement in 26 (mall
/// k = 7 at 1.0019). The swap polish of the best restart (`swap.rs`, default with `refine`) brings mall k = 7
/// to 1.000000 (117.0116, scikit-learn's optimum) and lowers cc_general k = 7..10 a little further (0.997000
/// → 0.996998, 0.998210 → 0.998185, 0.998131 → 0.998127, 0.999607 → 0.999489); every other case is
/// unchanged. Measured ours/sklearn: mall 1.000000 for k = 2..7, then 0.999611, 1.000000, 0.990069;
/// wholesale 0.999870, 0.989949, 0.999983, 0.999985, 0.999557, 0.999202, 0.999815, 0.983137, 0.976490;
/// cc_general 0.999999, 0.999995, 0.999998, 0.999871, 0.999971, 0.996998, 0.998185, 0.998127, 0.999489.
#[test]
fn inertia_matches_sklearn_k2_to_10() {
    let (mut strict, mut within) = (0, 0);
    for name in DATASETS {
        for (k, ours, run) in fits(name, 10) {
            let sk = run["inertia"].as_f64().unwrap();
            let seeds = cluster_centroid_support::floats(&run["inertia_seeds_0_9"]);
            let (lo, hi) = seeds.iter().fold((f64::INFINITY, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
            let lottery = hi > lo * 1.001;
            within += usize::from(ours <= sk * 1.001);
            eprintln!("{name} k={k}: ours/sklearn {:.6} (sklearn seeds spread {:.4})", ours / sk, hi / lo);
            if lottery {
                assert!(ours <= hi * 1.001, "{name} k={k}: {ours} above every sklearn seed ({hi})");
            } else {
                strict += 1;
                assert!(ours <= sk * 1.001, "{name} k={k}: ours {ours} vs sklearn {sk}");
            }
        }
    }
    assert!(strict >= 9, "only {strict} of 27 cases had a stable sklearn optimum");
    assert_eq!(within, 27, "only {within} of 27 cases within scikit-learn's inertia × 1.001");
}

/// With 200 restarts we reach scikit-learn's best optimum over its ten seeds in every case.
#[test]
fn inertia_with_more_restarts_reaches_sklearn_best() {
    for name in ["mall", "wholesale"] {
        for (k, ours, run) in fits(name, 200) {
            let best = cluster_centroid_support::floats(&run["inertia_seeds_0_9"])
                .into_iter()
                .chain([run["inertia"].as_f64().unwrap()])
                .fold(f64::INFINITY, f64::min);
            eprintln!("{name} k={k}: 200 restarts / sklearn's best of 10 seeds: {:.6}", ours / best);
            assert!(ours <= best * 1.001, "{name} k={k}: {ours} vs sklearn's best {best}");
        }
    }
}

#[test]
fn hamerly_equals_lloyd() {
    for name in DATASETS {
        let x = standardized(name);
        for k in [2, 5, 9] {
            let p = KMeansParams::new(k).with_n_init(3).with_seed(7);
            let a =
                p.clone().with_algorithm(KMeansAlgorithm::Lloyd).check().unwrap().fit(x.view(), &mut Silent);
            let b = p.with_algorithm(KMeansAlgorithm::Hamerly).check().unwrap().fit(x.view(), &mut Silent);
            let (a, b) = (a.unwrap(), b.unwrap());
            assert_eq!(a.labels, b.labels, "{name} k={k}");
            assert_eq!(a.inertia.to_bits(), b.inertia.to_bits(), "{name} k={k}");
            assert_eq!(a.model, b.model, "{name} k={k}");
            assert_eq!(a.info.iterations, b.info.iterations, "{name} k={k}");
        }
    }
}

#[test]
fn minibatch_close_to_full() {
    // Mini-batch is stochastic: single runs land 0–20 % above full k-means on these small sets, for
    // scikit-learn as for us. Compare the average over k = 2..10 with scikit-learn's mini-batch average.
    let refs = expected("cluster_centroid_kmeans.json");
    for name in ["mall", "cc_general"] {
        let x = standardized(name);
        let (mut ours, mut theirs, mut m) = (0.0, 0.0, 0.0);
        for run in refs[name]["runs"].as_array().unwrap() {
            let k = run["k"].as_u64().unwrap() as usize;
            let full = run["inertia"].as_f64().unwrap();
            let sk_mb = run["minibatch_inertia"].as_f64().unwrap();
            // mean over five seeds: a single mini-batch run is too noisy to compare
            let ratio = (0..5)
                .map(|seed| {
                    let p = MiniBatchKMeansParams::new(k).with_seed(seed).check().unwrap();
                    p.fit(x.view(), &mut Silent).unwrap().inertia / full
                })
                .sum::<f64>()
                / 5.0;
            eprintln!("{name} k={k}: mini-batch/full {ratio:.4} (sklearn's mini-batch {:.4})", sk_mb / full);
            assert!(ratio <= 1.25, "{name} k={k}: ratio {ratio}");
            ours += ratio;
            theirs += sk_mb / full;
            m += 1.0;
        }
        let (ours, theirs) = (ours / m, theirs / m);
        eprintln!("{name}: mean mini-batch/full ours {ours:.4}, sklearn {theirs:.4}");
        assert!(ours <= theirs + 0.03, "{name}: mean ratio {ours} vs sklearn {theirs}");
    }
    // on separated blobs mini-batch finds the same optimum within a few %
    let centres: Vec<Vec<f64>> =
        (0..8).map(|c| (0..8).map(|j| ((c * 7 + j * 3) % 11) as f64 * 4.0).collect()).collect();
    let (x, _) = blobs(&centres, 5000, 1.5, 3);
    let full = KMeansParams::new(8).with_n_init(3).check().unwrap().fit(x.view(), &mut Silent).unwrap();
    let mb = MiniBatchKMeansParams::new(8).check().unwrap().fit(x.view(), &mut Silent).unwrap();
    assert!(mb.inertia <= full.inertia * 1.03, "blobs: {} vs {}", mb.inertia, full.inertia);
}

#[test]
fn same_seed_same_result_and_restarts_differ() {
    let x = standardized("wholesale");
    let p = KMeansParams::new(6).with_n_init(5).with_seed(11).check().unwrap();
    let a = p.fit(x.view(), &mut Silent).unwrap();
    let b = p.fit(x.view(), &mut Silent).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.labels, b.labels);
    let distinct: std::collections::BTreeSet<u64> = a.restart_inertias.iter().map(|v| v.to_bits()).collect();
    assert!(distinct.len() > 1, "restarts gave identical inertias: {:?}", a.restart_inertias);
    let mb = MiniBatchKMeansParams::new(4).with_seed(3).check().unwrap();
    assert_eq!(mb.fit(x.view(), &mut Silent).unwrap().labels, mb.fit(x.view(), &mut Silent).unwrap().labels);
}

#[test]
fn predict_reproduces_labels_and_model_round_trips() {
    let x = standardized("mall");
    let fit = KMeansParams::new(5).check().unwrap().fit(x.view(), &mut Silent).unwrap();
    assert_eq!(fit.model.predict(x.view()), fit.labels);
    let json = serde_json::to_string(&fit.model).unwrap();
    let back: segscope::engine::cluster::kmeans::FittedKMeans = serde_json::from_str(&json).unwrap();
    assert_eq!(back.predict(x.view()), fit.labels);
    assert_eq!(fit.model.predict(Array2::<f64>::zeros((2, 2)).view()), vec![-1, -1]);
}

#[test]
fn integer_weights_equal_repeated_rows() {
    let x = array![[0.0, 0.0], [0.2, 0.1], [5.0, 5.0], [5.5, 4.5], [9.0, 0.0], [8.0, 1.0]];
    let w = [1.0, 3.0, 2.0, 1.0, 1.0, 2.0];
    let mut rows = Vec::new();
    for (r, &m) in x.outer_iter().zip(&w) {
        for _ in 0..m as usize {
            rows.extend(r.iter().copied());
        }
    }
    let rep = Array2::from_shape_vec((rows.len() / 2, 2), rows).unwrap();
    let p = KMeansParams::new(3).with_n_init(4).check().unwrap();
    let a = p.fit_weighted(x.view(), Some(&w), &mut Silent).unwrap();
    let b = p.fit(rep.view(), &mut Silent).unwrap();
    assert!((a.inertia - b.inertia).abs() < 1e-9, "{} vs {}", a.inertia, b.inertia);
}

#[test]
fn bad_input_is_an_error() {
    let p = KMeansParams::new(3).check().unwrap();
    let tiny = array![[1.0], [2.0]];
    assert_eq!(
        p.fit(tiny.view(), &mut Silent).unwrap_err(),
        KMeansError::TooManyClusters { n_clusters: 3, n_rows: 2 }
    );
    assert!(matches!(p.fit(Array2::zeros((0, 2)).view(), &mut Silent), Err(KMeansError::EmptyData { .. })));
    let nan = array![[1.0], [f64::NAN], [3.0]];
    assert!(matches!(p.fit(nan.view(), &mut Silent), Err(KMeansError::NonFinite { row: 1, col: 0, .. })));
    let ok = array![[1.0], [2.0], [3.0]];
    assert!(matches!(
        p.fit_weighted(ok.view(), Some(&[1.0]), &mut Silent),
        Err(KMeansError::WeightsLength { .. })
    ));
    assert!(matches!(
        p.fit_weighted(ok.view(), Some(&[1.0, -1.0, 1.0]), &mut Silent),
        Err(KMeansError::BadWeight { row: 1, .. })
    ));
    assert_eq!(
        p.fit_weighted(ok.view(), Some(&[0.0; 3]), &mut Silent).unwrap_err(),
        KMeansError::ZeroTotalWeight
    );
    // duplicate rows: more clusters than distinct points still fits
    let dup = array![[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [2.0, 2.0]];
    let f = p.fit(dup.view(), &mut Silent).unwrap();
    assert!(f.inertia.abs() < 1e-12);
    // a single row, k = 1; a constant column
    let one = KMeansParams::new(1).check().unwrap().fit(array![[4.0, 2.0]].view(), &mut Silent).unwrap();
    assert_eq!(one.labels, vec![0]);
    let mb = MiniBatchKMeansParams::new(2).check().unwrap();
    assert!(mb.fit(array![[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]].view(), &mut Silent).is_ok());
    assert!(matches!(mb.fit(array![[1.0]].view(), &mut Silent), Err(KMeansError::TooManyClusters { .. })));
}

#[test]
fn cancel_stops_the_fit() {
    struct Stop;
    impl segscope::engine::progress::Monitor for Stop {
        fn progress(&mut self, _: &str, _: f64) {}
        fn cancelled(&self) -> bool {
            true
        }
    }
    let x = standardized("mall");
    let p = KMeansParams::new(4).check().unwrap();
    assert!(matches!(p.fit(x.view(), &mut Stop), Err(KMeansError::Cancelled(_))));
    let mb = MiniBatchKMeansParams::new(4).check().unwrap();
    assert!(matches!(mb.fit(x.view(), &mut Stop), Err(KMeansError::Cancelled(_))));
}

/// Hartigan refinement never raises the inertia of the same restarts, and it leaves every row nearest its
/// own centroid (so `predict` on the training rows gives the fitted labels).
#[test]
fn refinement_never_raises_inertia() {
    for name in DATASETS {
        let x = standardized(name);
        for k in [3, 6, 9] {
            let p = KMeansParams::new(k).with_n_init(3).with_seed(11);
            let plain = p.clone().with_refine(false).check().unwrap().fit(x.view(), &mut Silent).unwrap();
            let refined = p.check().unwrap().fit(x.view(), &mut Silent).unwrap();
            assert!(
                refined.inertia <= plain.inertia,
                "{name} k={k}: {} > {}",
                refined.inertia,
                plain.inertia
            );
            for (a, b) in refined.restart_inertias.iter().zip(&plain.restart_inertias) {
                assert!(a <= b, "{name} k={k}: a restart got worse ({a} > {b})");
            }
            assert_eq!(refined.model.predict(x.view()), refined.labels, "{name} k={k}");
        }
    }
}

/// The browser's worker pool runs a fit's restarts on several workers: any split, returned in any order and
/// through JSON (as they travel), gives exactly the fit of all restarts in one place; parts that do not make
/// up every restart are an error.
#[test]
fn restarts_split_over_workers_give_the_same_fit() {
    use segscope::engine::cluster::kmeans::Restarts;
    let x = standardized("mall");
    for p in [KMeansParams::new(5).with_seed(3), KMeansParams::new(4).with_seed(9).with_refine(false)] {
        let p = p.check().unwrap();
        let whole = p.fit(x.view(), &mut Silent).unwrap();
        let travel =
            |r: Restarts| serde_json::from_str::<Restarts>(&serde_json::to_string(&r).unwrap()).unwrap();
        let parts = vec![
            travel(p.restarts(x.view(), None, 7..10, &mut Silent).unwrap()),
            travel(p.restarts(x.view(), None, 0..3, &mut Silent).unwrap()),
            travel(p.restarts(x.view(), None, 3..7, &mut Silent).unwrap()),
        ];
        assert_eq!(p.fit_from_restarts(x.view(), None, parts.clone(), 0.0, &mut Silent).unwrap(), whole);
        assert_eq!(
            p.fit_from_restarts(x.view(), None, parts[1..].to_vec(), 0.0, &mut Silent),
            Err(KMeansError::Restarts { n_init: 10 })
        );
    }
}
