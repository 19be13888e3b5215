//! The preprocessing pipeline on hostile inputs (all-missing, constant, single-row and zero-feature tables,
//! infinities, one-member categories, KNN with few rows, the messy file, cancellation): errors or reports,
//! never panics.

use crate::prep_common;

use crate::prep_pipeline::{mall, rich_config, same};
use prep_common::*;
use segscope::engine::prep::{
    fit_transform, Action, Detector, EncodeConfig, FillValue, Impute, ImputeConfig, IsolationForestParams,
    KnnParams, LofParams, NegativeValues, OutlierAction, OutlierConfig, OutlierRule, PrepConfig, PrepError,
    Prepared, RowAction, Scaling, Transform,
};
use segscope::engine::progress::{Monitor, Silent};
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

fn tiny(columns: Vec<(&str, ColumnKind, ColumnData)>) -> Table {
    let n = columns.first().map_or(0, |c| {
        Column { name: String::new(), kind: c.1, role: ColumnRole::Feature, data: c.2.clone() }.len()
    });
    Table {
        source: "tiny.csv".into(),
        columns: columns
            .into_iter()
            .map(|(name, kind, data)| Column { name: name.into(), kind, role: ColumnRole::Feature, data })
            .collect(),
        row_lines: (0..n as u64).map(|i| i + 2).collect(),
    }
}

fn every_step() -> PrepConfig {
    PrepConfig::default()
        .with_impute(ImputeConfig::default().with_default(Impute::Knn).with_missing_indicators(true))
        .with_outliers(
            OutlierConfig::default()
                .with_default(OutlierRule::iqr(1.5, OutlierAction::Clip))
                .with_multivariate(Detector::Lof(LofParams::default()), RowAction::Flag),
        )
        .with_transform("a", Transform::YeoJohnson)
        .with_transform("b", Transform::Log1p { negatives: NegativeValues::Shift })
}

fn if_config() -> PrepConfig {
    every_step().with_outliers(
        OutlierConfig::default()
            .with_default(OutlierRule::mad(3.5, OutlierAction::Remove))
            .with_multivariate(
                Detector::IsolationForest(IsolationForestParams::default()),
                RowAction::Remove,
            ),
    )
}

fn run_ok(t: &Table, cfg: &PrepConfig) -> Prepared {
    let (fitted, p) = fit_transform(t, cfg, 0, &mut Silent).unwrap();
    assert!(p.matrix.iter().all(|x| x.is_finite()), "finite matrix: {:?}", p.matrix);
    same(&p, &fitted.transform(t, &mut Silent).unwrap());
    p
}

#[test]
fn all_missing_column_is_dropped_and_reported() {
    let nan = f64::NAN;
    let t = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, 2.0, 3.0])),
        ("b", ColumnKind::Numeric, ColumnData::Numbers(vec![nan, nan, nan])),
    ]);
    for cfg in [every_step(), if_config()] {
        let p = run_ok(&t, &cfg);
        assert_eq!(p.feature_names, vec!["a"]);
        assert!(p
            .report
            .for_column("b")
            .any(|e| matches!(&e.action, Action::Skipped { reason } if reason.contains("missing"))));
    }
    let only = tiny(vec![("b", ColumnKind::Numeric, ColumnData::Numbers(vec![nan, nan]))]);
    assert_eq!(
        fit_transform(&only, &PrepConfig::default(), 0, &mut Silent).unwrap_err(),
        PrepError::NoFeatures
    );
}

#[test]
fn constant_column() {
    let t = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(vec![5.0; 30])),
        ("b", ColumnKind::Numeric, ColumnData::Numbers((0..30).map(f64::from).collect())),
    ]);
    for cfg in [every_step(), if_config()] {
        let p = run_ok(&t, &cfg);
        assert!(p.matrix.column(0).iter().all(|&x| x == 0.0), "constant column standardises to 0");
        assert!(p
            .report
            .for_column("a")
            .any(|e| matches!(e.action, Action::YeoJohnson { lambda } if lambda == 1.0)));
        assert!(p.report.for_column("a").any(|e| matches!(e.action, Action::RuleSkipped { .. })));
    }
}

#[test]
fn single_row() {
    let t = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(vec![3.0])),
        ("b", ColumnKind::Numeric, ColumnData::Numbers(vec![-2.0])),
        ("g", ColumnKind::Categorical, ColumnData::Categories { codes: vec![0], levels: vec!["x".into()] }),
    ]);
    for cfg in [every_step(), if_config(), PrepConfig::default().with_scale(Scaling::Robust)] {
        let p = run_ok(&t, &cfg);
        assert_eq!(p.rows, vec![0]);
        assert_eq!(p.matrix.nrows(), 1);
    }
    let p = run_ok(&t, &if_config());
    assert!(p
        .report
        .entries
        .iter()
        .any(|e| matches!(&e.action, Action::RuleSkipped { reason, .. } if reason.contains("2 rows"))));
}

