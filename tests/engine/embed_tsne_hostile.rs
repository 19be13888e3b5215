//! t-SNE on hostile input and its contracts: caps and data errors, degenerate data (identical rows, heavy
//! duplicates, one column, two rows, overflowing values), 1-D and 3-D maps, progress, cancellation,
//! timing from the monitor, determinism across runs and thread counts, and the serialised fitted map.

use crate::embed_tsne_support::load_standardized;
use ndarray::{Array2, Axis};
use segscope::engine::embed::tsne::{
    Tsne, TsneError, TsneInit, TsneMethod, TsneParams, TsneStop, EXACT_MAX_ROWS, MAX_ROWS, STAGE,
};
use segscope::engine::progress::{Cancelled, Monitor, Silent};

fn quick() -> TsneParams {
    TsneParams::default().with_max_iter(300).with_exaggeration_iter(100)
}

fn all_finite(t: &Tsne) -> bool {
    t.coordinates.iter().all(|v| v.is_finite()) && t.kl_divergence.is_finite()
}

#[test]
fn the_row_caps_are_errors_that_name_the_cap() {
    let big = Array2::<f64>::zeros((MAX_ROWS + 1, 2));
    let e = TsneParams::default().fit(big.view(), &mut Silent).unwrap_err();
    assert_eq!(e, TsneError::TooManyRows { rows: MAX_ROWS + 1, cap: MAX_ROWS });
    assert!(e.to_string().contains("10000"), "{e}");
    let mid = Array2::<f64>::zeros((EXACT_MAX_ROWS + 1, 2));
    let e = TsneParams::default().with_method(TsneMethod::Exact).fit(mid.view(), &mut Silent).unwrap_err();
    assert_eq!(e, TsneError::ExactTooManyRows { rows: EXACT_MAX_ROWS + 1, cap: EXACT_MAX_ROWS });
}

#[test]
fn data_errors() {
    let x = Array2::from_shape_fn((20, 2), |(i, j)| (i * 3 + j) as f64);
    let e = TsneParams::default().fit(x.view(), &mut Silent).unwrap_err();
    assert_eq!(e, TsneError::PerplexityNotBelowRows { perplexity: 30.0, rows: 20 });
    let mut bad = x.clone();
    bad[[4, 1]] = f64::NAN;
    let e = quick().with_perplexity(5.0).fit(bad.view(), &mut Silent).unwrap_err();
    assert!(matches!(e, TsneError::NotFinite { row: 4, col: 1, .. }), "{e}");
    let one = Array2::<f64>::zeros((1, 3));
    assert_eq!(quick().fit(one.view(), &mut Silent).unwrap_err(), TsneError::TooFewRows { rows: 1, cols: 3 });
    let empty = Array2::<f64>::zeros((0, 0));
    assert!(matches!(quick().fit(empty.view(), &mut Silent), Err(TsneError::TooFewRows { .. })));
    assert!(matches!(quick().with_angle(2.0).fit(x.view(), &mut Silent), Err(TsneError::Angle(_))));
}

#[test]
fn identical_rows_two_rows_and_one_column() {
    let same = Array2::from_elem((50, 3), 7.0);
    let t = quick().with_perplexity(10.0).fit(same.view(), &mut Silent).unwrap();
    assert!(all_finite(&t));
    assert_eq!(t.info.notes.len(), 1, "{:?}", t.info.notes);
    let two = ndarray::array![[0.0, 1.0], [1.0, 0.0]];
    let t = quick().with_perplexity(0.5).fit(two.view(), &mut Silent).unwrap();
    assert!(all_finite(&t) && t.info.n_neighbors == 1);
    let col = Array2::from_shape_fn((80, 1), |(i, _)| (i % 17) as f64);
    let t = quick().with_perplexity(10.0).fit(col.view(), &mut Silent).unwrap();
    assert!(all_finite(&t));
    assert!(t.info.notes[0].contains("1 column"), "{:?}", t.info.notes);
}

#[test]
fn heavy_duplicates_and_overflowing_values() {
    let mall = load_standardized("mall");
    let tripled = ndarray::concatenate(Axis(0), &[mall.view(), mall.view(), mall.view()]).unwrap();
    let t = quick().fit(tripled.view(), &mut Silent).unwrap();
    assert!(all_finite(&t));
    // copies of a customer end up (nearly) on top of each other
    let e = t.embedding();
    let gap = (0..200)
        .map(|i| (e[[i, 0]] - e[[i + 200, 0]]).hypot(e[[i, 1]] - e[[i + 200, 1]]))
        .fold(0.0, f64::max);
    let span = e.column(0).iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    assert!(gap < 0.05 * span, "copies {gap} apart in a map of half-width {span}");
    let huge = mall.mapv(|v| v * 1e200);
    match quick().fit(huge.view(), &mut Silent) {
        Ok(t) => assert!(t.coordinates.iter().all(|v| v.is_finite())),
        Err(e) => assert!(matches!(e, TsneError::Diverged { .. }), "{e}"),
    }
}

