//! Test support for the prep tests: CSV → Table with the `csv` crate (numbers → Numbers, other text →
//! Categories, empty → missing), the reference JSON, and tolerance checks.
#![allow(dead_code)]

use std::collections::HashMap;

use ndarray::Array2;
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table, MISSING_CODE};
use serde_json::Value;

/// Path of a file under `tests/`.
pub fn path(rel: &str) -> String {
    format!("{}/tests/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// Reads `tests/data/<name>` into a Table; every column has role Feature.
pub fn table(name: &str) -> Table {
    let mut rdr = csv::Reader::from_path(path(&format!("data/{name}"))).expect("csv opens");
    let headers: Vec<String> = rdr.headers().expect("header").iter().map(str::to_string).collect();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    let mut row_lines = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.expect("record");
        for (j, c) in rec.iter().enumerate() {
            cells[j].push(c.trim().to_string());
        }
        row_lines.push(i as u64 + 2);
    }
    let columns = headers
        .into_iter()
        .zip(cells)
        .map(|(name, vals)| {
            let numeric = vals.iter().all(|v| v.is_empty() || v.parse::<f64>().is_ok());
            let (kind, data) = if numeric {
                let v =
                    vals.iter().map(|s| if s.is_empty() { f64::NAN } else { s.parse().unwrap() }).collect();
                (ColumnKind::Numeric, ColumnData::Numbers(v))
            } else {
                let mut levels: Vec<String> = Vec::new();
                let mut index: HashMap<String, u32> = HashMap::new();
                let codes = vals
                    .iter()
                    .map(|s| {
                        if s.is_empty() {
                            return MISSING_CODE;
                        }
                        *index.entry(s.clone()).or_insert_with(|| {
                            levels.push(s.clone());
                            levels.len() as u32 - 1
                        })
                    })
                    .collect();
                (ColumnKind::Categorical, ColumnData::Categories { codes, levels })
            };
            Column { name, kind, role: ColumnRole::Feature, data }
        })
        .collect();
    Table { source: name.to_string(), columns, row_lines }
}

/// Sets the role of a column.
pub fn set_role(t: &mut Table, name: &str, role: ColumnRole) {
    t.columns.iter_mut().find(|c| c.name == name).expect("column exists").role = role;
}

/// Marks a column categorical (its numbers stay numbers; prep reads them as levels).
pub fn set_kind(t: &mut Table, name: &str, kind: ColumnKind) {
    t.columns.iter_mut().find(|c| c.name == name).expect("column exists").kind = kind;
}

/// Keeps only the given rows of a table.
pub fn subset(t: &Table, rows: &[usize]) -> Table {
    let columns = t
        .columns
        .iter()
        .map(|c| {
            let data = match &c.data {
                ColumnData::Numbers(v) => ColumnData::Numbers(rows.iter().map(|&r| v[r]).collect()),
                ColumnData::Categories { codes, levels } => ColumnData::Categories {
                    codes: rows.iter().map(|&r| codes[r]).collect(),
                    levels: levels.clone(),
                },
                ColumnData::Texts(v) => ColumnData::Texts(rows.iter().map(|&r| v[r].clone()).collect()),
            };
            Column { data, ..c.clone() }
        })
        .collect();
    Table { source: t.source.clone(), columns, row_lines: rows.iter().map(|&r| t.row_lines[r]).collect() }
}

/// `tests/reference/expected/<name>` as JSON.
pub fn expected(name: &str) -> Value {
    let text = std::fs::read_to_string(path(&format!("reference/expected/{name}"))).expect("reference json");
    serde_json::from_str(&text).expect("valid json")
}

/// A JSON number (null → NaN).
pub fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// A JSON list of numbers.
pub fn vec_f(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(f).collect()
}

/// A JSON matrix (list of rows).
pub fn mat(v: &Value) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = v.as_array().expect("rows").iter().map(vec_f).collect();
    let n = rows.len();
    let d = rows.first().map_or(0, Vec::len);
    Array2::from_shape_fn((n, d), |(i, j)| rows[i][j])
}

/// A JSON list of strings.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array().expect("array").iter().map(|s| s.as_str().expect("string").to_string()).collect()
}

/// A JSON list of indices.
pub fn indices(v: &Value) -> Vec<usize> {
    v.as_array().expect("array").iter().map(|s| s.as_u64().expect("index") as usize).collect()
}

/// Relative error with a floor of 1 on the magnitude, so values near 0 are compared absolutely.
pub fn rel_err(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1.0)
}

/// Largest [`rel_err`] between two matrices of the same shape (panics on a shape mismatch).
pub fn max_rel_err(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    assert_eq!(a.dim(), b.dim(), "shape");
    a.iter().zip(b.iter()).map(|(x, y)| rel_err(*x, *y)).fold(0.0, f64::max)
}
