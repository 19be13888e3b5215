//! The whole preprocessing pipeline: transform(training table) reproduces fit_transform exactly, new tables
//! (unseen levels, missing cells) behave as documented, the fitted pipeline survives JSON, and hostile inputs
//! give errors or reports, never panics (those are in `prep_hostile`).

use crate::prep_common;

use prep_common::*;
use segscope::engine::prep::{
    fit_transform, Action, Contamination, Detector, EncodeConfig, FittedPrep, Impute, ImputeConfig,
    IsolationForestParams, KnnParams, LofParams, NegativeValues, OutlierAction, OutlierConfig, OutlierRule,
    PrepConfig, PrepError, Prepared, RowAction, Scaling, Transform,
};
use segscope::engine::progress::Silent;
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table, MISSING_CODE};

pub(crate) fn mall() -> Table {
    let mut t = table("mall_customers.csv");
    set_role(&mut t, "CustomerID", ColumnRole::Id);
    t
}

pub(crate) fn rich_config() -> PrepConfig {
    let knn = KnnParams::default().with_n_neighbors(5);
    let if_params = IsolationForestParams {
        n_trees: 50,
        contamination: Contamination::Share(0.03),
        ..Default::default()
    };
    PrepConfig::default()
        .with_impute(
            ImputeConfig::default()
                .with_default(Impute::Median)
                .with_column("MINIMUM_PAYMENTS", Impute::Knn)
                .with_knn(knn)
                .with_missing_indicators(true),
        )
        .with_outliers(
            OutlierConfig::default()
                .with_default(OutlierRule::iqr(3.0, OutlierAction::Clip))
                .with_column("TENURE", OutlierRule::None)
                .with_column("BALANCE", OutlierRule::z_score(4.0, OutlierAction::Remove))
                .with_column("PURCHASES", OutlierRule::mad(10.0, OutlierAction::Flag))
                .with_multivariate(Detector::IsolationForest(if_params), RowAction::Flag),
        )
        .with_transform("PAYMENTS", Transform::YeoJohnson)
        .with_transform("CASH_ADVANCE", Transform::Log1p { negatives: NegativeValues::Skip })
        .with_transform("PURCHASES_TRX", Transform::QuantileBins { n_bins: 4 })
        .with_scale(Scaling::Robust)
}

pub(crate) fn same(a: &Prepared, b: &Prepared) {
    assert_eq!(a.feature_names, b.feature_names);
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.flagged, b.flagged);
    assert_eq!(a.categorical, b.categorical);
    assert_eq!(a.matrix.dim(), b.matrix.dim());
    assert!(
        a.matrix.iter().zip(b.matrix.iter()).all(|(x, y)| x.to_bits() == y.to_bits()),
        "bitwise equal matrices"
    );
}

#[test]
fn transform_on_training_table_reproduces_fit_transform() {
    let mut cc = table("cc_general.csv");
    set_role(&mut cc, "CUST_ID", ColumnRole::Id);
    let (fitted, p) = fit_transform(&cc, &rich_config(), 5, &mut Silent).unwrap();
    assert!(p.rows.len() < 8950 && !p.flagged.is_empty());
    assert!(p.matrix.iter().all(|x| x.is_finite()));
    let again = fitted.transform(&cc, &mut Silent).unwrap();
    same(&p, &again);

    let mut m = mall();
    let lof = LofParams { n_neighbors: 15, contamination: Contamination::Share(0.05), ..Default::default() };
    let cfg = PrepConfig::default()
        .with_outliers(OutlierConfig::default().with_multivariate(Detector::Lof(lof), RowAction::Remove))
        .with_scale(Scaling::MinMax)
        .with_scale_encoded(true);
    set_kind(&mut m, "Gender", ColumnKind::Categorical);
    let (fitted, p) = fit_transform(&m, &cfg, 1, &mut Silent).unwrap();
    assert_eq!(p.rows.len(), 190);
    same(&p, &fitted.transform(&m, &mut Silent).unwrap());
}

#[test]
fn fitted_pipeline_survives_json() {
    let mut cc = table("cc_general.csv");
    set_role(&mut cc, "CUST_ID", ColumnRole::Id);
    let (fitted, p) = fit_transform(&cc, &rich_config(), 5, &mut Silent).unwrap();
    let json = serde_json::to_string(&fitted).unwrap();
    let back: FittedPrep = serde_json::from_str(&json).unwrap();
    assert_eq!(back.feature_names(), fitted.feature_names());
    same(&p, &back.transform(&cc, &mut Silent).unwrap());
    println!("fitted cc_general pipeline: {} KiB of JSON", json.len() / 1024);
    let cfg_json = serde_json::to_string_pretty(&rich_config()).unwrap();
    assert_eq!(serde_json::from_str::<PrepConfig>(&cfg_json).unwrap(), rich_config());
    let report = serde_json::to_string(&p.report).unwrap();
    assert!(report.contains("\"sentence\""));
}

