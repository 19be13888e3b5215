//! k-prototypes on mall_customers with Gender categorical: non-increasing cost equal to an independent
//! recomputation, determinism, restarts, missing categories, prediction and bad input.

use crate::cluster_centroid_support;

use cluster_centroid_support::{read_csv, standardized};
use ndarray::{array, Array2, Axis};
use segscope::engine::cluster::kprototypes::{
    FittedKPrototypes, KPrototypesError, KPrototypesInit, KPrototypesParams, MISSING,
};
use segscope::engine::cluster::Predict;
use segscope::engine::progress::Silent;

/// Standardised Age, Income, Score and Gender codes (Female 0, Male 1).
fn mall() -> (Array2<f64>, Array2<u32>) {
    let (header, rows) = read_csv("mall_customers.csv");
    let g = header.iter().position(|h| h == "Gender").unwrap();
    let cat = Array2::from_shape_fn((rows.len(), 1), |(i, _)| u32::from(rows[i][g] == "Male"));
    (standardized("mall"), cat)
}

/// Independent cost: recomputes prototypes' distances from scratch with plain loops.
fn recompute(num: &Array2<f64>, cat: &Array2<u32>, m: &FittedKPrototypes, labels: &[i32]) -> f64 {
    let mut total = 0.0;
    for (i, &l) in labels.iter().enumerate() {
        let j = l as usize;
        for (a, b) in num.row(i).iter().zip(&m.numeric_centroids[j]) {
            total += (a - b).powi(2);
        }
        for (a, b) in cat.row(i).iter().zip(&m.categorical_modes[j]) {
            if *a != MISSING && *b != MISSING && a != b {
                total += m.gamma;
            }
        }
    }
    total
}

#[test]
fn cost_is_monotone_and_matches_recomputation() {
    let (num, cat) = mall();
    for init in [KPrototypesInit::Huang, KPrototypesInit::Cao] {
        for k in 2..=8 {
            let p = KPrototypesParams::new(k).with_init(init).with_n_init(4).with_seed(1).check().unwrap();
            let fit = p.fit(num.view(), cat.view(), &mut Silent).unwrap();
            for w in fit.cost_history.windows(2) {
                assert!(w[1] <= w[0] * (1.0 + 1e-12), "{init:?} k={k}: cost rose {:?}", fit.cost_history);
            }
            let again = recompute(&num, &cat, &fit.model, &fit.labels);
            assert!((again - fit.cost).abs() <= 1e-9 * fit.cost, "{init:?} k={k}: {again} vs {}", fit.cost);
            assert!(
                (fit.model.cost(num.view(), cat.view(), &fit.labels) - fit.cost).abs() <= 1e-9 * fit.cost
            );
            // labels are the nearest prototypes, and the prototypes the means/modes of their members
            assert_eq!(fit.model.predict_mixed(num.view(), cat.view()).unwrap(), fit.labels);
            for j in 0..k {
                let members: Vec<usize> = (0..num.nrows()).filter(|&i| fit.labels[i] == j as i32).collect();
                assert!(!members.is_empty(), "{init:?} k={k}: cluster {j} empty");
                let mean = num.select(Axis(0), &members).mean_axis(Axis(0)).unwrap();
                for (a, b) in mean.iter().zip(&fit.model.numeric_centroids[j]) {
                    assert!((a - b).abs() < 1e-12);
                }
            }
            assert!(fit.info.converged);
            // γ defaults to half the mean numeric standard deviation: 0.5 for standardised columns
            assert!((fit.model.gamma - 0.5).abs() < 1e-12);
        }
    }
}

#[test]
fn deterministic_and_huang_restarts_differ() {
    let (num, cat) = mall();
    let p = KPrototypesParams::new(5)
        .with_init(KPrototypesInit::Huang)
        .with_n_init(6)
        .with_seed(9)
        .check()
        .unwrap();
    let a = p.fit(num.view(), cat.view(), &mut Silent).unwrap();
    let b = p.fit(num.view(), cat.view(), &mut Silent).unwrap();
    assert_eq!(a, b);
    let distinct: std::collections::BTreeSet<u64> = a.restart_costs.iter().map(|v| v.to_bits()).collect();
    assert!(distinct.len() > 1, "{:?}", a.restart_costs);
    assert_eq!(a.cost, a.restart_costs.iter().copied().fold(f64::INFINITY, f64::min));
}