#[test]
fn zero_feature_columns() {
    let mut t = tiny(vec![
        ("id", ColumnKind::Identifier, ColumnData::Texts(vec![Some("1".into())])),
        ("note", ColumnKind::Text, ColumnData::Texts(vec![Some("hi".into())])),
        ("x", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0])),
    ]);
    t.columns[2].role = ColumnRole::Ignore;
    let e = fit_transform(&t, &PrepConfig::default(), 0, &mut Silent).unwrap_err();
    assert_eq!(e.to_string(), "no feature columns: every column is an id, ignored or text");
    let e = fit_transform(&t, &PrepConfig::default().with_features(&["note"]), 0, &mut Silent).unwrap_err();
    assert_eq!(e, PrepError::NotAFeatureKind { column: "note".into(), kind: "text".into() });
    // listing an ignored column uses it
    assert!(fit_transform(&t, &PrepConfig::default().with_features(&["x"]), 0, &mut Silent).is_ok());
}

#[test]
fn infinite_values_are_missing() {
    let inf = f64::INFINITY;
    let t = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, inf, 3.0, -inf, 5.0])),
        ("b", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, 2.0, 3.0, 4.0, 1e308])),
    ]);
    // the outlier rules clip or remove 1e308 first
    for cfg in [every_step(), if_config()] {
        let p = run_ok(&t, &cfg);
        assert!(p.report.for_column("a").any(|e| e.action == Action::NonFinite { cells: 2 }));
    }
    // without them it is too large to square: refused by name (it used to pass through unscaled)
    assert!(matches!(
        fit_transform(&t, &PrepConfig::default(), 0, &mut Silent),
        Err(PrepError::TooLarge { column, .. }) if column == "b"
    ));
}

#[test]
fn category_with_one_member() {
    let mut codes = vec![0u32; 199];
    codes.push(1);
    let t = tiny(vec![(
        "g",
        ColumnKind::Categorical,
        ColumnData::Categories { codes, levels: vec!["common".into(), "lonely".into()] },
    )]);
    let p = run_ok(&t, &PrepConfig::default());
    assert_eq!(p.feature_names, vec!["g_common", "g_other"]);
    assert_eq!(p.matrix[[199, 1]], 1.0);
    let p = run_ok(&t, &PrepConfig::default().with_encode(EncodeConfig::default().with_min_share(0.0)));
    assert_eq!(p.feature_names, vec!["g_common", "g_lonely"]);
}

#[test]
fn knn_with_fewer_rows_than_neighbours() {
    let nan = f64::NAN;
    let t = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, nan, 3.0])),
        ("b", ColumnKind::Numeric, ColumnData::Numbers(vec![2.0, 4.0, nan])),
    ]);
    let cfg = PrepConfig::default()
        .with_impute(
            ImputeConfig::default()
                .with_default(Impute::Knn)
                .with_knn(KnnParams::default().with_n_neighbors(50)),
        )
        .with_scale(Scaling::None);
    let p = run_ok(&t, &cfg);
    // k = 50 > 3 rows: each receiver averages the donors it has. Row 1 shares no coordinate with row 2, so
    // (as in scikit-learn) row 2 is no donor for it: a = 1 from row 0 alone; likewise b[2] = 2.
    assert_eq!(p.matrix[[1, 0]], 1.0);
    assert_eq!(p.matrix[[2, 1]], 2.0);
}

#[test]
fn messy_file_runs_with_every_step() {
    let mut t = table("mall_customers_messy.csv");
    set_role(&mut t, "CustomerID", ColumnRole::Id);
    let cfg = PrepConfig::default()
        .with_impute(ImputeConfig::default().with_default(Impute::Knn).with_missing_indicators(true))
        .with_outliers(
            OutlierConfig::default()
                .with_default(OutlierRule::iqr(1.5, OutlierAction::Remove))
                .with_multivariate(
                    Detector::IsolationForest(IsolationForestParams::default()),
                    RowAction::Flag,
                ),
        );
    let p = run_ok(&t, &cfg);
    // The test reader keeps "NA", "$15,000.53" and dates as text, so every feature is categorical here: no
    // numeric rule applies, the detector says so, and each feature is capped at 20 one-hot columns.
    assert_eq!(p.rows.len(), 200);
    assert!(p
        .report
        .entries
        .iter()
        .any(|e| matches!(&e.action, Action::RuleSkipped { reason, .. } if reason.contains("no numeric"))));
    assert!(p.feature_names.len() <= 7 * 20);
}

