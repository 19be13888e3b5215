//! Hostile files: every fixture in `tests/fixtures/bad` gives the outcome listed in its `EXPECTED.txt`
//! (a clear error, or a table with exactly n row issues) and never panics; loaded ones export and re-read;
//! large cases (10,000 columns, a 1 MB line) are built here at run time; mutated fixtures never panic.

use segscope::engine::progress::Silent;
use segscope::engine::rng::{rng, Rng};
use segscope::engine::table::*;

fn dir() -> String {
    format!("{}/tests/fixtures/bad", env!("CARGO_MANIFEST_DIR"))
}

fn read(bytes: &[u8], name: &str) -> Result<Ingested, IngestError> {
    read_table(bytes, name, &IngestOptions::default(), &mut Silent)
}

fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(format!("{}/EXPECTED.txt", dir())).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (f, e) = l.split_once(" => ").unwrap_or_else(|| panic!("bad manifest line {l:?}"));
            (f.trim().to_string(), e.trim().to_string())
        })
        .collect()
}

fn check(name: &str, bytes: &[u8], expect: &str) {
    let got = read(bytes, name);
    if let Some(n) = expect.strip_prefix("ok ") {
        let n: usize = n.parse().unwrap();
        let r = got.unwrap_or_else(|e| panic!("{name}: expected ok {n}, got error {e}"));
        assert_eq!(r.issues.len(), n, "{name}: issues {:#?}", r.issues);
        assert!(r.table.n_rows() > 0, "{name}");
        assert_eq!(r.summaries.len(), r.table.columns.len());
        for c in &r.table.columns {
            assert_eq!(c.len(), r.table.n_rows(), "{name}: column {}", c.name);
        }
        // The labelled export writes one row per table row and reads back with one more column.
        let out = append_columns(bytes, &r.dialect, &["segment".into()], &|i| vec![format!("s{i}")]).unwrap();
        let back = read(&out, "export.csv").unwrap_or_else(|e| panic!("{name}: export re-read: {e}"));
        assert_eq!(back.table.n_rows(), r.table.n_rows(), "{name}: exported rows");
        assert_eq!(back.table.columns.len(), r.table.columns.len() + 1, "{name}: exported columns");
    } else if let Some(text) = expect.strip_prefix("error ") {
        let e = got.err().unwrap_or_else(|| panic!("{name}: expected an error containing {text:?}"));
        let msg = e.to_string();
        assert!(msg.contains(text), "{name}: {msg:?} lacks {text:?}");
        assert!(msg.starts_with(&format!("{name}: line ")), "{name}: {msg:?} does not name file and line");
    } else {
        panic!("{name}: unknown expectation {expect:?}");
    }
}

#[test]
fn every_fixture_gives_its_expected_outcome() {
    let m = manifest();
    assert!(m.len() >= 30, "at least 30 hostile fixtures, found {}", m.len());
    for (name, expect) in &m {
        let bytes = std::fs::read(format!("{}/{name}", dir())).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, &bytes, expect);
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = m.iter().map(|x| x.0.clone()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "EXPECTED.txt and the folder disagree");
}

#[test]
fn ten_thousand_columns() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..10_000).map(|i| (i % 7).to_string()).collect();
    let text = format!("{}\n{}\n{}\n", header.join(","), row.join(","), row.join(","));
    check(
        "wide.csv",
        text.as_bytes(),
        "error line 1: expected at most 2000 columns (option max_columns), found 10000",
    );
    let opts = IngestOptions::default().with_max_columns(10_000);
    let r = read_table(text.as_bytes(), "wide.csv", &opts, &mut Silent).unwrap();
    assert_eq!(r.table.columns.len(), 10_000);
    assert_eq!(r.table.n_rows(), 2);
}

#[test]
fn one_megabyte_line() {
    let big = "x".repeat(1 << 20);
    let text = format!("id,text,n\n1,{big},5\n2,short,6\n");
    check("long_line.csv", text.as_bytes(), "ok 0");
    let r = read(text.as_bytes(), "long_line.csv").unwrap();
    assert_eq!(r.table.column("text").unwrap().display(0).len(), 1 << 20);
    // A 1 MB line of delimiters: one ragged row, and the extra fields are counted, not stored.
    let commas = format!("a,b\n1,2\n{}\n3,4\n", ",".repeat(1 << 20));
    let r = read(commas.as_bytes(), "commas.csv").unwrap();
    assert_eq!(r.table.n_rows(), 3);
    assert!(r.notes.iter().any(|n| matches!(n, IngestNote::TrailingDelimiters { rows: 1 })));
    let quoted = format!("a,b\n1,\"{}\"\n", "y\n".repeat(1 << 19));
    let r = read(quoted.as_bytes(), "quoted.csv").unwrap();
    // Text cells are trimmed: the field's last line break goes.
    assert_eq!(r.table.column("b").unwrap().display(0).len(), (1 << 20) - 1);
}

