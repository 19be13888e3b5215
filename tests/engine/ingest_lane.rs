//! The fast lane (whole simple records parsed straight from the input bytes) gives exactly the result of
//! the general path: every hostile fixture and real data file, with small samples (so the lane reads most
//! rows) and chunk sizes that cut records anywhere, read both ways; plus a generated file that mixes simple
//! records with every kind of awkward one (quotes, blanks, ragged rows, CR/CRLF, long digits, revisions).

use segscope::engine::progress::Silent;
use segscope::engine::rng::{rng, Rng};
use segscope::engine::table::*;

fn read(bytes: &[u8], opts: &IngestOptions, chunk: usize, lane: bool) -> Result<Ingested, IngestError> {
    let mut s = IngestStream::new("l.csv", opts)?.with_fast_lane(lane).with_sniff_window(256);
    for c in bytes.chunks(chunk.max(1)) {
        s.feed(c, &mut Silent)?;
    }
    s.finish(&mut Silent)
}

/// Bit-exact comparison (numbers by their bits, so NaN equals NaN).
fn assert_same(a: &Result<Ingested, IngestError>, b: &Result<Ingested, IngestError>, what: &str) {
    let (a, b) = match (a, b) {
        (Err(x), Err(y)) => return assert_eq!(x, y, "{what}"),
        (Ok(a), Ok(b)) => (a, b),
        _ => panic!("{what}: one side failed: {:?} vs {:?}", a.as_ref().err(), b.as_ref().err()),
    };
    assert_eq!(digest(a), digest(b), "{what}");
    assert_eq!(a.table.row_lines, b.table.row_lines, "{what}");
    for (x, y) in a.table.columns.iter().zip(&b.table.columns) {
        assert_eq!((&x.name, x.kind, x.role), (&y.name, y.kind, y.role), "{what}");
        match (&x.data, &y.data) {
            (ColumnData::Numbers(u), ColumnData::Numbers(v)) => {
                let bits = |w: &[f64]| w.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(u), bits(v), "{what}: {}", x.name);
            }
            (u, v) => assert_eq!(u, v, "{what}: {}", x.name),
        }
    }
    assert_eq!(a.issues, b.issues, "{what}");
    assert_eq!(a.notes, b.notes, "{what}");
    assert_eq!(a.summaries, b.summaries, "{what}");
    assert_eq!(a.dialect, b.dialect, "{what}");
}

fn both_ways(bytes: &[u8], what: &str, samples: &[usize], chunks: &[usize]) {
    for &n in samples {
        let opts = IngestOptions::default().with_sample_rows(n);
        let general = read(bytes, &opts, bytes.len(), false);
        for &c in chunks {
            let fast = read(bytes, &opts, c, true);
            assert_same(&general, &fast, &format!("{what}, sample {n}, chunk {c}"));
        }
    }
}

#[test]
fn every_fixture_and_data_file_reads_the_same_through_the_lane() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for dir in ["tests/fixtures/bad", "tests/data"] {
        for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "csv") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() > 50, "found {} files", files.len());
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let chunks: &[usize] = if bytes.len() > 100_000 { &[1 << 20, 4093] } else { &[1 << 20, 13, 1] };
        both_ways(&bytes, &name, &[1, 3, 40], chunks);
    }
}

/// Rows of numbers, most plain, with every awkward case sprinkled in; `;` and decimal commas when `semi`.
fn mixed(rows: usize, semi: bool, seed: u64) -> Vec<u8> {
    let mut r = rng(seed);
    let (d, p) = if semi { (";", ",") } else { (",", ".") };
    let mut s = format!("id{d}a{d}b{d}c{d}code{d}when{d}note\n");
    for i in 0..rows {
        let x = (r.gen_range(-1e6..1e6f64) * 1e3).round() / 1e3;
        let a = match r.gen_range(0..40) {
            0 => String::new(),
            1 => "NA".into(),
            2 => format!("\"{x}\"").replace('.', p),
            3 => format!(" {x} ").replace('.', p),
            4 => "12345678901234567".into(),
            5 => "1.5e3".replace('.', p),
            6 => "#DIV/0!".into(),
            7 => "-".into(),
            8 => format!("+{}", i % 50),
            9 => "inf".into(),
            _ => format!("{x}").replace('.', p),
        };
        let b = if i % 97 == 0 { "1".to_string() } else { format!("{}{p}{:02}", i % 1000, i % 100) };
        // `code` holds integers for the first rows, then words: a revision after the sample.
        let code = if i < rows / 2 { format!("{}", i % 7) } else { format!("k{}", i % 11) };
        let note = match i % 13 {
            0 => "\"multi\nline\"".to_string(),
            1 => "café".into(),
            2 => "5\" tall".into(),
            _ => format!("n{}", i % 5),
        };
        let end = match i % 29 {
            0 => "\r\n",
            1 => "\r",
            _ => "\n",
        };
        let line = format!("{i}{d}{a}{d}{b}{d}{}{d}{code}{d}2021-03-{:02}{d}{note}", i % 9, i % 28 + 1);
        match i % 211 {
            0 => s += &format!("{end}   {end}"),
            1 => s += &format!("{i}{d}1{d}2{end}"),
            2 => s += &format!("{line}{d}{d}{end}"),
            3 => s += &format!("{line}{d}extra{end}"),
            4 => s += &format!("{d}{d}{d}{d}{d}{d}{end}"),
            _ => {}
        }
        s += &line;
        s += end;
    }
    s.into_bytes()
}

#[test]
fn mixed_simple_and_awkward_records_read_the_same() {
    for (semi, seed) in [(false, 1u64), (true, 2)] {
        let bytes = mixed(3000, semi, seed);
        both_ways(&bytes, &format!("mixed semi={semi}"), &[5, 200], &[1 << 20, 997, 64]);
        let small = mixed(120, semi, seed + 10);
        both_ways(&small, &format!("small mixed semi={semi}"), &[2], &[1, 2, 3, 7]);
    }
}

#[test]
fn read_table_uses_the_lane_and_keeps_every_number_bit_exact() {
    let mut r = rng(5);
    let mut s = String::from("x,y,z\n");
    let mut want = Vec::new();
    for _ in 0..20_000 {
        let v: [f64; 3] = std::array::from_fn(|_| r.gen_range(-50.0..50.0));
        s += &format!("{:.6},{:.9},{:.3}\n", v[0], v[1], v[2]);
        want.push(format!("{:.6}", v[0]).parse::<f64>().unwrap());
    }
    let got = read_table(s.as_bytes(), "n.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let x = got.table.column("x").unwrap().numbers().unwrap();
    assert_eq!(
        x.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
        want.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
    );
    assert_eq!(got.table.row_lines.last(), Some(&20_001));
    let general = read(s.as_bytes(), &IngestOptions::default(), s.len(), false);
    assert_same(&general, &Ok(got), "read_table");
}
