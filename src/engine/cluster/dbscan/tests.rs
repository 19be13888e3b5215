//! Unit tests: labels against a literal port of sklearn's `dbscan_inner`, hostile input, predict, k-distance.

use ndarray::Array2;

use super::*;
use crate::engine::cluster::spatial::sq_dist;
use crate::engine::cluster::{Predict, NOISE};
use crate::engine::progress::{Monitor, Silent};
use crate::engine::rng::{rng, Rng};

/// sklearn's algorithm verbatim: brute-force neighbourhoods in index order, then the stack expansion.
fn sklearn_dbscan(x: &Array2<f64>, eps: f64, min_samples: usize) -> Vec<i32> {
    let n = x.nrows();
    let rows: Vec<Vec<f64>> = x.outer_iter().map(|r| r.to_vec()).collect();
    let neigh: Vec<Vec<usize>> =
        (0..n).map(|i| (0..n).filter(|&j| sq_dist(&rows[i], &rows[j]) <= eps * eps).collect()).collect();
    let core: Vec<bool> = neigh.iter().map(|v| v.len() >= min_samples).collect();
    let mut labels = vec![-1; n];
    let mut label_num = 0;
    for start in 0..n {
        if labels[start] != -1 || !core[start] {
            continue;
        }
        let mut stack = Vec::new();
        let mut i = start;
        loop {
            if labels[i] == -1 {
                labels[i] = label_num;
                if core[i] {
                    for &v in &neigh[i] {
                        if labels[v] == -1 {
                            stack.push(v);
                        }
                    }
                }
            }
            match stack.pop() {
                Some(v) => i = v,
                None => break,
            }
        }
        label_num += 1;
    }
    labels
}

fn blobs(n: usize, seed: u64) -> Array2<f64> {
    let mut r = rng(seed);
    let centres = [[0.0, 0.0], [3.0, 3.0], [0.0, 4.0]];
    Array2::from_shape_fn((n, 2), |(i, j)| {
        centres[i % 3][j] + r.gen_range(-1.0..1.0) * (1.0 + (i % 7) as f64 * 0.2)
    })
}

#[test]
fn labels_equal_a_literal_port_of_sklearn() {
    for seed in 0..4 {
        let x = blobs(300, seed);
        for (eps, ms) in [(0.2, 3), (0.3, 5), (0.5, 10), (1.0, 1), (0.05, 2)] {
            let fit = DbscanParams::default().with_eps(eps).with_min_samples(ms).check().unwrap();
            let got = fit.fit(x.view(), &mut Silent).unwrap();
            assert_eq!(got.labels, sklearn_dbscan(&x, eps, ms), "seed {seed} eps {eps} ms {ms}");
            // without the kept neighbour lists (pass 3 queries the tree again), and with them running out midway
            for budget in [0, 40] {
                let again = fit.fit_with_budget(x.view(), &mut Silent, budget).unwrap();
                assert_eq!(again.labels, got.labels, "budget {budget}");
            }
        }
    }
}

/// Pass 2 looks for each core pair from one side only (the earlier in tree order): on a grid with duplicate
/// rows and many distances exactly eps, in 4-D, the labels still equal the literal port.
#[test]
fn labels_equal_the_port_on_a_grid_with_duplicates_and_ties() {
    for seed in 0..3 {
        let mut r = rng(seed);
        let x = Array2::from_shape_fn((600, 4), |(i, j)| {
            let offset = if j == 0 { (i % 3) as f64 * 2.5 } else { 0.0 };
            offset + (r.gen_range(-1.0..1.0f64) * 2.0).round() / 2.0
        });
        for (eps, ms) in [(0.5, 3), (0.5, 8), (0.75, 6), (0.5, 1)] {
            let fit = DbscanParams::default().with_eps(eps).with_min_samples(ms).check().unwrap();
            let got = fit.fit(x.view(), &mut Silent).unwrap();
            assert_eq!(got.labels, sklearn_dbscan(&x, eps, ms), "seed {seed} eps {eps} ms {ms}");
        }
    }
}

#[test]
fn predict_on_training_core_points_gives_their_labels() {
    let x = blobs(300, 9);
    let fit =
        DbscanParams::default().with_eps(0.3).with_min_samples(4).check().unwrap().fit(x.view(), &mut Silent);
    let fit = fit.unwrap();
    let pred = fit.model.predict(x.view());
    for ((p, l), core) in pred.iter().zip(&fit.labels).zip(&fit.is_core) {
        if *core {
            assert_eq!(p, l);
        }
    }
    // a far-away row is noise, a NaN row is noise, a wrong width is an error
    let far = Array2::from_elem((1, 2), 100.0);
    assert_eq!(fit.model.predict(far.view()), vec![NOISE]);
    let nan = Array2::from_elem((1, 2), f64::NAN);
    assert_eq!(fit.model.predict(nan.view()), vec![NOISE]);
    let wide = Array2::zeros((2, 3));
    assert!(matches!(fit.model.try_predict(wide.view()), Err(DbscanError::FeatureMismatch { .. })));
    assert_eq!(fit.model.predict(wide.view()), vec![NOISE; 2]);
}

