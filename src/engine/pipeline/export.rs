//! Exports as bytes (the caller saves or downloads them): the labeled CSV (every input row with its original
//! cells, plus segment id and name), segment profiles, customers with RFM and lifetime values, at-risk
//! customers, and scored new customers.

use super::report::Report;
use super::score::ScoredFile;
use super::session::Session;
use crate::engine::cluster::NOISE;
use crate::engine::lifetime::AtRiskList;
use crate::engine::table::{append_columns_in_parts, Ingested, Table};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Segment id and name columns added to exports.
pub const SEGMENT_COLUMNS: [&str; 2] = ["segment", "segment_name"];

/// The column added beside them when outlier handling flagged customers: "yes" for those, "no" for the
/// others.
pub const OUTLIER_COLUMN: &str = "outlier";

/// A table segscope made (profiles, customers): every text cell is [`spreadsheet_safe`].
fn csv_bytes(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header.iter().map(|h| spreadsheet_safe(h).into_owned()));
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// A cell a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return: "CSV injection") gets a leading `'`, which spreadsheets show as text; numbers such as `-5` and
/// `+1.5e3` are left alone. Used for the cells segscope writes (segment names, which users can type, and the
/// tables it derives), not for the input cells the labelled file copies as they were.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.trim().parse::<f64>().is_err();
    if risky {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn fmt(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map(crate::engine::table::format_number).unwrap_or_default()
}

/// The segment's number in files: counted from 1, as the app shows it (the engine's label + 1); noise stays
/// −1, scikit-learn's DBSCAN convention.
pub fn segment_number(label: i32) -> String {
    if label == NOISE {
        NOISE.to_string()
    } else {
        (label + 1).to_string()
    }
}

/// Segment (number and name) of each customer-table row; empty for rows that were not clustered.
fn segment_cells(
    n_rows: usize,
    rows: &[usize],
    labels: &[i32],
    name: &dyn Fn(i32) -> String,
) -> Vec<[String; 2]> {
    let mut cells = vec![[String::new(), String::new()]; n_rows];
    // a segment's two cells are made once, then copied to each of its rows
    let mut made: HashMap<i32, [String; 2]> = HashMap::new();
    for (&r, &l) in rows.iter().zip(labels) {
        if let Some(c) = cells.get_mut(r) {
            let segment =
                made.entry(l).or_insert_with(|| [segment_number(l), spreadsheet_safe(&name(l)).into_owned()]);
            c.clone_from(segment);
        }
    }
    cells
}

/// The input file with `segment` and `segment_name` appended to every row (`rows[i]` of the customer table
/// has segment `labels[i]`), and `outlier` (yes / no) when outlier handling flagged any of them (`flagged`:
/// customer-table rows). For a transaction log (`customers` = the derived customer table and the log's
/// customer column), each line gets its customer's cells. Rows without a segment get empty cells.
pub fn append_segments(bytes: &[u8], ingested: &Ingested, segments: Segments<'_>) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 4);
    let labelled = Labelled { bytes, ingested, segments };
    labelled.write_in_parts(usize::MAX, &mut |part| out.extend_from_slice(part))?;
    Ok(out)
}

/// The segments an export writes beside the input: which customer-table rows were clustered, their labels,
/// the rows outlier handling flagged, the segment names, and (transaction logs) the customer table with the
/// log's customer column.
#[derive(Clone, Copy)]
pub struct Segments<'a> {
    pub customers: Option<(&'a Table, &'a str)>,
    pub rows: &'a [usize],
    pub labels: &'a [i32],
    pub flagged: &'a [usize],
    pub name: &'a dyn Fn(i32) -> String,
}

/// What [`append_segments`] writes, for writing it in parts ([`Labelled::write_in_parts`]).
pub struct Labelled<'a> {
    pub bytes: &'a [u8],
    pub ingested: &'a Ingested,
    pub segments: Segments<'a>,
}