#[test]
fn targeted_outcomes() {
    let load = |name: &str| {
        let bytes = std::fs::read(format!("{}/{name}", dir())).unwrap();
        read(&bytes, name).unwrap()
    };
    let names = |r: &Ingested| r.table.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    let r = load("duplicate_headers.csv");
    assert_eq!(names(&r), vec!["Name", "Name_2", "Age", "Name_3"]);
    assert!(r.notes.iter().any(|n| n.message().contains("renamed 'Name_2'")));
    assert_eq!(load("cr_only_line_ends.csv").table.row_lines, vec![2, 3, 5]);
    assert_eq!(load("multiline_quoted_cells.csv").table.row_lines, vec![2, 5, 6]);
    assert_eq!(load("quoted_header_newline.csv").table.row_lines, vec![4, 5]);
    let r = load("unbalanced_quotes.csv");
    assert_eq!(
        r.issues[0],
        RowIssue { line: 3, column: Some("comment".into()), kind: IssueKind::UnterminatedQuote }
    );
    assert_eq!(r.table.column("spend").unwrap().numbers().unwrap(), &[10.0, 20.0, 30.0, 40.0]);
    let r = load("decimal_comma_semicolon.csv");
    assert_eq!(r.table.column("price").unwrap().numbers().unwrap(), &[1.5, 2.25, 1234.5]);
    let r = load("money_percent_parens.csv");
    assert_eq!(r.table.column("amount").unwrap().numbers().unwrap(), &[1234.5, -250.0, 3.0]);
    for f in ["utf16le_bom.csv", "utf16be_no_bom.csv"] {
        let r = load(f);
        assert_eq!(r.table.column("name").unwrap().display(0), "José", "{f}");
    }
    let r = load("latin1.csv");
    assert_eq!(r.table.column("city").unwrap().display(2), "Åre");
    assert!(matches!(r.notes[0], IngestNote::EncodingFallback { encoding: TextEncoding::Windows1252 }));
    let r = load("utf8_with_stray_latin1.csv");
    assert_eq!(r.table.column("city").unwrap().display(1), "Åre");
    assert_eq!(r.table.column("city").unwrap().display(0), "Málaga");
    let r = load("dates_day_first.csv");
    assert_eq!(r.summaries[1].min_text.as_deref(), Some("2020-04-03"));
    let r = load("no_header_numbers.csv");
    assert!(!r.dialect.has_header);
    assert_eq!(names(&r), vec!["column_1", "column_2", "column_3"]);
    let r = load("excel_errors.csv");
    assert!(matches!(&r.issues[0].kind, IssueKind::SpreadsheetError { value } if value == "#DIV/0!"));
    let r = load("inf_nan_text.csv");
    assert!(r.issues.iter().all(|i| matches!(i.kind, IssueKind::NotFinite { .. })));
    assert_eq!(r.table.column("x").unwrap().kind, ColumnKind::Integer);
    let r = load("duplicate_ids.csv");
    assert_eq!(r.issues[0].kind, IssueKind::DuplicateId { value: "7".into(), first_line: 8 });
    let r = load("nul_bytes_few.csv");
    assert_eq!(r.table.column("name").unwrap().display(0), "alice");
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut files: Vec<Vec<u8>> =
        manifest().iter().map(|(name, _)| std::fs::read(format!("{}/{name}", dir())).unwrap()).collect();
    files.push(
        std::fs::read(format!("{}/tests/data/mall_customers_messy.csv", env!("CARGO_MANIFEST_DIR"))).unwrap(),
    );
    let mut r = rng(20240601);
    const ALPHABET: &[u8] = b",;\t|\"\r\n 0123456789.-$%()eE#NA\x00\xff\xc3\xa9";
    for round in 0..1500 {
        let mut bytes = files[round % files.len()].clone();
        for _ in 0..r.gen_range(1..8) {
            let pos = if bytes.is_empty() { 0 } else { r.gen_range(0..bytes.len()) };
            match r.gen_range(0..4) {
                0 if !bytes.is_empty() => {
                    bytes.remove(pos);
                }
                1 if !bytes.is_empty() => bytes[pos] = ALPHABET[r.gen_range(0..ALPHABET.len())],
                2 => bytes.insert(pos, ALPHABET[r.gen_range(0..ALPHABET.len())]),
                _ => bytes.truncate(pos),
            }
        }
        if let Ok(got) = read(&bytes, "m.csv") {
            for c in &got.table.columns {
                assert_eq!(c.len(), got.table.n_rows());
            }
            let out = append_columns(&bytes, &got.dialect, &[], &|_| vec![]).unwrap();
            let lines = out.iter().filter(|&&b| b == b'\n').count();
            assert!(lines >= got.table.n_rows());
        }
    }
}
