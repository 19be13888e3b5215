//! Tests of the decisions made from the sample (header, layout, stores, the numeric trial's shortcut).

use super::*;
use crate::engine::table::options::IngestOptions;
use crate::engine::table::split::{Record, Splitter};

fn sample(text: &str) -> Sample {
    let mut s = Sample::default();
    let mut sp = Splitter::new(b',', b'"', 0, 100);
    let mut dec = FieldDecoder::new(TextEncoding::Utf8);
    let mut sink = |r: &Record<'_>| -> std::result::Result<(), ()> {
        s.push(r, &mut dec);
        Ok(())
    };
    sp.feed(text.as_bytes(), &mut sink).unwrap();
    sp.finish(&mut sink).unwrap();
    s
}

fn opts() -> ValidOptions {
    IngestOptions::default().check().unwrap()
}

#[test]
fn header_detection() {
    assert!(looks_like_header(&sample("age,income\n1,2\n3,4\n")));
    assert!(!looks_like_header(&sample("5,2\n1,2\n3,4\n")));
    assert!(!looks_like_header(&sample("Male,North\nFemale,South\nMale,North\n")));
    assert!(looks_like_header(&sample("gender,region\nFemale,South\nMale,North\n")));
    assert!(!looks_like_header(&sample("2020-01-01,x\n2020-01-02,y\n")));
}

#[test]
fn a_header_one_name_short_names_the_first_column_row_names() {
    // As R's write.table writes a data frame (row names, no name for their column).
    let text = "\"mpg\",\"cyl\"\n\"Mazda RX4\",21,6\n\"Datsun 710\",22.8,4\n\"Valiant\",18.1,6\n";
    let l = layout(&sample(text), &opts(), "f").unwrap();
    assert_eq!(l.names, vec!["row_names", "mpg", "cyl"]);
    assert!(matches!(l.notes.as_slice(), [IngestNote::RowNamesFirst { name }] if name == "row_names"));
    // Numbered row names, and a header name renamed keeps its own position in the note.
    let l = layout(
        &sample(
            "a,a
1,5,6
2,7,8
3,9,1
",
        ),
        &opts(),
        "f",
    )
    .unwrap();
    assert_eq!(l.names, vec!["row_names", "a", "a_2"]);
    assert!(l.notes.iter().any(|n| matches!(n, IngestNote::HeaderRenamed { index: 1, .. })));
    // Only some rows longer than the header: generated names at the end, as before.
    let l = layout(
        &sample(
            "x,y
1,2,3
4,5,6
7,8
9,1
1,2,3
",
        ),
        &opts(),
        "f",
    )
    .unwrap();
    assert_eq!(l.names, vec!["x", "y", "column_3"]);
    assert!(matches!(l.notes.as_slice(), [IngestNote::HeaderExtended { from: 2, to: 3 }]));
}

#[test]
fn duplicate_blank_and_multiline_names() {
    let l = layout(&sample("Name,Name,,\"a\nb\"\n1,2,3,4\n"), &opts(), "f").unwrap();
    assert_eq!(l.names, vec!["Name", "Name_2", "column_3", "a b"]);
    assert_eq!(l.notes.len(), 3);
}

#[test]
fn trailing_delimiter_column_is_dropped() {
    let l = layout(&sample("a,b,\n1,2,\n3,4,\n"), &opts(), "f").unwrap();
    assert_eq!(l.width, 2);
}

#[test]
fn header_only_and_too_wide() {
    let e = layout(&sample("a,b\n"), &opts(), "f.csv").unwrap_err();
    assert_eq!(e, IngestError::NoDataRows { file: "f.csv".into(), line: 2 });
    let o = IngestOptions::default().with_max_columns(2).check().unwrap();
    assert!(matches!(layout(&sample("a,b,c\n1,2,3\n"), &o, "f"), Err(IngestError::TooManyColumns { .. })));
}

#[test]
fn plain_trial_agrees_with_the_trial() {
    use crate::engine::rng::{rng, Rng};
    let pool = [
        "0",
        "7",
        "-3",
        "+12",
        "0042",
        "3.25",
        "-0.5",
        ".5",
        "5.",
        "1.234",
        "1,5",
        "1e3",
        "12345678901234567",
        "1234567890123456789012345678901234567890",
        "$4",
        "x",
        "1.2.3",
        "-",
        "+",
        "00",
        "9.999999999999999",
    ];
    let mut r = rng(11);
    let mut shortcuts = 0;
    for case in 0..4000 {
        let len = 1 + case % 7;
        let texts: Vec<&str> = (0..len).map(|_| pool[r.gen_range(0..pool.len())]).collect();
        let cells: Vec<(&str, u64)> = texts.iter().enumerate().map(|(k, t)| (*t, k as u64 + 2)).collect();
        for comma in [false, true] {
            let (b, ok) = trial(Store::Num(NumStore::new(comma)), &cells);
            let Store::Num(n) = &b.store else { panic!() };
            if let Some(integers) = plain_trial(&read_with_point(&cells), comma) {
                shortcuts += 1;
                assert!(ok && n.bad.is_empty(), "{texts:?}");
                assert_eq!(integers, n.all_integer, "{texts:?}");
                assert_eq!(integers && leading_zero(&cells), code_like(&b, &cells), "{texts:?}");
            }
        }
    }
    assert!(shortcuts > 100, "{shortcuts}");
}

#[test]
fn stores_chosen_from_the_sample() {
    let s = sample("id,price,when,code,name\n1,\"1,5\",2020-01-01,0042,x\n2,2,2020-01-02,0043,y\n");
    let kinds: Vec<&str> = (0..5)
        .map(|j| {
            match builder_for(&s, j, 1, ["CustomerID", "price", "when", "code", "name"][j], &opts(), false)
                .store
            {
                Store::Num(n) => {
                    if n.decimal_comma {
                        "num,"
                    } else {
                        "num."
                    }
                }
                Store::Date(_) => "date",
                Store::Dict(_) => "dict",
            }
        })
        .collect();
    assert_eq!(kinds, vec!["dict", "num,", "date", "dict", "dict"]);
}
