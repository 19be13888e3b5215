//! Test helpers for the cluster_density tests: load the real CSVs the way the reference script does
//! (median-impute, StandardScaler with population std), read expected JSON, adjusted Rand index.
#![allow(dead_code)]

use std::collections::HashMap;

use ndarray::Array2;

pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_columns(file: &str, columns: &[&str]) -> Array2<f64> {
    let mut rdr = csv::Reader::from_path(root().join("tests/data").join(file)).expect("csv");
    let headers = rdr.headers().expect("headers").clone();
    let idx: Vec<usize> = columns
        .iter()
        .map(|c| headers.iter().position(|h| h == *c).unwrap_or_else(|| panic!("no column {c}")))
        .collect();
    let mut values = Vec::new();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.expect("record");
        for &j in &idx {
            let s = rec.get(j).unwrap_or("").trim();
            values.push(if s.is_empty() { f64::NAN } else { s.parse::<f64>().expect("number") });
        }
        n += 1;
    }
    Array2::from_shape_vec((n, columns.len()), values).expect("shape")
}

/// NaN → column median (pandas `median`), then (x − mean) / population std (std 0 → 1).
fn impute_and_scale(mut x: Array2<f64>) -> Array2<f64> {
    for mut col in x.columns_mut() {
        let mut present: Vec<f64> = col.iter().copied().filter(|v| !v.is_nan()).collect();
        present.sort_by(f64::total_cmp);
        let m = present.len();
        let median = if m % 2 == 1 { present[m / 2] } else { (present[m / 2 - 1] + present[m / 2]) / 2.0 };
        col.iter_mut().filter(|v| v.is_nan()).for_each(|v| *v = median);
        let n = col.len() as f64;
        let mean = col.sum() / n;
        let var = col.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
        let std = if var > 0.0 { var.sqrt() } else { 1.0 };
        col.iter_mut().for_each(|v| *v = (*v - mean) / std);
    }
    x
}

/// The standardized feature matrix of "mall", "wholesale" or "cc".
pub fn dataset(name: &str) -> Array2<f64> {
    let x = match name {
        "mall" => {
            read_columns("mall_customers.csv", &["Age", "Annual Income (k$)", "Spending Score (1-100)"])
        }
        "wholesale" => read_columns(
            "wholesale_customers.csv",
            &["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
        ),
        "cc" => read_columns(
            "cc_general.csv",
            &[
                "BALANCE",
                "BALANCE_FREQUENCY",
                "PURCHASES",
                "ONEOFF_PURCHASES",
                "INSTALLMENTS_PURCHASES",
                "CASH_ADVANCE",
                "PURCHASES_FREQUENCY",
                "ONEOFF_PURCHASES_FREQUENCY",
                "PURCHASES_INSTALLMENTS_FREQUENCY",
                "CASH_ADVANCE_FREQUENCY",
                "CASH_ADVANCE_TRX",
                "PURCHASES_TRX",
                "CREDIT_LIMIT",
                "PAYMENTS",
                "MINIMUM_PAYMENTS",
                "PRC_FULL_PAYMENT",
                "TENURE",
            ],
        ),
        other => panic!("unknown dataset {other}"),
    };
    impute_and_scale(x)
}

/// Parsed `tests/reference/expected/<file>`.
pub fn expected(file: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(root().join("tests/reference/expected").join(file)).expect("expected json");
    serde_json::from_str(&text).expect("json")
}

pub fn ints(v: &serde_json::Value) -> Vec<i64> {
    v.as_array().expect("array").iter().map(|x| x.as_i64().expect("int")).collect()
}

pub fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("float")).collect()
}

