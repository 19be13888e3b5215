//! Streaming: any chunking gives the same result as reading at once; rows past the sample that contradict a
//! column's kind or date order correct it (exactly, in `read_table`); progress is by bytes and cancel stops.

use segscope::engine::progress::{Monitor, Silent};
use segscope::engine::table::*;

fn streamed(
    bytes: &[u8],
    chunk: usize,
    window: usize,
    opts: &IngestOptions,
) -> Result<Ingested, IngestError> {
    let mut s = IngestStream::new("s.csv", opts)?.with_sniff_window(window);
    for c in bytes.chunks(chunk) {
        s.feed(c, &mut Silent)?;
    }
    s.finish(&mut Silent)
}

fn assert_same(a: &Ingested, b: &Ingested, what: &str) {
    assert_eq!(digest(a), digest(b), "{what}");
    assert_eq!(a.issues, b.issues, "{what}");
    assert_eq!(a.notes, b.notes, "{what}");
    assert_eq!(a.summaries, b.summaries, "{what}");
    assert_eq!(a.dialect, b.dialect, "{what}");
}

/// A few hundred KiB of awkward CSV: CRLF, quoted delimiters and line breaks, multi-byte text, missing cells.
fn awkward(rows: usize) -> String {
    let mut s = String::from("id,name,amount,when,comment\r\n");
    for i in 0..rows {
        let comment = match i % 5 {
            0 => "\"multi\r\nline, with comma\"".to_string(),
            1 => "naïve café ☕".to_string(),
            2 => String::new(),
            3 => "\"say \"\"hi\"\"\"".to_string(),
            _ => format!("plain {i}"),
        };
        let amount = if i % 17 == 0 {
            "NA".to_string()
        } else {
            format!("\"{},{:03}.{:02}\"", i % 90 + 1, i % 1000, i % 100)
        };
        s += &format!("{i},name{},{amount},2021-{:02}-{:02},{comment}\r\n", i % 7, i % 12 + 1, i % 28 + 1);
    }
    s
}

#[test]
fn chunking_never_changes_the_result() {
    let text = awkward(6000);
    assert!(text.len() > 250_000);
    let bytes = text.as_bytes();
    let opts = IngestOptions::default();
    let once = read_table(bytes, "s.csv", &opts, &mut Silent).unwrap();
    assert_eq!(once.table.n_rows(), 6000);
    assert_eq!(once.table.row_lines[1], 4);
    for chunk in [1usize, 7, 64, 1000, 65_536, 300_001] {
        if chunk == 1 {
            // One byte at a time over the first 20 KB only, to keep the test fast.
            let small = &bytes[..bytes[..20_000].iter().rposition(|&b| b == b'\n').unwrap() + 1];
            let a = read_table(small, "s.csv", &opts, &mut Silent).unwrap();
            assert_same(&a, &streamed(small, 1, 128 * 1024, &opts).unwrap(), "chunk 1");
            continue;
        }
        assert_same(&once, &streamed(bytes, chunk, 128 * 1024, &opts).unwrap(), &format!("chunk {chunk}"));
    }
    // A small sniff window puts chunk boundaries everywhere, including inside the sample.
    let w = streamed(bytes, bytes.len(), 512, &opts).unwrap();
    for chunk in [3usize, 97, 4096] {
        assert_same(&w, &streamed(bytes, chunk, 512, &opts).unwrap(), &format!("window 512 chunk {chunk}"));
    }
    let small_sample = IngestOptions::default().with_sample_rows(10);
    let a = streamed(bytes, bytes.len(), 512, &small_sample).unwrap();
    assert_same(&a, &streamed(bytes, 333, 512, &small_sample).unwrap(), "sample 10");
    assert_eq!(digest(&a).columns, digest(&once).columns);
}