impl Labelled<'_> {
    /// The labelled CSV handed to `emit` in parts of about `part_bytes` (whole rows).
    pub fn write_in_parts(&self, part_bytes: usize, emit: &mut dyn FnMut(&[u8])) -> Result<(), String> {
        let Labelled { bytes, ingested, segments } = *self;
        let Segments { customers, rows, labels, flagged, name } = segments;
        let mut headers: Vec<String> = SEGMENT_COLUMNS.iter().map(|s| s.to_string()).collect();
        let n_customers = customers.map_or(ingested.table.n_rows(), |(table, _)| table.n_rows());
        let segment = segment_cells(n_customers, rows, labels, name);
        if !flagged.is_empty() {
            headers.push(OUTLIER_COLUMN.into());
        }
        // a customer-table row's cells: its segment, and whether it was flagged (blank when not clustered)
        let cells = |c: usize| -> Vec<String> {
            let mut v = segment[c].to_vec();
            if !flagged.is_empty() {
                let flag = match (v[0].is_empty(), flagged.binary_search(&c).is_ok()) {
                    (true, _) => "",
                    (false, true) => "yes",
                    (false, false) => "no",
                };
                v.push(flag.into());
            }
            v
        };
        let blank = vec![String::new(); headers.len()];
        match customers {
            Some((customers, column)) => {
                let id = customers.columns.iter().find(|c| c.role == crate::engine::table::ColumnRole::Id);
                let index: HashMap<String, usize> = id
                    .map(|c| (0..customers.n_rows()).map(|r| (c.display(r), r)).collect())
                    .unwrap_or_default();
                let line_ids = ingested.table.column(column).ok_or_else(|| format!("no column {column}"))?;
                // a line past the table's rows (a totals row left out) has no customer
                let extra = |r: usize| -> Vec<String> {
                    (r < line_ids.len())
                        .then(|| index.get(&line_ids.display(r)))
                        .flatten()
                        .map(|&c| cells(c))
                        .unwrap_or_else(|| blank.clone())
                };
                append_columns_in_parts(bytes, &ingested.dialect, &headers, &extra, part_bytes, emit)
                    .map_err(|e| e.to_string())
            }
            None => {
                let extra = |r: usize| if r < n_customers { cells(r) } else { blank.clone() };
                append_columns_in_parts(bytes, &ingested.dialect, &headers, &extra, part_bytes, emit)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// The name of segment `label` in a report.
pub fn segment_name(report: &Report, label: i32) -> String {
    report.profiles.segment(label).map(|s| s.name.clone()).unwrap_or_else(|| {
        if label == NOISE {
            "Unassigned (noise)".into()
        } else {
            format!("Segment {}", label + 1)
        }
    })
}

/// One row per segment: size, share, and each feature's mean, median and z-score (original units), plus the
/// share of each categorical level.
pub fn profiles_csv(report: &Report) -> Vec<u8> {
    let p = &report.profiles;
    let Some(first) = p.segments.first() else { return csv_bytes(&["segment".into()], std::iter::empty()) };
    let mut header: Vec<String> = vec!["segment".into(), "name".into(), "size".into(), "share".into()];
    for n in &first.numeric {
        header.extend([
            format!("{} mean", n.feature),
            format!("{} median", n.feature),
            format!("{} z", n.feature),
        ]);
    }
    for c in &first.categorical {
        for l in &c.levels {
            header.push(format!("{} = {} share", c.feature, l.level));
        }
    }
    header.push("distinguishing features".into());
    let rows = p.segments.iter().map(|s| {
        let mut row =
            vec![segment_number(s.label), s.name.clone(), s.size.to_string(), format!("{}", s.share)];
        for n in &s.numeric {
            row.extend([fmt(n.mean), fmt(n.median), fmt(n.z)]);
        }
        for c in &s.categorical {
            row.extend(c.levels.iter().map(|l| format!("{}", l.share)));
        }
        row.push(s.distinguishing.iter().map(|d| d.phrase.clone()).collect::<Vec<_>>().join("; "));
        row
    });
    csv_bytes(&header, rows)
}

/// Transaction mode: one row per customer with the derived features, RFM scores and segment, and P(alive),
/// expected purchases and CLV when lifetime models were fitted.
pub fn customers_csv(customers: &Table, report: &Report) -> Vec<u8> {
    let name = |l: i32| report.profiles.segment(l).map(|s| s.name.clone()).unwrap_or_default();
    let seg = segment_cells(customers.n_rows(), &report.rows, &report.labels, &name);
    let mut header: Vec<String> = customers.columns.iter().map(|c| c.name.clone()).collect();
    let tx = report.transactions.as_ref();
    let scores = tx.map(|t| &t.rfm.customers);
    let values = tx.and_then(|t| t.lifetime.as_ref()).map(|l| &l.values);
    if scores.is_some() {
        header.extend(["R".into(), "F".into(), "M".into(), "RFM segment".into()]);
    }
    if values.is_some() {
        header.extend(["p_alive".into(), "expected_purchases".into(), "clv".into()]);
    }
    header.extend(SEGMENT_COLUMNS.iter().map(|s| s.to_string()));
    let rows = (0..customers.n_rows()).map(|r| {
        let mut row: Vec<String> = customers.columns.iter().map(|c| c.display(r)).collect();
        if let Some(s) = scores.and_then(|s| s.get(r)) {
            row.extend([s.r.to_string(), s.f.to_string(), s.m.to_string(), s.segment.label().to_string()]);
        }
        if let Some(v) = values.and_then(|v| v.get(r)) {
            row.extend([fmt(Some(v.p_alive)), fmt(Some(v.expected_purchases)), fmt(v.clv)]);
        }
        row.extend(seg[r].iter().cloned());
        row
    });
    csv_bytes(&header, rows)
}

/// The at-risk list of a run, ranked.
pub fn at_risk_csv(report: &Report) -> Option<Vec<u8>> {
    Some(at_risk_list_csv(report.transactions.as_ref()?.lifetime.as_ref()?.at_risk.as_ref()?))
}

/// An at-risk list, ranked (the app's download and the CLI's `rfm --at-risk`).
pub fn at_risk_list_csv(list: &AtRiskList) -> Vec<u8> {
    let header: Vec<String> = [
        "rank",
        "customer",
        "p_alive",
        "past_value",
        "expected_purchases",
        "clv",
        "value_at_stake",
        "reason",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = list.customers.iter().map(|c| {
        vec![
            c.rank.to_string(),
            c.id.clone(),
            format!("{}", c.p_alive),
            format!("{}", c.past_value),
            format!("{}", c.expected_purchases),
            fmt(c.clv),
            format!("{}", c.value_at_stake),
            c.reason.clone(),
        ]
    });
    csv_bytes(&header, rows)
}

/// A file the app or CLI can build from a loaded session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Every input row with its original cells plus segment id and name.
    LabeledCsv,
    /// One row per segment: size, share, feature means, medians and z-scores.
    ProfilesCsv,
    /// Transaction mode: one row per customer with RFM features, scores, lifetime values and segment.
    CustomersCsv,
    /// Transaction mode: customers with high past value and low P(alive).
    AtRiskCsv,
    /// The fitted pipeline, for `segscope predict` or scoring later.
    ModelJson,
    /// The last scored file with segment columns.
    ScoredCsv,
}

/// A built export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFile {
    pub file_name: String,
    pub mime: &'static str,
    pub content: Vec<u8>,
}

fn stem(source: &str) -> &str {
    source.rsplit_once('.').map(|(s, _)| s).filter(|s| !s.is_empty()).unwrap_or(source)
}

impl ExportKind {
    /// True for the exports built from the loaded file's own bytes (the caller reads the file again for
    /// them).
    pub fn needs_original(self) -> bool {
        matches!(self, ExportKind::LabeledCsv)
    }
}

/// Builds `kind` from the session's data and its last `report` (and the last scored file for `ScoredCsv`).
/// `original` is the loaded file's bytes, needed by the kinds that [`ExportKind::needs_original`].
pub fn build(
    kind: ExportKind,
    session: &Session,
    original: Option<&[u8]>,
    report: &Report,
    scored: Option<&ScoredFile>,
) -> Result<ExportFile, String> {
    let mut content = Vec::new();
    let (file_name, mime) =
        build_in_parts(kind, session, original, report, scored, usize::MAX, &mut |part| {
            content.extend_from_slice(part)
        })?;
    Ok(ExportFile { file_name, mime, content })
}

/// [`build`] handed to `emit` in parts, for a caller that passes them on without holding the whole file: the
/// labelled CSV (the size of the input and more) in parts of about `part_bytes` of whole rows, the other
/// kinds in one part. Returns the file name and MIME type.
pub fn build_in_parts(
    kind: ExportKind,
    session: &Session,
    original: Option<&[u8]>,
    report: &Report,
    scored: Option<&ScoredFile>,
    part_bytes: usize,
    emit: &mut dyn FnMut(&[u8]),
) -> Result<(String, &'static str), String> {
    let base = stem(session.source());
    let (file_name, mime, content) = match kind {
        ExportKind::LabeledCsv => {
            let original = original.ok_or("the file's bytes are needed for this export")?;
            let name = |l: i32| segment_name(report, l);
            let customers = report
                .transactions
                .as_ref()
                .and_then(|t| session.customer_table().map(|table| (table, t.mapping.customer.as_str())));
            let segments = Segments {
                customers,
                rows: &report.rows,
                labels: &report.labels,
                flagged: &report.flagged,
                name: &name,
            };
            let labelled = Labelled { bytes: original, ingested: session.ingested(), segments };
            labelled.write_in_parts(part_bytes, emit)?;
            return Ok((format!("{base}-segments.csv"), "text/csv"));
        }
        ExportKind::ProfilesCsv => (format!("{base}-segment-profiles.csv"), "text/csv", profiles_csv(report)),
        ExportKind::CustomersCsv => {
            let table = session.customer_table().ok_or("customers are exported in transaction mode")?;
            (format!("{base}-customers.csv"), "text/csv", customers_csv(table, report))
        }
        ExportKind::AtRiskCsv => {
            let bytes = at_risk_csv(report)
                .ok_or("no at-risk list: it needs transaction mode with lifetime models")?;
            (format!("{base}-at-risk.csv"), "text/csv", bytes)
        }
        ExportKind::ModelJson => {
            let model = session.model().ok_or("no model yet: run a segmentation first")?;
            (format!("{base}-model.json"), "application/json", model.to_json().into_bytes())
        }
        ExportKind::ScoredCsv => {
            let s = scored.ok_or("no scored file yet: score new customers first")?;
            (format!("{}-scored.csv", stem(&s.source)), "text/csv", s.csv.clone())
        }
    };
    emit(&content);
    Ok((file_name, mime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\",\"Top\")", "'=HYPERLINK(\"http://x\",\"Top\")"),
            ("+SUM(A1)", "'+SUM(A1)"),
            ("@cmd", "'@cmd"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("-5", "-5"),
            ("+1.5e3", "+1.5e3"),
            ("High income", "High income"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), want);
        }
    }

    #[test]
    fn appended_segment_names_are_safe_and_numbered_from_one() {
        let name = |l: i32| if l == 0 { "=1+2".to_string() } else { "Loyal".to_string() };
        let cells = segment_cells(3, &[0, 2], &[0, NOISE], &name);
        assert_eq!(cells[0], ["1".to_string(), "'=1+2".to_string()]);
        assert_eq!(cells[1], [String::new(), String::new()]);
        assert_eq!(cells[2], ["-1".to_string(), "Loyal".to_string()]);
    }

    #[test]
    fn flagged_customers_get_an_outlier_column_and_unclustered_rows_a_blank() {
        use crate::engine::progress::Silent;
        use crate::engine::table::{read_table, IngestOptions};
        let bytes = b"id,spend\na,1\nb,2\nc,3\n";
        let ingested = read_table(bytes, "f.csv", &IngestOptions::default(), &mut Silent).unwrap();
        let name = |l: i32| format!("S{l}");
        let segments =
            |flagged| Segments { customers: None, rows: &[0, 2], labels: &[0, 1], flagged, name: &name };
        let out = String::from_utf8(append_segments(bytes, &ingested, segments(&[2])).unwrap()).unwrap();
        assert_eq!(out, "id,spend,segment,segment_name,outlier\na,1,1,S0,no\nb,2,,,\nc,3,2,S1,yes\n");
        // nothing flagged: no column
        let out = String::from_utf8(append_segments(bytes, &ingested, segments(&[])).unwrap()).unwrap();
        assert_eq!(out.lines().next(), Some("id,spend,segment,segment_name"));
    }
}
