//! Outliers against pandas (IQR / z / MAD bounds and counts) and scikit-learn (LocalOutlierFactor exactly,
//! IsolationForest broadly). Reference: tests/reference/expected/prep_outliers.json.

use crate::prep_common;

use std::collections::BTreeSet;

use prep_common::*;
use segscope::engine::prep::outliers::FittedMultivariate;
use segscope::engine::prep::{
    fit_transform, Action, Contamination, Detector, IsolationForestParams, LofParams, OutlierAction,
    OutlierConfig, OutlierRule, PrepConfig, RowAction,
};
use segscope::engine::progress::Silent;
use segscope::engine::table::{ColumnData, ColumnRole, Table};

fn dataset(name: &str) -> Table {
    let mut t = table(&format!("{name}.csv"));
    match name {
        "mall_customers" => {
            set_role(&mut t, "CustomerID", ColumnRole::Id);
            set_role(&mut t, "Gender", ColumnRole::Ignore);
        }
        "wholesale_customers" => {
            set_role(&mut t, "Channel", ColumnRole::Ignore);
            set_role(&mut t, "Region", ColumnRole::Ignore);
        }
        _ => set_role(&mut t, "CUST_ID", ColumnRole::Id),
    }
    t
}

const SETS: [(&str, &str); 3] =
    [("mall_customers", "mall"), ("wholesale_customers", "wholesale"), ("cc_general", "cc_general")];

