//! Consensus clustering: recovery of known segments from noisy or seed-varied runs, the sampled path above
//! the co-association cap, noise handling, Hennig stability telling stable from arbitrary segments, and
//! hostile input.

use crate::metrics_common;

use metrics_common::blobs;
use segscope::engine::choose_k::{LinfaKMeans, SweepClusterer};
use segscope::engine::cluster::consensus::{
    consensus, consensus_of_runs, ConsensusError, ConsensusParams, ConsensusRun,
};
use segscope::engine::metrics::adjusted_rand_index;
use segscope::engine::progress::{Monitor, Silent};
use segscope::engine::rng::{rng, Rng};

/// `truth` with a fraction of labels replaced by random ones, per run.
fn noisy_runs(truth: &[i32], k: i32, runs: usize, flip: f64, seed: u64) -> Vec<Vec<i32>> {
    let mut r = rng(seed);
    (0..runs)
        .map(|_| truth.iter().map(|&l| if r.gen::<f64>() < flip { r.gen_range(0..k) } else { l }).collect())
        .collect()
}

#[test]
fn recovers_the_truth_from_noisy_labelings_and_rates_it_stable() {
    let (_, truth) = blobs(3, 4, 2, (60, 90), 8.0);
    let runs = noisy_runs(&truth, 4, 8, 0.15, 1);
    let p = ConsensusParams::default().with_k(4).check().unwrap();
    let c = consensus(&runs, &p, &mut Silent).unwrap();
    assert_eq!(adjusted_rand_index(&c.labels, &truth).unwrap(), 1.0);
    assert_eq!(c.k, 4);
    assert!(!c.sampled);
    assert_eq!(c.segments.len(), 4);
    for s in &c.segments {
        assert!(s.jaccard.unwrap() > 0.95, "{s:?}");
        assert_eq!(s.dissolved, 0);
    }
    assert!(c.run_agreement.iter().all(|&a| a > 0.5 && a < 1.0));
    // deterministic, and k defaults to the runs' most common number of segments
    assert_eq!(c, consensus(&runs, &p, &mut Silent).unwrap());
    let d = consensus(&runs, &ConsensusParams::default().check().unwrap(), &mut Silent).unwrap();
    assert_eq!(d.k, 4);
}

#[test]
fn sampled_path_assigns_every_row_like_the_full_consensus() {
    let (_, truth) = blobs(5, 5, 3, (400, 600), 8.0);
    let runs = noisy_runs(&truth, 5, 6, 0.2, 2);
    let full = consensus(
        &runs,
        &ConsensusParams::default().with_k(5).with_bootstrap_runs(0).check().unwrap(),
        &mut Silent,
    )
    .unwrap();
    let p = ConsensusParams::default().with_k(5).with_sample_cap(500).with_bootstrap_runs(5).check().unwrap();
    let s = consensus(&runs, &p, &mut Silent).unwrap();
    assert!(s.sampled);
    assert_eq!(s.sample_size, 500);
    assert_eq!(s.labels.len(), truth.len());
    assert_eq!(s.unassigned, 0);
    let ari = adjusted_rand_index(&s.labels, &full.labels).unwrap();
    let (full_truth, sampled_truth) =
        (adjusted_rand_index(&full.labels, &truth).unwrap(), adjusted_rand_index(&s.labels, &truth).unwrap());
    println!(
        "ARI: sampled vs full consensus {ari}, full vs truth {full_truth}, sampled vs truth {sampled_truth}"
    );
    // average linkage on a noisy co-association misplaces a few boundary rows either way (scipy does the
    // same): the sampled path must be as good as the full one
    assert!(ari > 0.95 && sampled_truth > 0.95 && sampled_truth > full_truth - 0.01);
    assert!(s.notes.iter().any(|n| n.contains("sample of 500")));
}

#[test]
fn rows_that_are_mostly_noise_stay_noise() {
    let truth: Vec<i32> = (0..60).map(|i| i / 20).collect();
    let mut runs = vec![truth.clone(), truth.clone(), truth.clone()];
    for run in runs.iter_mut().take(2) {
        run[0] = -1;
        run[21] = -1;
    }
    runs[2][40] = -1;
    let c = consensus(&runs, &ConsensusParams::default().with_k(3).check().unwrap(), &mut Silent).unwrap();
    assert_eq!((c.labels[0], c.labels[21]), (-1, -1));
    assert_ne!(c.labels[40], -1);
    assert!(c.notes.iter().any(|n| n.contains("2 rows are noise")));
}