#[test]
fn missing_categories_cost_nothing_and_predict_works() {
    let (num, mut cat) = mall();
    for i in (0..cat.nrows()).step_by(7) {
        cat[[i, 0]] = MISSING;
    }
    let fit = KPrototypesParams::new(4).check().unwrap().fit(num.view(), cat.view(), &mut Silent).unwrap();
    assert!((recompute(&num, &cat, &fit.model, &fit.labels) - fit.cost).abs() <= 1e-9 * fit.cost);
    // Predict on [numeric | codes as f64] with NaN meaning missing
    let mut x = Array2::zeros((num.nrows(), 4));
    x.slice_mut(ndarray::s![.., ..3]).assign(&num);
    for i in 0..num.nrows() {
        x[[i, 3]] = if cat[[i, 0]] == MISSING { f64::NAN } else { f64::from(cat[[i, 0]]) };
    }
    assert_eq!(fit.model.predict(x.view()), fit.labels);
    assert_eq!(fit.model.predict(Array2::zeros((2, 3)).view()), vec![-1, -1]);
    let back: FittedKPrototypes = serde_json::from_str(&serde_json::to_string(&fit.model).unwrap()).unwrap();
    assert_eq!(back.predict_mixed(num.view(), cat.view()).unwrap(), fit.labels);
}

#[test]
fn numeric_only_or_categorical_only() {
    let num = array![[0.0], [0.1], [5.0], [5.1]];
    let none = Array2::<u32>::zeros((4, 0));
    let fit = KPrototypesParams::new(2).check().unwrap().fit(num.view(), none.view(), &mut Silent).unwrap();
    assert_eq!(fit.labels[0], fit.labels[1]);
    assert_ne!(fit.labels[0], fit.labels[2]);
    let cat = array![[1u32, 7], [1, 7], [2, 9], [2, 9]];
    let fit =
        KPrototypesParams::new(2).check().unwrap().fit(Array2::zeros((4, 0)).view(), cat.view(), &mut Silent);
    let fit = fit.unwrap();
    assert_eq!(fit.cost, 0.0);
    assert_eq!(fit.model.categorical_modes.iter().filter(|m| m[0] == 2 && m[1] == 9).count(), 1);
}

#[test]
fn bad_input_is_an_error() {
    let p = KPrototypesParams::new(3).check().unwrap();
    let num = array![[1.0], [2.0]];
    let cat = array![[0u32], [1]];
    assert!(matches!(
        p.fit(num.view(), cat.view(), &mut Silent),
        Err(KPrototypesError::TooManyClusters { .. })
    ));
    let cat3 = array![[0u32], [1], [1]];
    assert!(matches!(p.fit(num.view(), cat3.view(), &mut Silent), Err(KPrototypesError::RowMismatch { .. })));
    let e = Array2::<f64>::zeros((3, 0));
    let ec = Array2::<u32>::zeros((3, 0));
    assert!(matches!(p.fit(e.view(), ec.view(), &mut Silent), Err(KPrototypesError::EmptyData { .. })));
    let nan = array![[1.0], [f64::NAN], [3.0]];
    assert!(matches!(
        p.fit(nan.view(), cat3.view(), &mut Silent),
        Err(KPrototypesError::NonFinite { row: 1, .. })
    ));
    // all rows identical: fits without panicking
    let same = array![[1.0], [1.0], [1.0]];
    let fit = p.fit(same.view(), cat3.view(), &mut Silent).unwrap();
    assert_eq!(fit.labels.len(), 3);
}

/// A k-prototypes run counts its categorical features among the features it was found on, and says that
/// the quality scores leave them out (they were the number columns' scores, with nothing said).
#[test]
fn a_pipeline_run_counts_and_names_the_categorical_features() {
    use segscope::engine::pipeline::{AlgorithmConfig, PipelineConfig, Session};
    let bytes =
        std::fs::read(format!("{}/tests/data/mall_customers.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut config = PipelineConfig {
        algorithm: AlgorithmConfig::Kprototypes(KPrototypesParams::default().with_n_clusters(4)),
        ..PipelineConfig::default()
    };
    (config.evaluation.sweep, config.evaluation.selection) = (None, None);
    let mut session = Session::load(&bytes, "mall.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    assert_eq!((report.features.len(), report.categorical_features.clone()), (3, vec!["Gender".to_string()]));
    assert_eq!(report.n_features(), 4);
    assert!(report.notes.iter().any(|n| n.contains("measured on the 3 number features only: Gender")));
}
