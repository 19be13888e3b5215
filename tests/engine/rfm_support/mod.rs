//! Test helper for the RFM and lifetime tests: reads a CSV from tests/data into a Table with the `csv` crate
//! (the ingest module is written elsewhere), with a tiny date parser for `YYYY-MM-DD` and `m/d/yy H:MM`.
#![allow(dead_code)]

use segscope::engine::features::rfm::CivilDate;
use segscope::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

/// How a column is read.
#[derive(Clone, Copy, PartialEq)]
pub enum As {
    Text,
    Number,
    Date,
}

/// Seconds since 1970-01-01 of `YYYY-MM-DD` or `m/d/yy H:MM` (two-digit years are 20yy).
pub fn parse_date(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some((date, time)) = s.split_once(' ') {
        let mut d = date.split('/').map(|p| p.parse::<u32>().ok());
        let (m, day, y) = (d.next()??, d.next()??, d.next()??);
        let (h, min) = time.split_once(':')?;
        let (h, min) = (h.parse::<f64>().ok()?, min.parse::<f64>().ok()?);
        let date = CivilDate::new(2000 + y as i32, m, day)?;
        return Some(date.seconds() + h * 3600.0 + min * 60.0);
    }
    let date: CivilDate = s.to_string().try_into().ok()?;
    Some(date.seconds())
}

/// Reads `tests/data/<file>`; columns not listed in `how` are read as numbers when every value parses.
pub fn load(file: &str, how: &[(&str, As)]) -> Table {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(&path).expect("test data file");
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    let mut row_lines = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.unwrap();
        for (j, cell) in cells.iter_mut().enumerate() {
            cell.push(rec.get(j).unwrap_or("").to_string());
        }
        row_lines.push(i as u64 + 2);
    }
    let columns = headers
        .iter()
        .zip(cells)
        .map(|(name, values)| {
            let how = how.iter().find(|(n, _)| n == name).map(|(_, a)| *a);
            let numbers = || -> Option<Vec<f64>> {
                values.iter().map(|v| if v.is_empty() { Some(f64::NAN) } else { v.parse().ok() }).collect()
            };
            let (kind, data) = match how {
                Some(As::Date) => (
                    ColumnKind::Date,
                    ColumnData::Numbers(values.iter().map(|v| parse_date(v).unwrap_or(f64::NAN)).collect()),
                ),
                Some(As::Number) => (ColumnKind::Numeric, ColumnData::Numbers(numbers().expect("numbers"))),
                Some(As::Text) => (ColumnKind::Identifier, texts(&values)),
                None => match numbers() {
                    Some(v) => (ColumnKind::Numeric, ColumnData::Numbers(v)),
                    None => (ColumnKind::Text, texts(&values)),
                },
            };
            Column { name: name.clone(), kind, role: ColumnRole::Feature, data }
        })
        .collect();
    Table { source: file.to_string(), columns, row_lines }
}

fn texts(values: &[String]) -> ColumnData {
    ColumnData::Texts(values.iter().map(|v| (!v.is_empty()).then(|| v.clone())).collect())
}

/// The CDNOW logs: customer_id as text (keeps "0001"), date as a date, the rest numbers.
pub fn cdnow(file: &str) -> Table {
    load(file, &[("customer_id", As::Text), ("date", As::Date)])
}

/// The Online Retail sample: ids as text, InvoiceDate as a date, CustomerID a number with one missing.
pub fn online_retail() -> Table {
    load(
        "online_retail_head999.csv",
        &[
            ("InvoiceNo", As::Text),
            ("StockCode", As::Text),
            ("InvoiceDate", As::Date),
            ("CustomerID", As::Number),
        ],
    )
}

/// A reference JSON file from tests/reference/expected.
pub fn expected(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/reference/expected/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("reference file")).unwrap()
}

/// A JSON array of numbers.
pub fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// A JSON array of strings.
pub fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

/// Relative difference, with an absolute floor for values near 0.
pub fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-12)
}
