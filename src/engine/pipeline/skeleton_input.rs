//! A minimal numeric CSV reader used until the full ingest module lands: header row, numeric columns only.

use crate::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

/// Reads `bytes` as a CSV with a header row and returns its columns, numeric ones as numbers.
pub(super) fn read(bytes: &[u8], source: &str) -> Result<Table, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("{source}: byte {}: the file is not UTF-8 text", e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(format!("{source}: line 1: expected CSV text, found binary data"));
    }
    if text.trim().is_empty() {
        return Err(format!("{source}: line 1: expected a header row, found an empty file"));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|e| format!("{source}: line 1: {e}"))?.iter().map(str::to_string).collect();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    let mut row_lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{source}: {e}"))?;
        row_lines.push(record.position().map(|p| p.line()).unwrap_or(0));
        for (j, column) in cells.iter_mut().enumerate() {
            column.push(record.get(j).unwrap_or("").trim().to_string());
        }
    }
    if row_lines.is_empty() {
        return Err(format!("{source}: line 2: expected data rows after the header, found none"));
    }
    let columns = headers
        .into_iter()
        .zip(cells)
        .map(|(name, values)| {
            let parsed: Option<Vec<f64>> = values
                .iter()
                .map(|v| if v.is_empty() { Some(f64::NAN) } else { v.parse::<f64>().ok() })
                .collect();
            match parsed {
                Some(numbers) => Column {
                    name,
                    kind: ColumnKind::Numeric,
                    role: ColumnRole::Feature,
                    data: ColumnData::Numbers(numbers),
                },
                None => Column {
                    name,
                    kind: ColumnKind::Text,
                    role: ColumnRole::Ignore,
                    data: ColumnData::Texts(values.into_iter().map(Some).collect()),
                },
            }
        })
        .collect();
    Ok(Table { source: source.to_string(), columns, row_lines })
}
