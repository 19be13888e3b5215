//! Missing values against scikit-learn's SimpleImputer and KNNImputer on cc_general (real missing values:
//! CREDIT_LIMIT 1, MINIMUM_PAYMENTS 313). Reference: tests/reference/expected/prep_impute.json.

use crate::prep_common;

use prep_common::*;
use segscope::engine::prep::impute::FittedImpute;
use segscope::engine::prep::{fit_transform, Impute, ImputeConfig, KnnParams, PrepConfig, Scaling};
use segscope::engine::progress::Silent;
use segscope::engine::table::{ColumnRole, Table};

const TOL: f64 = 1e-9;

fn cc() -> Table {
    let mut t = table("cc_general.csv");
    set_role(&mut t, "CUST_ID", ColumnRole::Id);
    t
}

fn cfg(impute: ImputeConfig) -> PrepConfig {
    PrepConfig::default().with_impute(impute).with_scale(Scaling::None)
}

#[test]
fn simple_imputer_statistics_and_cells() {
    let exp = expected("prep_impute.json");
    let t = cc();
    let cols = strings(&exp["columns"]);
    let cells: Vec<Vec<usize>> = exp["missing_cells"].as_array().unwrap().iter().map(indices).collect();
    assert_eq!(cells.len(), 314);
    for (key, strategy) in
        [("mean", Impute::Mean), ("median", Impute::Median), ("most_frequent", Impute::MostFrequent)]
    {
        let (fitted, p) =
            fit_transform(&t, &cfg(ImputeConfig::default().with_default(strategy)), 0, &mut Silent).unwrap();
        assert_eq!(p.feature_names, cols);
        assert_eq!(p.rows.len(), 8950);
        let want = vec_f(&exp[key]);
        let mut err = 0.0_f64;
        for (c, w) in cols.iter().zip(&want) {
            let FittedImpute::Value { value, .. } = fitted.missing.columns[c] else {
                panic!("{c}: not a value fill")
            };
            err = err.max(rel_err(value, *w));
        }
        for cell in &cells {
            err = err.max(rel_err(p.matrix[[cell[0], cell[1]]], want[cell[1]]));
        }
        println!("{key}: max rel err {err:.2e}");
        assert!(err < TOL, "{key}: {err}");
        let filled: usize = p
            .report
            .entries
            .iter()
            .filter_map(|e| match &e.action {
                segscope::engine::prep::Action::Imputed { cells, .. } => Some(*cells),
                _ => None,
            })
            .sum();
        assert_eq!(filled, 314, "{key}: the report counts every filled cell");
    }
}

#[test]
fn knn_imputer_matches_sklearn() {
    let exp = expected("prep_impute.json");
    let t = cc();
    let cells: Vec<Vec<usize>> = exp["missing_cells"].as_array().unwrap().iter().map(indices).collect();
    for (key, standardize) in [("knn_raw", false), ("knn_standardized", true)] {
        let knn = KnnParams::default().with_n_neighbors(5).with_standardize(standardize);
        let c = cfg(ImputeConfig::default().with_default(Impute::Knn).with_knn(knn));
        let (_, p) = fit_transform(&t, &c, 0, &mut Silent).unwrap();
        let want = vec_f(&exp[key]);
        let errs: Vec<f64> =
            cells.iter().zip(&want).map(|(cell, w)| rel_err(p.matrix[[cell[0], cell[1]]], *w)).collect();
        let worst = errs.iter().copied().fold(0.0, f64::max);
        let exact = errs.iter().filter(|&&e| e < TOL).count();
        println!("{key}: {exact}/{} cells within 1e-9, max rel err {worst:.2e}", errs.len());
        assert!(worst < TOL, "{key}: {worst}");
    }
}

#[test]
fn missing_indicators_like_sklearn() {
    let exp = expected("prep_impute.json");
    let t = cc();
    let (_, p) =
        fit_transform(&t, &cfg(ImputeConfig::default().with_missing_indicators(true)), 0, &mut Silent)
            .unwrap();
    let want: Vec<String> =
        strings(&exp["indicator_columns"]).iter().map(|c| format!("{c}_missing")).collect();
    let n = p.feature_names.len();
    assert_eq!(&p.feature_names[n - want.len()..], &want[..]);
    let ones = p.matrix.column(n - 1).iter().filter(|&&x| x == 1.0).count();
    assert_eq!(ones, 313, "MINIMUM_PAYMENTS_missing marks its 313 missing cells");
}

#[test]
fn drop_rule_removes_and_lists_rows() {
    let exp = expected("prep_impute.json");
    let t = cc();
    let c = cfg(ImputeConfig::default().with_column("MINIMUM_PAYMENTS", Impute::Drop));
    let (_, p) = fit_transform(&t, &c, 0, &mut Silent).unwrap();
    let cols = strings(&exp["columns"]);
    let mp = cols.iter().position(|c| c == "MINIMUM_PAYMENTS").unwrap();
    let dropped: Vec<usize> = exp["missing_cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(indices)
        .filter(|c| c[1] == mp)
        .map(|c| c[0])
        .collect();
    assert_eq!(p.rows.len(), 8950 - 313);
    assert!(dropped.iter().all(|r| p.rows.binary_search(r).is_err()));
    let listed = p
        .report
        .entries
        .iter()
        .find_map(|e| match &e.action {
            segscope::engine::prep::Action::DroppedRows { rows } => Some(rows.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(listed, dropped);
    assert_eq!(p.report.rows_out, 8950 - 313);
}
