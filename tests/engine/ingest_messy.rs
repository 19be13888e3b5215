//! The deliberately damaged mall customers file: its comma/CRLF and BOM/semicolon/LF versions read to the
//! same table, and every defect listed in `mall_customers_messy.injected.json` is reported (missing cells in
//! the summary's missing tokens, outliers as numbers visible in min/max, format damage in notes).

use segscope::engine::progress::Silent;
use segscope::engine::table::*;
use serde_json::Value;

fn load(f: &str) -> Ingested {
    let bytes = std::fs::read(format!("{}/tests/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    read_table(&bytes, f, &IngestOptions::default(), &mut Silent).unwrap()
}

fn same_data(a: &ColumnData, b: &ColumnData) -> bool {
    match (a, b) {
        (ColumnData::Numbers(x), ColumnData::Numbers(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits() || (p.is_nan() && q.is_nan()))
        }
        _ => a == b,
    }
}

#[test]
fn comma_and_semicolon_versions_read_to_the_same_table() {
    let a = load("mall_customers_messy.csv");
    let b = load("mall_customers_messy_bom_semicolon.csv");
    assert_eq!((a.dialect.delimiter, a.dialect.bom, a.dialect.line_ending), (',', false, LineEnding::Crlf));
    assert_eq!((b.dialect.delimiter, b.dialect.bom, b.dialect.line_ending), (';', true, LineEnding::Lf));
    assert_eq!(a.table.n_rows(), 200);
    assert_eq!(a.table.row_lines, b.table.row_lines);
    assert_eq!(a.table.columns.len(), b.table.columns.len());
    for (x, y) in a.table.columns.iter().zip(&b.table.columns) {
        assert_eq!((&x.name, x.kind, x.role), (&y.name, y.kind, y.role));
        assert!(same_data(&x.data, &y.data), "column {} differs", x.name);
        for i in 0..x.len() {
            assert_eq!(x.display(i), y.display(i), "{} row {i}", x.name);
        }
    }
    assert_eq!(a.summaries, b.summaries);
    assert_eq!(a.issues, b.issues);
    assert_eq!(a.notes, b.notes);
}

fn summary<'a>(r: &'a Ingested, column: &str) -> &'a ColumnSummary {
    r.summaries.iter().find(|s| s.name == column).unwrap()
}

fn notes_about<'a>(r: &'a Ingested, column: &'a str) -> impl Iterator<Item = &'a IngestNote> + 'a {
    r.notes.iter().filter(move |n| n.column() == Some(column))
}

#[test]
fn every_injected_defect_is_reported() {
    let injected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/data/mall_customers_messy.injected.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    for file in ["mall_customers_messy.csv", "mall_customers_messy_bom_semicolon.csv"] {
        let r = load(file);
        let t = &r.table;
        for d in injected["missing"].as_array().unwrap() {
            let (row, column, token) = (
                d["row"].as_u64().unwrap() as usize,
                d["column"].as_str().unwrap(),
                d["token"].as_str().unwrap(),
            );
            let col = t.column(column).unwrap();
            assert!(col.is_missing(row), "{file}: {column} row {row} should be missing");
            let s = summary(&r, column);
            assert!(
                s.missing_tokens.iter().any(|v| v.value == token && v.count > 0),
                "{file}: {column}: missing token {token:?} not in {:?}",
                s.missing_tokens
            );
        }
        for d in injected["outliers"].as_array().unwrap() {
            let (row, column, value) = (
                d["row"].as_u64().unwrap() as usize,
                d["column"].as_str().unwrap(),
                d["value"].as_str().unwrap(),
            );
            let want: f64 = value.replace(['$', ','], "").parse().unwrap();
            let col = t.column(column).unwrap();
            assert_eq!(
                col.numbers().unwrap()[row],
                want,
                "{file}: outlier {column} row {row} must load as a number"
            );
            let s = summary(&r, column);
            assert!(
                s.min == Some(want) || s.max == Some(want),
                "{file}: {column} min/max {:?}/{:?} hide {want}",
                s.min,
                s.max
            );
            assert!(s.histogram.is_some());
        }
        for d in injected["format"].as_array().unwrap() {
            let (row, column, value) = (
                d["row"].as_u64().unwrap() as usize,
                d["column"].as_str().unwrap(),
                d["value"].as_str().unwrap(),
            );
            let col = t.column(column).unwrap();
            let found = notes_about(&r, column).any(|n| match n {
                IngestNote::CategoriesMerged { merges, .. } => {
                    merges.iter().any(|m| m.variants.iter().any(|v| v == value) && col.display(row) == m.into)
                }
                IngestNote::DateFormats { formats, .. } => formats.iter().any(|f| f.example == value),
                IngestNote::NumberFormat { currency, thousands, .. } => {
                    *currency > 0 && *thousands > 0 && col.numbers().unwrap()[row] == 16000.0
                }
                _ => false,
            });
            assert!(found, "{file}: format defect {column} row {row} {value:?} not reported");
        }
        // The US-format date is read as 15 March 2018 and the note says why.
        let date = t.column("Signup Date").unwrap();
        assert_eq!(date.numbers().unwrap()[11], 1_521_072_000.0);
        assert!(notes_about(&r, "Signup Date").any(|n| matches!(
            n,
            IngestNote::DateOrder {
                order: DateOrder::MonthFirst,
                basis: OrderBasis::Proven { line: 13, .. },
                ..
            }
        )));
        assert!(r.issues.is_empty(), "{file}: {:?}", r.issues);
    }
}

