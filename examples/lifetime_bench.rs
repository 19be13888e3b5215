//! Times the transaction → features → BG/NBD → Gamma-Gamma → CLV → at-risk chain on the full CDNOW log
//! (69,659 lines, 23,570 customers). Run: `cargo run --release --example lifetime_bench`.

#[path = "../tests/engine/rfm_support/mod.rs"]
mod rfm_support;

use std::time::Instant;

use segscope::engine::features::rfm::{customer_features, detect_mapping, rfm_scores, CivilDate, RfmOptions};
use segscope::engine::lifetime::{
    at_risk, score_customers, AtRiskParams, BgNbdModel, ClvParams, FitParams, GammaGammaModel, History,
};
use segscope::engine::progress::Silent;

fn main() {
    let t = Instant::now();
    let table = rfm_support::cdnow("cdnow_transactions.csv");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let mapping = detect_mapping(&table).expect("a transaction log").mapping;
    let options =
        RfmOptions::default().with_freq_multiplier(7).with_observation_end(CivilDate::new(1997, 9, 30));
    let t = Instant::now();
    let f = customer_features(&table, &mapping, &options, &mut Silent).expect("features");
    let features_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let scores = rfm_scores(&f.customers);
    let scores_ms = t.elapsed().as_secs_f64() * 1e3;
    let h: Vec<History> = f.customers.iter().map(History::from).collect();
    let t = Instant::now();
    let bg = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).expect("BG/NBD");
    let bg_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let gg = GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent).expect("Gamma-Gamma");
    let gg_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let rows =
        score_customers(&f.customers, &bg, Some(&gg), &ClvParams::for_unit_days(7.0), &mut Silent).unwrap();
    let score_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let risk = at_risk(&rows, &AtRiskParams::default(), "weeks").unwrap();
    let risk_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("rows {}  customers {}  segments {}", table.n_rows(), f.customers.len(), scores.segments.len());
    println!("csv load (test helper)  {load_ms:8.1} ms");
    println!("customer_features       {features_ms:8.1} ms");
    println!("rfm_scores              {scores_ms:8.1} ms");
    println!(
        "BG/NBD fit              {bg_ms:8.1} ms  ({} iterations; r {:.4} alpha {:.4} a {:.4} b {:.4})",
        bg.fit.iterations, bg.r, bg.alpha, bg.a, bg.b
    );
    println!(
        "Gamma-Gamma fit         {gg_ms:8.1} ms  ({} iterations; p {:.4} q {:.4} v {:.4})",
        gg.fit.iterations, gg.p, gg.q, gg.v
    );
    println!("P(alive)+E[X]+CLV       {score_ms:8.1} ms");
    println!("at_risk                 {risk_ms:8.1} ms  ({} customers)", risk.customers.len());
}
