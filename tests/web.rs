//! Browser tests (wasm-bindgen-test in headless Chromium): the engine gives the same results in wasm as
//! natively, and the UI mounts with its accessible controls.
#![cfg(target_arch = "wasm32")]

use segscope::engine::pipeline::{run, PipelineConfig};
use segscope::engine::progress::Silent;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "engine/embed_tsne_parity.rs"]
mod embed_tsne_parity;
#[path = "engine/lifetime_parity.rs"]
mod lifetime_parity;
#[path = "engine/parity_cases.rs"]
mod parity_cases;
#[path = "engine/silhouette_parity.rs"]
mod silhouette_parity;

const WHOLESALE: &[u8] = include_bytes!("../public/sample/wholesale_customers.csv");
const NATIVE_LABELS: &str = include_str!("fixtures/native/wholesale_k4_seed0_labels.txt");

#[wasm_bindgen_test]
fn pipeline_labels_match_native() {
    let config = PipelineConfig::default();
    let report = run(WHOLESALE, "wholesale_customers.csv", &config, &mut Silent).unwrap();
    let labels: Vec<String> = report.labels.iter().map(|l| l.to_string()).collect();
    assert_eq!(labels.join("\n"), NATIVE_LABELS.trim(), "wasm labels differ from the native ones");
}

#[wasm_bindgen_test]
async fn every_algorithm_gives_the_native_labels() {
    let pinned: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(parity_cases::PINNED).unwrap();
    for (name, config) in parity_cases::cases() {
        let report = run(parity_cases::SAMPLE, "wholesale_customers.csv", &config, &mut Silent).unwrap();
        let want = pinned[name].as_str().unwrap_or_else(|| panic!("{name} is not pinned"));
        assert_eq!(
            parity_cases::joined(&report.labels),
            want,
            "{name}: wasm labels differ from the native ones"
        );
        sleep(10).await; // lets the test runner talk to the page between cases
    }
}

#[wasm_bindgen_test]
async fn tsne_gives_the_native_bits() {
    embed_tsne_parity::barnes_hut_default_fit_is_pinned();
    sleep(10).await;
    embed_tsne_parity::exact_fit_is_pinned();
    sleep(10).await;
    embed_tsne_parity::random_init_3d_fit_is_pinned();
}

#[wasm_bindgen_test]
fn messy_files_parse_to_the_native_digest() {
    use segscope::engine::table::{digest, read_table, IngestOptions};
    let want: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/ingest/messy_digest.json")).unwrap();
    let files: [(&str, &[u8]); 2] = [
        ("mall_customers_messy.csv", include_bytes!("data/mall_customers_messy.csv")),
        (
            "mall_customers_messy_bom_semicolon.csv",
            include_bytes!("data/mall_customers_messy_bom_semicolon.csv"),
        ),
    ];
    for (name, bytes) in files {
        let r = read_table(bytes, name, &IngestOptions::default(), &mut Silent).unwrap();
        let got = serde_json::to_value(digest(&r)).unwrap();
        assert_eq!(got, want[name], "{name}: the wasm parse differs from the native one");
    }
}

#[wasm_bindgen_test]
fn silhouette_gives_the_native_bits() {
    silhouette_parity::exact_silhouette_bits_are_pinned();
}

#[wasm_bindgen_test]
fn simd_distances_equal_the_scalar_order() {
    // the wasm build uses simd128 kernels (src/engine/simd.rs); they must give the scalar order's exact bits
    use segscope::engine::cluster::spatial::sq_dist;
    let mut z = 7u64;
    let mut next = || {
        z = z.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((z >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 1e3
    };
    for n in 0..=17 {
        for _ in 0..50 {
            let a: Vec<f64> = (0..n).map(|_| next()).collect();
            let b: Vec<f64> = (0..n).map(|_| next()).collect();
            let mut s = [0.0f64; 4];
            for j in 0..n {
                s[j % 4] += (a[j] - b[j]) * (a[j] - b[j]);
            }
            let want = (s[0] + s[1]) + (s[2] + s[3]);
            assert_eq!(sq_dist(&a, &b).to_bits(), want.to_bits(), "n = {n}");
        }
    }
}

/// Waits `ms` milliseconds (lets leptos run its effects).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn app_mounts_with_its_accessible_controls() {
    console_error_panic_hook::set_once();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), segscope::ui::App);
    sleep(20).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Try sample data"), "{text}");
    assert!(text.contains("Your data stays in this tab"));
    let input = host.query_selector("input[aria-label='Upload CSV']").unwrap();
    assert!(input.is_some(), "the file input must be labelled Upload CSV");
    let k = host.query_selector("#k-input").unwrap().expect("number of segments input");
    let label = host.query_selector("label[for='k-input']").unwrap().unwrap();
    assert_eq!(label.text_content().unwrap(), "Number of segments");
    assert_eq!(k.unchecked_into::<web_sys::HtmlInputElement>().value(), "4");
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
fn lifetime_fits_give_the_native_bits() {
    lifetime_parity::lifetime_fit_bits_are_pinned();
}
