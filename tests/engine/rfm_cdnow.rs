//! RFM features on the CDNOW sample against lifetimes 0.11.3 and pandas (tests/reference/lifetime.py):
//! the per-customer summary for every customer, the descriptive features, and the quintile scores.

use crate::rfm_support;

use rfm_support::{cdnow, expected, floats, rel, strings};
use segscope::engine::features::rfm::{
    customer_features, detect_mapping, quintile_scores, rfm_scores, AmountSource, CivilDate,
    CustomerFeatures, PeriodUnit, RfmOptions, RfmSegment,
};
use segscope::engine::progress::Silent;

fn paper_setup() -> RfmOptions {
    RfmOptions::default()
        .with_period(PeriodUnit::Day)
        .with_freq_multiplier(7)
        .with_observation_end(CivilDate::new(1997, 9, 30))
}

fn features(options: &RfmOptions) -> CustomerFeatures {
    let table = cdnow("cdnow_sample_transactions.csv");
    let proposal = detect_mapping(&table).expect("CDNOW is a transaction log");
    customer_features(&table, &proposal.mapping, options, &mut Silent).unwrap()
}

/// Compares one summary column to the reference, for every customer.
fn assert_column(name: &str, ours: &[f64], theirs: &[f64], tol: f64) {
    assert_eq!(ours.len(), theirs.len(), "{name}: customer count");
    let worst = ours.iter().zip(theirs).map(|(a, b)| rel(*a, *b)).fold(0.0, f64::max);
    assert!(worst <= tol, "{name}: max relative difference {worst:e}");
}

#[test]
fn mapping_is_detected_with_the_count_column_as_quantity() {
    let table = cdnow("cdnow_sample_transactions.csv");
    let p = detect_mapping(&table).unwrap();
    assert_eq!(p.mapping.customer, "customer_id");
    assert_eq!(p.mapping.date, "date");
    assert_eq!(p.mapping.amount, AmountSource::Amount { column: "dollar_value".into() });
    assert_eq!(p.mapping.quantity.as_deref(), Some("number_of_cds"));
    assert!(p.confidence >= 0.8, "{p:?}");
    assert!(!p.reasons.is_empty());
}

#[test]
fn summary_equals_lifetimes_for_every_customer() {
    let f = features(&paper_setup());
    let want = &expected("lifetime_cdnow_sample.json")["customers"];
    let ids: Vec<String> = f.customers.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids, strings(&want["id"]));
    assert_eq!(f.customers.len(), 2357);
    let col = |g: fn(&segscope::engine::features::rfm::CustomerRecord) -> f64| {
        f.customers.iter().map(g).collect::<Vec<_>>()
    };
    assert_column("frequency", &col(|c| c.frequency), &floats(&want["frequency"]), 0.0);
    assert_column("recency", &col(|c| c.first_to_last), &floats(&want["recency"]), 1e-11);
    assert_column("T", &col(|c| c.tenure), &floats(&want["T"]), 1e-11);
    assert_column("monetary_value", &col(|c| c.monetary_value), &floats(&want["monetary_value"]), 1e-11);
    assert_column("orders", &col(|c| c.orders), &floats(&want["orders"]), 0.0);
    assert_column("monetary_total", &col(|c| c.monetary_total), &floats(&want["monetary_total"]), 1e-11);
    assert_column(
        "items_per_order",
        &col(|c| c.items_per_order.unwrap()),
        &floats(&want["items_per_order"]),
        1e-11,
    );
    assert_column("active_months", &col(|c| c.active_months), &floats(&want["active_months"]), 0.0);
    assert_eq!(f.report.observation_end.to_string(), "1997-09-30");
    assert_eq!(f.report.time_unit, "weeks");
}

