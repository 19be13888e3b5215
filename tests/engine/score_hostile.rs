//! Scoring next month's file as shop exports write it: a category spelled in another case is the training
//! level, not an unseen one; one odd cell in a yes/no column is a missing value with its line, not a refusal.

use segscope::engine::cluster::kmeans::KMeansParams;
use segscope::engine::pipeline::{score_file, AlgorithmConfig, EvaluationConfig, PipelineConfig, Session};
use segscope::engine::progress::Silent;

/// A customer file: spend, orders, a tag (vip, VIP, gold or blank) and an opt-in (yes / no).
fn shop(n: usize, tag: impl Fn(usize) -> &'static str, opt_in: impl Fn(usize) -> &'static str) -> String {
    let mut csv = String::from("Customer ID,Total Spent,Total Orders,Tags,Accepts Email Marketing\n");
    for i in 0..n {
        let spend =
            20.0 + (i * 37 % 500) as f64 + if tag(i).eq_ignore_ascii_case("vip") { 900.0 } else { 0.0 };
        csv += &format!("C{i:05},{spend:.2},{},{},{}\n", 1 + i * 7 % 13, tag(i), opt_in(i));
    }
    csv
}

#[test]
fn next_months_spellings_and_odd_cells_are_scored_as_training_read_them() {
    let tags = ["vip", "gold", "", "vip", "gold"];
    let train = shop(400, |i| tags[i % 5], |i| if i.is_multiple_of(3) { "yes" } else { "no" });
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let algorithm = AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(3));
    let config = PipelineConfig { algorithm, seed: 3, evaluation, ..PipelineConfig::default() };
    let mut session = Session::load(train.as_bytes(), "train.csv", &config.ingest, &mut Silent).unwrap();
    session.run(&config, &mut Silent).unwrap();
    let model = session.model().unwrap().clone();
    let same = score_file(&model, train.as_bytes(), "same.csv", &mut Silent).unwrap();

    // the same customers, with the tags upper-cased and a "pending" opt-in on every 40th row
    let upper = ["VIP", "GOLD", "", "VIP", "Gold "];
    let opt = |i: usize| {
        if i % 40 == 7 {
            "pending"
        } else if i.is_multiple_of(3) {
            "yes"
        } else {
            "no"
        }
    };
    let next = shop(400, |i| upper[i % 5], opt);
    let scored = score_file(&model, next.as_bytes(), "next.csv", &mut Silent).unwrap();
    let notes = scored.scored.report.notes.join("\n");
    assert_eq!(scored.scored.report.n_scored, 400, "every customer is scored: {notes}");
    assert!(!notes.contains("unseen"), "VIP is the training vip: {notes}");
    assert!(
        notes.contains(
            "\"Accepts Email Marketing\": 10 values not yes / no treated as missing (the first was \
             \"pending\" on line 9)"
        ),
        "{notes}"
    );
    let tags_drift = scored.scored.report.drift.iter().find(|d| d.feature == "Tags").unwrap();
    assert!(tags_drift.psi < 0.01, "no drift from the spelling: {tags_drift:?}");
    // only the ten odd rows can move; the rest get the segments the training spelling gets
    let segment = |csv: &[u8]| -> Vec<String> {
        let mut r = csv::Reader::from_reader(csv);
        let col = r.headers().unwrap().iter().position(|h| h == "segment").unwrap();
        r.records().map(|rec| rec.unwrap()[col].to_string()).collect()
    };
    let (a, b) = (segment(&same.csv), segment(&scored.csv));
    let moved = (0..400).filter(|&i| a[i] != b[i]).count();
    assert!(moved <= 10, "{moved} customers moved");
}

#[test]
fn a_feature_left_blank_in_the_new_file_is_said_first() {
    let tags = ["vip", "gold", "", "vip", "gold"];
    let train = shop(200, |i| tags[i % 5], |_| "yes");
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let config = PipelineConfig { evaluation, ..PipelineConfig::default() };
    let mut session = Session::load(train.as_bytes(), "train.csv", &config.ingest, &mut Silent).unwrap();
    session.run(&config, &mut Silent).unwrap();
    let model = session.model().unwrap().clone();
    let blank = shop(50, |_| "", |_| "yes");
    let scored = score_file(&model, blank.as_bytes(), "next.csv", &mut Silent).unwrap();
    let notes = &scored.scored.report.notes;
    assert_eq!(scored.scored.report.n_scored, 50);
    assert!(
        notes[0].starts_with("Tags is empty in this file: every customer got the value training fills in"),
        "{notes:?}"
    );
}

