//! How column kinds become features: dates → days since the earliest training date, yes/no → 0/1, settings
//! that do not fit a column's kind, malformed tables.

use segscope::engine::prep::{
    fit_transform, Action, EncodeConfig, Encoding, FeatureKind, Impute, ImputeConfig, PrepConfig, PrepError,
    Scaling,
};
use segscope::engine::progress::Silent;
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

const DAY: f64 = 86_400.0;

fn table(columns: Vec<(&str, ColumnKind, ColumnData)>, n: usize) -> Table {
    Table {
        source: "t.csv".into(),
        columns: columns
            .into_iter()
            .map(|(name, kind, data)| Column { name: name.into(), kind, role: ColumnRole::Feature, data })
            .collect(),
        row_lines: (0..n as u64).map(|i| i + 2).collect(),
    }
}

#[test]
fn dates_become_days_since_the_earliest_training_date() {
    // 2020-01-01, 2020-01-11, missing, 2020-02-01 (seconds since 1970)
    let jan1 = 1_577_836_800.0;
    let t = table(
        vec![(
            "signup",
            ColumnKind::Date,
            ColumnData::Numbers(vec![jan1, jan1 + 10.0 * DAY, f64::NAN, jan1 + 31.0 * DAY]),
        )],
        4,
    );
    let cfg = PrepConfig::default().with_scale(Scaling::None);
    let (fitted, p) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
    assert_eq!(fitted.features[0].kind, FeatureKind::Date { origin: jan1, latest: Some(jan1 + 31.0 * DAY) });
    assert_eq!(p.matrix.column(0).to_vec(), vec![0.0, 10.0, 41.0 / 3.0, 31.0]);
    assert!(p.report.for_column("signup").any(|e| e.action
        == Action::DateAsDays {
            origin: "2020-01-01".into(),
            latest: "2020-02-01".into(),
            trained: String::new(),
            far: 0,
            far_latest: String::new()
        }));
    // a new customer who signed up before every training customer gets negative days
    let new = table(vec![("signup", ColumnKind::Date, ColumnData::Numbers(vec![jan1 - 2.5 * DAY]))], 1);
    assert_eq!(fitted.transform(&new, &mut Silent).unwrap().matrix[[0, 0]], -2.5);
    // a later file (dates to 2020-03-02, 30 days past training's) counts back from its own latest date:
    // its 2020-02-21 is 10 days before that, as training's 2020-01-22 was before 2020-02-01
    let later = [jan1 + 51.0 * DAY, jan1 + 61.0 * DAY, f64::NAN];
    let later = table(vec![("signup", ColumnKind::Date, ColumnData::Numbers(later.to_vec()))], 3);
    let scored = fitted.transform(&later, &mut Silent).unwrap();
    assert_eq!((scored.matrix[[0, 0]], scored.matrix[[1, 0]]), (21.0, 31.0));
    let note = scored.report.for_column("signup").find(|e| matches!(e.action, Action::DateAsDays { .. }));
    let note = &note.unwrap().sentence;
    assert!(note.contains("run to 2020-03-02, past training's latest date, 2020-02-01"), "{note}");
    // a model saved before `latest` was kept scores dates as they are
    let old: FeatureKind = serde_json::from_str(r#"{"kind":"date","origin":1577836800.0}"#).unwrap();
    assert_eq!(old, FeatureKind::Date { origin: jan1, latest: None });
}

#[test]
fn yes_no_levels_become_zero_one() {
    let t = table(
        vec![(
            "member",
            ColumnKind::Boolean,
            ColumnData::Categories {
                codes: vec![0, 1, 1, u32::MAX, 0],
                levels: vec!["Yes".into(), "no".into()],
            },
        )],
        5,
    );
    let cfg = PrepConfig::default().with_impute(ImputeConfig::default().with_default(Impute::Median));
    let (fitted, p) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
    assert_eq!(fitted.features[0].kind, FeatureKind::Boolean);
    // median on a boolean means most frequent: the tie 2–2 goes to the smaller value, 0
    assert_eq!(p.matrix.column(0).to_vec(), vec![1.0, 0.0, 0.0, 0.0, 1.0]);
    assert!(p.report.for_column("member").any(|e| e.action == Action::BooleanAsNumber));
}

#[test]
fn encoding_override_on_a_numeric_column_is_an_error() {
    let t = table(vec![("x", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, 2.0]))], 2);
    let cfg = PrepConfig::default().with_encode(EncodeConfig::default().with_column("x", Encoding::Raw));
    let e = fit_transform(&t, &cfg, 0, &mut Silent).unwrap_err();
    assert!(matches!(e, PrepError::RuleNotForKind { ref column, .. } if column == "x"), "{e}");
}

#[test]
fn settings_for_columns_that_are_not_features_are_reported() {
    let mut t = table(
        vec![
            ("x", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, 2.0])),
            ("y", ColumnKind::Numeric, ColumnData::Numbers(vec![3.0, 4.0])),
        ],
        2,
    );
    t.columns[1].role = ColumnRole::Ignore;
    let cfg = PrepConfig::default().with_impute(ImputeConfig::default().with_column("y", Impute::Drop));
    let (_, p) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
    assert_eq!(p.feature_names, vec!["x"]);
    assert!(p.report.for_column("y").any(|e| matches!(e.action, Action::RuleSkipped { .. })));
}

#[test]
fn malformed_tables_are_errors_not_panics() {
    let short = table(
        vec![
            ("x", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0, 2.0, 3.0])),
            ("y", ColumnKind::Numeric, ColumnData::Numbers(vec![3.0])),
        ],
        3,
    );
    let e = fit_transform(&short, &PrepConfig::default(), 0, &mut Silent).unwrap_err();
    assert_eq!(e.to_string(), "column \"y\" has 1 values but the table has 3 rows");
    // a code with no level reads as missing
    let bad_code = table(
        vec![(
            "g",
            ColumnKind::Categorical,
            ColumnData::Categories { codes: vec![0, 7, 0], levels: vec!["a".into()] },
        )],
        3,
    );
    let (_, p) = fit_transform(&bad_code, &PrepConfig::default(), 0, &mut Silent).unwrap();
    assert_eq!(p.feature_names, vec!["g_a"]);
    assert!(p.report.for_column("g").any(|e| matches!(e.action, Action::Imputed { cells: 1, .. })));
}
