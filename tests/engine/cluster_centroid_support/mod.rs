//! Test helpers for the centroid/mixture clustering tests: load the real CSVs, median-impute and standardise
//! them as the reference script does (scikit-learn SimpleImputer(median) + StandardScaler, population std),
//! read the committed reference JSON, and an adjusted Rand index.
#![allow(dead_code)]

pub mod gmm_check;

use ndarray::Array2;
use serde_json::Value;
use std::collections::HashMap;

/// Numeric columns of a test data set (None: all but CUST_ID).
fn columns(name: &str) -> (&'static str, Option<Vec<&'static str>>) {
    match name {
        "mall" => ("mall_customers.csv", Some(vec!["Age", "Annual Income (k$)", "Spending Score (1-100)"])),
        "wholesale" => (
            "wholesale_customers.csv",
            Some(vec!["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]),
        ),
        "cc_general" => ("cc_general.csv", None),
        other => panic!("unknown data set {other}"),
    }
}

/// Reads `tests/data/<file>` as a header + string records.
pub fn read_csv(file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut rdr = csv::Reader::from_path(&path).expect("open csv");
    let header = rdr.headers().expect("header").iter().map(str::to_string).collect();
    let rows = rdr.records().map(|r| r.expect("record").iter().map(str::to_string).collect()).collect();
    (header, rows)
}

/// Raw numeric matrix (NaN for empty cells) of a data set.
pub fn raw(name: &str) -> Array2<f64> {
    let (file, cols) = columns(name);
    let (header, rows) = read_csv(file);
    let cols: Vec<usize> = match cols {
        Some(c) => c.iter().map(|c| header.iter().position(|h| h == c).expect("column")).collect(),
        None => (0..header.len()).filter(|&i| header[i] != "CUST_ID").collect(),
    };
    Array2::from_shape_fn((rows.len(), cols.len()), |(i, j)| {
        rows[i][cols[j]].trim().parse().unwrap_or(f64::NAN)
    })
}

/// Median-imputed, standardised matrix (the reference script's preparation).
pub fn standardized(name: &str) -> Array2<f64> {
    let mut x = raw(name);
    for mut col in x.columns_mut() {
        let mut v: Vec<f64> = col.iter().copied().filter(|v| v.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        let m = v.len();
        let med = if m % 2 == 1 { v[m / 2] } else { (v[m / 2 - 1] + v[m / 2]) / 2.0 };
        col.iter_mut().filter(|v| !v.is_finite()).for_each(|v| *v = med);
        let n = col.len() as f64;
        let mean = col.sum() / n;
        let var = col.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
        let sd = if var > 0.0 { var.sqrt() } else { 1.0 };
        col.iter_mut().for_each(|v| *v = (*v - mean) / sd);
    }
    x
}

/// `tests/reference/expected/<file>` as JSON.
pub fn expected(file: &str) -> Value {
    let path = format!("{}/tests/reference/expected/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("reference json")).expect("json")
}

/// A JSON array of numbers as f64s.
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

/// Adjusted Rand index (Hubert & Arabie), as scikit-learn's `adjusted_rand_score`.
pub fn ari(a: &[i32], b: &[i32]) -> f64 {
    assert_eq!(a.len(), b.len());
    let n = a.len() as f64;
    let mut table: HashMap<(i32, i32), f64> = HashMap::new();
    let (mut ra, mut rb): (HashMap<i32, f64>, HashMap<i32, f64>) = (HashMap::new(), HashMap::new());
    for (&x, &y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1.0;
        *ra.entry(x).or_default() += 1.0;
        *rb.entry(y).or_default() += 1.0;
    }
    let c2 = |v: f64| v * (v - 1.0) / 2.0;
    let index: f64 = table.values().map(|&v| c2(v)).sum();
    let sa: f64 = ra.values().map(|&v| c2(v)).sum();
    let sb: f64 = rb.values().map(|&v| c2(v)).sum();
    let expected = sa * sb / c2(n);
    let max = (sa + sb) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

/// Gaussian blobs for synthetic checks: `per` rows around each centre, deterministic (xoshiro + Box–Muller).
pub fn blobs(centres: &[Vec<f64>], per: usize, sd: f64, seed: u64) -> (Array2<f64>, Vec<i32>) {
    use segscope::engine::rng::{rng, Rng};
    let mut r = rng(seed);
    let d = centres[0].len();
    let n = centres.len() * per;
    let mut x = Array2::zeros((n, d));
    let mut truth = Vec::with_capacity(n);
    for i in 0..n {
        let c = i % centres.len();
        truth.push(c as i32);
        for j in 0..d {
            let (u1, u2): (f64, f64) = (r.gen::<f64>().max(1e-300), r.gen());
            x[[i, j]] =
                centres[c][j] + sd * (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        }
    }
    (x, truth)
}
