//! The browser's worker pool computes three steps of a run apart: the sweep over k (whole k's per worker), the
//! k-means restarts (a range per worker) and the silhouette (a range of the scored customers per worker); the
//! pipeline worker computes the feature suggestions while the members score the silhouette. A run put together
//! from such parts, split and reordered, reports exactly what a plain run reports.

use segscope::engine::choose_k::{assemble, ChooseKError, SweepPlan, SweepSteps};
use segscope::engine::pipeline::algorithm::KMeansRestarts;
use segscope::engine::pipeline::{AlgorithmConfig, DeferredSweep, PipelineConfig, Session};
use segscope::engine::progress::{Monitor, Silent};

#[test]
fn a_run_assembled_from_split_steps_equals_a_plain_run() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers.csv")).unwrap();
    // The silhouette and the sweep sampled, as on a large file.
    let mut config = PipelineConfig::default();
    config.evaluation.silhouette.sample_cap = 120;
    config.evaluation.sweep.as_mut().unwrap().fit_sample_cap = 150;
    let load = || Session::load(&bytes, "mall_customers.csv", &config.ingest, &mut Silent).unwrap();
    let plain = load().run(&config, &mut Silent).unwrap();

    let mut session = load();
    let mut started = session.start(&config, &mut Silent).unwrap();
    let task = started.sweep.take().expect("the default run sweeps over k");
    let x = session.matrix().to_owned();
    let params = task.params().unwrap();
    let plan = SweepPlan::new(x.view(), &params).unwrap();
    let member = SweepPlan::new(plan.rows().to_owned(), &params).unwrap();
    let scores: Vec<_> =
        plan.ks().iter().rev().map(|&k| member.score_k(task.clusterer(), k, &mut Silent).unwrap()).collect();
    let sweep = assemble(vec![plan.finish(task.clusterer(), scores)]);
    let outcome = task.outcome(x.dim(), Ok(sweep));
    session.store_sweep(&started, outcome);

    let AlgorithmConfig::Kmeans(p) = config.algorithm.with_seed(config.seed) else {
        panic!("the default algorithm is k-means")
    };
    let p = p.check().unwrap();
    let n_init = p.params().n_init;
    let parts = vec![
        p.restarts(x.view(), None, n_init / 2..n_init, &mut Silent).unwrap(),
        p.restarts(x.view(), None, 0..n_init / 2, &mut Silent).unwrap(),
    ];
    let restarts = Some(KMeansRestarts { parts, start_ms: 0.0 });
    assert!(session.silhouette_job(&config, &started).is_none(), "no segments yet");
    session.segment(&config, &mut started, restarts, &mut Silent).unwrap();
    let job = session.silhouette_job(&config, &started).expect("a silhouette");
    session.suggest(&config, &mut started, &mut Silent);
    let cut = job.len() / 3;
    let mut values = job.values(0..cut, &mut Silent).unwrap();
    values.extend(job.values(cut..job.len(), &mut Silent).unwrap());
    let silhouette = Some(job.finish(values));
    let mut assembled = session.finish(&config, started, silhouette, &mut Silent).unwrap();
    assert!(plain.selection.is_some(), "the default run suggests features");
    // The same stages, timed in the order they ran: the suggestions before the metrics' end.
    let stages = |r: &segscope::engine::pipeline::Report| {
        let mut s: Vec<String> = r.timings.iter().map(|t| t.stage.clone()).collect();
        s.sort();
        s
    };
    assert_eq!(stages(&assembled), stages(&plain));
    assert_ne!(assembled.timings, plain.timings);
    assembled.timings = plain.timings.clone();

    assert!(plain.sweep.is_some() && plain.metrics.silhouette_sample == Some(120));
    assert!(
        plain.sweep_note.as_deref().is_some_and(|n| n.contains("sample of 150")),
        "{:?}",
        plain.sweep_note
    );
    let (a, b) = (serde_json::to_value(&assembled).unwrap(), serde_json::to_value(&plain).unwrap());
    assert_eq!(first_difference(&a, &b, "report"), None);
    // Bit for bit, NaNs (missing values) included, which JSON writes as null.
    assert!(rmp_serde::to_vec_named(&assembled).unwrap() == rmp_serde::to_vec_named(&plain).unwrap());
}

