//! Test helper shared by `tests/selection_*.rs` and `tests/profile_*.rs`: loads a data set and its reference
//! JSON (written by `tests/reference/selection.py`) and prepares the matrix exactly as the script did.
#![allow(dead_code)]

use ndarray::Array2;
use serde_json::Value;

/// One data set with its reference values.
pub struct Fixture {
    pub json: Value,
    pub features: Vec<String>,
    /// Raw values in original units, NaN = missing (n × d).
    pub raw: Array2<f64>,
    /// Median-imputed values (n × d).
    pub imputed: Array2<f64>,
    /// Imputed and standardized with sklearn's fitted mean and scale (bit-identical to the script's matrix).
    pub scaled: Array2<f64>,
    pub labels: Vec<i32>,
    /// Every CSV column by name, as text, for categorical columns.
    pub headers: Vec<String>,
    pub cells: Vec<Vec<String>>,
}

pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect()
}

/// Loads `selection_<name>.json` and its CSV.
pub fn load(name: &str) -> Fixture {
    let path = root().join("reference/expected").join(format!("selection_{name}.json"));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("reference json")).unwrap();
    let features: Vec<String> =
        json["features"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    let csv_path = root().join("data").join(json["csv"].as_str().unwrap());
    let mut reader = csv::Reader::from_path(csv_path).expect("csv");
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let cells: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let n = cells.len();
    let d = features.len();
    let mut raw = Array2::zeros((n, d));
    for (j, f) in features.iter().enumerate() {
        let c = headers.iter().position(|h| h == f).expect("feature column");
        for i in 0..n {
            raw[[i, j]] = cells[i][c].trim().parse::<f64>().unwrap_or(f64::NAN);
        }
    }
    let medians = floats(&json["medians"]);
    let mean = floats(&json["scaler_mean"]);
    let scale = floats(&json["scaler_scale"]);
    let imputed = Array2::from_shape_fn((n, d), |(i, j)| {
        let v = raw[[i, j]];
        if v.is_nan() {
            medians[j]
        } else {
            v
        }
    });
    let scaled = Array2::from_shape_fn((n, d), |(i, j)| (imputed[[i, j]] - mean[j]) / scale[j]);
    let labels = json["labels"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap() as i32).collect();
    Fixture { json, features, raw, imputed, scaled, labels, headers, cells }
}

/// |a − e| ≤ rel·|e| + abs; both NaN counts as equal.
pub fn close(a: f64, e: f64, rel: f64, abs: f64) -> bool {
    (a.is_nan() && e.is_nan()) || a == e || (a - e).abs() <= rel * e.abs() + abs
}

/// Largest relative error |a − e| / |e| over pairs with e ≠ 0.
pub fn max_rel(a: &[f64], e: &[f64]) -> f64 {
    a.iter().zip(e).filter(|(_, e)| **e != 0.0).map(|(a, e)| ((a - e) / e).abs()).fold(0.0, f64::max)
}
