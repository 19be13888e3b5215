//! Fuzz target for CSV ingest: any bytes must give a table or an error, never a panic; a loaded table is
//! rectangular and exports; and reading the same bytes in chunks gives the same result as reading them at
//! once (the first byte picks the chunk size, a small sniff window puts chunk boundaries inside the input).
#![no_main]

use libfuzzer_sys::fuzz_target;
use segscope::engine::progress::Silent;
use segscope::engine::table::{append_columns, digest, read_table, IngestOptions, IngestStream, Ingested};

fn streamed(data: &[u8], chunk: usize, opts: &IngestOptions) -> Result<Ingested, String> {
    let mut s = IngestStream::new("fuzz.csv", opts).map_err(|e| e.to_string())?.with_sniff_window(48);
    for c in data.chunks(chunk) {
        s.feed(c, &mut Silent).map_err(|e| e.to_string())?;
    }
    s.finish(&mut Silent).map_err(|e| e.to_string())
}

fuzz_target!(|input: &[u8]| {
    let Some((&first, data)) = input.split_first() else { return };
    let opts = IngestOptions::default().with_sample_rows(1 + usize::from(first % 4));
    if let Ok(r) = read_table(data, "fuzz.csv", &opts, &mut Silent) {
        for c in &r.table.columns {
            assert_eq!(c.len(), r.table.n_rows());
        }
        let out = append_columns(data, &r.dialect, &["seg".into()], &|i| vec![i.to_string()]).unwrap();
        assert!(out.iter().filter(|&&b| b == b'\n').count() > r.table.n_rows());
    }
    let whole = streamed(data, data.len().max(1), &opts);
    let chunked = streamed(data, 1 + usize::from(first % 13), &opts);
    match (&whole, &chunked) {
        (Ok(a), Ok(b)) => {
            assert_eq!(digest(a), digest(b));
            assert_eq!(a.issues, b.issues);
            assert_eq!(a.dialect, b.dialect);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("whole {:?} vs chunked {:?}", whole.as_ref().err(), chunked.as_ref().err()),
    }
});
