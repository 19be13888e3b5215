//! Train on half of a real file and score the other half (issue 7): for k-means and the Gaussian mixture the
//! scored file's segments are exactly what the fitted model's own `predict` gives on the prepared rows, the
//! scored file keeps every input row, and scoring the training half reproduces the training labels.

use segscope::engine::cluster::gmm::GmmParams;
use segscope::engine::cluster::kmeans::KMeansParams;
use segscope::engine::cluster::Predict;
use segscope::engine::pipeline::{
    score_file, AlgorithmConfig, AnyModel, EvaluationConfig, PipelineConfig, Session,
};
use segscope::engine::progress::Silent;

/// cc_general split by line parity (it has no quoted newlines): (header + even rows, header + odd rows).
fn halves() -> (Vec<u8>, Vec<u8>) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cc_general.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let (mut a, mut b) = (format!("{header}\n"), format!("{header}\n"));
    for (i, line) in lines.enumerate() {
        let half = if i % 2 == 0 { &mut a } else { &mut b };
        half.push_str(line);
        half.push('\n');
    }
    (a.into_bytes(), b.into_bytes())
}

/// The `segment` column of a scored CSV (None where a row was not scored).
fn segments(csv: &[u8]) -> Vec<Option<i32>> {
    let mut r = csv::Reader::from_reader(csv);
    let col = r.headers().unwrap().iter().position(|h| h == "segment").expect("segment column");
    r.records().map(|rec| rec.unwrap()[col].parse().ok()).collect()
}

fn check(algorithm: AlgorithmConfig) {
    let (train, test) = halves();
    // Scoring only: the k sweep and feature suggestions are off to keep the test fast.
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let config = PipelineConfig { algorithm, seed: 11, evaluation, ..PipelineConfig::default() };
    let mut session = Session::load(&train, "train.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    let model = session.model().unwrap().clone();
    let model = segscope::engine::pipeline::SavedModel::from_json(&model.to_json()).unwrap();

    let scored = score_file(&model, &test, "test.csv", &mut Silent).unwrap();
    let got = segments(&scored.csv);
    let n_test = test.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count() - 1;
    assert_eq!(got.len(), n_test, "the scored file has a row per input row");

    let (_, _, prepared) = model.prepare(&test, "test.csv", &mut Silent).unwrap();
    let raw = match &model.model.model {
        AnyModel::Kmeans(m) => m.predict(prepared.matrix.view()),
        AnyModel::Gmm(m) => m.predict(prepared.matrix.view()),
        other => panic!("unexpected model {other:?}"),
    };
    let mut want = vec![None; n_test];
    for (&row, &l) in prepared.rows.iter().zip(&raw) {
        // files count segments from 1, as the app shows them
        want[row] = Some(model.model.segment(l) + 1);
    }
    assert_eq!(got, want, "scored segments are the model's predictions");
    assert!(got.iter().filter(|s| s.is_some()).count() > n_test * 9 / 10, "most rows are scored");

    let rescored = segments(&score_file(&model, &train, "train.csv", &mut Silent).unwrap().csv);
    let again: Vec<i32> = report.rows.iter().map(|&r| rescored[r].unwrap()).collect();
    let numbered: Vec<i32> = report.labels.iter().map(|l| l + 1).collect();
    assert_eq!(again, numbered, "scoring the training half gives the training labels");
}

#[test]
fn kmeans_scores_the_other_half_with_its_predict() {
    check(AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(5)));
}

#[test]
fn gmm_scores_the_other_half_with_its_predict() {
    check(AlgorithmConfig::Gmm(GmmParams::default().with_n_components(4)));
}