/// A few customers to score, one with an impossible date: only that cell is missing. In a file of 6 rows the
/// one bad date left the column text, and all six dates were scored as missing (filled with the mean), so
/// long-lapsed customers were scored "Recent last order".
#[test]
fn a_few_rows_with_one_impossible_date_lose_only_that_date() {
    let mut train = String::from("customer,orders,last_order\n");
    for i in 0..120 {
        let (orders, month) = if i % 2 == 0 { (2 + i % 3, 1 + i % 3) } else { (3 + i % 4, 10 + i % 3) };
        train += &format!("c{i},{orders},2023-{month:02}-{:02}\n", 1 + i % 27);
    }
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let algorithm = AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(2));
    let mut config = PipelineConfig { algorithm, evaluation, ..PipelineConfig::default() };
    config.prep.features = Some(vec!["orders".into(), "last_order".into()]);
    let mut session = Session::load(train.as_bytes(), "train.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    let model = session.model().unwrap().clone();
    let few = "customer,orders,last_order\nn1,3,2023-02-30\nn2,3,2023-01-05\nn3,2,2023-02-11\n\
               n4,4,2023-01-20\nn5,2,2023-03-02\nn6,3,2023-01-15\n";
    let scored = score_file(&model, few.as_bytes(), "few.csv", &mut Silent).unwrap();
    let notes = scored.scored.report.notes.join("\n");
    assert!(notes.contains("filled 1 missing cell"), "{notes}");
    assert!(!notes.contains("not a number"), "{notes}");
    // the drift covers the columns the model reads, the date included
    let drift: Vec<&str> = scored.scored.report.drift.iter().map(|d| d.feature.as_str()).collect();
    assert_eq!(drift, ["orders", "last_order"]);
    // the five January–March buyers are in one segment, the segment of the training's early buyers
    let early = report.labels[0];
    let labels = &scored.scored.labels;
    assert!(labels[1..].iter().all(|&l| l == early), "{labels:?} (training's early buyers: {early})");
}

/// Next half-year's export of the same customers, every date six months later (each kept their pace): the
/// days since the last order are what they were, so every customer keeps their segment. Dates were scored as
/// they are, so the whole file looked more recent than training and the lapsed buyers joined the recent ones.
#[test]
fn a_later_export_counts_days_back_from_its_own_latest_date() {
    let file = |year: i32, half: u32| {
        let mut csv = String::from("customer,orders,last_order\n");
        for i in 0..120u32 {
            let (orders, month) = if i % 2 == 0 { (3 + i % 3, 1 + i % 3) } else { (3 + i % 4, 4 + i % 3) };
            let month = month + half;
            csv += &format!("c{i},{orders},{year}-{month:02}-{:02}\n", 1 + i % 27);
        }
        csv
    };
    let train = file(2023, 0);
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let algorithm = AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(2));
    let mut config = PipelineConfig { algorithm, evaluation, ..PipelineConfig::default() };
    config.prep.features = Some(vec!["orders".into(), "last_order".into()]);
    let mut session = Session::load(train.as_bytes(), "train.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    let model = session.model().unwrap().clone();
    let later = file(2023, 6);
    let scored = score_file(&model, later.as_bytes(), "later.csv", &mut Silent).unwrap();
    assert_eq!(scored.scored.labels, report.labels, "every customer keeps their segment");
    let notes = scored.scored.report.notes.join("\n");
    assert!(
        notes.contains("this file's dates run to 2023-12-27, past training's latest date, 2023-06-27"),
        "{notes}"
    );
    let drift = scored.scored.report.drift.iter().find(|d| d.feature == "last_order").unwrap();
    assert!(drift.psi < 0.1, "the days since the last order did not move: {drift:?}");
    // one mistyped year in the later export is left out of the count, not taken as everyone's "now"
    let typo = later.replacen("2023-12-27", "2209-12-27", 1);
    let scored = score_file(&model, typo.as_bytes(), "typo.csv", &mut Silent).unwrap();
    let kept = (0..120).filter(|&i| scored.scored.labels[i] == report.labels[i]).count();
    assert!(kept >= 119, "{kept} of 120 kept their segment");
    let notes = scored.scored.report.notes.join("\n");
    assert!(
        notes.contains("1 date of \"last_order\", up to 2209-12-27, lie far after the others"),
        "{notes}"
    );
    // the same file scored again a year earlier than training is read on training's calendar
    let earlier = score_file(&model, file(2022, 0).as_bytes(), "earlier.csv", &mut Silent).unwrap();
    assert!(!earlier.scored.report.notes.join(" ").contains("past training's"));
}