#[test]
fn one_and_three_dimensional_maps() {
    let x = load_standardized("mall");
    for (d, dof) in [(1, 1), (3, 2)] {
        let p = quick().with_n_components(d);
        assert_eq!(p.check().unwrap().degrees_of_freedom(), dof);
        let t = p.fit(x.view(), &mut Silent).unwrap();
        assert_eq!(t.embedding().dim(), (200, d));
        assert!(all_finite(&t));
    }
    let t = quick().with_n_components(3).with_method(TsneMethod::Exact).fit(x.view(), &mut Silent).unwrap();
    assert!(all_finite(&t));
}

#[test]
fn short_runs_for_interactivity() {
    let x = load_standardized("mall");
    let t = TsneParams::default()
        .with_max_iter(120)
        .with_exaggeration_iter(60)
        .fit(x.view(), &mut Silent)
        .unwrap();
    assert_eq!((t.info.iterations, t.info.stop), (120, TsneStop::MaxIter));
    // every iteration exaggerated: the reported KL divergence is still that of the true P
    let all = TsneParams::default().with_max_iter(100).with_exaggeration_iter(100);
    let t = all.fit(x.view(), &mut Silent).unwrap();
    assert_eq!(t.info.iterations, 100);
    let ex = t.info.kl_after_exaggeration.unwrap();
    assert!(t.kl_divergence > 0.0 && t.kl_divergence < ex, "{} vs exaggerated {ex}", t.kl_divergence);
    let none = TsneParams::default().with_max_iter(50).with_exaggeration_iter(0).fit(x.view(), &mut Silent);
    assert_eq!(none.unwrap().info.kl_after_exaggeration, None);
}

/// Records progress, reads a fake clock that advances 1 ms per call, and cancels after `cancel_after`
/// reports.
struct Recorder {
    reports: Vec<(String, f64)>,
    cancel_after: usize,
    clock: std::cell::Cell<f64>,
}

impl Monitor for Recorder {
    fn progress(&mut self, stage: &str, fraction: f64) {
        self.reports.push((stage.to_string(), fraction));
    }
    fn cancelled(&self) -> bool {
        self.reports.len() >= self.cancel_after
    }
    fn now_ms(&self) -> f64 {
        self.clock.set(self.clock.get() + 1.0);
        self.clock.get()
    }
}

#[test]
fn progress_is_reported_and_monotone_and_elapsed_comes_from_the_monitor() {
    let x = load_standardized("wholesale");
    let mut m = Recorder { reports: Vec::new(), cancel_after: usize::MAX, clock: 0.0.into() };
    let t = quick().fit(x.view(), &mut m).unwrap();
    assert!(m.reports.iter().all(|(s, _)| s == STAGE));
    let f: Vec<f64> = m.reports.iter().map(|r| r.1).collect();
    assert!(f.windows(2).all(|w| w[0] <= w[1]), "monotone");
    assert_eq!(f.last(), Some(&1.0));
    assert!(f.len() >= 300 / 10, "a report at least every 10 iterations: {}", f.len());
    assert_eq!(t.info.elapsed_ms, 1.0, "two clock reads, 1 ms apart");
}

#[test]
fn cancel_stops_during_the_neighbours_and_during_the_iterations() {
    let x = load_standardized("wholesale");
    for after in [1, 5, 20] {
        let mut m = Recorder { reports: Vec::new(), cancel_after: after, clock: 0.0.into() };
        let e = TsneParams::default().fit(x.view(), &mut m).unwrap_err();
        assert_eq!(e, TsneError::Cancelled(Cancelled));
        assert_eq!(m.reports.len(), after, "no report after the cancel");
    }
}

#[test]
fn deterministic_across_runs_and_thread_counts() {
    let x = load_standardized("wholesale");
    let p = quick();
    let a = p.fit(x.view(), &mut Silent).unwrap();
    let b = p.fit(x.view(), &mut Silent).unwrap();
    assert_eq!(a, b);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let three = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    assert_eq!(one.install(|| p.fit(x.view(), &mut Silent).unwrap()), a);
    assert_eq!(three.install(|| p.fit(x.view(), &mut Silent).unwrap()), a);
    // the seed matters for the random start only
    let r = p.clone().with_init(TsneInit::Random);
    let (r1, r2) = (r.clone().with_seed(1), r.with_seed(2));
    assert_eq!(r1.fit(x.view(), &mut Silent).unwrap(), r1.fit(x.view(), &mut Silent).unwrap());
    assert_ne!(
        r1.fit(x.view(), &mut Silent).unwrap().coordinates,
        r2.fit(x.view(), &mut Silent).unwrap().coordinates
    );
    assert_eq!(p.clone().with_seed(9).fit(x.view(), &mut Silent).unwrap().coordinates, a.coordinates);
}

#[test]
fn the_fitted_map_round_trips_through_json() {
    let x = load_standardized("mall");
    let t = quick().fit(x.view(), &mut Silent).unwrap();
    let json = serde_json::to_string(&t).unwrap();
    let back: Tsne = serde_json::from_str(&json).unwrap();
    assert_eq!(back.info, t.info);
    assert_eq!(back.n_components, 2);
    for (a, b) in back.coordinates.iter().zip(&t.coordinates) {
        assert!((a - b).abs() <= 1e-15 * b.abs().max(1.0));
    }
}