#[test]
fn refitted_runs_separate_stable_segments_from_an_arbitrary_split() {
    // three blobs, but every run asks k-means for 4: one blob gets split, differently from fit to fit
    let (x, truth) = blobs(11, 3, 2, (80, 80), 10.0);
    let km = LinfaKMeans::default();
    let runs: Vec<ConsensusRun> =
        (0..6).map(|s| ConsensusRun { clusterer: &km as &dyn SweepClusterer, k: 4, seed: s }).collect();
    let p = ConsensusParams::default().with_k(4).with_bootstrap_runs(10).check().unwrap();
    let (c, labelings) = consensus_of_runs(x.view(), &runs, &p, &mut Silent).unwrap();
    assert_eq!(labelings.len(), 6);
    let j: Vec<f64> = c.segments.iter().map(|s| s.jaccard.unwrap()).collect();
    println!("segment Jaccards {j:?}");
    let max = j.iter().copied().fold(0.0, f64::max);
    let min = j.iter().copied().fold(1.0, f64::min);
    assert!(max > 0.95, "{j:?}");
    assert!(min < 0.8, "{j:?}");
    // the consensus at k = 3 is the truth, and all its segments are stable
    let runs3: Vec<ConsensusRun> =
        (0..4).map(|s| ConsensusRun { clusterer: &km as &dyn SweepClusterer, k: 3, seed: s }).collect();
    let p3 = ConsensusParams::default().with_k(3).with_bootstrap_runs(5).check().unwrap();
    let (c3, _) = consensus_of_runs(x.view(), &runs3, &p3, &mut Silent).unwrap();
    assert_eq!(adjusted_rand_index(&c3.labels, &truth).unwrap(), 1.0);
    assert!(c3.segments.iter().all(|s| s.jaccard.unwrap() > 0.95));
}

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let p = ConsensusParams::default().check().unwrap();
    assert_eq!(consensus(&[vec![0, 1]], &p, &mut Silent), Err(ConsensusError::TooFewRuns(1)));
    assert_eq!(consensus(&[vec![], vec![]], &p, &mut Silent), Err(ConsensusError::Empty));
    assert_eq!(
        consensus(&[vec![0, 1], vec![0]], &p, &mut Silent),
        Err(ConsensusError::LengthMismatch { index: 1, got: 1, expected: 2 })
    );
    // a single segment in every run: no k ≥ 2 to default to
    assert_eq!(consensus(&[vec![0, 0, 0], vec![1, 1, 1]], &p, &mut Silent), Err(ConsensusError::K(1)));
    // all noise
    let p2 = ConsensusParams::default().with_k(2).check().unwrap();
    assert_eq!(
        consensus(&[vec![-1; 5], vec![-1; 5]], &p2, &mut Silent),
        Err(ConsensusError::TooFewRows { k: 2, rows: 0 })
    );
    // k larger than the rows
    let p9 = ConsensusParams::default().with_k(9).check().unwrap();
    assert!(matches!(
        consensus(&[vec![0, 1, 2], vec![0, 1, 1]], &p9, &mut Silent),
        Err(ConsensusError::TooFewRows { .. })
    ));
    // NaN data for re-fitted runs
    let km = LinfaKMeans::default();
    let runs =
        [ConsensusRun { clusterer: &km, k: 2, seed: 0 }, ConsensusRun { clusterer: &km, k: 2, seed: 1 }];
    let x = ndarray::array![[0.0], [f64::NAN], [1.0]];
    assert!(matches!(consensus_of_runs(x.view(), &runs, &p2, &mut Silent), Err(ConsensusError::Data(_))));
    // k > n for re-fitted runs: the clusterer's error, named
    let x = ndarray::array![[0.0], [1.0]];
    let runs =
        [ConsensusRun { clusterer: &km, k: 5, seed: 0 }, ConsensusRun { clusterer: &km, k: 5, seed: 1 }];
    assert!(matches!(
        consensus_of_runs(x.view(), &runs, &p2, &mut Silent),
        Err(ConsensusError::Fit { k: 5, .. })
    ));
}

#[test]
fn cancel_stops_the_bootstrap() {
    struct StopAfter(usize);
    impl Monitor for StopAfter {
        fn progress(&mut self, _: &str, _: f64) {
            self.0 = self.0.saturating_sub(1);
        }
        fn cancelled(&self) -> bool {
            self.0 == 0
        }
    }
    let (_, truth) = blobs(3, 3, 2, (50, 50), 8.0);
    let runs = noisy_runs(&truth, 3, 4, 0.1, 1);
    let p = ConsensusParams::default().with_k(3).check().unwrap();
    assert!(matches!(consensus(&runs, &p, &mut StopAfter(3)), Err(ConsensusError::Cancelled(_))));
}
