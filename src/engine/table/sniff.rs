//! Looks at the first bytes of a file and decides how to read it: refuse binary data, find the encoding
//! (byte-order marks, UTF-16 without a mark, UTF-8 or a Windows-1252 fallback), the delimiter (`,` `;` tab
//! `|`, or an Excel `sep=` line; a single space when none of those splits the rows and the fields are
//! numbers), leading `#` comment lines and the line endings.

use super::dialect::{LineEnding, TextEncoding};
use super::error::{IngestError, Result};
use super::number::fast_number;
use super::split::{Record, Splitter};

/// Bytes looked at before anything is decided.
pub(crate) const SNIFF_BYTES: usize = 128 * 1024;

const MAGIC: [(&[u8], &str); 16] = [
    (b"PK\x03\x04", "zip archive? An .xlsx workbook is one: save the sheet as CSV"),
    (b"PK\x05\x06", "empty zip archive?"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls or other Office file? save the sheet as CSV"),
    (b"\x1f\x8b", "gzip archive? decompress it first"),
    (b"%PDF", "a PDF document?"),
    (b"\x89PNG", "a PNG image?"),
    (b"\xff\xd8\xff", "a JPEG image?"),
    (b"GIF8", "a GIF image?"),
    (b"PAR1", "a Parquet file?"),
    (b"SQLite format 3\x00", "an SQLite database?"),
    (b"BZh91AY&SY", "bzip2 archive? decompress it first"),
    (b"\xfd7zXZ\x00", "xz archive? decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive?"),
    (b"Rar!\x1a\x07", "RAR archive?"),
    (b"\x7fELF", "a program (ELF executable)?"),
    (b"\x28\xb5\x2f\xfd", "zstd archive? decompress it first"),
];

/// Refuses files that are not text; returns the encoding and the byte-order mark length.
/// `whole` tells that `head` is the entire file.
pub(crate) fn encoding(head: &[u8], whole: bool, file: &str) -> Result<(TextEncoding, usize)> {
    if head.is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    if head.starts_with(b"\xff\xfe\x00\x00") || head.starts_with(b"\x00\x00\xfe\xff") {
        return Err(IngestError::Utf32 { file: file.into() });
    }
    let (enc, bom) = if head.starts_with(b"\xef\xbb\xbf") {
        (None, 3)
    } else if head.starts_with(b"\xff\xfe") {
        (Some(TextEncoding::Utf16Le), 2)
    } else if head.starts_with(b"\xfe\xff") {
        (Some(TextEncoding::Utf16Be), 2)
    } else {
        (None, 0)
    };
    if head.len() == bom {
        return Err(IngestError::BomOnly { file: file.into() });
    }
    if let Some(enc) = enc {
        return Ok((enc, bom));
    }
    for (magic, what) in MAGIC {
        if head.starts_with(magic) {
            return Err(IngestError::Binary { file: file.into(), what: what.into() });
        }
    }
    let body = &head[bom..];
    if let Some(what) = markup(body) {
        return Err(IngestError::NotCsv { file: file.into(), what: what.into() });
    }
    if let Some(enc) = utf16_without_bom(body, file)? {
        return Ok((enc, 0));
    }
    let nuls = body.iter().filter(|&&b| b == 0).count() as u64;
    if nul_beyond_tolerance(nuls, body.len() as u64) {
        let first = body.iter().position(|&b| b == 0).unwrap_or(0);
        let line = 1 + body[..first].iter().filter(|&&b| b == b'\n').count() as u64;
        return Err(IngestError::NulBytes { file: file.into(), line, count: nuls });
    }
    let control =
        body.iter().filter(|&&b| matches!(b, 1..=8 | 0x0b | 0x0e..=0x19 | 0x1b..=0x1f | 0x7f)).count();
    if control * 10 > body.len() {
        return Err(IngestError::Binary { file: file.into(), what: "control characters".into() });
    }
    // Invalid bytes with no valid multi-byte character at all mean a legacy 8-bit file; a mostly UTF-8
    // file with a few stray bytes stays UTF-8 and those fields are repaired one by one.
    let (mut multibyte, mut invalid) = (false, false);
    let chunks: Vec<_> = body.utf8_chunks().collect();
    for (k, c) in chunks.iter().enumerate() {
        multibyte |= !c.valid().is_ascii();
        // A multi-byte character cut at the end of the sniffed window is not an error.
        let cut_at_end = k + 1 == chunks.len() && !whole && c.invalid().len() < 4;
        invalid |= !c.invalid().is_empty() && !cut_at_end;
    }
    let utf8 = !invalid || multibyte;
    let enc = if utf8 { TextEncoding::Utf8 } else { TextEncoding::Windows1252 };
    Ok((enc, bom))
}

/// A web page or an XML document instead of a table.
fn markup(body: &[u8]) -> Option<&'static str> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace())?;
    let t = &body[start..body.len().min(start + 15)];
    let starts = |p: &[u8]| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<!doctype html") || starts(b"<html") {
        Some("an HTML page (a saved web page or a failed download?)")
    } else if starts(b"<?xml") {
        Some("an XML document (export the data as CSV)")
    } else {
        None
    }
}