#[test]
fn utf16_in_odd_chunks() {
    let text = awkward(500);
    let bytes: Vec<u8> =
        "\u{feff}".encode_utf16().chain(text.encode_utf16()).flat_map(|u| u.to_le_bytes()).collect();
    let utf8 = read_table(text.as_bytes(), "s.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let once = read_table(&bytes, "s.csv", &IngestOptions::default(), &mut Silent).unwrap();
    assert_eq!(digest(&utf8).columns, digest(&once).columns);
    for chunk in [3usize, 1001] {
        assert_same(&once, &streamed(&bytes, chunk, 128 * 1024, &IngestOptions::default()).unwrap(), "utf16");
    }
}

/// 3000 rows: `reading` holds decimals for 1500 rows, then words.
fn revised_file() -> String {
    let mut s = String::from("id,reading,x\n");
    for i in 0..3000 {
        let code = if i < 1500 { format!("{}.50", i) } else { format!("w{}", i % 40) };
        s += &format!("{i},{code},{}\n", i % 9);
    }
    s
}

#[test]
fn later_rows_revise_a_sampled_kind() {
    let text = revised_file();
    let opts = IngestOptions::default().with_sample_rows(100);
    // Streaming cannot go back: earlier numbers are re-rendered from their values.
    let s = streamed(text.as_bytes(), 4096, 128 * 1024, &opts).unwrap();
    let code = s.table.column("reading").unwrap();
    assert_eq!(code.kind, ColumnKind::Text);
    assert_eq!(code.display(3), "3.5");
    assert_eq!(code.display(2999), "w39");
    assert!(s
        .notes
        .iter()
        .any(|n| matches!(n, IngestNote::TypeRevised { exact: false, from: ColumnKind::Numeric, .. })));
    // read_table has the bytes and re-reads the column exactly.
    let r = read_table(text.as_bytes(), "r.csv", &opts, &mut Silent).unwrap();
    let code = r.table.column("reading").unwrap();
    assert_eq!(code.kind, ColumnKind::Text);
    assert_eq!(code.display(3), "3.50");
    assert!(r
        .notes
        .iter()
        .any(|n| matches!(n, IngestNote::TypeRevised { exact: true, to: ColumnKind::Text, .. })));
    assert!(r.issues.is_empty());
    assert_eq!(r.table.column("x").unwrap().kind, ColumnKind::Integer);
}

/// Feeds `bytes` to a [`TableReader`] in `chunk`-byte slices, pass after pass; returns the table and the
/// number of passes.
fn read_in_passes(bytes: &[u8], chunk: usize, opts: &IngestOptions) -> (Ingested, usize) {
    let mut reader = TableReader::new("r.csv", opts, bytes.len() as u64).unwrap();
    for pass in 1..=2 {
        for c in bytes.chunks(chunk) {
            reader.feed(c, &mut Silent).unwrap();
        }
        if let Some(ingested) = reader.end_pass(&mut Silent).unwrap() {
            return (ingested, pass);
        }
    }
    panic!("the reader asked for a third pass");
}

#[test]
fn the_table_reader_in_slices_reads_exactly_like_read_table() {
    // A revised column takes a second pass over the file, which then matches read_table's exact re-read.
    let text = revised_file();
    let opts = IngestOptions::default().with_sample_rows(100);
    let whole = read_table(text.as_bytes(), "r.csv", &opts, &mut Silent).unwrap();
    for chunk in [1000, 4096, 1 << 20] {
        let (sliced, passes) = read_in_passes(text.as_bytes(), chunk, &opts);
        assert_eq!(passes, 2, "chunk {chunk}");
        assert_same(&whole, &sliced, &format!("revised file in {chunk}-byte slices"));
        assert_eq!(sliced.table.column("reading").unwrap().display(3), "3.50");
    }
    // Nothing revised: one pass.
    let text = awkward(2000);
    let whole = read_table(text.as_bytes(), "r.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let (sliced, passes) = read_in_passes(text.as_bytes(), 7919, &IngestOptions::default());
    assert_eq!(passes, 1);
    assert_same(&whole, &sliced, "awkward file in 7919-byte slices");
}

#[test]
fn the_table_reader_reports_bad_files_like_read_table() {
    let opts = IngestOptions::default();
    for bad in [&b""[..], b"   \n\n", b"a,b\n"] {
        let whole = read_table(bad, "r.csv", &opts, &mut Silent).unwrap_err();
        let mut reader = TableReader::new("r.csv", &opts, bad.len() as u64).unwrap();
        reader.feed(bad, &mut Silent).unwrap();
        assert_eq!(reader.end_pass(&mut Silent).unwrap_err().to_string(), whole.to_string());
    }
}

#[test]
fn a_few_bad_cells_after_the_sample_are_issues_with_their_text() {
    let mut text = String::from("id,v\n");
    for i in 0..500 {
        let v = if i == 400 { "12 kg".to_string() } else { format!("{}", i as f64 / 4.0) };
        text += &format!("{i},{v}\n");
    }
    let r = read_table(text.as_bytes(), "f.csv", &IngestOptions::default().with_sample_rows(50), &mut Silent)
        .unwrap();
    assert_eq!(r.table.column("v").unwrap().kind, ColumnKind::Numeric);
    assert_eq!(
        r.issues,
        vec![RowIssue {
            line: 402,
            column: Some("v".into()),
            kind: IssueKind::Unparseable { value: "12 kg".into(), expected: ColumnKind::Numeric }
        }]
    );
}

#[test]
fn date_order_proven_after_the_sample_corrects_earlier_rows() {
    let mut text = String::from("id,when\n");
    for i in 0..200 {
        let (d, m) = if i == 150 { (25, 4) } else { (i % 12 + 1, i % 9 + 1) };
        text += &format!("{i},{d:02}/{m:02}/2020\n");
    }
    for r in [
        read_table(text.as_bytes(), "d.csv", &IngestOptions::default().with_sample_rows(20), &mut Silent)
            .unwrap(),
        streamed(text.as_bytes(), 100, 64, &IngestOptions::default().with_sample_rows(20)).unwrap(),
    ] {
        let when = r.table.column("when").unwrap();
        assert_eq!(when.kind, ColumnKind::Date);
        // Row 13: "02/05/2020" is 2 May once day-first is proven by "25/04/2020" on line 152.
        assert_eq!(when.display(13), "1588377600");
        assert_eq!(r.summaries[1].max_text.as_deref(), Some("2020-09-12"));
        assert!(r.notes.iter().any(|n| matches!(
            n,
            IngestNote::DateOrder {
                order: DateOrder::DayFirst,
                basis: OrderBasis::Proven { line: 152, .. },
                ..
            }
        )));
    }
}

struct Recorder {
    fractions: Vec<f64>,
    cancel_after: Option<usize>,
}

impl Monitor for Recorder {
    fn progress(&mut self, stage: &str, fraction: f64) {
        if stage == "reading" {
            self.fractions.push(fraction);
        }
    }
    fn cancelled(&self) -> bool {
        self.cancel_after.is_some_and(|n| self.fractions.len() >= n)
    }
}

#[test]
fn progress_is_by_bytes_and_cancel_stops() {
    let text = awkward(60_000);
    let mut m = Recorder { fractions: Vec::new(), cancel_after: None };
    read_table(text.as_bytes(), "p.csv", &IngestOptions::default(), &mut m).unwrap();
    assert!(m.fractions.len() >= 2);
    assert!(m.fractions.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*m.fractions.last().unwrap(), 1.0);
    let mut m = Recorder { fractions: Vec::new(), cancel_after: Some(1) };
    let e = read_table(text.as_bytes(), "p.csv", &IngestOptions::default(), &mut m).unwrap_err();
    assert_eq!(e, IngestError::Cancelled { file: "p.csv".into() });
    assert_eq!(e.to_string(), "reading p.csv was cancelled");
}

#[test]
fn numeric_columns_are_stored_as_numbers() {
    let text = awkward(100);
    let r = read_table(text.as_bytes(), "n.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let amount = r.table.column("amount").unwrap();
    assert_eq!(amount.kind, ColumnKind::Numeric);
    assert!(matches!(amount.data, ColumnData::Numbers(_)));
    assert_eq!(amount.numbers().unwrap()[1], 2001.01);
    assert!(amount.is_missing(0));
}
