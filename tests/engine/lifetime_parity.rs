//! The lifetime fits give the same bits natively and in wasm (`engine::lifetime::portable`): BG/NBD and
//! Gamma-Gamma on the CDNOW sample and on an Olist-like log whose likelihood has no interior maximum, where
//! last-bit differences once steered the native fit to a refused edge and the wasm one to a kept fit that
//! took minutes to score. Run natively by `cargo test` and in the browser by `tests/web.rs`.

// In wasm this runs from tests/web.rs, not as this binary's test.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use segscope::engine::features::rfm::{customer_features, detect_mapping, RfmOptions};
use segscope::engine::lifetime::{BgNbdModel, FitParams, GammaGammaModel, History};
use segscope::engine::progress::Silent;
use segscope::engine::table::{read_table, IngestOptions};

const CDNOW: &[u8] = include_bytes!("../data/cdnow_sample_transactions.csv");
const OLIST_LIKE: &[u8] = include_bytes!("../e2e/fixtures/olist_like_status.csv");

/// Each log's fits, every parameter in its shortest exact form, or the error that refused the fit.
const PINNED: &str = "\
cdnow: BG/NBD r=0.2535612663184877 alpha=38.13082422496314 a=0.6073651784471928 b=2.6472331635047563; \
Gamma-Gamma p=4.683453295755822 q=4.189783268360922 v=24.39055376808414
olist-like: BG/NBD refused: PurchaseFitDiverged; \
Gamma-Gamma p=4.23463020506376 q=5.773409514382209 v=129.244252772351";

fn fits(name: &str, bytes: &[u8]) -> String {
    let ingested = read_table(bytes, name, &IngestOptions::default(), &mut Silent).unwrap();
    let mapping = detect_mapping(&ingested.table).unwrap().mapping;
    let features = customer_features(&ingested.table, &mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let histories: Vec<History> = features.customers.iter().map(History::from).collect();
    let bg = match BgNbdModel::fit(&histories, &FitParams::default(), &mut Silent) {
        Ok(m) => format!("r={:?} alpha={:?} a={:?} b={:?}", m.r, m.alpha, m.a, m.b),
        Err(e) => format!("refused: {}", format!("{e:?}").split([' ', '{']).next().unwrap_or_default()),
    };
    let gg = match GammaGammaModel::fit(&histories, &FitParams::default(), &mut Silent) {
        Ok(m) => format!("p={:?} q={:?} v={:?}", m.p, m.q, m.v),
        Err(e) => format!("refused: {e}"),
    };
    format!("{name}: BG/NBD {bg}; Gamma-Gamma {gg}")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
pub fn lifetime_fit_bits_are_pinned() {
    let got = [fits("cdnow", CDNOW), fits("olist-like", OLIST_LIKE)].join("\n");
    assert_eq!(got, PINNED, "lifetime fits changed");
}
