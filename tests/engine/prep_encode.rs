//! Categorical encoding against scikit-learn's OneHotEncoder (plain, min_frequency, max_categories, unseen
//! levels) and OrdinalEncoder. Reference: tests/reference/expected/prep_encode.json.

use crate::prep_common;

use prep_common::*;
use segscope::engine::prep::{fit_transform, EncodeConfig, Encoding, OrderBy, OrdinalOrder, PrepConfig};
use segscope::engine::progress::Silent;
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

fn wholesale() -> Table {
    let mut t = table("wholesale_customers.csv");
    set_kind(&mut t, "Channel", ColumnKind::Categorical);
    set_kind(&mut t, "Region", ColumnKind::Categorical);
    t
}

fn one_hot(min_share: f64, max_columns: usize) -> EncodeConfig {
    EncodeConfig::default().with_min_share(min_share).with_max_columns(max_columns)
}

/// scikit-learn's name for the infrequent column, in ours.
fn our_names(names: Vec<String>) -> Vec<String> {
    names.into_iter().map(|n| n.replace("infrequent_sklearn", "other")).collect()
}

#[test]
fn one_hot_matches_sklearn() {
    let exp = expected("prep_encode.json");
    let mut mall = table("mall_customers.csv");
    set_role(&mut mall, "CustomerID", ColumnRole::Id);
    let cfg = PrepConfig::default().with_features(&["Gender"]).with_encode(one_hot(0.0, 100));
    let (_, p) = fit_transform(&mall, &cfg, 0, &mut Silent).unwrap();
    assert_eq!(p.feature_names, strings(&exp["mall_gender"]["names"]));
    assert_eq!(p.matrix, mat(&exp["mall_gender"]["matrix"]));

    let cfg = PrepConfig::default().with_features(&["Channel", "Region"]).with_encode(one_hot(0.0, 100));
    let (_, p) = fit_transform(&wholesale(), &cfg, 0, &mut Silent).unwrap();
    assert_eq!(p.feature_names, strings(&exp["wholesale_channel_region"]["names"]));
    assert_eq!(p.matrix, mat(&exp["wholesale_channel_region"]["matrix"]));
}

fn new_regions(values: &[f64]) -> Table {
    Table {
        source: "new.csv".into(),
        columns: vec![Column {
            name: "Region".into(),
            kind: ColumnKind::Categorical,
            role: ColumnRole::Feature,
            data: ColumnData::Numbers(values.to_vec()),
        }],
        row_lines: (0..values.len() as u64).map(|i| i + 2).collect(),
    }
}

