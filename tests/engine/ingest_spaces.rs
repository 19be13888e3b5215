//! Files separated by spaces: the mall customers file written with single spaces (as R's `write.table` and
//! scikit-learn's bundled data files write tables) reads to the same columns as the comma file; written with
//! its columns lined up by runs of spaces, it reads as one column with a note that says how to save it.

use segscope::engine::progress::Silent;
use segscope::engine::table::*;

fn comma_file() -> String {
    std::fs::read_to_string(format!("{}/tests/data/mall_customers.csv", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn read(text: &str, name: &str) -> Ingested {
    read_table(text.as_bytes(), name, &IngestOptions::default(), &mut Silent).unwrap()
}

/// The comma file with single spaces between its fields (header names lose their own spaces).
fn single_spaced() -> String {
    let mut out = String::new();
    for (i, line) in comma_file().lines().enumerate() {
        let line = if i == 0 { line.replace(' ', "_") } else { line.to_string() };
        out += &line.replace(',', " ");
        out.push('\n');
    }
    out
}

#[test]
fn single_spaces_read_like_commas() {
    let comma = read(&comma_file(), "mall.csv");
    let spaced = read(&single_spaced(), "mall.txt");
    assert_eq!(spaced.dialect.delimiter, ' ');
    assert_eq!(spaced.table.n_rows(), 200);
    assert_eq!(spaced.table.columns.len(), comma.table.columns.len());
    for (a, b) in comma.table.columns.iter().zip(&spaced.table.columns) {
        assert_eq!(a.name.replace(' ', "_"), b.name);
        assert_eq!((a.kind, a.role), (b.kind, b.role), "{}", a.name);
        assert_eq!(a.data, b.data, "{}", a.name);
    }
    assert!(!spaced.notes.iter().any(|n| matches!(n, IngestNote::SpaceAligned { .. })));
}

#[test]
fn columns_lined_up_with_spaces_get_a_note_that_says_how_to_save_them() {
    // Every field right-aligned in 24 characters, as a fixed-width report prints it (the gender column
    // dropped so that the rows are all numbers).
    let aligned: String = single_spaced()
        .lines()
        .map(|l| {
            let mut words: Vec<&str> = l.split(' ').collect();
            words.remove(1);
            words.iter().map(|w| format!("{w:>24}")).collect::<String>() + "\n"
        })
        .collect();
    let r = read(&aligned, "mall_report.txt");
    assert_eq!(r.table.columns.len(), 1);
    let note = r.notes.iter().find(|n| matches!(n, IngestNote::SpaceAligned { columns: 4 }));
    let message = note.expect("a note about the lined-up columns").message();
    assert!(message.contains("save the file with commas"), "{message}");
}
