//! The k sweep on bad input returns errors (never panics), honours cancel, reports progress, and is
//! deterministic.

use crate::metrics_common;

use metrics_common::blobs;
use ndarray::{array, Array2};
use segscope::engine::choose_k::{
    sweep, sweep_one, ChooseKError, ChooseKParams, LinfaKMeans, SweepClusterer, SweepFit,
};
use segscope::engine::metrics::MetricsError;
use segscope::engine::progress::{Monitor, Silent};

fn quick() -> ChooseKParams {
    ChooseKParams::default().with_k_range(2, 5).with_gap_references(3).with_stability_runs(3)
}

#[test]
fn bad_data_is_an_error() {
    let km = LinfaKMeans::default();
    let p = quick().check().unwrap();
    let nan = array![[0.0, 1.0], [f64::NAN, 2.0], [3.0, 4.0], [5.0, 6.0]];
    assert!(matches!(
        sweep_one(nan.view(), &km, &p, &mut Silent),
        Err(ChooseKError::Data(MetricsError::NonFinite { row: 1, column: 0, .. }))
    ));
    let empty = Array2::<f64>::zeros((0, 2));
    assert_eq!(
        sweep_one(empty.view(), &km, &p, &mut Silent),
        Err(ChooseKError::TooFewRows { rows: 0, needed: 3 })
    );
    let one = array![[1.0, 2.0]];
    assert_eq!(
        sweep_one(one.view(), &km, &p, &mut Silent),
        Err(ChooseKError::TooFewRows { rows: 1, needed: 3 })
    );
    let no_cols = Array2::<f64>::zeros((5, 0));
    assert_eq!(
        sweep_one(no_cols.view(), &km, &p, &mut Silent),
        Err(ChooseKError::Data(MetricsError::NoColumns))
    );
    assert_eq!(sweep(nan.view(), &[], &p, &mut Silent), Err(ChooseKError::NoClusterers));
}

#[test]
fn k_above_n_is_lowered_and_noted() {
    let km = LinfaKMeans::default();
    let x = array![[0.0], [0.1], [5.0], [5.1], [9.0]];
    let p = ChooseKParams::default().with_k_range(2, 10).with_gap_references(2).with_stability_runs(0);
    let s = sweep_one(x.view(), &km, &p.check().unwrap(), &mut Silent).unwrap();
    assert_eq!(s.scores.last().unwrap().k, 4);
    assert!(s.notes.iter().any(|n| n.contains("k_max lowered from 10 to 4")));
    assert!((2..=4).contains(&s.suggestion.k));
}

#[test]
fn constant_data_gives_a_suggestion_without_panicking() {
    let km = LinfaKMeans::default();
    let x = Array2::from_elem((30, 2), 3.0);
    let s = sweep_one(x.view(), &km, &quick().check().unwrap(), &mut Silent).unwrap();
    assert!((2..=5).contains(&s.suggestion.k));
    assert!(!s.suggestion.reason.is_empty());
}

/// A clusterer that fails, or returns the wrong number of labels.
struct Broken(bool);
impl SweepClusterer for Broken {
    fn name(&self) -> &str {
        "broken"
    }
    fn fit_k(
        &self,
        x: ndarray::ArrayView2<f64>,
        k: usize,
        _: u64,
        _: &mut dyn Monitor,
    ) -> Result<SweepFit, String> {
        if self.0 {
            Err(format!("cannot fit {k}"))
        } else {
            Ok(SweepFit { labels: vec![0; x.nrows() + 1], ..Default::default() })
        }
    }
}

#[test]
fn clusterer_failures_are_named() {
    let (x, _) = blobs(1, 3, 2, (20, 20), 8.0);
    let p = quick().check().unwrap();
    assert_eq!(
        sweep_one(x.view(), &Broken(true), &p, &mut Silent),
        Err(ChooseKError::Fit { algorithm: "broken".into(), k: 2, message: "cannot fit 2".into() })
    );
    assert_eq!(
        sweep_one(x.view(), &Broken(false), &p, &mut Silent),
        Err(ChooseKError::FitLength { algorithm: "broken".into(), k: 2, rows: 60, got: 61 })
    );
}

struct Recorder {
    fractions: Vec<f64>,
    stop_after: usize,
}
impl Monitor for Recorder {
    fn progress(&mut self, stage: &str, fraction: f64) {
        assert_eq!(stage, "choose k");
        self.fractions.push(fraction);
    }
    fn cancelled(&self) -> bool {
        self.fractions.len() >= self.stop_after
    }
}