#[test]
fn rare_grouping_and_cap_match_sklearn_infrequent() {
    let exp = expected("prep_encode.json");
    for (key, enc) in
        [("region_min_frequency", one_hot(0.12, 100)), ("region_max_categories", one_hot(0.0, 2))]
    {
        let e = &exp[key];
        let cfg = PrepConfig::default().with_features(&["Region"]).with_encode(enc);
        let (fitted, p) = fit_transform(&wholesale(), &cfg, 0, &mut Silent).unwrap();
        assert_eq!(p.feature_names, our_names(strings(&e["names"])), "{key}");
        assert_eq!(p.matrix, mat(&e["matrix"]), "{key}");
        let grouped = p
            .report
            .for_column("Region")
            .find_map(|r| match &r.action {
                segscope::engine::prep::Action::OneHot { grouped, .. } => Some(grouped.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(grouped, strings(&e["infrequent"][0]), "{key}");
        // new customers: level 4 was never seen and goes to "other", like handle_unknown="infrequent_if_exist"
        let new = new_regions(&vec_f(&e["new_rows"]));
        let q = fitted.transform(&new, &mut Silent).unwrap();
        assert_eq!(q.matrix, mat(&e["new_matrix"]), "{key}");
        let unseen = q
            .report
            .for_column("Region")
            .find_map(|r| match &r.action {
                segscope::engine::prep::Action::OneHot { unseen, .. } => Some(*unseen),
                _ => None,
            })
            .unwrap();
        assert_eq!(unseen, 1);
    }
}

#[test]
fn unseen_level_without_other_is_all_zero() {
    let cfg = PrepConfig::default().with_features(&["Region"]).with_encode(one_hot(0.0, 100));
    let (fitted, _) = fit_transform(&wholesale(), &cfg, 0, &mut Silent).unwrap();
    let q = fitted.transform(&new_regions(&[1.0, 4.0]), &mut Silent).unwrap();
    assert_eq!(q.feature_names, vec!["Region_1", "Region_2", "Region_3"]);
    assert_eq!(q.matrix.row(0).to_vec(), vec![1.0, 0.0, 0.0]);
    assert_eq!(q.matrix.row(1).to_vec(), vec![0.0, 0.0, 0.0]);
}

#[test]
fn ordinal_matches_ordinal_encoder() {
    let exp = expected("prep_encode.json");
    let mall = table("mall_customers.csv");
    let enc = EncodeConfig::default()
        .with_default(Encoding::Ordinal { order: OrdinalOrder::By(OrderBy::Alphabetical) });
    let cfg = PrepConfig::default().with_features(&["Gender"]).with_encode(enc);
    let (_, p) = fit_transform(&mall, &cfg, 0, &mut Silent).unwrap();
    assert_eq!(p.matrix.column(0).to_vec(), vec_f(&exp["mall_gender_ordinal"]));
    // a listed order is used as given
    let order = OrdinalOrder::Listed(vec!["Male".into(), "Female".into()]);
    let cfg = cfg.with_encode(EncodeConfig::default().with_column("Gender", Encoding::Ordinal { order }));
    let (_, q) = fit_transform(&mall, &cfg, 0, &mut Silent).unwrap();
    assert!(p.matrix.column(0).iter().zip(q.matrix.column(0)).all(|(a, b)| *a == 1.0 - *b));
}

#[test]
fn raw_block_for_k_prototypes() {
    let mut mall = table("mall_customers.csv");
    set_role(&mut mall, "CustomerID", ColumnRole::Id);
    let cfg = PrepConfig::default().with_encode(EncodeConfig::default().with_default(Encoding::Raw));
    let (fitted, p) = fit_transform(&mall, &cfg, 0, &mut Silent).unwrap();
    assert_eq!(p.feature_names, vec!["Age", "Annual Income (k$)", "Spending Score (1-100)"]);
    let block = p.categorical.as_ref().expect("raw block");
    assert_eq!(block.names, vec!["Gender"]);
    assert_eq!(block.levels, vec![vec!["Female".to_string(), "Male".into(), "other".into()]]);
    assert_eq!(block.codes.dim(), (200, 1));
    assert_eq!(block.codes[[0, 0]], 1, "row 0 is Male");
    assert_eq!(block.codes.iter().filter(|&&c| c == 0).count(), 112);
    let again = fitted.transform(&mall, &mut Silent).unwrap();
    assert_eq!(again.categorical, p.categorical);
}

#[test]
fn booleans_are_zero_one_and_unscaled() {
    let mut mall = table("mall_customers.csv");
    set_role(&mut mall, "CustomerID", ColumnRole::Id);
    set_kind(&mut mall, "Gender", ColumnKind::Boolean);
    // "Female"/"Male" are not yes/no words: the column is treated as categorical
    let (_, p) = fit_transform(&mall, &PrepConfig::default(), 0, &mut Silent).unwrap();
    assert!(p.feature_names.contains(&"Gender_Male".to_string()));
    // a 0/1 boolean stays 0/1 (not scaled) by default
    let flags: Vec<f64> = (0..200).map(|i| f64::from(i % 3 == 0)).collect();
    mall.columns.push(Column {
        name: "Member".into(),
        kind: ColumnKind::Boolean,
        role: ColumnRole::Feature,
        data: ColumnData::Numbers(flags.clone()),
    });
    let (_, p) = fit_transform(&mall, &PrepConfig::default(), 0, &mut Silent).unwrap();
    let j = p.feature_names.iter().position(|n| n == "Member").unwrap();
    assert_eq!(p.matrix.column(j).to_vec(), flags);
}