#[test]
fn rule_errors_name_the_column() {
    let t = mall();
    let cfg = PrepConfig::default()
        .with_impute(ImputeConfig::default().with_column("Age", Impute::Constant { value: None }));
    let e = fit_transform(&t, &cfg, 0, &mut Silent).unwrap_err();
    assert_eq!(e.to_string(), "column \"Age\": constant fill value required for strategy constant");

    let cfg = PrepConfig::default().with_impute(
        ImputeConfig::default().with_column("Age", Impute::Constant { value: Some(FillValue::Number(0.0)) }),
    );
    assert!(fit_transform(&t, &cfg, 0, &mut Silent).is_ok());

    let cfg = PrepConfig::default().with_transform("Gender", Transform::YeoJohnson);
    let e = fit_transform(&t, &cfg, 0, &mut Silent).unwrap_err();
    assert!(matches!(e, PrepError::RuleNotForKind { ref column, .. } if column == "Gender"), "{e}");

    let cfg = PrepConfig::default().with_transform("Agee", Transform::YeoJohnson);
    let e = fit_transform(&t, &cfg, 0, &mut Silent).unwrap_err();
    assert_eq!(e.to_string(), "transforms: there is no column named \"Agee\"");

    let cfg = PrepConfig::default().with_outliers(
        OutlierConfig::default().with_column("Gender", OutlierRule::iqr(1.5, OutlierAction::Clip)),
    );
    assert!(matches!(fit_transform(&t, &cfg, 0, &mut Silent).unwrap_err(), PrepError::RuleNotForKind { .. }));

    let empty = subset(&t, &[]);
    assert_eq!(
        fit_transform(&empty, &PrepConfig::default(), 0, &mut Silent).unwrap_err(),
        PrepError::EmptyTable
    );
}

#[test]
fn every_row_removed_is_an_error() {
    let t = tiny(vec![("a", ColumnKind::Numeric, ColumnData::Numbers(vec![f64::NAN, 1.0, f64::NAN]))]);
    let t2 = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(vec![f64::NAN, f64::NAN])),
        ("b", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, 2.0])),
    ]);
    let cfg = PrepConfig::default().with_impute(ImputeConfig::default().with_default(Impute::Drop));
    assert!(fit_transform(&t, &cfg, 0, &mut Silent).is_ok());
    // "a" is all missing and dropped as a column, so "drop" removes nothing here …
    assert!(fit_transform(&t2, &cfg, 0, &mut Silent).is_ok());
    // … but a new table whose every row misses "a" loses every row
    let (fitted, _) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
    let all_missing = tiny(vec![("a", ColumnKind::Numeric, ColumnData::Numbers(vec![f64::NAN]))]);
    let e = fitted.transform(&all_missing, &mut Silent).unwrap_err();
    assert_eq!(e.to_string(), "all rows were removed by the missing-value rule \"drop\"");
}

struct CancelAt(usize, usize);
impl Monitor for CancelAt {
    fn progress(&mut self, _: &str, _: f64) {
        self.1 += 1;
    }
    fn cancelled(&self) -> bool {
        self.1 >= self.0
    }
}

#[test]
fn cancel_stops_the_run() {
    let mut cc = table("cc_general.csv");
    set_role(&mut cc, "CUST_ID", ColumnRole::Id);
    for at in [1, 3, 10] {
        let e = fit_transform(&cc, &rich_config(), 0, &mut CancelAt(at, 0)).unwrap_err();
        assert_eq!(e, PrepError::Cancelled);
    }
}

#[test]
fn values_too_large_to_square_are_refused_by_name() {
    let huge: Vec<f64> = (1..=20).map(|i| f64::from(i) * 1e299).collect();
    let fine: Vec<f64> = (1..=20).map(f64::from).collect();
    let table = tiny(vec![
        ("a", ColumnKind::Numeric, ColumnData::Numbers(fine.clone())),
        ("b", ColumnKind::Numeric, ColumnData::Numbers(huge)),
    ]);
    match fit_transform(&table, &PrepConfig::default(), 0, &mut Silent) {
        Err(PrepError::TooLarge { column, largest }) => assert_eq!((column.as_str(), largest), ("b", 2e300)),
        other => panic!("{:?}", other.map(|(_, p)| p.matrix)),
    }
    // large but squarable values are standardized as usual
    let big: Vec<f64> = fine.iter().map(|x| x * 1e60).collect();
    let table = tiny(vec![("a", ColumnKind::Numeric, ColumnData::Numbers(big))]);
    let (_, prepared) = fit_transform(&table, &PrepConfig::default(), 0, &mut Silent).unwrap();
    assert!(prepared.matrix.iter().all(|v| v.abs() < 2.0), "{:?}", prepared.matrix);
}

/// A run on a file whose category column is blank for most customers says so among the run's notes (it was
/// filled with its most frequent level with only a count in Prepare); a column blank for a third says
/// nothing.
#[test]
fn a_mostly_blank_feature_is_named_in_the_run_notes() {
    use segscope::engine::pipeline::{PipelineConfig, Session};
    let mut csv = String::from("customer_id,spend,visits,tags,region\n");
    for i in 0..60 {
        let tag = if i % 6 == 0 { "vip" } else { "" };
        let region = if i % 3 == 0 { "" } else { ["north", "south"][i % 2] };
        csv += &format!("c{i},{},{},{tag},{region}\n", 10 + (i * 37) % 90, 1 + (i * 7) % 13);
    }
    let config = PipelineConfig::default();
    let mut session = Session::load(csv.as_bytes(), "tags.csv", &config.ingest, &mut Silent).unwrap();
    let report = session.run(&config, &mut Silent).unwrap();
    let said: Vec<&String> = report.notes.iter().filter(|n| n.contains("was blank for")).collect();
    assert_eq!(said.len(), 1, "{:?}", report.notes);
    assert!(said[0].starts_with("\"tags\" was blank for 50 of 60 customers (83%)"), "{}", said[0]);
}
