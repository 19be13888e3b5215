//! The CLI's output: a reader that stops early (`segscope inspect wide.csv | head`) ends the command quietly
//! with success, not with a panic on the broken pipe; `run`'s summary; `rfm`'s files and warnings.

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("segscope-cli-stdout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("wide.csv");
    // About 1 MB of JSON from `inspect`: far more than a pipe holds.
    let n = 1_500;
    let mut csv = (0..n).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",") + "\n";
    for r in 0..20 {
        csv += &((0..n).map(|i| ((r * i) % 97).to_string()).collect::<Vec<_>>().join(",") + "\n");
    }
    std::fs::write(&file, csv).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_segscope"))
        .arg("inspect")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the pipe closes
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(first[0], b'{');
    std::fs::remove_dir_all(&dir).ok();
}

/// `segscope run`'s summary ends with the skew hint on the bundled sample, with the flags that apply it; the
/// same run with those flags has no hint and no segment under 3% of the customers. Mall customers: no hint.
#[test]
fn the_run_summary_gives_the_skew_hint_with_its_flags() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_segscope")).arg("run").args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let sample = format!("{root}/public/sample/wholesale_customers.csv");
    let first = run(&[&sample]);
    let hint =
        first.lines().find(|l| l.trim_start().starts_with("hint: ")).unwrap_or_else(|| panic!("{first}"));
    assert!(
        hint.contains("Fresh, Milk, Grocery, Frozen, Detergents_Paper and Delicassen are strongly"),
        "{hint}"
    );
    let flags: Vec<&str> = hint.split("Add ").nth(1).unwrap().split(' ').collect();
    assert_eq!(flags.len(), 12, "{hint}");
    let mut args = vec![sample.as_str()];
    args.extend(&flags);
    let second = run(&args);
    assert!(!second.contains("hint: "), "{second}");
    let shares: Vec<f64> =
        second.lines().filter_map(|l| l.rsplit_once('(')?.1.strip_suffix("%)")?.parse().ok()).collect();
    assert_eq!(shares.len(), 4, "{second}");
    assert!(shares.iter().all(|&s| s >= 3.0), "{second}");
    assert!(!run(&[&format!("{root}/tests/data/mall_customers.csv")]).contains("hint: "));
}

