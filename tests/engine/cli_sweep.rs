//! `segscope sweep --config`: the config's algorithm and its `evaluation.sweep` settings are the defaults, as
//! in the app's Choose k; `--algo` and `--k-range` override them.

use std::process::Command;

fn sweep(config: &std::path::Path, report: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_segscope"))
        .args(["sweep", data, "--config"])
        .arg(config)
        .arg("--report")
        .arg(report)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap()
}

/// The algorithm's name and the k's scored, and whether any gap statistic was computed.
fn summary(report: &serde_json::Value) -> (String, Vec<u64>, bool) {
    let a = &report["algorithms"][0];
    let scores = a["scores"].as_array().unwrap();
    (
        a["algorithm"].as_str().unwrap().to_string(),
        scores.iter().map(|s| s["k"].as_u64().unwrap()).collect(),
        scores.iter().any(|s| !s["gap"].is_null()),
    )
}

#[test]
fn the_config_sets_the_sweep_and_options_override_it() {
    let dir = std::env::temp_dir().join(format!("segscope-cli-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("pipeline.json");
    std::fs::write(
        &config,
        r#"{"algorithm": {"kind": "gmm", "n_components": 3},
            "evaluation": {"sweep": {"k_min": 3, "k_max": 5, "gap_references": 0, "stability_runs": 0}}}"#,
    )
    .unwrap();
    let report = dir.join("sweep.json");
    assert_eq!(summary(&sweep(&config, &report, &[])), ("Gaussian mixture".into(), vec![3, 4, 5], false));
    let overridden =
        sweep(&config, &report, &["--algo", "kmeans", "--k-range", "2..3", "--gap-references", "3"]);
    assert_eq!(summary(&overridden), ("k-means".into(), vec![2, 3], true));
    std::fs::remove_dir_all(&dir).ok();
}

/// A mixture sweep prints its BIC column (its suggestion cites BIC; the table had none), k-means' does not.
#[test]
fn a_mixture_sweep_prints_bic() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers.csv");
    let table = |algo: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_segscope"))
            .args(["sweep", data, "--algo", algo, "--k-range", "2..4"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let gmm = table("gmm");
    let head = gmm.lines().find(|l| l.trim_start().starts_with("k ")).unwrap();
    assert!(head.trim_end().ends_with("BIC"), "{gmm}");
    let row = gmm.lines().find(|l| l.trim_start().starts_with("2 ")).unwrap();
    assert!(row.split_whitespace().last().unwrap().parse::<f64>().is_ok(), "{gmm}");
    assert!(!table("kmeans").contains("BIC"));
}