/// Adjusted Rand index of two labelings (Hubert & Arabie).
pub fn ari(a: &[i64], b: &[i64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let c2 = |x: f64| x * (x - 1.0) / 2.0;
    let mut table: HashMap<(i64, i64), f64> = HashMap::new();
    let mut ra: HashMap<i64, f64> = HashMap::new();
    let mut rb: HashMap<i64, f64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1.0;
        *ra.entry(x).or_default() += 1.0;
        *rb.entry(y).or_default() += 1.0;
    }
    let index: f64 = table.values().map(|&v| c2(v)).sum();
    let sa: f64 = ra.values().map(|&v| c2(v)).sum();
    let sb: f64 = rb.values().map(|&v| c2(v)).sum();
    let expected = sa * sb / c2(a.len() as f64);
    let max = (sa + sb) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

/// Compares a hierarchical fit on `name` with the reference for `linkage`: merge heights within 1e-9 relative,
/// ARI = 1 with sklearn for k = 2..8. Returns (max relative height error, rows whose children equal scipy's).
pub fn check_hierarchical(name: &str, linkage: &str) -> (f64, usize) {
    use segscope::engine::cluster::hierarchical::{Cut, HierarchicalParams, Linkage};
    use segscope::engine::progress::Silent;
    let x = dataset(name);
    let reference = expected(&format!("cluster_density_hier_{name}.json"));
    let r = &reference["linkages"][linkage];
    let l = match linkage {
        "ward" => Linkage::Ward,
        "complete" => Linkage::Complete,
        "average" => Linkage::Average,
        _ => Linkage::Single,
    };
    let fit =
        HierarchicalParams::default().with_linkage(l).check().unwrap().fit(x.view(), &mut Silent).unwrap();
    assert!(!fit.model.micro, "{name} {linkage}: must be exact");
    let want = floats(&r["heights"]);
    assert_eq!(fit.model.merges.len(), want.len());
    let mut max_rel = 0.0f64;
    for (m, w) in fit.model.merges.iter().zip(&want) {
        let rel = (m.height - w).abs() / w.abs().max(1e-12);
        max_rel = max_rel.max(rel);
    }
    assert!(max_rel <= 1e-9, "{name} {linkage}: max relative height error {max_rel:e}");
    let sizes = ints(&r["sizes"]);
    let mut same_children = 0;
    if let Some(children) = r["children"].as_array() {
        for ((m, c), s) in fit.model.merges.iter().zip(children).zip(&sizes) {
            let c = ints(c);
            if (m.a as i64, m.b as i64, m.size as i64) == (c[0], c[1], *s) {
                same_children += 1;
            }
        }
    }
    // the clusters the merges form (as leaf sets, fingerprinted) are the same, whatever the order of tied merges
    if let Some(children) = r["children"].as_array() {
        let ours: Vec<(usize, usize)> = fit.model.merges.iter().map(|m| (m.a, m.b)).collect();
        let theirs: Vec<(usize, usize)> =
            children.iter().map(ints).map(|c| (c[0] as usize, c[1] as usize)).collect();
        let (mut a, mut b) = (fingerprints(&ours), fingerprints(&theirs));
        a.sort_unstable();
        b.sort_unstable();
        let diff = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        assert_eq!(diff, 0, "{name} {linkage}: {diff} merges form different clusters than scipy's");
    }
    for k in 2..=8usize {
        let want = ints(&r["labels"][k.to_string()]);
        let got: Vec<i64> = fit.labels_for(Cut::K(k)).unwrap().iter().map(|&v| v as i64).collect();
        let score = ari(&got, &want);
        assert!(score > 1.0 - 1e-12, "{name} {linkage} k={k}: ARI {score}");
        let distinct: std::collections::HashSet<_> = got.iter().collect();
        assert_eq!(distinct.len(), k);
    }
    eprintln!(
        "{name} {linkage}: max rel height err {max_rel:.2e}, {same_children}/{} rows equal scipy's",
        want.len()
    );
    (max_rel, same_children)
}

/// (size, min leaf, Σ leaf, Σ leaf²) of the cluster each merge forms, from the children ids.
fn fingerprints(children: &[(usize, usize)]) -> Vec<(u64, u64, u64, u64)> {
    let n = children.len() + 1;
    let mut fp: Vec<(u64, u64, u64, u64)> = (0..n as u64).map(|i| (1, i, i, i * i)).collect();
    for &(a, b) in children {
        let (x, y) = (fp[a], fp[b]);
        fp.push((x.0 + y.0, x.1.min(y.1), x.2 + y.2, x.3 + y.3));
    }
    fp[n..].to_vec()
}
