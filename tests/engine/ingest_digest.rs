//! The fingerprint of the messy fixture's parse, committed in `tests/fixtures/ingest/messy_digest.json`, so
//! that the browser (wasm) build can check that it reads the same bytes to the same values. Regenerate the
//! file after an intended change with `UPDATE_INGEST_DIGEST=1 cargo test --test ingest_digest`.

use segscope::engine::progress::Silent;
use segscope::engine::table::*;

#[test]
fn messy_fixture_digest_is_stable() {
    let root = env!("CARGO_MANIFEST_DIR");
    let path = format!("{root}/tests/fixtures/ingest/messy_digest.json");
    let mut files = serde_json::Map::new();
    for f in ["mall_customers_messy.csv", "mall_customers_messy_bom_semicolon.csv"] {
        let bytes = std::fs::read(format!("{root}/tests/data/{f}")).unwrap();
        let r = read_table(&bytes, f, &IngestOptions::default(), &mut Silent).unwrap();
        files.insert(f.to_string(), serde_json::to_value(digest(&r)).unwrap());
    }
    let got = serde_json::to_string_pretty(&files).unwrap() + "\n";
    if std::env::var_os("UPDATE_INGEST_DIGEST").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("run with UPDATE_INGEST_DIGEST=1 to create the digest");
    assert_eq!(got, want, "the parse of the messy fixture changed; if intended, regenerate the digest");
}
