//! UCI Online Retail (first 999 lines): the mapping is detected without help, the cancellation and
//! missing-id rules are applied and counted, and the summary equals lifetimes' on the cleaned lines.

use crate::rfm_support;

use rfm_support::{expected, floats, online_retail, parse_date, rel, strings};
use segscope::engine::features::rfm::{
    customer_features, detect_mapping, AmountSource, CivilDate, ReturnsRule, RfmOptions, RuleKind,
};
use segscope::engine::progress::Silent;

#[test]
fn dates_parse_in_both_test_formats() {
    assert_eq!(parse_date("1970-01-02"), Some(86_400.0));
    let want = CivilDate::new(2010, 12, 1).unwrap().seconds() + 8.0 * 3600.0 + 26.0 * 60.0;
    assert_eq!(parse_date("12/1/10 8:26"), Some(want));
    assert_eq!(parse_date("soon"), None);
}

#[test]
fn mapping_is_detected_as_quantity_times_price_with_invoices() {
    let p = detect_mapping(&online_retail()).expect("a transaction log");
    assert_eq!(p.mapping.customer, "CustomerID");
    assert_eq!(p.mapping.date, "InvoiceDate");
    assert_eq!(p.mapping.invoice.as_deref(), Some("InvoiceNo"));
    assert_eq!(
        p.mapping.amount,
        AmountSource::QuantityTimesPrice { quantity: "Quantity".into(), unit_price: "UnitPrice".into() }
    );
    assert_eq!(p.mapping.quantity.as_deref(), Some("Quantity"));
    assert!(p.confidence >= 0.8, "{p:?}");
}

#[test]
fn rules_are_applied_and_counted() {
    let table = online_retail();
    let want = expected("lifetime_online_retail.json");
    let mapping = detect_mapping(&table).unwrap().mapping;
    let f = customer_features(&table, &mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let count = |k: RuleKind| f.report.rules.iter().find(|r| r.rule == k).map(|r| r.rows);
    assert_eq!(count(RuleKind::MissingCustomer), Some(1));
    assert_eq!(count(RuleKind::MissingCustomer), want["missing_customer"].as_u64().map(|v| v as usize));
    assert_eq!(count(RuleKind::Cancellation), Some(10));
    assert_eq!(count(RuleKind::NegativeValue), Some(0));
    assert_eq!(count(RuleKind::MissingDate), Some(0));
    assert_eq!(count(RuleKind::AfterObservationEnd), Some(0));
    assert_eq!(f.report.rows_read, 999);
    assert_eq!(f.report.purchase_lines, 999 - 1 - 10);
    let cancel = f.report.rules.iter().find(|r| r.rule == RuleKind::Cancellation).unwrap();
    assert_eq!(
        cancel.sentence,
        "10 rows on cancelled invoices (\"InvoiceNo\" of a \"C\" and digits, like \"C536379\") were excluded"
    );
    let missing = f.report.rules.iter().find(|r| r.rule == RuleKind::MissingCustomer).unwrap();
    assert_eq!(missing.sentence, "1 row without a customer id in \"CustomerID\" was excluded");

    let c = &want["customers"];
    let ids: Vec<String> = f.customers.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, strings(&c["id"]));
    let check = |name: &str, ours: Vec<f64>, tol: f64| {
        let theirs = floats(&c[name]);
        let worst = ours.iter().zip(&theirs).map(|(a, b)| rel(*a, *b)).fold(0.0, f64::max);
        assert!(worst <= tol, "{name}: {worst:e}");
    };
    check("frequency", f.customers.iter().map(|r| r.frequency).collect(), 0.0);
    check("recency", f.customers.iter().map(|r| r.first_to_last).collect(), 0.0);
    check("T", f.customers.iter().map(|r| r.tenure).collect(), 0.0);
    check("monetary_value", f.customers.iter().map(|r| r.monetary_value).collect(), 1e-11);
    check("orders", f.customers.iter().map(|r| r.orders).collect(), 0.0);
    check("monetary_total", f.customers.iter().map(|r| r.monetary_total).collect(), 1e-11);
    assert_eq!(f.report.observation_end, CivilDate::new(2010, 12, 1).unwrap());
}

#[test]
fn netting_subtracts_cancellations_from_spend() {
    let table = online_retail();
    let mapping = detect_mapping(&table).unwrap().mapping;
    let exclude = customer_features(&table, &mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let net = customer_features(
        &table,
        &mapping,
        &RfmOptions::default().with_returns(ReturnsRule::Net),
        &mut Silent,
    )
    .unwrap();
    // the cancelled lines' value, straight from the table
    let inv = table.column("InvoiceNo").unwrap();
    let q = table.column("Quantity").unwrap().numbers().unwrap();
    let p = table.column("UnitPrice").unwrap().numbers().unwrap();
    let cust = table.column("CustomerID").unwrap().numbers().unwrap();
    let kept: std::collections::HashSet<String> = exclude.customers.iter().map(|c| c.id.clone()).collect();
    let cancelled: f64 = (0..table.n_rows())
        .filter(|&i| inv.display(i).starts_with('C') && kept.contains(&format!("{}", cust[i])))
        .map(|i| q[i] * p[i])
        .sum();
    assert!(cancelled < 0.0);
    let total = |f: &segscope::engine::features::rfm::CustomerFeatures| {
        f.customers.iter().map(|c| c.monetary_total).sum::<f64>()
    };
    assert!((total(&net) - (total(&exclude) + cancelled)).abs() < 1e-9);
    // netting changes spend only: purchase counts and the Gamma-Gamma input stay the same
    for (a, b) in exclude.customers.iter().zip(&net.customers) {
        assert_eq!((a.frequency, a.orders, a.monetary_value), (b.frequency, b.orders, b.monetary_value));
    }
    let rule = net.report.rules.iter().find(|r| r.rule == RuleKind::Cancellation).unwrap();
    assert!(rule.sentence.contains("netted"), "{}", rule.sentence);
    // customers seen only on cancellations are reported, not silently dropped
    assert_eq!(net.report.customers_without_purchases, 2);
    assert!(net.report.sentences.iter().any(|s| s.starts_with("2 customers had no purchase left")));
}