#[test]
fn feature_table_has_an_id_column_and_features() {
    let f = features(&paper_setup().with_log_transform(true));
    use segscope::engine::table::ColumnRole;
    assert_eq!(f.table.n_rows(), 2357);
    assert_eq!(f.table.columns[0].role, ColumnRole::Id);
    for name in [
        "recency",
        "frequency",
        "orders",
        "monetary_total",
        "tenure",
        "items_per_order",
        "log1p_monetary_total",
    ] {
        let c = f.table.column(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(c.role, ColumnRole::Feature);
        assert_eq!(c.len(), 2357);
    }
    let m = f.table.column("monetary_total").unwrap().numbers().unwrap();
    let l = f.table.column("log1p_monetary_total").unwrap().numbers().unwrap();
    assert!((l[0] - m[0].ln_1p()).abs() < 1e-12);
    // customers without repeats have no mean inter-purchase time
    let gaps = f.table.column("mean_interpurchase").unwrap().numbers().unwrap();
    let freq = f.table.column("frequency").unwrap().numbers().unwrap();
    assert!(gaps.iter().zip(freq).all(|(g, x)| (*x == 0.0) == g.is_nan()));
}

#[test]
fn rfm_scores_equal_pandas_lowest_rank_quintiles() {
    let f = features(&paper_setup());
    let want = &expected("lifetime_cdnow_sample.json")["customers"];
    let s = rfm_scores(&f.customers);
    for (key, got) in [
        ("r_score", s.customers.iter().map(|c| f64::from(c.r)).collect::<Vec<_>>()),
        ("f_score", s.customers.iter().map(|c| f64::from(c.f)).collect()),
        ("m_score", s.customers.iter().map(|c| f64::from(c.m)).collect()),
    ] {
        let want = floats(&want[key]);
        let wrong: Vec<usize> = (0..want.len()).filter(|&i| got[i] != want[i]).collect();
        assert!(wrong.is_empty(), "{key}: {} customers differ, first at {:?}", wrong.len(), wrong.first());
    }
    let total: usize = s.segments.iter().map(|g| g.customers).sum();
    assert_eq!(total, 2357);
    assert_eq!(s.grid.counts.iter().flatten().sum::<usize>(), 2357);
    let champions = s.segments.iter().find(|g| g.segment == RfmSegment::Champions).unwrap();
    let lost = s.segments.iter().find(|g| g.segment == RfmSegment::Lost).unwrap();
    assert!(champions.mean_monetary.unwrap() > lost.mean_monetary.unwrap());
}

#[test]
fn quintile_rule_equals_pandas_for_small_n() {
    let table = expected("lifetime_qcut.json");
    for (n, want) in table.as_object().unwrap() {
        let n: usize = n.parse().unwrap();
        let values: Vec<f64> = (1..=n).map(|i| i as f64).collect();
        let got: Vec<f64> = quintile_scores(&values).into_iter().map(f64::from).collect();
        assert_eq!(got, floats(want), "n = {n}");
    }
}

#[test]
fn whole_week_periods_and_default_end_equal_lifetimes() {
    let want = expected("lifetime_cdnow_periods.json");
    let cases = [
        ("weekly", paper_setup().with_freq_multiplier(1).with_period(PeriodUnit::Week)),
        ("daily_to_last_date", RfmOptions::default()),
    ];
    for (key, options) in cases {
        let f = features(&options);
        let w = &want[key];
        let ids: Vec<String> = f.customers.iter().map(|c| c.id.clone()).collect();
        assert_eq!(ids, strings(&w["id"]), "{key}");
        let col = |g: fn(&segscope::engine::features::rfm::CustomerRecord) -> f64| {
            f.customers.iter().map(g).collect::<Vec<_>>()
        };
        assert_column(key, &col(|c| c.frequency), &floats(&w["frequency"]), 0.0);
        assert_column(key, &col(|c| c.first_to_last), &floats(&w["recency"]), 1e-11);
        assert_column(key, &col(|c| c.tenure), &floats(&w["T"]), 1e-11);
        assert_column(key, &col(|c| c.monetary_value), &floats(&w["monetary_value"]), 1e-11);
    }
}

/// Segments of a transaction log are named in a shop's words: "Long since last purchase" for a high
/// recency (it read "Very high recency", which people took for "bought very recently"), no column jargon.
#[test]
fn segments_of_a_log_are_named_in_plain_words() {
    use segscope::engine::pipeline::{PipelineConfig, Session};
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow_sample_transactions.csv"),
    )
    .unwrap();
    let mut config = PipelineConfig::default();
    (config.evaluation.sweep, config.evaluation.selection) = (None, None);
    let mut session = Session::load(&bytes, "cdnow.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    assert!(report.transactions.is_some());
    let names: Vec<&str> = report.profiles.segments.iter().map(|s| s.name.as_str()).collect();
    for jargon in ["recency", "first to last", "interpurchase", "tenure", "monetary"] {
        assert!(names.iter().all(|n| !n.to_lowercase().contains(jargon)), "{jargon}: {names:?}");
    }
    assert!(
        names.iter().any(|n| n.contains("since last purchase") || n.contains("ecent purchase")),
        "{names:?}"
    );
}