/// More NUL bytes than a damaged export would contain: over 8 and over 1% of the bytes.
pub(crate) fn nul_beyond_tolerance(nuls: u64, len: u64) -> bool {
    nuls > 8 && nuls * 100 > len
}

/// UTF-16 text without a byte-order mark shows a NUL in every other byte; UTF-32 in three of four.
fn utf16_without_bom(body: &[u8], file: &str) -> Result<Option<TextEncoding>> {
    let n = body.len().min(1024) & !3;
    if n < 8 {
        return Ok(None);
    }
    let zeros = |k: usize, step: usize| (k..n).step_by(step).filter(|&i| body[i] == 0).count();
    let quarter = n / 4;
    let z4: Vec<usize> = (0..4).map(|k| zeros(k, 4)).collect();
    let mostly = |z: usize| z * 10 >= quarter * 9;
    let rarely = |z: usize| z * 10 <= quarter;
    if (mostly(z4[1]) && mostly(z4[2]) && mostly(z4[3]) && rarely(z4[0]))
        || (mostly(z4[0]) && mostly(z4[1]) && mostly(z4[2]) && rarely(z4[3]))
    {
        return Err(IngestError::Utf32 { file: file.into() });
    }
    let half = n / 2;
    let (even, odd) = (zeros(0, 2), zeros(1, 2));
    if odd * 10 >= half * 7 && even * 20 <= half {
        return Ok(Some(TextEncoding::Utf16Le));
    }
    if even * 10 >= half * 7 && odd * 20 <= half {
        return Ok(Some(TextEncoding::Utf16Be));
    }
    Ok(None)
}

/// An Excel `sep=;` first line.
fn sep_line(text: &[u8]) -> Option<u8> {
    let end = text.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(text.len());
    let line = text[..end].trim_ascii();
    let line = line.strip_prefix(b"\"").unwrap_or(line);
    let line = line.strip_suffix(b"\"").unwrap_or(line);
    if line.len() == 5 && line[..4].eq_ignore_ascii_case(b"sep=") {
        let d = line[4];
        if d == b'\t' || (d.is_ascii_punctuation() && d != b'"') {
            return Some(d);
        }
    }
    None
}

/// A sniffed record: line, field count, starts with `#`, fields that are not blank.
type Rec = (u64, usize, bool, usize);

/// Field counts and first fields of the first records, split with `delim`.
fn records(text: &[u8], whole: bool, delim: u8, skip: u64) -> Vec<Rec> {
    let mut s = Splitter::new(delim, b'"', skip, 4096);
    let mut out = Vec::new();
    let mut sink = |r: &Record<'_>| -> std::result::Result<(), ()> {
        let comment = r.field(0).starts_with(b"#");
        let filled = (0..r.stored()).filter(|&i| !r.field(i).trim_ascii().is_empty()).count();
        out.push((r.line, r.n_fields, comment, filled));
        if out.len() >= 200 {
            Err(())
        } else {
            Ok(())
        }
    };
    if s.feed(text, &mut sink).is_ok() && whole {
        let _ = s.finish(&mut sink);
    }
    out
}