fn new_customers() -> Table {
    // two known customers, one with a gender never seen and a missing age, one with a missing gender
    Table {
        source: "new.csv".into(),
        columns: vec![
            Column {
                name: "CustomerID".into(),
                kind: ColumnKind::Identifier,
                role: ColumnRole::Id,
                data: ColumnData::Texts(vec![Some("a".into()), Some("b".into()), Some("c".into())]),
            },
            Column {
                name: "Gender".into(),
                kind: ColumnKind::Categorical,
                role: ColumnRole::Feature,
                // this table's own codes: 0 = "Nonbinary", 1 = "Male"
                data: ColumnData::Categories {
                    codes: vec![1, 0, MISSING_CODE],
                    levels: vec!["Nonbinary".into(), "Male".into()],
                },
            },
            Column {
                name: "Age".into(),
                kind: ColumnKind::Integer,
                role: ColumnRole::Feature,
                data: ColumnData::Numbers(vec![30.0, f64::NAN, 50.0]),
            },
            Column {
                name: "Annual Income (k$)".into(),
                kind: ColumnKind::Integer,
                role: ColumnRole::Feature,
                data: ColumnData::Numbers(vec![60.0, 70.0, f64::INFINITY]),
            },
            Column {
                name: "Spending Score (1-100)".into(),
                kind: ColumnKind::Integer,
                role: ColumnRole::Feature,
                data: ColumnData::Numbers(vec![50.0, 40.0, 60.0]),
            },
        ],
        row_lines: vec![2, 3, 4],
    }
}

#[test]
fn new_customers_get_fitted_fills_and_unseen_levels() {
    let cfg = PrepConfig::default()
        .with_scale(Scaling::None)
        .with_encode(EncodeConfig::default().with_min_share(0.0));
    let (fitted, _) = fit_transform(&mall(), &cfg, 0, &mut Silent).unwrap();
    let q = fitted.transform(&new_customers(), &mut Silent).unwrap();
    assert_eq!(
        q.feature_names,
        vec!["Gender_Female", "Gender_Male", "Age", "Annual Income (k$)", "Spending Score (1-100)"]
    );
    assert_eq!(q.rows, vec![0, 1, 2]);
    // row 0: known Male; row 1: unseen level → all zeros; row 2: missing → most frequent training level (Female)
    assert_eq!(q.matrix.row(0).to_vec()[..2], [0.0, 1.0]);
    assert_eq!(q.matrix.row(1).to_vec()[..2], [0.0, 0.0]);
    assert_eq!(q.matrix.row(2).to_vec()[..2], [1.0, 0.0]);
    // missing age and the infinite income get the training means
    assert_eq!(q.matrix[[1, 2]], 38.85);
    assert_eq!(q.matrix[[2, 3]], 60.56);
    assert!(q.report.entries.iter().any(|e| matches!(e.action, Action::NonFinite { cells: 1 })));

    // with "drop" on Age, the customer missing it is removed and listed
    let cfg = cfg.with_impute(ImputeConfig::default().with_column("Age", Impute::Drop));
    let (fitted, _) = fit_transform(&mall(), &cfg, 0, &mut Silent).unwrap();
    let q = fitted.transform(&new_customers(), &mut Silent).unwrap();
    assert_eq!(q.rows, vec![0, 2]);
    assert!(q.report.entries.iter().any(|e| e.action == Action::DroppedRows { rows: vec![1] }));
}

#[test]
fn transform_needs_the_fitted_columns() {
    let (fitted, _) = fit_transform(&mall(), &PrepConfig::default(), 0, &mut Silent).unwrap();
    let mut t = new_customers();
    t.columns.retain(|c| c.name != "Age");
    let err = fitted.transform(&t, &mut Silent).unwrap_err();
    assert_eq!(err, PrepError::MissingColumns { columns: vec!["Age".into()], of: 4 });
    assert_eq!(err.to_string(), "column \"Age\" is missing from the file");
    // every absent column is named, not only the first
    t.columns.retain(|c| !c.name.starts_with("Annual"));
    let err = fitted.transform(&t, &mut Silent).unwrap_err();
    assert_eq!(
        err.to_string(),
        "columns \"Age\" and \"Annual Income (k$)\" are missing from the file (2 of the 4 features)"
    );
    // a cell that is not a number (in a new file) is missing and reported, not a refusal of the file
    let mut t = new_customers();
    t.columns[2].data = ColumnData::Texts(vec![Some("x".into()), Some("41".into()), None]);
    let q = fitted.transform(&t, &mut Silent).unwrap();
    let odd = q.report.entries.iter().find_map(|e| match &e.action {
        Action::Unreadable { cells, example, .. } => Some((*cells, example.clone())),
        _ => None,
    });
    assert_eq!(odd, Some((1, "x".to_string())));
    assert_eq!(q.rows, vec![0, 1, 2]);
    assert_eq!(q.matrix[[0, 2]], q.matrix[[2, 2]], "filled as the missing cell is");
}
