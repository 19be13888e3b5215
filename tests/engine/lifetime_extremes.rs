//! Expected purchases where the BG/NBD parameters run to the model's boundary (a, b in the thousands or
//! millions, as small or young logs fit) and at ordinary values, against the exact integral and lifetimes
//! 0.11.3 (`tests/reference/lifetime.py`, `expectation_extremes`).

use crate::rfm_support::expected;
use segscope::engine::lifetime::{BgNbdModel, History};

#[test]
fn expected_purchases_match_the_exact_integral_and_lifetimes() {
    let cases = expected("lifetime_extremes.json");
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 40);
    for case in cases {
        let get = |k: &str| case[k].as_f64().unwrap();
        let model = BgNbdModel {
            r: get("r"),
            alpha: get("alpha"),
            a: get("a"),
            b: get("b"),
            log_likelihood: 0.0,
            n_customers: 0,
            fit: Default::default(),
        };
        let h = History {
            frequency: get("frequency"),
            recency: get("recency"),
            t: get("T"),
            monetary_value: 0.0,
        };
        let ours = model.expected_purchases(get("t"), &h);
        let exact = get("exact");
        assert!((ours / exact - 1.0).abs() < 1e-9, "{case}: ours {ours}, exact {exact}");
        if let Some(lifetimes) = case["lifetimes"].as_f64() {
            assert!((ours / lifetimes - 1.0).abs() < 1e-9, "{case}: ours {ours}, lifetimes {lifetimes}");
        }
    }
}
