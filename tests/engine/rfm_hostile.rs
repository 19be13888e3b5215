//! Hostile input for the RFM features and lifetime models: empty logs, one customer, no repeat customers,
//! everything on one day, only negative amounts, missing dates, wrong column kinds, cancellation. Every case
//! ends in a value or a named error, never a panic.

use segscope::engine::features::rfm::{
    customer_features, rfm_scores, AmountSource, CivilDate, RfmError, RfmOptions, RuleKind,
    TransactionMapping,
};
use segscope::engine::lifetime::{
    at_risk, score_customers, AtRiskParams, BgNbdModel, ClvParams, FitParams, GammaGammaModel, History,
    LifetimeError,
};
use segscope::engine::progress::{Monitor, Silent};
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

fn day(y: i32, m: u32, d: u32) -> f64 {
    CivilDate::new(y, m, d).unwrap().seconds()
}

/// A log of (customer, date seconds, amount) rows.
fn log(rows: &[(&str, f64, f64)]) -> Table {
    let col = |name: &str, kind, data| Column { name: name.into(), kind, role: ColumnRole::Feature, data };
    Table {
        source: "hostile.csv".into(),
        columns: vec![
            col(
                "customer",
                ColumnKind::Identifier,
                ColumnData::Texts(rows.iter().map(|r| (!r.0.is_empty()).then(|| r.0.to_string())).collect()),
            ),
            col("date", ColumnKind::Date, ColumnData::Numbers(rows.iter().map(|r| r.1).collect())),
            col("amount", ColumnKind::Numeric, ColumnData::Numbers(rows.iter().map(|r| r.2).collect())),
        ],
        row_lines: (0..rows.len() as u64).map(|i| i + 2).collect(),
    }
}

fn mapping() -> TransactionMapping {
    TransactionMapping {
        customer: "customer".into(),
        date: "date".into(),
        amount: AmountSource::Amount { column: "amount".into() },
        quantity: None,
        invoice: None,
        status: None,
    }
}

fn histories(rows: &[(&str, f64, f64)]) -> Vec<History> {
    let f = customer_features(&log(rows), &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    f.customers.iter().map(History::from).collect()
}

#[test]
fn empty_log_is_a_named_error() {
    let err = customer_features(&log(&[]), &mapping(), &RfmOptions::default(), &mut Silent).unwrap_err();
    assert!(matches!(err, RfmError::NoPurchases { rows: 0, .. }), "{err}");
}

#[test]
fn only_negative_amounts_leave_nothing() {
    let rows = [("a", day(2020, 1, 1), -5.0), ("b", day(2020, 1, 2), -1.0)];
    let err = customer_features(&log(&rows), &mapping(), &RfmOptions::default(), &mut Silent).unwrap_err();
    let RfmError::NoPurchases { rows: 2, rules } = err else { panic!("{err}") };
    // the error says which rule removed them
    assert_eq!(rules.iter().find(|r| r.rule == RuleKind::NegativeValue).map(|r| r.rows), Some(2));
}

#[test]
fn an_observation_end_before_every_purchase_says_so() {
    let rows = [("a", day(2020, 3, 1), 5.0), ("b", day(2020, 3, 2), 1.0)];
    let options = RfmOptions { observation_end: CivilDate::new(2019, 12, 31), ..RfmOptions::default() };
    let err = customer_features(&log(&rows), &mapping(), &options, &mut Silent).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no usable purchases: 2 rows read, none kept after the rules (2 rows dated after the observation \
         end 2019-12-31 were excluded)"
    );
}

#[test]
fn one_customer_scores_but_cannot_be_fitted() {
    let rows = [("a", day(2020, 1, 1), 5.0)];
    let f = customer_features(&log(&rows), &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    assert_eq!(f.customers.len(), 1);
    let s = rfm_scores(&f.customers);
    assert_eq!((s.customers[0].r, s.customers[0].f, s.customers[0].m), (5, 1, 1));
    let h: Vec<History> = f.customers.iter().map(History::from).collect();
    assert_eq!(
        BgNbdModel::fit(&h, &FitParams::default(), &mut Silent),
        Err(LifetimeError::NoRepeatCustomers { customers: 1 })
    );
    assert_eq!(
        GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent),
        Err(LifetimeError::NoRepeatCustomers { customers: 1 })
    );
}

