//! Unit tests of the silhouette: against a naive O(n²) definition, scikit-learn's edge rules, params rules.

use super::*;
use crate::engine::progress::Silent;
use crate::engine::rng::{rng, Rng};
use ndarray::{array, Array2};

fn naive(x: &Array2<f64>, labels: &[i32]) -> Vec<f64> {
    let n = x.nrows();
    let dist = |i: usize, j: usize| -> f64 {
        x.row(i).iter().zip(x.row(j).iter()).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt()
    };
    let mut classes = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    (0..n)
        .map(|i| {
            let own: Vec<usize> = (0..n).filter(|&j| labels[j] == labels[i] && j != i).collect();
            if own.is_empty() {
                return 0.0;
            }
            let a = own.iter().map(|&j| dist(i, j)).sum::<f64>() / own.len() as f64;
            let b = classes
                .iter()
                .filter(|&&c| c != labels[i])
                .map(|&c| {
                    let m: Vec<usize> = (0..n).filter(|&j| labels[j] == c).collect();
                    m.iter().map(|&j| dist(i, j)).sum::<f64>() / m.len() as f64
                })
                .fold(f64::INFINITY, f64::min);
            if a.max(b) == 0.0 {
                0.0
            } else {
                (b - a) / a.max(b)
            }
        })
        .collect()
}

fn random(n: usize, d: usize, k: i32, seed: u64) -> (Array2<f64>, Vec<i32>) {
    let mut r = rng(seed);
    let x = Array2::from_shape_fn((n, d), |_| r.gen_range(-3.0..3.0));
    let labels = (0..n).map(|_| r.gen_range(0..k)).collect();
    (x, labels)
}

#[test]
fn matches_naive_definition_across_tiles_and_blocks() {
    for (n, d, k, seed) in [(7, 1, 2, 1), (300, 3, 4, 2), (600, 5, 7, 3), (1100, 2, 3, 4)] {
        let (x, labels) = random(n, d, k, seed);
        let s = silhouette_exact(x.view(), &labels, &mut Silent).unwrap();
        let want = naive(&x, &labels);
        for (g, w) in s.values.iter().zip(&want) {
            assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{g} vs {w}");
        }
        assert!(!s.sampled);
        assert_eq!(s.rows.len(), n);
    }
}

#[test]
fn singleton_scores_zero_and_minus_one_is_a_label() {
    let x = array![[0.0], [0.1], [5.0], [5.1], [9.0]];
    let s = silhouette_exact(x.view(), &[-1, -1, 3, 3, 7], &mut Silent).unwrap();
    assert_eq!(s.values[4], 0.0);
    assert_eq!(s.values, naive(&x, &[-1, -1, 3, 3, 7]));
}

#[test]
fn duplicate_points_in_two_labels_score_zero() {
    let x = array![[1.0], [1.0], [1.0], [1.0]];
    let s = silhouette_exact(x.view(), &[0, 0, 1, 1], &mut Silent).unwrap();
    assert_eq!(s.values, vec![0.0; 4]);
}

#[test]
fn one_label_or_all_distinct_is_an_error() {
    let x = array![[0.0], [1.0], [2.0]];
    assert_eq!(
        silhouette_exact(x.view(), &[0, 0, 0], &mut Silent),
        Err(MetricsError::LabelCount { labels: 1, rows: 3 })
    );
    assert_eq!(
        silhouette_exact(x.view(), &[0, 1, 2], &mut Silent),
        Err(MetricsError::LabelCount { labels: 3, rows: 3 })
    );
    assert!(silhouette_exact(x.view(), &[-1, -1, -1], &mut Silent).is_err());
}

#[test]
fn nan_is_an_error() {
    let x = array![[0.0], [f64::NAN], [2.0]];
    assert!(matches!(
        silhouette_exact(x.view(), &[0, 0, 1], &mut Silent),
        Err(MetricsError::NonFinite { row: 1, .. })
    ));
}