#[test]
fn progress_is_monotone_and_cancel_stops() {
    let (x, _) = blobs(2, 3, 2, (30, 30), 8.0);
    let km = LinfaKMeans::default();
    let p = quick().check().unwrap();
    let mut rec = Recorder { fractions: Vec::new(), stop_after: usize::MAX };
    sweep(x.view(), &[&km], &p, &mut rec).unwrap();
    assert!(rec.fractions.windows(2).all(|w| w[0] <= w[1] + 1e-12), "{:?}", rec.fractions);
    assert_eq!(rec.fractions.last(), Some(&1.0));
    let mut stop = Recorder { fractions: Vec::new(), stop_after: 5 };
    assert!(matches!(sweep(x.view(), &[&km], &p, &mut stop), Err(ChooseKError::Cancelled(_))));
}

#[test]
fn deterministic_and_two_algorithms_are_combined() {
    let (x, _) = blobs(4, 4, 3, (40, 40), 8.0);
    let a = LinfaKMeans::default();
    let b = LinfaKMeans { n_runs: 1, ..Default::default() };
    let p = quick().check().unwrap();
    let s1 = sweep(x.view(), &[&a, &b], &p, &mut Silent).unwrap();
    let s2 = sweep(x.view(), &[&a, &b], &p, &mut Silent).unwrap();
    assert_eq!(s1, s2);
    assert_eq!(s1.algorithms.len(), 2);
    assert_eq!(s1.suggestion.k, 4);
    assert!(s1.suggestion.reason.contains("k-means suggests 4"));
}

#[test]
fn above_the_fit_cap_every_k_is_fitted_on_a_seeded_sample() {
    let km = LinfaKMeans { n_runs: 2, ..Default::default() };
    let (x, _) = blobs(7, 4, 3, (300, 400), 6.0);
    let n = x.nrows();
    let full = quick().check().unwrap();
    let capped = quick().with_fit_sample_cap(600).check().unwrap();
    let a = sweep_one(x.view(), &km, &full, &mut Silent).unwrap();
    let b = sweep_one(x.view(), &km, &capped, &mut Silent).unwrap();
    assert!(!a.notes.iter().any(|s| s.contains("fitted and scored on a seeded sample")));
    assert!(
        b.notes.iter().any(|s| s.contains(&format!("seeded sample of 600 of {n} rows"))),
        "{:?}",
        b.notes
    );
    // Well-separated blobs: the sample tells the same k; the inertias are the sample's (smaller).
    assert_eq!((a.suggestion.k, b.suggestion.k), (4, 4));
    assert!(b.scores[0].inertia < a.scores[0].inertia);
    // Deterministic, and a cap at or above n changes nothing.
    assert_eq!(sweep_one(x.view(), &km, &capped, &mut Silent).unwrap(), b);
    let roomy = quick().with_fit_sample_cap(n).check().unwrap();
    assert_eq!(sweep_one(x.view(), &km, &roomy, &mut Silent).unwrap(), a);
    assert_eq!(
        quick().with_fit_sample_cap(9).check(),
        Err(ChooseKError::FitSampleCap { got: 9, needed: 10 })
    );
}

/// The browser's worker pool splits a sweep over k: each pool worker builds a plan from the main plan's rows
/// and scores the k's it is handed. Any split, in any order, must give exactly the serial sweep, with and
/// without the fit sample.
#[test]
fn a_sweep_split_over_k_equals_the_serial_sweep() {
    use segscope::engine::choose_k::SweepPlan;
    let km = LinfaKMeans { n_runs: 2, ..Default::default() };
    let (x, _) = blobs(11, 4, 3, (300, 400), 4.0);
    for params in [quick().check().unwrap(), quick().with_fit_sample_cap(700).check().unwrap()] {
        let serial = sweep_one(x.view(), &km, &params, &mut Silent).unwrap();
        let main = SweepPlan::new(x.view(), &params).unwrap();
        let members = [
            SweepPlan::new(main.rows().to_owned(), &params).unwrap(),
            SweepPlan::new(main.rows(), &params).unwrap(),
        ];
        let mut scored = Vec::new();
        for (i, &k) in main.ks().iter().rev().enumerate() {
            scored.push(members[i % 2].score_k(&km, k, &mut Silent).unwrap());
        }
        assert_eq!(main.finish(&km, scored), serial);
    }
    // A k-means that cannot fit k = 4 fails the same way when split.
    let p = quick().check().unwrap();
    let plan = SweepPlan::new(x.view(), &p).unwrap();
    assert!(matches!(plan.score_k(&Broken(true), 4, &mut Silent), Err(ChooseKError::Fit { k: 4, .. })));
}
