//! BG/NBD, Gamma-Gamma, CLV and the at-risk list on the CDNOW sample (Fader, Hardie & Lee 2005 setup)
//! against the published parameters and lifetimes 0.11.3 (tests/reference/lifetime.py).

use crate::rfm_support;

use rfm_support::{cdnow, expected, floats, rel};
use segscope::engine::features::rfm::{
    customer_features, detect_mapping, CivilDate, CustomerRecord, RfmOptions,
};
use segscope::engine::lifetime::{
    at_risk, clv, score_customers, AtRiskParams, BgNbdModel, ClvParams, FitParams, GammaGammaModel, History,
};
use segscope::engine::progress::Silent;

fn customers() -> Vec<CustomerRecord> {
    let table = cdnow("cdnow_sample_transactions.csv");
    let mapping = detect_mapping(&table).unwrap().mapping;
    let options =
        RfmOptions::default().with_freq_multiplier(7).with_observation_end(CivilDate::new(1997, 9, 30));
    customer_features(&table, &mapping, &options, &mut Silent).unwrap().customers
}

fn histories() -> Vec<History> {
    customers().iter().map(History::from).collect()
}

fn lifetimes_bgnbd() -> BgNbdModel {
    let p = &expected("lifetime_cdnow_sample.json")["fitted"]["bgnbd"];
    let get = |k: &str| p[k].as_f64().unwrap();
    BgNbdModel {
        r: get("r"),
        alpha: get("alpha"),
        a: get("a"),
        b: get("b"),
        log_likelihood: get("log_likelihood"),
        n_customers: 2357,
        fit: Default::default(),
    }
}

fn lifetimes_gamma_gamma() -> GammaGammaModel {
    let p = &expected("lifetime_cdnow_sample.json")["fitted"]["gamma_gamma"];
    let get = |k: &str| p[k].as_f64().unwrap();
    GammaGammaModel {
        p: get("p"),
        q: get("q"),
        v: get("v"),
        log_likelihood: get("log_likelihood"),
        n_customers: 946,
        frequency_monetary_correlation: None,
        fit: Default::default(),
    }
}

fn max_rel(ours: &[f64], theirs: &[f64]) -> f64 {
    assert_eq!(ours.len(), theirs.len());
    ours.iter().zip(theirs).map(|(a, b)| rel(*a, *b)).fold(0.0, f64::max)
}

#[test]
fn bgnbd_fit_reproduces_the_paper_and_lifetimes() {
    let h = histories();
    let m = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    assert!(m.fit.converged, "{:?}", m.fit);
    let published = [(m.r, 0.243), (m.alpha, 4.414), (m.a, 0.793), (m.b, 2.426)];
    for (ours, paper) in published {
        assert!(rel(ours, paper) < 0.01, "{ours} vs published {paper}");
    }
    let lt = lifetimes_bgnbd();
    for (ours, theirs) in [(m.r, lt.r), (m.alpha, lt.alpha), (m.a, lt.a), (m.b, lt.b)] {
        assert!(rel(ours, theirs) < 1e-4, "{ours} vs lifetimes {theirs}");
    }
    assert!(rel(m.log_likelihood, lt.log_likelihood) < 1e-8, "{} vs {}", m.log_likelihood, lt.log_likelihood);
}

#[test]
fn p_alive_and_expected_purchases_equal_lifetimes_for_every_customer() {
    let h = histories();
    let want = &expected("lifetime_cdnow_sample.json")["customers"];
    let fitted = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    // with lifetimes' own parameters: the formulas; with ours: formulas and fit together
    for (model, tol) in [(lifetimes_bgnbd(), 1e-9), (fitted, 1e-4)] {
        let p: Vec<f64> = h.iter().map(|c| model.p_alive(c)).collect();
        let e10: Vec<f64> = h.iter().map(|c| model.expected_purchases(10.0, c)).collect();
        let e39: Vec<f64> = h.iter().map(|c| model.expected_purchases(39.0, c)).collect();
        for (name, ours, key) in
            [("p_alive", p, "p_alive"), ("E[X(10)]", e10, "expected_10"), ("E[X(39)]", e39, "expected_39")]
        {
            let worst = max_rel(&ours, &floats(&want[key]));
            assert!(worst < tol, "{name}: max relative difference {worst:e} (tolerance {tol:e})");
        }
    }
}

#[test]
fn gamma_gamma_fit_and_clv_equal_lifetimes() {
    let h = histories();
    let want = &expected("lifetime_cdnow_sample.json")["customers"];
    let m = GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let lt = lifetimes_gamma_gamma();
    assert_eq!(m.n_customers, 946);
    for (ours, theirs) in [(m.p, lt.p), (m.q, lt.q), (m.v, lt.v)] {
        assert!(rel(ours, theirs) < 0.01, "{ours} vs lifetimes {theirs}");
    }
    assert!(m.fit.converged, "{:?}", m.fit);
    // the published CDNOW values (Fader, Hardie & Lee 2005b; Hardie note 025): p 6.25, q 3.74, v 15.44
    assert!(rel(m.p, 6.25) < 0.01 && rel(m.q, 3.74) < 0.01 && rel(m.v, 15.44) < 0.01);
    let bg = lifetimes_bgnbd();
    let profit: Vec<f64> =
        h.iter().map(|c| lt.expected_average_profit(c.frequency, c.monetary_value)).collect();
    assert!(max_rel(&profit, &floats(&want["expected_profit"])) < 1e-9);
    let params = ClvParams::for_unit_days(7.0).check().unwrap();
    let values: Vec<f64> = h.iter().map(|c| clv(&bg, &lt, c, &params)).collect();
    let worst = max_rel(&values, &floats(&want["clv"]));
    assert!(worst < 1e-9, "CLV: max relative difference {worst:e}");
}

#[test]
fn at_risk_list_is_ranked_and_explained() {
    let c = customers();
    let h: Vec<History> = c.iter().map(History::from).collect();
    let bg = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let gg = GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let rows = score_customers(&c, &bg, Some(&gg), &ClvParams::for_unit_days(7.0), &mut Silent).unwrap();
    let list = at_risk(&rows, &AtRiskParams::default(), "weeks").unwrap();
    assert_eq!(list.high_value, 472); // ceil(0.2 × 2357)
    assert!(!list.customers.is_empty());
    for w in list.customers.windows(2) {
        assert!(w[0].value_at_stake >= w[1].value_at_stake);
    }
    for a in &list.customers {
        assert!(a.p_alive < 0.5 && a.past_value >= list.value_threshold.unwrap());
        assert!(a.reason.contains("weeks before the observation end"), "{}", a.reason);
    }
    let json = serde_json::to_string(&list).unwrap();
    assert!(json.contains("\"value_at_stake\""));
}

#[test]
fn fitted_models_round_trip_through_json() {
    // serde_json without its `float_roundtrip` feature may move the last bit, so compare within 1e-14
    let close = |a: f64, b: f64| rel(a, b) < 1e-14;
    let h = histories();
    let bg = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let back: BgNbdModel = serde_json::from_str(&serde_json::to_string(&bg).unwrap()).unwrap();
    assert!(close(back.r, bg.r) && close(back.alpha, bg.alpha) && close(back.a, bg.a) && close(back.b, bg.b));
    assert_eq!(back.fit, bg.fit);
    assert!(close(back.p_alive(&h[0]), bg.p_alive(&h[0])));
    let gg = GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let back: GammaGammaModel = serde_json::from_str(&serde_json::to_string(&gg).unwrap()).unwrap();
    assert!(close(back.p, gg.p) && close(back.q, gg.q) && close(back.v, gg.v));
}