#[test]
fn core_point_cap_stores_a_seeded_sample_and_says_so() {
    let x = blobs(300, 3);
    let p = DbscanParams::default().with_eps(0.5).with_min_samples(3).with_max_core_points(50);
    let a = p.check().unwrap().fit(x.view(), &mut Silent).unwrap();
    let b = p.check().unwrap().fit(x.view(), &mut Silent).unwrap();
    assert_eq!(a.model.core_labels.len(), 50);
    assert_eq!(a.model, b.model);
    assert!(a.model.n_core_total > 50);
    assert!(a.info.notes.iter().any(|s| s.contains("seeded sample")));
    let json = serde_json::to_string(&a.model).unwrap();
    assert_eq!(serde_json::from_str::<DbscanModel>(&json).unwrap(), a.model);
}

#[test]
fn hostile_inputs_are_errors_or_sensible_labels() {
    let p = |eps: f64, ms: usize| DbscanParams::default().with_eps(eps).with_min_samples(ms).check().unwrap();
    // n = 1
    let one = Array2::from_elem((1, 3), 2.0);
    assert_eq!(p(0.5, 1).fit(one.view(), &mut Silent).unwrap().labels, vec![0]);
    assert_eq!(p(0.5, 2).fit(one.view(), &mut Silent).unwrap().labels, vec![NOISE]);
    // all identical, duplicates
    let same = Array2::from_elem((500, 2), 1.0);
    let f = p(1e-9, 5).fit(same.view(), &mut Silent).unwrap();
    assert!(f.labels.iter().all(|&l| l == 0));
    // tiny eps: all noise; huge eps: one cluster
    let x = blobs(200, 1);
    assert!(p(1e-12, 2).fit(x.view(), &mut Silent).unwrap().labels.iter().all(|&l| l == NOISE));
    assert!(p(1e12, 5).fit(x.view(), &mut Silent).unwrap().labels.iter().all(|&l| l == 0));
    // NaN, empty, no columns
    let mut bad = x.clone();
    bad[[17, 1]] = f64::NAN;
    assert_eq!(
        p(0.5, 5).fit(bad.view(), &mut Silent).unwrap_err(),
        DbscanError::NonFinite { row: 17, column: 1 }
    );
    assert_eq!(p(0.5, 5).fit(Array2::zeros((0, 2)).view(), &mut Silent).unwrap_err(), DbscanError::NoRows);
    assert_eq!(
        p(0.5, 5).fit(Array2::zeros((3, 0)).view(), &mut Silent).unwrap_err(),
        DbscanError::NoFeatures
    );
}

struct CancelAt(usize, usize);
impl Monitor for CancelAt {
    fn progress(&mut self, _: &str, _: f64) {
        self.1 += 1;
    }
    fn cancelled(&self) -> bool {
        self.1 > self.0
    }
}

#[test]
fn cancel_stops_fit_and_curve() {
    let x = blobs(10_000, 2);
    let p = DbscanParams::default().with_eps(0.3).check().unwrap();
    assert!(matches!(p.fit(x.view(), &mut CancelAt(1, 0)), Err(DbscanError::Cancelled(_))));
    assert!(matches!(k_distance_curve(x.view(), 5, &mut CancelAt(1, 0)), Err(DbscanError::Cancelled(_))));
}

#[test]
fn k_distances_count_the_point_itself() {
    let x = Array2::from_shape_vec((4, 1), vec![0.0, 1.0, 3.0, 7.0]).unwrap();
    // k = 1: the point itself; k = 2: nearest other point
    assert_eq!(k_distances(x.view(), 1, &mut Silent).unwrap(), vec![0.0; 4]);
    assert_eq!(k_distances(x.view(), 2, &mut Silent).unwrap(), vec![1.0, 1.0, 2.0, 4.0]);
    assert_eq!(
        k_distances(x.view(), 5, &mut Silent).unwrap_err(),
        DbscanError::TooFewRows { rows: 4, needed: 5 }
    );
}

#[test]
fn kneedle_finds_the_bend_and_decimation_keeps_it() {
    // flat then steep: the knee is where the slope changes
    let y: Vec<f64> = (0..10_000)
        .map(|i| if i < 9_000 { i as f64 * 1e-4 } else { 0.9 + (i - 9_000) as f64 * 0.01 })
        .collect();
    let knee = kneedle_convex_increasing(&y).unwrap();
    assert!((8_990..=9_010).contains(&knee), "{knee}");
    let pts = decimate(&y, Some(knee), MAX_CURVE_POINTS);
    assert!(pts.len() <= MAX_CURVE_POINTS, "{}", pts.len());
    assert!(pts.contains(&(knee, y[knee])));
    assert_eq!(pts.first(), Some(&(0, y[0])));
    assert_eq!(pts.last(), Some(&(9_999, y[9_999])));
    assert!(pts.windows(2).all(|w| w[0].0 < w[1].0));
    // no bend: flat or straight
    assert_eq!(kneedle_convex_increasing(&[1.0; 50]), None);
    let line: Vec<f64> = (0..50).map(|i| i as f64).collect();
    assert_eq!(kneedle_convex_increasing(&line), None);
    let curve = k_distance_curve(blobs(5_000, 4).view(), 5, &mut Silent).unwrap();
    assert!(curve.points.len() <= MAX_CURVE_POINTS && curve.suggested_eps().is_some());
}