/// The most common field count (the larger on ties) and the share of records that have it.
fn mode(counts: &[usize]) -> (usize, f64) {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let (mut best, mut best_n, mut i) = (0, 0, 0);
    while i < sorted.len() {
        let j = sorted[i..].iter().position(|&c| c != sorted[i]).map_or(sorted.len(), |k| i + k);
        if j - i >= best_n {
            best = sorted[i];
            best_n = j - i;
        }
        i = j;
    }
    let share = if counts.is_empty() { 0.0 } else { best_n as f64 / counts.len() as f64 };
    (best, share)
}

/// Delimiter, skipped lines (a `sep=` line, leading `#` comments, title lines), whether there was a `sep=`
/// line, the comment and title lines, and line endings of `text` (decoded to an ASCII-compatible encoding).
pub(crate) fn dialect(text: &[u8], whole: bool, forced: Option<u8>) -> (u8, u64, bool, u64, u64, LineEnding) {
    let sep = sep_line(text);
    let skip0 = u64::from(sep.is_some());
    let candidates: Vec<u8> = match forced.or(sep) {
        Some(d) => vec![d],
        None => vec![b',', b';', b'\t', b'|'],
    };
    let mut best: Option<(f64, u8, Vec<Rec>)> = None;
    for &d in &candidates {
        let recs = records(text, whole, d, skip0);
        let body: Vec<usize> = recs.iter().filter(|r| !r.2).map(|r| r.1).collect();
        let (m, share) = mode(&body);
        let score = if m >= 2 { share * (m as f64).ln() } else { 0.0 };
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, d, recs));
        }
    }
    if forced.or(sep).is_none() && best.as_ref().is_none_or(|b| b.0 == 0.0) {
        if let Some(recs) = space_separated(text, whole, skip0) {
            best = Some((1.0, b' ', recs));
        }
    }
    let (_, delim, recs) = best.unwrap_or((0.0, b',', Vec::new()));
    let body: Vec<usize> = recs.iter().filter(|r| !r.2).map(|r| r.1).collect();
    let (m, _) = mode(&body);
    let comments = recs.iter().take_while(|r| r.2 && r.1 != m).count();
    // A spreadsheet's title above the table ("Sales report – Café Crème Ltd", alone or followed by empty
    // cells): up to 5 lines with one filled field in a file of 3 or more columns, followed by a row of the
    // table's width with every field filled, are not its header (the title became the one column name and
    // the real header a row of bad values).
    let title = |r: &&Rec| m >= 3 && !r.2 && r.3 <= 1 && (r.1 == 1 || r.1 == m);
    let titles = recs[comments..].iter().take_while(title).take(5).count();
    let header_follows = recs.get(comments + titles).is_some_and(|r| r.1 == m && r.3 == m);
    let titles = if header_follows { titles } else { 0 };
    let skip = match recs.get(comments + titles) {
        Some(r) if comments + titles > 0 => r.0 - 1,
        _ => skip0,
    };
    (delim, skip, sep.is_some(), comments as u64, titles as u64, line_ending(text))
}

/// The records split at single spaces, when that is how the file is laid out: no other delimiter split its
/// rows, at least 90% of them (the first one too, header or not) have the same number of fields, two or
/// more, and most fields after the first row are numbers. This is how R's `write.table` (without row
/// names) and scikit-learn's bundled data files write a table. Text with spaces in it ("John Smith",
/// "1 000") stays one column: its first row splits differently, or its fields are not numbers. Runs of
/// spaces (aligned columns) are not one separator here: such a file stays one column, with a note
/// ([`aligned_by_spaces`]).
fn space_separated(text: &[u8], whole: bool, skip: u64) -> Option<Vec<Rec>> {
    let recs = records(text, whole, b' ', skip);
    let body: Vec<usize> = recs.iter().filter(|r| !r.2).skip(1).map(|r| r.1).collect();
    let (m, share) = mode(&body);
    let first = recs.iter().find(|r| !r.2)?;
    // The first record has every field, or one fewer (R's write.table names no column for its row names).
    let row_names = first.1 >= 2 && first.1 + 1 == m;
    if m < 2 || share < 0.9 || (first.1 != m && !row_names) {
        return None;
    }
    let (mut fields, mut numbers, mut seen) = (0usize, 0usize, 0usize);
    let mut s = Splitter::new(b' ', b'"', skip, 4096);
    let mut sink = |r: &Record<'_>| -> std::result::Result<(), ()> {
        // The first record may be a header.
        seen += 1;
        for i in (0..r.stored()).filter(|_| seen > 1) {
            let f = r.field(i).trim_ascii();
            fields += 1;
            numbers += usize::from(fast_number(f, false).is_some());
        }
        if fields >= 2000 {
            Err(())
        } else {
            Ok(())
        }
    };
    if s.feed(text, &mut sink).is_ok() && whole {
        let _ = s.finish(&mut sink);
    }
    (numbers * 2 > fields).then_some(recs)
}

