//! Pins the native labels that the browser test (`tests/web.rs`) must reproduce in wasm.
//! Regenerate the fixtures with `SEGSCOPE_BLESS=1 cargo test --test engine native_parity` after an intended change.

use segscope::engine::pipeline::{run, PipelineConfig};
use segscope::engine::progress::Silent;

#[test]
fn native_labels_are_pinned_for_the_wasm_parity_test() {
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/sample/wholesale_customers.csv")).unwrap();
    let config = PipelineConfig::default();
    let report = run(&bytes, "wholesale_customers.csv", &config, &mut Silent).unwrap();
    let labels: Vec<String> = report.labels.iter().map(|l| l.to_string()).collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/native/wholesale_k4_seed0_labels.txt");
    if std::env::var_os("SEGSCOPE_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, labels.join("\n") + "\n").unwrap();
    }
    let pinned = std::fs::read_to_string(path).expect("run with SEGSCOPE_BLESS=1 once to create the fixture");
    assert_eq!(labels.join("\n"), pinned.trim());
    assert_eq!(report.labels.len(), 440);
}

#[test]
fn every_algorithm_s_native_labels_are_pinned_for_the_wasm_parity_test() {
    use crate::parity_cases::{cases, joined, SAMPLE};
    let mut got = serde_json::Map::new();
    for (name, config) in cases() {
        let report = run(SAMPLE, "wholesale_customers.csv", &config, &mut Silent)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(report.labels.len(), 440, "{name}");
        let distinct: std::collections::BTreeSet<i32> = report.labels.iter().copied().collect();
        assert!(distinct.iter().filter(|&&l| l >= 0).count() >= 2, "{name}: {distinct:?}");
        got.insert(name.to_string(), joined(&report.labels).into());
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/native/algorithm_labels.json");
    let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
    if std::env::var_os("SEGSCOPE_BLESS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let pinned = std::fs::read_to_string(path).expect("run with SEGSCOPE_BLESS=1 once to create the fixture");
    assert_eq!(text, pinned, "native labels changed; if intended, re-bless with SEGSCOPE_BLESS=1");
}