/// The browser's worker shows the segments before the sweep over k: the first report has no sweep, the
/// sweep computed a k at a time afterwards is the plain run's, and the next run (another k) takes it from
/// the cache.
#[test]
fn a_sweep_computed_after_the_report_is_the_plain_runs_and_is_kept_for_the_next_run() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers.csv")).unwrap();
    let config = PipelineConfig::default();
    let load = || Session::load(&bytes, "mall_customers.csv", &config.ingest, &mut Silent).unwrap();
    let plain = load().run(&config, &mut Silent).unwrap();
    assert!(plain.sweep.is_some());

    let mut session = load();
    let mut started = session.start(&config, &mut Silent).unwrap();
    let DeferredSweep { key, task } = started.defer_sweep().expect("the default run sweeps over k");
    assert!(started.defer_sweep().is_none(), "deferred once");
    let first = session.finish(&config, started, None, &mut Silent).unwrap();
    assert_eq!((&first.sweep, &first.sweep_note), (&None, &None));
    assert_eq!(first.labels, plain.labels);
    assert_eq!(
        serde_json::to_value(&first.profiles).unwrap(),
        serde_json::to_value(&plain.profiles).unwrap()
    );

    let x = session.matrix().to_owned();
    let params = task.params().unwrap();
    let mut steps = SweepSteps::new(x.view(), task.clusterer(), &params).unwrap();
    let mut taken = 0;
    while steps.step(&mut Silent).unwrap() {
        taken += 1;
    }
    assert_eq!(taken, params.k_max() - params.k_min() + 1, "one k per step");
    let sweep = assemble(vec![steps.finish()]);
    let outcome = task.outcome(x.dim(), Ok(sweep));
    assert_eq!((&outcome.0, &outcome.1), (&plain.sweep, &plain.sweep_note));
    session.store_deferred(key, outcome);

    let mut other = config.clone();
    other.algorithm.set_k(5);
    let mut started = session.start(&other, &mut Silent).unwrap();
    assert!(started.defer_sweep().is_none(), "the sweep is cached");
    let next = session.finish(&other, started, None, &mut Silent).unwrap();
    assert_eq!(next.n_clusters, 5);
    assert_eq!((&next.sweep, &next.sweep_note), (&plain.sweep, &plain.sweep_note));
}

/// Cancels once `after` progress reports have been made.
struct CancelAfter {
    after: usize,
    seen: usize,
}

impl Monitor for CancelAfter {
    fn progress(&mut self, _stage: &str, _fraction: f64) {
        self.seen += 1;
    }
    fn cancelled(&self) -> bool {
        self.seen > self.after
    }
}

#[test]
fn a_sweep_in_steps_stops_between_ks_when_cancelled() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers.csv")).unwrap();
    let config = PipelineConfig::default();
    let mut session = Session::load(&bytes, "mall_customers.csv", &config.ingest, &mut Silent).unwrap();
    let mut started = session.start(&config, &mut Silent).unwrap();
    let DeferredSweep { task, .. } = started.defer_sweep().unwrap();
    let params = task.params().unwrap();
    let mut steps = SweepSteps::new(session.matrix(), task.clusterer(), &params).unwrap();
    assert!(steps.step(&mut CancelAfter { after: usize::MAX, seen: 0 }).unwrap());
    let stopped = steps.step(&mut CancelAfter { after: 0, seen: 0 });
    assert!(matches!(stopped, Err(ChooseKError::Cancelled(_))), "{stopped:?}");
}

/// The path of the first place where `a` and `b` differ, with both values there.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
            x.iter().find_map(|(k, v)| first_difference(v, y.get(k)?, &format!("{at}.{k}")))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| first_difference(v, w, &format!("{at}[{i}]")))
        }
        _ if a == b => None,
        _ => Some(format!("{at}: {a} vs {b}").chars().take(400).collect()),
    }
}