/// The number of columns when `text` (read with no delimiter splitting its rows) looks like a table of
/// numbers lined up with runs of spaces: no other delimiter in it, at least 90% of its first 200 lines (the
/// first one too) hold the same number of space-separated words, two or more, most words after the first
/// line are numbers, and some line has a run of spaces. The reader does not split such files (a run is not
/// one separator), so the user is told how to save it instead.
pub(crate) fn aligned_by_spaces(text: &[u8], skip: u64) -> Option<usize> {
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .skip(skip as usize)
        .map(<[u8]>::trim_ascii)
        .filter(|l| !l.is_empty() && !l.starts_with(b"#"))
        .take(200)
        .collect();
    if lines.iter().any(|l| l.iter().any(|b| matches!(b, b',' | b';' | b'\t' | b'|' | b'"'))) {
        return None;
    }
    let words = |l: &[u8]| l.split(|&b| b == b' ').filter(|w| !w.is_empty()).count();
    let counts: Vec<usize> = lines.iter().map(|l| words(l)).collect();
    let (m, share) = mode(&counts);
    let runs = lines.iter().any(|l| l.windows(2).any(|w| w == b"  "));
    if m < 2 || share < 0.9 || counts.first() != Some(&m) || !runs {
        return None;
    }
    let (mut all, mut numbers) = (0usize, 0usize);
    for l in lines.iter().skip(1) {
        for w in l.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
            all += 1;
            numbers += usize::from(fast_number(w, false).is_some());
        }
    }
    (numbers * 2 > all).then_some(m)
}