/// `segscope run` on an order log whose purchase model cannot be fitted says so (and why) in its summary.
#[test]
fn the_run_summary_says_why_a_log_has_no_lifetime_models() {
    let log = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/fixtures/olist_like_status.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_segscope")).args(["run", log]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let note = stdout
        .lines()
        .find(|l| l.contains("Lifetime models were not fitted"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(note.contains("did not converge"), "{note}");
    assert!(stdout.contains("24 rows whose \"order_status\" is \"canceled\" were excluded"), "{stdout}");
}

/// `segscope rfm --clv-horizon … --at-risk`: the lifetime columns, the at-risk list in the app's format
/// (`value_at_stake` included), both models in `--report`; without repeat buyers, the RFM columns and a
/// warning.
#[test]
fn rfm_writes_lifetime_columns_the_at_risk_list_and_survives_no_repeat_buyers() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("segscope-cli-rfm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (out, risk, report) = (dir.join("customers.csv"), dir.join("at_risk.csv"), dir.join("report.json"));
    let run = |file: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_segscope"))
            .args(["rfm", file.to_str().unwrap(), "--clv-horizon", "39", "--period", "week"])
            .args(["--out", out.to_str().unwrap(), "--at-risk", risk.to_str().unwrap()])
            .args(["--report", report.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let done = run(&std::path::Path::new(root).join("tests/data/cdnow_sample_transactions.csv"));
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let customers = std::fs::read_to_string(&out).unwrap();
    assert!(customers.lines().next().unwrap().ends_with(",p_alive,expected_purchases,clv"));
    assert_eq!(customers.lines().count(), 2358);
    let header = std::fs::read_to_string(&risk).unwrap().lines().next().unwrap().to_string();
    assert_eq!(header, "rank,customer,p_alive,past_value,expected_purchases,clv,value_at_stake,reason");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(report["lifetime"]["bgnbd"]["r"].as_f64().is_some_and(|r| r > 0.0));
    assert!(report["lifetime"]["gamma_gamma"]["p"].as_f64().is_some_and(|p| p > 0.0));
    // P(alive) = 1 for one-time buyers is explained, with their number (frequency 0 in the customers file)
    let header: Vec<&str> = customers.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "frequency").unwrap();
    let once = customers.lines().skip(1).filter(|l| l.split(',').nth(at) == Some("0")).count();
    let notes = report["lifetime"]["notes"].to_string();
    assert!(
        notes.contains(&format!("\"{once} customers with a single purchase are shown")),
        "{once} {notes}"
    );
    let single = dir.join("one_each.csv");
    std::fs::write(&single, "customer_id,date,amount\na,2021-01-01,5\nb,2021-02-01,6\nc,2021-03-01,7\n")
        .unwrap();
    let done = run(&single);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: the lifetime models were not fitted: no customer has a repeat purchase")
    );
    assert!(std::fs::read_to_string(&out).unwrap().lines().next().unwrap().ends_with(",RFM segment"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Every file and line the CLI writes numbers segments as the labelled CSV and the app do: from 1 (the
/// largest), noise −1 (the summary and report.json said 0, 1, 2). The summary is printed after written
/// files too (it was left out with `--out` or `--report`), and not with `--quiet`.
#[test]
fn run_and_predict_number_segments_from_one_everywhere() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("segscope-cli-numbers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sample = format!("{root}/public/sample/wholesale_customers.csv");
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_segscope")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let summary = cli(&["run", &sample, "--k", "3", "--no-sweep", "--no-suggestions"]);
    let numbers: Vec<&str> = summary
        .lines()
        .filter(|l| l.starts_with("    ") && !l.trim_start().starts_with("note"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"], "{summary}");
    let (report, model, scored, shift) =
        (dir.join("report.json"), dir.join("model.json"), dir.join("scored.csv"), dir.join("shift.json"));
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let written =
        cli(&["run", &sample, "--k", "3", "--report", &path(&report), "--save-model", &path(&model)]);
    assert!(written.contains(": 3 segments (kmeans)"), "the summary also follows written files: {written}");
    assert_eq!(cli(&["run", &sample, "--k", "3", "--report", &path(&report), "--quiet"]), "");
    let json = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    // the feature suggestion is in the report and the summary, with the flag that applies it
    let reported = json(&report);
    let suggestion = &reported["feature_suggestion"];
    let drop: Vec<&str> =
        suggestion["drop"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    let keep: Vec<&str> =
        suggestion["keep"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert_eq!(drop.len() + keep.len(), 8, "{suggestion}");
    assert!(suggestion["features"].as_array().unwrap().iter().all(|f| f["reason"].as_str().is_some()));
    if !drop.is_empty() {
        let line = written.lines().find(|l| l.contains("suggested features: leave out")).expect(&written);
        assert!(line.ends_with(&format!("--features {}", keep.join(","))), "{line}");
    }
    let ids: Vec<i64> = json(&report)["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3]);
    let consensus = ["--algo", "consensus", "--members", "kmeans", "--seeds", "2", "--bootstrap-runs", "3"];
    cli(&[&["run", &sample, "--k", "3", "--no-sweep", "--report", &path(&report)][..], &consensus[..]]
        .concat());
    let stability: Vec<i64> = json(&report)["consensus"]["stability"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment"].as_i64().unwrap())
        .collect();
    assert_eq!(stability, [1, 2, 3], "the stability block numbers segments as the segments do");
    let predict =
        ["predict", "--model", &path(&model), &sample, "--out", &path(&scored), "--report", &path(&shift)];
    cli(&predict);
    let mut ids: Vec<i64> =
        json(&shift)["shift"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, [1, 2, 3]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Outlier handling "flag" marks customers in the labelled CSV (`outlier` yes / no), in report.json
/// (`n_flagged`) and in the file `predict` scores with the saved model; without flagging there is no column.
#[test]
fn flagged_outliers_are_marked_in_the_labelled_and_scored_files() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("segscope-cli-flag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sample = format!("{root}/public/sample/wholesale_customers.csv");
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_segscope")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let base = ["run", &sample, "--k", "3", "--no-sweep", "--no-suggestions", "--quiet"];
    let flag = ["--outliers", "iqr:1.5:flag", "--save-model", &path("model.json")];
    let written = ["--out", &path("labelled.csv"), "--report", &path("report.json")];
    cli(&[&base[..], &flag[..], &written[..]].concat());
    let column = |file: &str| -> Vec<String> {
        let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
        let at = r.headers().unwrap().iter().position(|h| h == "outlier").expect("an outlier column");
        r.records().map(|row| row.unwrap()[at].to_string()).collect()
    };
    let marks = column("labelled.csv");
    let yes = marks.iter().filter(|m| *m == "yes").count();
    assert!(yes > 0 && marks.iter().all(|m| m == "yes" || m == "no"), "{marks:?}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["n_flagged"].as_u64(), Some(yes as u64));
    cli(&["predict", "--model", &path("model.json"), &sample, "--out", &path("scored.csv")]);
    assert_eq!(column("scored.csv"), marks, "scoring the training file flags the same customers");
    cli(&[&base[..], &written[..]].concat());
    // two outputs to one file: refused before anything is written
    let twice = Command::new(env!("CARGO_BIN_EXE_segscope"))
        .args([&base[..], &["--out", "-", "--report", "-"]].concat())
        .output()
        .unwrap();
    assert!(!twice.status.success() && twice.stdout.is_empty());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("given for two outputs"));
    let header = std::fs::read_to_string(dir.join("labelled.csv")).unwrap();
    assert!(!header.lines().next().unwrap().contains("outlier"), "no flagging, no column");
    std::fs::remove_dir_all(&dir).ok();
}