#[test]
fn everything_on_one_day_merges_and_refuses_to_fit() {
    let d = day(2020, 3, 1);
    let rows = [("a", d, 5.0), ("a", d + 3600.0, 7.0), ("b", d, 2.0), ("c", d + 60.0, 1.0)];
    let f = customer_features(&log(&rows), &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    let merged = f.report.rules.iter().find(|r| r.rule == RuleKind::SamePeriodMerged).unwrap();
    assert_eq!(merged.rows, 1);
    assert!(f.customers.iter().all(|c| c.frequency == 0.0 && c.tenure == 0.0));
    assert_eq!(f.customers[0].monetary_total, 12.0);
    let h: Vec<History> = f.customers.iter().map(History::from).collect();
    assert!(BgNbdModel::fit(&h, &FitParams::default(), &mut Silent).is_err());
}

#[test]
fn repeat_buyers_on_the_last_day_only_have_no_observation_time() {
    let d = day(2020, 3, 1);
    // with monthly periods both purchases fall in one month: no repeat, T = 0
    let rows = [("a", d, 5.0), ("a", d + 86_400.0, 7.0)];
    let opts = RfmOptions::default().with_period(segscope::engine::features::rfm::PeriodUnit::Month);
    let f = customer_features(&log(&rows), &mapping(), &opts, &mut Silent).unwrap();
    assert_eq!(f.customers[0].frequency, 0.0);
    let h = [History { frequency: 2.0, recency: 0.0, t: 0.0, monetary_value: 1.0 }];
    assert_eq!(
        BgNbdModel::fit(&h, &FitParams::default(), &mut Silent),
        Err(LifetimeError::NoObservationTime)
    );
}

#[test]
fn missing_ids_dates_and_amounts_are_counted() {
    let rows = [
        ("", day(2020, 1, 1), 5.0),
        ("a", f64::NAN, 5.0),
        ("a", day(2020, 1, 1), f64::NAN),
        ("a", day(2020, 1, 1), 3.0),
        ("a", day(2020, 2, 1), 4.0),
        ("b", day(2020, 5, 1), 9.0),
    ];
    let opts = RfmOptions::default().with_observation_end(CivilDate::new(2020, 3, 1));
    let f = customer_features(&log(&rows), &mapping(), &opts, &mut Silent).unwrap();
    let count = |k| f.report.rules.iter().find(|r| r.rule == k).unwrap().rows;
    assert_eq!(count(RuleKind::MissingCustomer), 1);
    assert_eq!(count(RuleKind::MissingDate), 1);
    assert_eq!(count(RuleKind::MissingAmount), 1);
    assert_eq!(count(RuleKind::AfterObservationEnd), 1);
    assert_eq!(f.customers.len(), 1);
    assert_eq!(f.report.customers_without_purchases, 1);
    assert_eq!(f.customers[0].tenure, 60.0); // 2020-01-01 .. 2020-03-01
}

#[test]
fn a_short_column_is_read_only_as_far_as_it_goes() {
    let mut t = log(&[("a", day(2020, 1, 1), 1.0), ("a", day(2020, 1, 9), 2.0)]);
    t.columns[2].data = ColumnData::Numbers(vec![1.0]);
    let f = customer_features(&t, &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    assert_eq!(f.report.purchase_lines, 1);
}

#[test]
fn a_text_date_column_is_refused_with_its_name() {
    let mut t = log(&[("a", 0.0, 1.0)]);
    t.columns[1].kind = ColumnKind::Text;
    t.columns[1].data = ColumnData::Texts(vec![Some("2020-01-01".into())]);
    let err = customer_features(&t, &mapping(), &RfmOptions::default(), &mut Silent).unwrap_err();
    assert!(matches!(err, RfmError::WrongKind { role: "date", .. }), "{err}");
}

#[test]
fn no_repeat_customers_still_score_and_list() {
    let rows = [("a", day(2020, 1, 1), 5.0), ("b", day(2020, 2, 1), 50.0), ("c", day(2020, 3, 1), 500.0)];
    let h = histories(&rows);
    assert!(matches!(
        BgNbdModel::fit(&h, &FitParams::default(), &mut Silent),
        Err(LifetimeError::NoRepeatCustomers { .. })
    ));
    // a model fitted elsewhere can still score these customers
    let bg = BgNbdModel {
        r: 0.24,
        alpha: 4.4,
        a: 0.79,
        b: 2.4,
        log_likelihood: 0.0,
        n_customers: 0,
        fit: Default::default(),
    };
    let f = customer_features(&log(&rows), &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    let scored = score_customers(&f.customers, &bg, None, &ClvParams::default(), &mut Silent).unwrap();
    assert!(scored.iter().all(|s| s.p_alive == 1.0 && s.expected_purchases.is_finite() && s.clv.is_none()));
    assert!(at_risk(&scored, &AtRiskParams::default(), "days").unwrap().customers.is_empty());
}

#[test]
fn extreme_values_do_not_break_the_fits() {
    let h = [
        History { frequency: 1.0, recency: 1e-9, t: 1e6, monetary_value: 1e-9 },
        History { frequency: 500.0, recency: 1e6, t: 1e6, monetary_value: 1e9 },
        History { frequency: 0.0, recency: 0.0, t: 1e-9, monetary_value: 0.0 },
    ];
    // the purchase model's fit runs off here (a typical rate of 3e8 a unit where the fastest customer's is
    // 5e-4, and a = b = 3e-16 without converging): refused in words; the model it would have been still gives
    // finite values
    let fitted = BgNbdModel::fit(&h, &FitParams::default(), &mut Silent);
    assert!(
        matches!(
            fitted,
            Err(LifetimeError::PurchaseFitDiverged { .. } | LifetimeError::PurchaseFitRanOff { .. })
        ),
        "{fitted:?}"
    );
    let bg = BgNbdModel {
        r: 0.0604,
        alpha: 1.93e-10,
        a: 1.0,
        b: 1.0,
        log_likelihood: 0.0,
        n_customers: 3,
        fit: Default::default(),
    };
    assert!([bg.r, bg.alpha, bg.a, bg.b].iter().all(|v| v.is_finite() && *v > 0.0), "{bg:?}");
    for c in &h {
        assert!(bg.p_alive(c).is_finite(), "{bg:?} {c:?}");
        assert!(
            bg.expected_purchases(30.0, c).is_finite(),
            "{bg:?} {c:?} {}",
            bg.expected_purchases(30.0, c)
        );
    }
    let gg = GammaGammaModel::fit(&h, &FitParams::default(), &mut Silent).unwrap();
    assert!(gg.p.is_finite() && gg.q.is_finite() && gg.v.is_finite(), "{gg:?}");
}

struct CancelAfter(usize);
impl Monitor for CancelAfter {
    fn progress(&mut self, _: &str, _: f64) {
        self.0 = self.0.saturating_sub(1);
    }
    fn cancelled(&self) -> bool {
        self.0 == 0
    }
}

#[test]
fn cancel_stops_features_and_fits() {
    // two repeat customers whose spends differ (the spend model refuses spends that never vary)
    let rows = [
        ("a", day(2020, 1, 1), 5.0),
        ("a", day(2020, 2, 1), 5.0),
        ("b", day(2020, 1, 5), 1.0),
        ("c", day(2020, 1, 2), 2.0),
        ("c", day(2020, 1, 9), 3.0),
    ];
    let err =
        customer_features(&log(&rows), &mapping(), &RfmOptions::default(), &mut CancelAfter(1)).unwrap_err();
    assert!(matches!(err, RfmError::Cancelled(_)));
    let h = histories(&rows);
    assert!(matches!(
        BgNbdModel::fit(&h, &FitParams::default(), &mut CancelAfter(1)),
        Err(LifetimeError::Cancelled(_))
    ));
    assert!(matches!(
        GammaGammaModel::fit(&h, &FitParams::default(), &mut CancelAfter(1)),
        Err(LifetimeError::Cancelled(_))
    ));
}

#[test]
fn month_periods_merge_within_a_month_and_measure_numpy_months() {
    use segscope::engine::features::rfm::PeriodUnit;
    let rows = [("a", day(2020, 1, 5), 1.0), ("a", day(2020, 1, 20), 2.0), ("a", day(2020, 3, 3), 4.0)];
    let opts = RfmOptions::default()
        .with_period(PeriodUnit::Month)
        .with_observation_end(CivilDate::new(2020, 4, 15));
    let f = customer_features(&log(&rows), &mapping(), &opts, &mut Silent).unwrap();
    let c = &f.customers[0];
    let month = 365.2425 / 12.0;
    assert_eq!(c.frequency, 1.0);
    assert!((c.first_to_last - 60.0 / month).abs() < 1e-12); // 2020-01-01 .. 2020-03-01
    assert!((c.tenure - 91.0 / month).abs() < 1e-12); // 2020-01-01 .. 2020-04-01
    assert_eq!(c.monetary_value, 4.0);
    assert_eq!(c.active_months, 2.0);
    assert_eq!(f.report.time_unit, "months");
}

#[test]
fn a_date_far_after_the_others_is_warned_about_unless_the_end_is_set() {
    let mut rows: Vec<(String, f64, f64)> = (0..40)
        .map(|i| (format!("c{}", i % 8), day(2011, 1 + (i % 12) as u32, 1 + i as u32 % 28), 10.0))
        .collect();
    let ordinary = rows.iter().map(|(c, d, a)| (c.as_str(), *d, *a)).collect::<Vec<_>>();
    let f = customer_features(&log(&ordinary), &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    assert!(f.report.warnings.is_empty(), "{:?}", f.report.warnings);
    rows.push(("c3".into(), day(2201, 5, 1), 20.0));
    let typo = rows.iter().map(|(c, d, a)| (c.as_str(), *d, *a)).collect::<Vec<_>>();
    let f = customer_features(&log(&typo), &mapping(), &RfmOptions::default(), &mut Silent).unwrap();
    assert_eq!(f.report.warnings.len(), 1);
    assert!(
        f.report.warnings[0].starts_with("1 purchase line is dated after 2012-"),
        "{}",
        f.report.warnings[0]
    );
    assert!(f.report.warnings[0].contains("(the latest 2201-05-01)"), "{}", f.report.warnings[0]);
    let set = RfmOptions::default().with_observation_end(CivilDate::new(2011, 12, 31));
    let f = customer_features(&log(&typo), &mapping(), &set, &mut Silent).unwrap();
    assert!(f.report.warnings.is_empty());
}

#[test]
fn whole_number_dates_written_yyyymmdd_are_read_as_dates() {
    use segscope::engine::features::rfm::detect_mapping;
    use segscope::engine::table::{read_table, IngestOptions};
    // CDNOW's own format (CDNOW_master.txt writes 19970101) gives the same customers as ISO dates
    let iso = std::fs::read_to_string(format!(
        "{}/tests/data/cdnow_sample_transactions.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let compact: String = iso
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if i == 0 {
                cells[1] = "purchase_date".into();
            } else {
                cells[1] = cells[1].replace('-', "");
            }
            cells.join(",") + "\n"
        })
        .collect();
    let features = |text: &str| {
        let table =
            read_table(text.as_bytes(), "log.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
        let proposal = detect_mapping(&table).expect("a transaction log");
        customer_features(&table, &proposal.mapping, &RfmOptions::default(), &mut Silent).unwrap().customers
    };
    let (want, got) = (features(&iso), features(&compact));
    assert_eq!(got.len(), 2357);
    assert_eq!(got, want);
    // named explicitly, a column of plain numbers is refused with the reason
    let table =
        read_table(b"customer,date,amount\na,5,1\na,7,2\n", "n.csv", &IngestOptions::default(), &mut Silent)
            .unwrap();
    let err = customer_features(&table.table, &mapping(), &RfmOptions::default(), &mut Silent).unwrap_err();
    assert!(err.to_string().contains("written YYYYMMDD"), "{err}");
}

#[test]
fn times_with_an_offset_fall_on_the_day_written() {
    use segscope::engine::features::rfm::detect_mapping;
    use segscope::engine::table::{read_table, IngestOptions};
    // 09:00 and 21:30 at −05:00 are one local day (lifetimes counts one); in UTC the second is the next day
    let log = "customer_id,date,amount\n\
               A,2021-03-05T09:00:00-05:00,10\nA,2021-03-05T21:30:00-05:00,12\n\
               A,2021-03-09T10:00:00-05:00,8\n\
               B,2021-03-01T12:00:00Z,5\nB,2021-03-02T12:00:00Z,6\nC,2021-03-03T23:59:00+14:00,7\n";
    let table = read_table(log.as_bytes(), "tz.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
    let mapping = detect_mapping(&table).expect("a transaction log").mapping;
    let f = customer_features(&table, &mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let a = f.customers.iter().find(|c| c.id == "A").unwrap();
    assert_eq!((a.frequency, a.orders), (1.0, 3.0));
    assert_eq!(f.report.first_purchase, CivilDate::new(2021, 3, 1));
    assert_eq!(f.report.last_purchase, CivilDate::new(2021, 3, 9));
}

/// A CRM's company export: a unique Record ID, a contact email, an "Email Open Rate" in percent, a create
/// date and an annual revenue. It was read as a transaction log, with the open rate as the customer (57
/// "customers" of 6,150 rows) or, without it, on five duplicated rows of 6,005. Neither is a log now; a real
/// log still is.
#[test]
fn a_crm_export_with_a_few_duplicated_rows_is_not_a_transaction_log() {
    use segscope::engine::features::rfm::{detect_mapping, MIN_REPEATED_SHARE, NO_REPEATS_CONFIDENCE};
    use segscope::engine::table::{read_table, IngestOptions};
    let mut csv = String::from("Record ID,Contact Email,Email Open Rate,Create Date,Annual Revenue\n");
    for i in 0..400 {
        csv +=
            &format!("{},c{i}@x.com,{}%,2024-0{}-1{},{}\n", 1000 + i, 10 + i % 40, 1 + i % 9, i % 10, i * 13);
    }
    csv += "1003,c3@x.com,13%,2024-04-13,39\n1007,c7@x.com,17%,2024-08-17,91\n"; // the same companies twice
    let table = read_table(csv.as_bytes(), "crm.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
    let p = detect_mapping(&table).expect("a mapping is still proposed");
    assert_eq!(p.mapping.customer, "Contact Email", "a percentage is never the customer id");
    assert!(p.confidence <= NO_REPEATS_CONFIDENCE, "{} {:?}", p.confidence, p.reasons);
    assert!(p.reasons.iter().any(|r| r.contains("only 2 of 402 rows repeat an id")), "{:?}", p.reasons);
    // one company in ten buying again is a log
    let mut log = String::from("Contact Email,Order Date,Amount\n");
    let n = 200;
    for i in 0..n {
        log += &format!("c{}@x.com,2024-03-{:02},{}.5\n", if i % 10 == 0 { 0 } else { i }, 1 + i % 28, 5 + i);
    }
    let table = read_table(log.as_bytes(), "log.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
    assert!(19.0 / n as f64 >= MIN_REPEATED_SHARE);
    assert!(detect_mapping(&table).unwrap().confidence > NO_REPEATS_CONFIDENCE);
}

/// Hex order ids (Olist's) that start with "c" are orders, not cancellations (one order in sixteen was left
/// out); UCI's "C536379" is one; a log whose invoice numbers all start with "C" has none.
#[test]
fn only_a_c_before_digits_is_a_cancellation() {
    let rows = [
        ("a", day(2023, 1, 1), 10.0),
        ("a", day(2023, 2, 1), 20.0),
        ("b", day(2023, 1, 5), 30.0),
        ("b", day(2023, 3, 1), 40.0),
    ];
    let read = |ids: [&str; 4]| {
        let mut t = log(&rows);
        let data = ColumnData::Texts(ids.iter().map(|s| Some(s.to_string())).collect());
        let (kind, role) = (ColumnKind::Identifier, ColumnRole::Feature);
        t.columns.push(Column { name: "invoice".into(), kind, role, data });
        let m = TransactionMapping { invoice: Some("invoice".into()), ..mapping() };
        let f = customer_features(&t, &m, &RfmOptions::default(), &mut Silent).unwrap();
        let cancelled = f.report.rules.iter().find(|r| r.rule == RuleKind::Cancellation).unwrap().rows;
        (cancelled, f.report.purchase_lines)
    };
    assert_eq!(read(["cd39e158", "0a1b", "c4741052b2", "ff01"]), (0, 4));
    assert_eq!(read(["536365", "C536379", "536370", "536380"]), (1, 3));
    assert_eq!(read(["C1001", "C1002", "C1003", "C1004"]), (0, 4));
}
