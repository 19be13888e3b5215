//! Consensus clustering through the whole pipeline on real data: segments renumbered by size, a model that
//! survives model.json and scores the training customers back into (nearly) the same segments, stability per
//! segment in 0..1 with Hennig's reading, the sampling path above the cap with its note, progress that only
//! moves forward, and cancel.

use segscope::engine::cluster::consensus::Verdict;
use segscope::engine::pipeline::consensus::{ConsensusConfig, ConsensusMember};
use segscope::engine::pipeline::{
    run, score, AlgorithmConfig, EvaluationConfig, PipelineConfig, PipelineError, Report, SavedModel, Session,
};
use segscope::engine::progress::{Monitor, Silent};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Labels only: no k sweep or feature suggestions (they do not change labels).
fn config(consensus: ConsensusConfig) -> PipelineConfig {
    PipelineConfig {
        algorithm: AlgorithmConfig::Consensus(consensus),
        seed: 5,
        evaluation: EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() },
        ..PipelineConfig::default()
    }
}

/// Checks what every consensus report must satisfy, returning the stability by segment.
fn check_report(report: &Report, k: usize, runs: usize) -> Vec<f64> {
    assert_eq!(report.algorithm, "consensus");
    assert_eq!(report.n_clusters, k);
    assert_eq!(report.n_noise, 0, "every customer gets a segment");
    let sizes: Vec<usize> = report.profiles.segments.iter().map(|s| s.size).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "segment 1 is the largest: {sizes:?}");
    let c = report.extras.consensus.as_ref().expect("consensus extras");
    assert_eq!(c.runs, runs);
    assert_eq!(report.fit.iterations, runs);
    assert_eq!((c.stable_threshold, c.doubtful_threshold), (0.75, 0.6));
    assert_eq!(c.stability.len(), k);
    let mut out = Vec::new();
    for (i, s) in c.stability.iter().enumerate() {
        assert_eq!(s.segment, i as i32, "stability is by segment number");
        let j = s.jaccard.expect("measured");
        assert!((0.0..=1.0).contains(&j), "segment {i}: {j}");
        assert_eq!(s.verdict, Verdict::of(j));
        assert!(s.replicates > 0 && s.recovered + s.dissolved <= s.replicates);
        out.push(j);
    }
    for m in &c.members {
        assert!(m.mean_ari.is_finite() && m.mean_ari <= 1.0, "{m:?}");
    }
    assert!(report.fit.notes.iter().any(|n| n.starts_with(&format!("Consensus of {runs} member runs"))));
    out
}

/// Share of the training customers that the saved model (through model.json) scores into their segment.
fn rescored_agreement(session: &Session, report: &Report, bytes: &[u8]) -> f64 {
    let model = SavedModel::from_json(&session.model().unwrap().to_json()).unwrap();
    let scored = score(&model, bytes, "again.csv", &mut Silent).unwrap();
    assert_eq!(scored.rows, report.rows, "the same customers are scored");
    let same = scored.labels.iter().zip(&report.labels).filter(|(a, b)| a == b).count();
    same as f64 / report.labels.len() as f64
}

