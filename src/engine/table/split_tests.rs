//! Unit tests of the record splitter (kept apart so `split.rs` stays small).
use super::*;

type Rec = (u64, Vec<String>, Option<(u64, usize)>);

fn split_chunks(input: &[u8], delim: u8, chunk: usize) -> Vec<Rec> {
    let mut s = Splitter::new(delim, b'"', 0, 100);
    let mut out: Vec<Rec> = Vec::new();
    let mut sink = |r: &Record<'_>| -> Result<(), ()> {
        let fields = (0..r.stored()).map(|i| String::from_utf8_lossy(r.field(i)).into_owned()).collect();
        out.push((r.line, fields, r.unterminated_quote));
        Ok(())
    };
    for c in input.chunks(chunk.max(1)) {
        s.feed(c, &mut sink).unwrap();
    }
    s.finish(&mut sink).unwrap();
    out
}

/// Splits in every chunk size from 1 to the whole input; all must agree.
fn split(input: &str) -> Vec<Rec> {
    let whole = split_chunks(input.as_bytes(), b',', input.len());
    for c in 1..input.len().min(12) {
        assert_eq!(split_chunks(input.as_bytes(), b',', c), whole, "chunk size {c}");
    }
    whole
}

fn fields(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn quoted_fields_with_delimiters_newlines_and_escaped_quotes() {
    let r = split("a,b\n\"x,1\",\"say \"\"hi\"\"\nthere\"\nlast,row");
    assert_eq!(r[0], (1, fields(&["a", "b"]), None));
    assert_eq!(r[1], (2, fields(&["x,1", "say \"hi\"\nthere"]), None));
    assert_eq!(r[2], (4, fields(&["last", "row"]), None));
}

#[test]
fn line_numbers_for_crlf_cr_and_blank_lines() {
    let r = split("a,b\r\n1,2\r\n\r\n3,4\r5,6\r\r7,\"x\ry\"\n8,9");
    let lines: Vec<u64> = r.iter().map(|x| x.0).collect();
    assert_eq!(lines, vec![1, 2, 4, 5, 7, 9]);
    assert_eq!(r[4].1, fields(&["7", "x\ry"]));
}

#[test]
fn whitespace_lines_are_skipped_and_trailing_delimiter_gives_empty_field() {
    let r = split("a,b,\n   \n1,2,\n");
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].1, fields(&["1", "2", ""]));
}

#[test]
fn unterminated_quote_recovers() {
    let r = split("a,b\n1,\"oops\n2,3\n4,5");
    assert_eq!(r[0].1, fields(&["a", "b"]));
    assert_eq!(r[1], (2, fields(&["1", "\"oops"]), Some((2, 1))));
    assert_eq!(r[2], (3, fields(&["2", "3"]), None));
    assert_eq!(r[3], (4, fields(&["4", "5"]), None));
}

#[test]
fn text_after_closing_quote_and_quotes_inside_fields_are_literal() {
    let r = split("\"ab\"cd,5\" tall,  \"sp, aced\"\n");
    assert_eq!(r[0].1, fields(&["abcd", "5\" tall", "sp, aced"]));
}

#[test]
fn fields_beyond_cap_are_counted_not_stored() {
    let mut s = Splitter::new(b',', b'"', 0, 2);
    let mut got = Vec::new();
    let mut sink = |r: &Record<'_>| -> Result<(), ()> {
        got.push((r.stored(), r.n_fields, r.extra_nonempty));
        Ok(())
    };
    s.feed(b"a,b,,\n1,2,3,4\n", &mut sink).unwrap();
    s.finish(&mut sink).unwrap();
    assert_eq!(got, vec![(2, 4, false), (2, 4, true)]);
}

#[test]
fn skip_lines() {
    let mut s = Splitter::new(b';', b'"', 1, 10);
    let mut got = Vec::new();
    let mut sink = |r: &Record<'_>| -> Result<(), ()> {
        got.push((r.line, r.stored()));
        Ok(())
    };
    s.feed(b"sep=;\r\na;b\r\n1;2", &mut sink).unwrap();
    s.finish(&mut sink).unwrap();
    assert_eq!(got, vec![(2, 2), (3, 2)]);
}