#[test]
fn per_column_bounds_and_counts_match_pandas() {
    let exp = expected("prep_outliers.json");
    let mut checked = 0;
    for (file, key) in SETS {
        let t = dataset(file);
        let e = &exp["datasets"][key];
        for (rule_key, rule) in [
            ("iqr", OutlierRule::iqr(1.5, OutlierAction::Clip)),
            ("z", OutlierRule::z_score(3.0, OutlierAction::Clip)),
            ("mad", OutlierRule::mad(3.5, OutlierAction::Clip)),
        ] {
            let cfg = PrepConfig::default().with_outliers(OutlierConfig::default().with_default(rule));
            let (_, p) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
            for c in strings(&e["columns"]) {
                let want = &e["bounds"][&c][rule_key];
                let got = p
                    .report
                    .for_column(&c)
                    .find(|r| r.step == segscope::engine::prep::Step::Outliers)
                    .unwrap();
                match (&got.action, want.is_null()) {
                    (Action::Clipped { low, high, n_low, n_high, .. }, false) => {
                        assert!(rel_err(*low, f(&want["low"])) < 1e-9, "{key} {c} {rule_key} low {low}");
                        assert!(rel_err(*high, f(&want["high"])) < 1e-9, "{key} {c} {rule_key} high {high}");
                        assert_eq!(*n_low as u64, want["n_low"].as_u64().unwrap(), "{key} {c} {rule_key}");
                        assert_eq!(*n_high as u64, want["n_high"].as_u64().unwrap(), "{key} {c} {rule_key}");
                    }
                    (Action::RuleSkipped { .. }, true) => {}
                    (other, _) => panic!("{key} {c} {rule_key}: {other:?} vs {want}"),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3 * (3 + 6 + 17));
}

#[test]
fn remove_and_flag_list_rows() {
    let t = dataset("wholesale_customers");
    let remove = OutlierConfig::default().with_column("Fresh", OutlierRule::iqr(1.5, OutlierAction::Remove));
    let (_, p) = fit_transform(&t, &PrepConfig::default().with_outliers(remove), 0, &mut Silent).unwrap();
    let removed = p
        .report
        .for_column("Fresh")
        .find_map(|r| match &r.action {
            Action::RemovedOutliers { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .unwrap();
    let exp = expected("prep_outliers.json");
    let b = &exp["datasets"]["wholesale"]["bounds"]["Fresh"]["iqr"];
    let n = (b["n_low"].as_u64().unwrap() + b["n_high"].as_u64().unwrap()) as usize;
    assert_eq!(removed.len(), n);
    assert_eq!(p.rows.len(), 440 - n);
    assert!(removed.iter().all(|r| p.rows.binary_search(r).is_err()));
    let flag = OutlierConfig::default().with_column("Fresh", OutlierRule::iqr(1.5, OutlierAction::Flag));
    let (_, q) = fit_transform(&t, &PrepConfig::default().with_outliers(flag), 0, &mut Silent).unwrap();
    assert_eq!(q.rows.len(), 440);
    assert_eq!(q.flagged, removed);
}

fn lof(n_neighbors: usize) -> OutlierConfig {
    let p = LofParams { n_neighbors, contamination: Contamination::Share(0.05), ..Default::default() };
    OutlierConfig::default().with_multivariate(Detector::Lof(p), RowAction::Flag)
}

fn iforest(n_trees: usize) -> OutlierConfig {
    let p =
        IsolationForestParams { n_trees, contamination: Contamination::Share(0.05), ..Default::default() };
    OutlierConfig::default().with_multivariate(Detector::IsolationForest(p), RowAction::Flag)
}

#[test]
fn lof_flags_exactly_sklearns_outliers() {
    let exp = expected("prep_outliers.json");
    for (file, key) in &SETS[..2] {
        let e = &exp["datasets"][key]["lof"];
        let (fitted, p) =
            fit_transform(&dataset(file), &PrepConfig::default().with_outliers(lof(20)), 0, &mut Silent)
                .unwrap();
        assert_eq!(p.flagged, indices(&e["outliers"]), "{key}");
        let Some(FittedMultivariate::Active(det)) = &fitted.outliers.multivariate else {
            panic!("no detector")
        };
        let err = rel_err(det.offset, f(&e["offset"]));
        println!("{key}: LOF flags {} rows = sklearn's; offset rel err {err:.2e}", p.flagged.len());
        assert!(err < 1e-9);
    }
}

#[test]
fn isolation_forest_agrees_broadly_with_sklearn() {
    let exp = expected("prep_outliers.json");
    for (file, key) in SETS {
        let e = &exp["datasets"][key]["iforest"];
        let n_trees = e["n_trees"].as_u64().unwrap() as usize;
        let (_, p) = fit_transform(
            &dataset(file),
            &PrepConfig::default().with_outliers(iforest(n_trees)),
            7,
            &mut Silent,
        )
        .unwrap();
        let ours: BTreeSet<usize> = p.flagged.iter().copied().collect();
        let theirs: BTreeSet<usize> = indices(&e["outliers"]).into_iter().collect();
        let overlap = ours.intersection(&theirs).count() as f64 / theirs.len() as f64;
        println!("{key}: {} flagged (sklearn {}), overlap {overlap:.3}", ours.len(), theirs.len());
        // sklearn against itself with other seeds, same tree counts: mall ≥ 0.9, wholesale 1.0, cc_general ≈ 0.94
        let floor = if key == "mall" { 0.8 } else { 0.9 };
        assert!(overlap >= floor, "{key}: overlap {overlap}");
    }
}

#[test]
fn isolation_forest_is_seeded_and_finds_planted_outliers() {
    let mut t = dataset("mall_customers");
    let planted = [[18.0, 300.0, 99.0], [90.0, 2.0, 1.0], [70.0, 250.0, 100.0]];
    for c in &mut t.columns {
        let j = ["Age", "Annual Income (k$)", "Spending Score (1-100)"].iter().position(|n| *n == c.name);
        match &mut c.data {
            ColumnData::Numbers(v) => v.extend(planted.iter().map(|p| j.map_or(0.0, |j| p[j]))),
            ColumnData::Categories { codes, .. } => codes.extend([0, 0, 0]),
            ColumnData::Texts(v) => v.extend([None, None, None]),
        }
    }
    t.row_lines.extend([202, 203, 204]);
    let cfg = PrepConfig::default().with_outliers(iforest(200));
    let (_, a) = fit_transform(&t, &cfg, 11, &mut Silent).unwrap();
    let (_, b) = fit_transform(&t, &cfg, 11, &mut Silent).unwrap();
    assert_eq!(a.flagged, b.flagged, "same seed, same flags");
    assert_eq!(a.matrix, b.matrix);
    for r in [200, 201, 202] {
        assert!(a.flagged.contains(&r), "planted row {r} not flagged: {:?}", a.flagged);
    }
    let lof_cfg = PrepConfig::default().with_outliers(lof(20));
    let (_, l) = fit_transform(&t, &lof_cfg, 0, &mut Silent).unwrap();
    for r in [200, 201, 202] {
        assert!(l.flagged.contains(&r), "LOF: planted row {r} not flagged: {:?}", l.flagged);
    }
}

#[test]
fn lof_reference_cap_samples_and_says_so() {
    let t = dataset("wholesale_customers");
    let p = LofParams { n_neighbors: 10, contamination: Contamination::Share(0.05), max_reference_rows: 100 };
    let cfg = PrepConfig::default()
        .with_outliers(OutlierConfig::default().with_multivariate(Detector::Lof(p), RowAction::Remove));
    let (fitted, prepared) = fit_transform(&t, &cfg, 3, &mut Silent).unwrap();
    assert!(prepared
        .report
        .entries
        .iter()
        .any(|e| matches!(e.action, Action::Sampled { reference_rows: 100, rows: 440, .. })));
    assert_eq!(prepared.rows.len(), 440 - 22);
    // re-transforming the training table gives the same rows
    let again = fitted.transform(&t, &mut Silent).unwrap();
    assert_eq!(again.rows, prepared.rows);
    assert_eq!(again.matrix, prepared.matrix);
}