fn line_ending(text: &[u8]) -> LineEnding {
    let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\r' if text.get(i + 1) == Some(&b'\n') => {
                crlf += 1;
                i += 1;
            }
            b'\r' => cr += 1,
            b'\n' => lf += 1,
            _ => {}
        }
        i += 1;
    }
    match (lf > 0, crlf > 0, cr > 0) {
        (false, false, false) => LineEnding::None,
        (true, false, false) => LineEnding::Lf,
        (false, true, false) => LineEnding::Crlf,
        (false, false, true) => LineEnding::Cr,
        _ => LineEnding::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_with_a_reason() {
        let e = encoding(b"PK\x03\x04rest", true, "c.csv").unwrap_err();
        assert!(e.to_string().contains("zip archive?"), "{e}");
        assert!(matches!(encoding(b"", true, "c").unwrap_err(), IngestError::Empty { .. }));
        assert!(matches!(encoding(b"\xef\xbb\xbf", true, "c").unwrap_err(), IngestError::BomOnly { .. }));
        let e = encoding(b"\n<!DOCTYPE html><html>", true, "c").unwrap_err();
        assert!(e.to_string().contains("an HTML page"), "{e}");
        let nul = vec![0u8; 100];
        assert!(matches!(encoding(&nul, true, "c").unwrap_err(), IngestError::NulBytes { .. }));
    }

    #[test]
    fn finds_encodings() {
        assert_eq!(encoding(b"a,b\n1,2", true, "c").unwrap(), (TextEncoding::Utf8, 0));
        assert_eq!(encoding(b"\xef\xbb\xbfa", true, "c").unwrap(), (TextEncoding::Utf8, 3));
        assert_eq!(encoding(b"caf\xe9,1", true, "c").unwrap(), (TextEncoding::Windows1252, 0));
        let le: Vec<u8> = "name,age\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(encoding(&le, true, "c").unwrap(), (TextEncoding::Utf16Le, 0));
        let be: Vec<u8> = "name,age\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(encoding(&be, true, "c").unwrap(), (TextEncoding::Utf16Be, 0));
    }

    #[test]
    fn delimiters() {
        let d = |t: &str| dialect(t.as_bytes(), true, None);
        assert_eq!(d("a,b,c\n1,2,3\n").0, b',');
        assert_eq!(d("a;b;c\n1;\"2,5\";3\n4;5,5;6\n").0, b';');
        assert_eq!(d("a\tb\n1\t2\n").0, b'\t');
        assert_eq!(d("a|b\n1|2\n").0, b'|');
        assert_eq!(d("name\nalice\n").0, b',');
        let (delim, skip, sep, _, _, _) = d("sep=;\na;b\n1;2\n");
        assert_eq!((delim, skip, sep), (b';', 1, true));
        let (delim, skip, _, comments, _, _) = d("# exported\n# by tool\na,b\n1,2\n");
        assert_eq!((delim, skip, comments), (b',', 2, 2));
        // a title line (one field) above a table of three columns is skipped; above two it is a header
        let (_, skip, _, _, titles, _) =
            d("Sales report \u{2013} Caf\u{e9}\n\ndate,customer,amount\n1,a,2\n2,b,3\n");
        assert_eq!((skip, titles), (2, 1));
        let (_, skip, _, _, titles, _) = d("name\na,b\nc,d\n");
        assert_eq!((skip, titles), (0, 0));
        // Excel writes the title's empty cells too
        let (_, skip, _, _, titles, _) = d("Report 2024,,\nOrder date,Customer,Total\n1,a,2\n2,b,3\n");
        assert_eq!((skip, titles), (1, 1));
    }

    #[test]
    fn single_spaces_between_numbers() {
        let d = |t: &str| dialect(t.as_bytes(), true, None).0;
        // scikit-learn's diabetes_data_raw.csv and linnerud_exercise.csv, R's write.table(row.names = FALSE)
        assert_eq!(d("59 2 32.1 101.0 157\n48 1 21.6 87.0 183\n72 2 30.5 93.0 156\n"), b' ');
        assert_eq!(d("Chins Situps Jumps\n5 162 60\n2 110 60\n12 101 101\n"), b' ');
        assert_eq!(d("\"id\" \"spend\" \"visits\"\n\"a b\" 1.5 3\n\"c\" 2 4\n"), b' ');
        // R's write.table with its row names: the header is one name short
        assert_eq!(
            d("\"mpg\" \"cyl\"\n\"Mazda RX4\" 21 6\n\"Datsun 710\" 22.8 4\n\"Valiant\" 18.1 6\n"),
            b' '
        );
        assert_eq!(d("\"x\" \"y\"\n\"1\" 0.5 3\n\"2\" 1.5 4\n\"3\" 2.5 5\n"), b' ');
        // text with spaces, numbers with a space as thousands separator, aligned columns: one column
        assert_eq!(d("name\nJohn Smith\nJane Doe\nAda Lovelace\n"), b',');
        assert_eq!(d("amount\n1 000\n2 500\n12 000\n"), b',');
        assert_eq!(d("first last\nJohn Smith\nJane Doe\n"), b',');
        assert_eq!(d("a  b\n1  2\n3 4\n5   6\n"), b',');
        // a real delimiter wins even where fields hold spaces
        assert_eq!(d("a b,c d\n1 2,3 4\n"), b',');
        let forced = dialect(b"1 2\n3 4\n", true, Some(b';')).0;
        assert_eq!(forced, b';');
    }

    #[test]
    fn columns_aligned_with_runs_of_spaces_are_recognised() {
        let a = |t: &str| aligned_by_spaces(t.as_bytes(), 0);
        assert_eq!(a("  x     y\n 1.5   20\n12.0    3\n 0.25 100\n"), Some(2));
        assert_eq!(a("# comment\n 1  2  3\n 4  5  6\n"), Some(3));
        assert_eq!(a("1 2\n3 4\n"), None, "single spaces are read as a delimiter instead");
        assert_eq!(a("name  city\nJohn  Paris\nJane  Rome\n"), None, "words, not numbers");
        assert_eq!(a("a,b\n1  2,3\n"), None);
        assert_eq!(a("just one\n"), None);
    }

    #[test]
    fn line_endings() {
        assert_eq!(line_ending(b"a\r\nb\r\n"), LineEnding::Crlf);
        assert_eq!(line_ending(b"a\rb\r"), LineEnding::Cr);
        assert_eq!(line_ending(b"a\nb\r\n"), LineEnding::Mixed);
    }
}
