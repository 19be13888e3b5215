//! The full CDNOW log (69,659 lines, 23,570 customers): features and both fits run, are sane, and agree with
//! lifetimes 0.11.3 on the same data (tests/reference/expected/lifetime_cdnow_full.json).

use crate::rfm_support;

use rfm_support::{cdnow, expected, rel};
use segscope::engine::features::rfm::{customer_features, detect_mapping, CivilDate, RfmOptions};
use segscope::engine::lifetime::{BgNbdModel, FitParams, GammaGammaModel, History};
use segscope::engine::progress::Silent;

#[test]
fn full_log_fits_like_lifetimes() {
    let want = expected("lifetime_cdnow_full.json");
    let table = cdnow("cdnow_transactions.csv");
    let mapping = detect_mapping(&table).unwrap().mapping;
    let options =
        RfmOptions::default().with_freq_multiplier(7).with_observation_end(CivilDate::new(1997, 9, 30));
    let f = customer_features(&table, &mapping, &options, &mut Silent).unwrap();
    assert_eq!(f.customers.len(), 23_570);
    let h: Vec<History> = f.customers.iter().map(History::from).collect();
    let sums = &want["summary_sums"];
    let sum = |g: fn(&History) -> f64| h.iter().map(g).sum::<f64>();
    assert!(rel(sum(|x| x.frequency), sums["frequency"].as_f64().unwrap()) < 1e-12);
    assert!(rel(sum(|x| x.recency), sums["recency"].as_f64().unwrap()) < 1e-10);
    assert!(rel(sum(|x| x.t), sums["T"].as_f64().unwrap()) < 1e-10);
    assert!(rel(sum(|x| x.monetary_value), sums["monetary_value"].as_f64().unwrap()) < 1e-10);

    let bg = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let lt = &want["fitted"]["bgnbd"];
    assert!(bg.fit.converged);
    for (ours, k) in [(bg.r, "r"), (bg.alpha, "alpha"), (bg.a, "a"), (bg.b, "b")] {
        let theirs = lt[k].as_f64().unwrap();
        assert!(rel(ours, theirs) < 1e-3, "{k}: {ours} vs lifetimes {theirs}");
    }
    let p_mean = h.iter().map(|x| bg.p_alive(x)).sum::<f64>() / h.len() as f64;
    assert!(rel(p_mean, want["p_alive_mean"].as_f64().unwrap()) < 1e-4, "{p_mean}");
    let e39 = h.iter().map(|x| bg.expected_purchases(39.0, x)).sum::<f64>();
    assert!(rel(e39, want["expected_39_sum"].as_f64().unwrap()) < 1e-4, "{e39}");

    let gg = GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    let lt = &want["fitted"]["gamma_gamma"];
    assert_eq!(gg.n_customers as u64, lt["n_customers"].as_u64().unwrap());
    for (ours, k) in [(gg.p, "p"), (gg.q, "q"), (gg.v, "v")] {
        let theirs = lt[k].as_f64().unwrap();
        assert!(rel(ours, theirs) < 0.01, "{k}: {ours} vs lifetimes {theirs}");
    }
}