#[test]
fn mall_customers_get_consensus_segments_that_the_model_scores_back() {
    let bytes = data("mall_customers.csv");
    let consensus = ConsensusConfig::default().with_n_clusters(5).with_seeds(4).with_bootstrap_runs(8);
    let config = config(consensus);
    let mut session = Session::load(&bytes, "mall_customers.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    assert_eq!(report.labels.len(), 200);
    let stability = check_report(&report, 5, 4 + 4 + 1);
    let c = report.extras.consensus.as_ref().unwrap();
    assert!(!c.sampled && c.sample_size == 200);
    eprintln!("mall: stability {stability:.3?}, centre agreement {:.3}", c.centre_agreement);
    assert!(stability.iter().any(|&j| j >= 0.75), "the mall's clear groups are stable: {stability:?}");
    let agreement = rescored_agreement(&session, &report, &bytes);
    eprintln!("mall: model.json rescoring agreement {agreement:.3}");
    assert_eq!(agreement, c.centre_agreement, "scoring is the nearest centre");
    assert!(agreement >= 0.95, "the model reproduces the consensus for {agreement}");
    // Same data, config and seed: the same segments.
    let again = run(&bytes, "mall_customers.csv", &config, &mut Silent).unwrap();
    assert_eq!(again.labels, report.labels);
    assert_eq!(again.extras.consensus, report.extras.consensus);
}

#[test]
fn wholesale_stability_and_scoring_with_two_members() {
    let bytes = data("wholesale_customers.csv");
    let consensus = ConsensusConfig::default()
        .with_n_clusters(4)
        .with_members(vec![ConsensusMember::Kmeans, ConsensusMember::Hierarchical])
        .with_seeds(6)
        .with_bootstrap_runs(8);
    let config = config(consensus);
    let mut session = Session::load(&bytes, "wholesale_customers.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    let stability = check_report(&report, 4, 7);
    let agreement = rescored_agreement(&session, &report, &bytes);
    eprintln!("wholesale: stability {stability:.3?}, rescoring agreement {agreement:.3}");
    assert!(agreement >= 0.9, "{agreement}");
}

#[test]
fn above_the_cap_the_co_association_is_sampled_and_the_note_says_so() {
    let bytes = data("mall_customers.csv");
    let consensus = ConsensusConfig::default()
        .with_n_clusters(4)
        .with_members(vec![ConsensusMember::Kmeans])
        .with_seeds(5)
        .with_sample_cap(60)
        .with_bootstrap_runs(4);
    let report = run(&bytes, "mall_customers.csv", &config(consensus), &mut Silent).unwrap();
    check_report(&report, 4, 5);
    let c = report.extras.consensus.as_ref().unwrap();
    assert!(c.sampled && c.sample_cap == 60 && c.sample_size == 60, "{c:?}");
    let note = report.notes.iter().find(|n| n.contains("seeded sample of 60 of 200")).expect("sampling note");
    assert!(note.contains("at most 60 customers"), "{note}");
    assert_eq!(report.labels.iter().filter(|&&l| l < 0).count(), 0, "every customer is assigned");
}

/// Records progress and cancels once `cancel_at` reports of `stage` were seen.
struct Recorder {
    seen: Vec<(String, f64)>,
    cancel_at: Option<(&'static str, usize)>,
}

impl Monitor for Recorder {
    fn progress(&mut self, stage: &str, fraction: f64) {
        self.seen.push((stage.to_string(), fraction));
    }
    fn cancelled(&self) -> bool {
        self.cancel_at.is_some_and(|(stage, n)| self.seen.iter().filter(|s| s.0 == stage).count() >= n)
    }
}

#[test]
fn progress_moves_forward_and_cancel_stops_the_member_runs_and_the_bootstrap() {
    let bytes = data("mall_customers.csv");
    let consensus = ConsensusConfig::default().with_n_clusters(4).with_seeds(3).with_bootstrap_runs(4);
    let config = config(consensus);
    let mut all = Recorder { seen: Vec::new(), cancel_at: None };
    run(&bytes, "mall_customers.csv", &config, &mut all).unwrap();
    for stage in ["consensus: member runs", "consensus: stability"] {
        let f: Vec<f64> = all.seen.iter().filter(|s| s.0 == stage).map(|s| s.1).collect();
        assert!(f.len() > 4, "{stage} reports progress");
        // member runs restart at 0 for the fit on all rows only; the bootstrap's re-fits stay inside it
        assert!(f.windows(2).all(|w| w[1] >= w[0] - 1e-12), "{stage} never goes back: {f:?}");
        assert!((f[f.len() - 1] - 1.0).abs() < 1e-12);
    }
    for stage in ["consensus: member runs", "consensus: stability"] {
        let mut m = Recorder { seen: Vec::new(), cancel_at: Some((stage, 3)) };
        let err = run(&bytes, "mall_customers.csv", &config, &mut m).unwrap_err();
        assert!(matches!(err, PipelineError::Cancelled(_)), "{stage}: {err}");
        let after = m.seen.iter().skip_while(|s| s.0 != stage).skip(3).count();
        assert!(after <= 2, "{stage}: {after} reports after cancel");
    }
}

#[test]
fn bad_consensus_configs_are_errors_that_name_the_field() {
    let ward_only = r#"{"algorithm": {"kind": "consensus", "members": ["hierarchical"]}}"#;
    let err = PipelineConfig::from_json(ward_only).unwrap_err().to_string();
    assert!(err.contains("algorithm") && err.contains("at least 2 runs"), "{err}");
    let typo = r#"{"algorithm": {"kind": "consensus", "seed_count": 3}}"#;
    assert!(PipelineConfig::from_json(typo).unwrap_err().to_string().contains("seed_count"));
    let ok = PipelineConfig::from_json(r#"{"algorithm": {"kind": "consensus", "n_clusters": 3}}"#).unwrap();
    assert_eq!(ok.k(), Some(3));
    assert_eq!(PipelineConfig::from_json(&ok.to_json()).unwrap(), ok);
}

#[test]
fn the_k_sweep_shows_k_means_and_says_so_even_after_a_k_means_run() {
    let bytes = data("mall_customers.csv");
    let mut kmeans = config(ConsensusConfig::default());
    kmeans.algorithm = AlgorithmConfig::default();
    kmeans.evaluation.sweep = Some(Default::default());
    let mut session = Session::load(&bytes, "mall_customers.csv", &kmeans.ingest, &mut Silent).unwrap();
    let first = session.run(&kmeans, &mut Silent).unwrap();
    assert!(first.sweep.is_some() && first.sweep_note.is_none());
    let consensus = ConsensusConfig::default().with_seeds(2).with_bootstrap_runs(0);
    let next = PipelineConfig { algorithm: AlgorithmConfig::Consensus(consensus), ..kmeans };
    let report = session.run(&next, &mut Silent).unwrap();
    assert_eq!(report.sweep, first.sweep, "the k-means sweep is reused");
    let note = report.sweep_note.expect("a note on the sweep");
    assert!(note.contains("not swept") && note.contains("k-means"), "{note}");
}

#[test]
fn tiny_duplicate_and_constant_data_give_results_or_errors_never_panics() {
    let files = [
        "a,b\n1,2\n1,2\n1,2\n5,6\n5,6\n", // duplicates: bootstrap draws hold 2 distinct rows
        "a,b\n1,1\n2,1\n3,1\n4,1\n5,1\n6,1\n7,1\n", // a constant column
        "a,b\n1,2\n3,4\n",                // k = 2 on two rows
        "a,b\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n", // one point repeated
    ];
    for (i, text) in files.iter().enumerate() {
        for bootstrap in [0, 5] {
            let c =
                ConsensusConfig::default().with_n_clusters(2).with_seeds(2).with_bootstrap_runs(bootstrap);
            match run(text.as_bytes(), "tiny.csv", &config(c), &mut Silent) {
                Ok(r) => {
                    assert!(r.labels.iter().all(|&l| (-1..2).contains(&l)), "file {i}: {:?}", r.labels);
                    let c = r.extras.consensus.unwrap();
                    assert!(c.stability.iter().all(|s| s.jaccard.is_none_or(|j| (0.0..=1.0).contains(&j))));
                }
                Err(e) => {
                    eprintln!("file {i}, bootstrap {bootstrap}: {e}");
                    assert!(!e.to_string().is_empty(), "file {i}")
                }
            }
        }
    }
}