#[test]
fn undamaged_cells_keep_the_clean_values() {
    let messy = load("mall_customers_messy.csv");
    let clean = load("mall_customers.csv");
    let injected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/data/mall_customers_messy.injected.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let touched = |column: &str, row: usize| {
        ["missing", "outliers", "format"].iter().any(|k| {
            injected[k]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["column"] == column && d["row"].as_u64() == Some(row as u64))
        })
    };
    for (m, c) in [("Age", "Age"), ("Spending Score (1-100)", "Spending Score (1-100)"), ("Gender", "Gender")]
    {
        let (mc, cc) = (messy.table.column(m).unwrap(), clean.table.column(c).unwrap());
        for i in (0..200).filter(|&i| !touched(m, i)) {
            assert_eq!(mc.display(i), cc.display(i), "{m} row {i}");
        }
    }
    let (income, k) =
        (messy.table.column("Annual Income").unwrap(), clean.table.column("Annual Income (k$)").unwrap());
    for i in (0..200).filter(|&i| !touched("Annual Income", i)) {
        assert_eq!(
            (income.numbers().unwrap()[i] / 1000.0).floor(),
            k.numbers().unwrap()[i],
            "income row {i}"
        );
    }
}

#[test]
fn outliers_split_off_as_segments_are_called_out_not_praised() {
    use segscope::engine::pipeline::{run, EvaluationConfig, PipelineConfig};
    // k-means on the damaged file sets the injected outliers (Age 999, income $9,999,999, 480 visits) apart
    let bytes =
        std::fs::read(format!("{}/tests/data/mall_customers_messy.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let evaluation = EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() };
    let config = PipelineConfig { evaluation, ..PipelineConfig::default() };
    let report = run(&bytes, "mall_customers_messy.csv", &config, &mut Silent).unwrap();
    let sizes: Vec<usize> = report.profiles.segments.iter().map(|s| s.size).collect();
    assert_eq!(sizes, [197, 1, 1, 1]);
    assert!(report.notes.iter().any(|n| n.starts_with("3 segments hold under 1% of the customers each")));
    let quality = segscope::views::segment::quality(&report);
    assert_eq!(quality[0].verdict, "flattered by outlier segments");
    assert_eq!(quality[2].verdict, "flattered by outlier segments");
    // a score that reads badly is not "flattered" (a Bayesian mixture's −0.06 was)
    let mut poor = report.clone();
    (poor.metrics.silhouette, poor.metrics.davies_bouldin) = (Some(-0.06), Some(2.4));
    let quality = segscope::views::segment::quality(&poor);
    assert_eq!((quality[0].verdict, quality[2].verdict), ("overlapping segments", "segments overlap"));
}

/// A UK shop's twelve days of December written 01/12/2024 … 12/12/2024 read month first by default (a year
/// from January to December) with a note the Data step recognises and answers with its date-order choice;
/// choosing "Day first" reads the twelve days.
#[test]
fn ambiguous_day_month_dates_can_be_read_day_first() {
    use segscope::views::schema::{date_order_from, has_date_order_note, DATE_ORDERS};
    let mut csv = String::from("customer,order date,amount\n");
    for d in 1..=12 {
        csv += &format!("c{},{d:02}/12/2024,{}.50\n", d % 4, 10 + d);
    }
    let range = |options: &IngestOptions| {
        let read = read_table(csv.as_bytes(), "uk.csv", options, &mut Silent).unwrap();
        let notes: Vec<String> = read.notes.iter().map(|n| n.message()).collect();
        let c = read.summaries.iter().find(|c| c.name == "order date").unwrap();
        (has_date_order_note(&notes), c.min_text.clone().unwrap(), c.max_text.clone().unwrap())
    };
    let mut options = IngestOptions::default();
    let (noted, first, last) = range(&options);
    assert!(noted, "the reader says it chose the order");
    assert_eq!((first.as_str(), last.as_str()), ("2024-01-12", "2024-12-12"));
    assert_eq!(DATE_ORDERS[2].0, "dmy");
    options.date_order = date_order_from("dmy");
    let (_, first, last) = range(&options);
    assert_eq!((first.as_str(), last.as_str()), ("2024-12-01", "2024-12-12"));
}

/// A spreadsheet export with a title line above the header (Excel writes its empty cells too): the title
/// is skipped with a note, the columns get the header's names, and rows keep their file lines.
#[test]
fn a_title_line_above_the_header_is_skipped() {
    let csv = "Sales report \u{2013} Caf\u{e9} Cr\u{e8}me Ltd,,,\r\n\
               Order date,Customer,Customer name,Order total\r\n\
               03/08/2024,CUST-1,Zo\u{eb},\u{a3}57.50\r\n23/02/2023,CUST-2,Ren\u{e9}e,\u{a3}11.62\r\n";
    let read = read_table(csv.as_bytes(), "uk.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let names: Vec<&str> = read.table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Order date", "Customer", "Customer name", "Order total"]);
    assert_eq!(read.table.row_lines, [3, 4]);
    let notes: Vec<String> = read.notes.iter().map(|n| n.message()).collect();
    assert!(notes
        .iter()
        .any(|n| n.contains("above the column names (a title) skipped: the header is line 2")));
    assert!(read.issues.is_empty(), "{:?}", read.issues);
}
