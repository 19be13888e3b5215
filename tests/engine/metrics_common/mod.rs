//! Test helpers shared by the metrics, choose-k and consensus tests: load a dataset from tests/data with the
//! `csv` crate, median-impute, standardize like scikit-learn's StandardScaler (population std), read the
//! reference JSON, and generate well-separated blobs with the engine RNG.
#![allow(dead_code)]

use ndarray::Array2;
use segscope::engine::rng::{sub_rng, Rng};

/// Path of a file under tests/.
pub fn path(rel: &str) -> String {
    format!("{}/tests/{}", env!("CARGO_MANIFEST_DIR"), rel)
}

/// Columns of the three reference datasets (as in tests/reference/metrics.py); `None` = all but CUST_ID.
pub fn dataset_columns(name: &str) -> (&'static str, Option<Vec<&'static str>>) {
    match name {
        "mall" => ("mall_customers.csv", Some(vec!["Age", "Annual Income (k$)", "Spending Score (1-100)"])),
        "wholesale" => (
            "wholesale_customers.csv",
            Some(vec!["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]),
        ),
        "cc_general" => ("cc_general.csv", None),
        other => panic!("unknown dataset {other}"),
    }
}

/// The dataset's numeric columns, median-imputed and standardized.
pub fn load_standardized(name: &str) -> Array2<f64> {
    let (file, cols) = dataset_columns(name);
    let mut rdr = csv::Reader::from_path(path(&format!("data/{file}"))).expect("open csv");
    let headers: Vec<String> = rdr.headers().expect("headers").iter().map(String::from).collect();
    let idx: Vec<usize> = match cols {
        Some(cols) => cols.iter().map(|c| headers.iter().position(|h| h == c).expect("column")).collect(),
        None => (0..headers.len()).filter(|&i| headers[i] != "CUST_ID").collect(),
    };
    let mut data = Vec::new();
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.expect("record");
        for &i in &idx {
            let cell = rec.get(i).unwrap_or("").trim();
            data.push(if cell.is_empty() { f64::NAN } else { cell.parse::<f64>().expect("number") });
        }
        rows += 1;
    }
    let mut x = Array2::from_shape_vec((rows, idx.len()), data).expect("shape");
    for mut col in x.columns_mut() {
        let mut present: Vec<f64> = col.iter().copied().filter(|v| !v.is_nan()).collect();
        present.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
        let m = present.len();
        let median = if m % 2 == 1 { present[m / 2] } else { (present[m / 2 - 1] + present[m / 2]) / 2.0 };
        col.mapv_inplace(|v| if v.is_nan() { median } else { v });
        let mean = col.sum() / rows as f64;
        let var = col.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / rows as f64;
        let scale = if var == 0.0 { 1.0 } else { var.sqrt() };
        col.mapv_inplace(|v| (v - mean) / scale);
    }
    x
}

/// The reference JSON written by tests/reference/metrics.py.
pub fn reference(name: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(path(&format!("reference/expected/metrics_{name}.json"))).expect("json");
    serde_json::from_str(&text).expect("parse")
}

/// Labels of a JSON array.
pub fn labels(v: &serde_json::Value) -> Vec<i32> {
    v.as_array().expect("array").iter().map(|l| l.as_i64().expect("int") as i32).collect()
}

/// Relative difference |a − b| / max(|b|, tiny).
pub fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

/// make_blobs-style data: `k` centres uniform in [−10, 10]^d with every pair of centres at least `min_sep`
/// apart (rejection sampling), `per` ∈ per_range points per centre, isotropic N(0, 1) noise. Returns the
/// data and the true labels.
pub fn blobs(
    seed: u64,
    k: usize,
    d: usize,
    per_range: (usize, usize),
    min_sep: f64,
) -> (Array2<f64>, Vec<i32>) {
    let mut r = sub_rng(seed, 1);
    let mut centres: Vec<Vec<f64>> = Vec::new();
    while centres.len() < k {
        let c: Vec<f64> = (0..d).map(|_| r.gen_range(-10.0..10.0)).collect();
        let ok = centres
            .iter()
            .all(|o| o.iter().zip(&c).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt() >= min_sep);
        if ok {
            centres.push(c);
        }
    }
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (ci, c) in centres.iter().enumerate() {
        let per = r.gen_range(per_range.0..=per_range.1);
        for _ in 0..per {
            for &m in c {
                rows.push(m + normal(&mut r));
            }
            labels.push(ci as i32);
        }
    }
    let n = labels.len();
    (Array2::from_shape_vec((n, d), rows).expect("shape"), labels)
}

/// A standard normal draw (Box–Muller).
fn normal(r: &mut impl Rng) -> f64 {
    let u1: f64 = r.gen_range(f64::MIN_POSITIVE..1.0);
    let u2: f64 = r.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}
