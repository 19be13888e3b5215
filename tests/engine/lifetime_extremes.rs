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

/// Gamma-Gamma on the 1,392 repeat customers of a PayPal-style log counted by month: the fit walked to
/// p ~ 1e-86, q ~ 1e34, where the likelihood is rounding noise, and CLV was refused as "ran off"; lifetimes
/// converges at p = 1.984, q = 7.811, v = 221.8 (`tests/reference/lifetime.py`, `gamma_gamma_month`).
#[test]
fn gamma_gamma_on_a_month_log_finds_lifetimes_maximum() {
    use segscope::engine::lifetime::{FitParams, GammaGammaModel};
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gg_month_repeat_customers.csv"),
    )
    .unwrap();
    let data: Vec<History> = text
        .lines()
        .skip(1)
        .map(|l| {
            let (x, m) = l.split_once(',').unwrap();
            History {
                frequency: x.parse().unwrap(),
                recency: 0.0,
                t: 0.0,
                monetary_value: m.parse().unwrap(),
            }
        })
        .collect();
    let want = expected("lifetime_gg_month.json");
    let fit = GammaGammaModel::fit(&data, &FitParams::default(), &mut segscope::engine::progress::Silent)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fit.n_customers as u64, want["n_customers"].as_u64().unwrap());
    for (ours, name) in [(fit.p, "p"), (fit.q, "q"), (fit.v, "v")] {
        let theirs = want[name].as_f64().unwrap();
        assert!((ours / theirs - 1.0).abs() < 1e-5, "{name}: ours {ours}, lifetimes {theirs}");
    }
    let ll = want["log_likelihood"].as_f64().unwrap();
    assert!((fit.log_likelihood - ll).abs() < 1e-6 * ll.abs(), "{} vs {ll}", fit.log_likelihood);
}
