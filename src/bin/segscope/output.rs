//! Writing results: the labeled CSV (every input row, original cells, plus `segment`) and a text summary.

use segscope::engine::pipeline::Report;
use std::path::Path;

/// Writes every data row of the input with a `segment` column (empty for rows that were not clustered).
pub fn write_labeled(input: &[u8], report: &Report, out: &Path) -> Result<(), String> {
    let mut segment_of_row = vec![String::new(); report.n_rows];
    for (&row, &label) in report.rows.iter().zip(&report.labels) {
        segment_of_row[row] = label.to_string();
    }
    let text = std::str::from_utf8(input).map_err(|e| format!("input is not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_path(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut header: Vec<String> =
        reader.headers().map_err(|e| e.to_string())?.iter().map(str::to_string).collect();
    header.push("segment".into());
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        cells.push(segment_of_row.get(i).cloned().unwrap_or_default());
        writer.write_record(&cells).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| format!("{}: {e}", out.display()))
}

/// A few lines for a human at a terminal.
pub fn summary(report: &Report) -> String {
    let mut lines = vec![format!(
        "{}: {} segments among {} of {} rows, on {}",
        report.source,
        report.n_clusters,
        report.n_used,
        report.n_rows,
        report.features.join(", ")
    )];
    for s in &report.segments {
        lines.push(format!("  segment {}: {} rows ({:.1}%)", s.id, s.size, s.share * 100.0));
    }
    lines.join("\n")
}