#[test]
fn sampled_with_full_size_equals_exact_and_sample_is_seeded() {
    let (x, labels) = random(200, 2, 3, 9);
    let e = silhouette_exact(x.view(), &labels, &mut Silent).unwrap();
    let s = silhouette_sampled(x.view(), &labels, 500, 1, &mut Silent).unwrap();
    assert_eq!(e, s);
    let a = silhouette_sampled(x.view(), &labels, 50, 1, &mut Silent).unwrap();
    let b = silhouette_sampled(x.view(), &labels, 50, 1, &mut Silent).unwrap();
    assert_eq!(a, b);
    assert!(a.sampled);
    assert_eq!(a.sample_size, 50);
    assert_eq!(a.rows.len(), 50);
}

#[test]
fn auto_switches_to_sampling_above_the_cap() {
    let (x, labels) = random(120, 2, 3, 5);
    let p =
        SilhouetteParams::default().with_sample_cap(100).with_sample_size(40).with_seed(3).check().unwrap();
    let s = silhouette(x.view(), &labels, &p, &mut Silent).unwrap();
    assert!(s.sampled);
    assert_eq!(s.sample_size, 40);
    let p = SilhouetteParams::default().with_sample_cap(120).check().unwrap();
    assert!(!silhouette(x.view(), &labels, &p, &mut Silent).unwrap().sampled);
}

#[test]
fn same_result_with_one_thread() {
    let (x, labels) = random(3000, 4, 5, 11);
    let many = silhouette_exact(x.view(), &labels, &mut Silent).unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let one = pool.install(|| silhouette_exact(x.view(), &labels, &mut Silent).unwrap());
    assert_eq!(many, one);
}

#[test]
fn cancel_stops() {
    struct Stop;
    impl Monitor for Stop {
        fn progress(&mut self, _: &str, _: f64) {}
        fn cancelled(&self) -> bool {
            true
        }
    }
    let (x, labels) = random(50, 2, 2, 1);
    assert!(matches!(silhouette_exact(x.view(), &labels, &mut Stop), Err(MetricsError::Cancelled(_))));
}

#[test]
fn sample_cap_must_be_at_least_2() {
    assert_eq!(SilhouetteParams::default().with_sample_cap(1).check(), Err(MetricsError::SampleCap(1)));
}

#[test]
fn sample_size_must_be_at_least_2() {
    assert_eq!(SilhouetteParams::default().with_sample_size(1).check(), Err(MetricsError::SampleSize(1)));
    let (x, labels) = random(20, 2, 2, 1);
    assert_eq!(silhouette_sampled(x.view(), &labels, 0, 0, &mut Silent), Err(MetricsError::SampleSize(0)));
}

#[test]
fn params_round_trip_and_reject_unknown_fields() {
    let p: SilhouetteParams = serde_json::from_str(r#"{"sample_cap": 50}"#).unwrap();
    assert_eq!(p, SilhouetteParams::default().with_sample_cap(50));
    assert!(serde_json::from_str::<SilhouetteParams>(r#"{"cap": 50}"#).is_err());
}

/// Scored in parts (as the browser's worker pool does) a silhouette is exactly the one-piece silhouette,
/// exact and sampled; parts that do not fit together are an error.
#[test]
fn a_silhouette_split_into_parts_equals_the_whole() {
    let (x, labels) = random(130, 3, 4, 21);
    for params in
        [SilhouetteParams::default(), SilhouetteParams::default().with_sample_cap(40).with_sample_size(31)]
    {
        let p = params.check().unwrap();
        let whole = silhouette(x.view(), &labels, &p, &mut Silent).unwrap();
        let job = SilhouetteJob::plan(x.view(), &labels, &p).unwrap();
        let copy = SilhouetteJob::from_parts(
            job.features.clone(),
            job.d,
            job.labels.clone(),
            job.rows.clone(),
            job.n,
        )
        .unwrap();
        let cut = job.len() / 3;
        let mut values = copy.values(cut..job.len(), &mut Silent).unwrap();
        values.splice(0..0, job.values(0..cut, &mut Silent).unwrap());
        assert_eq!(job.finish(values), whole);
    }
    assert!(SilhouetteJob::from_parts(vec![0.0; 6], 2, vec![0, 1], vec![0, 1], 2).is_err());
    assert!(SilhouetteJob::from_parts(vec![0.0; 4], 2, vec![0, 0], vec![0, 1], 2).is_err());
}
