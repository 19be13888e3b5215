//! The labelled export: re-reads the original bytes with the dialect ingest found and writes UTF-8 CSV with
//! the original header and cells (decoded text, verbatim) plus extra columns, one output row per table row,
//! in table order, separated as the input was (`;`, tab or `|`; a comma otherwise, e.g. for space-separated
//! input), so a `;` file with decimal commas opens in the same spreadsheet as its input. Uses the same
//! splitter as ingest, so rows line up exactly.

use super::dialect::Dialect;
use super::error::{IngestError, Result};
use super::split::{Record, Splitter};
use super::text::{FieldDecoder, Transcoder};

/// The separator the export writes: the input's when it is `;`, tab or `|`, otherwise a comma.
fn output_delimiter(dialect: &Dialect) -> u8 {
    match dialect.delimiter {
        ';' => b';',
        '\t' => b'\t',
        '|' => b'|',
        _ => b',',
    }
}

/// Appends one CSV field, quoted when it holds the separator, a quote, a line break or edge spaces.
/// (Written here rather than with `csv::Writer` because that writer's `io::Error` path cannot happen
/// for an in-memory buffer and would only add an impossible error variant.)
fn push_field(out: &mut Vec<u8>, field: &str, first: bool, delimiter: u8) {
    if !first {
        out.push(delimiter);
    }
    let needs = field.bytes().any(|b| b == delimiter || matches!(b, b'"' | b'\n' | b'\r'))
        || field.starts_with(' ')
        || field.ends_with(' ');
    if needs {
        out.push(b'"');
        for part in field.split('"').enumerate() {
            if part.0 > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(part.1.as_bytes());
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

/// Writes the original columns of `bytes` (read with `dialect`) plus `extra_headers`; `extra(i)` gives
/// the extra cells of table row `i` and must return one value per extra header.
pub fn append_columns(
    bytes: &[u8],
    dialect: &Dialect,
    extra_headers: &[String],
    extra: &dyn Fn(usize) -> Vec<String>,
) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 4);
    append_columns_in_parts(bytes, dialect, extra_headers, extra, usize::MAX, &mut |part| {
        out.extend_from_slice(part)
    })?;
    Ok(out)
}

/// [`append_columns`] handed to `emit` in parts of about `part_bytes` (whole rows; the last part may be
/// shorter), so that a caller can pass them on without holding the whole output.
pub fn append_columns_in_parts(
    bytes: &[u8],
    dialect: &Dialect,
    extra_headers: &[String],
    extra: &dyn Fn(usize) -> Vec<String>,
    part_bytes: usize,
    emit: &mut dyn FnMut(&[u8]),
) -> Result<()> {
    let width = dialect.width;
    let delim = output_delimiter(dialect);
    let bom = match (dialect.bom, dialect.encoding.is_utf16()) {
        (false, _) => 0,
        (true, true) => 2,
        (true, false) => 3,
    };
    let body = bytes.get(bom..).unwrap_or(&[]);
    let mut out = Vec::with_capacity(part_bytes.min(bytes.len() + bytes.len() / 4) + 4096);
    let mut dec = FieldDecoder::new(if dialect.encoding.is_utf16() {
        super::dialect::TextEncoding::Utf8
    } else {
        dialect.encoding
    });
    let mut row: Option<usize> = if dialect.has_header {
        None
    } else {
        write_generated_header(&mut out, width, extra_headers, delim);
        Some(0)
    };
    let mut on_record = |r: &Record<'_>| -> Result<()> {
        // A header one name short for row names names them first (as the table does).
        let shift = usize::from(row.is_none() && dialect.row_names);
        for j in 0..width {
            let f = j.wrapping_sub(shift);
            let text = if f < r.stored() { dec.decode(r.field(f), r.line) } else { Default::default() };
            let text = match (row, text.is_empty()) {
                (None, _) if shift == 1 && j == 0 => super::infer::ROW_NAMES.into(),
                (None, true) => format!("column_{}", j + 1).into(),
                _ => text,
            };
            push_field(&mut out, &text, j == 0, delim);
        }
        match row {
            None => {
                for h in extra_headers {
                    push_field(&mut out, h, width == 0, delim);
                }
                row = Some(0);
            }
            Some(i) => {
                let cells = extra(i);
                if cells.len() != extra_headers.len() {
                    return Err(IngestError::ExtraColumns {
                        row: i,
                        expected: extra_headers.len(),
                        found: cells.len(),
                    });
                }
                for c in &cells {
                    push_field(&mut out, c, width == 0, delim);
                }
                row = Some(i + 1);
            }
        }
        out.push(b'\n');
        if out.len() >= part_bytes {
            emit(&out);
            out.clear();
        }
        Ok(())
    };
    let mut splitter =
        Splitter::new(dialect.delimiter_byte(), dialect.quote_byte(), dialect.skip_lines, width.max(1));
    match Transcoder::for_encoding(dialect.encoding) {
        Some(mut t) => {
            for piece in body.chunks(1 << 20) {
                splitter.feed(t.push(piece, false), &mut on_record)?;
            }
            splitter.feed(t.push(&[], true), &mut on_record)?;
        }
        None => splitter.feed(body, &mut on_record)?,
    }
    splitter.finish(&mut on_record)?;
    if !out.is_empty() {
        emit(&out);
    }
    Ok(())
}

fn write_generated_header(out: &mut Vec<u8>, width: usize, extra_headers: &[String], delim: u8) {
    for j in 0..width {
        push_field(out, &format!("column_{}", j + 1), j == 0, delim);
    }
    for h in extra_headers {
        push_field(out, h, width == 0, delim);
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use crate::engine::table::{read_table, IngestOptions};

    fn export(input: &[u8]) -> String {
        let r = read_table(input, "t.csv", &IngestOptions::default(), &mut Silent).unwrap();
        let n = r.table.n_rows();
        let out = append_columns(input, &r.dialect, &["segment".to_string()], &|i| {
            assert!(i < n);
            vec![format!("s{i}")]
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn parts_are_whole_rows_that_join_into_the_whole_output() {
        let mut input = String::from("id,note\r\n");
        for i in 0..500 {
            input += &format!("{i},\"line {i}\nwith a break, and a comma\"\r\n");
        }
        let r = read_table(input.as_bytes(), "t.csv", &IngestOptions::default(), &mut Silent).unwrap();
        let extra = |i: usize| vec![format!("s{}", i % 3)];
        let headers = ["segment".to_string()];
        let whole = append_columns(input.as_bytes(), &r.dialect, &headers, &extra).unwrap();
        let mut parts: Vec<Vec<u8>> = Vec::new();
        append_columns_in_parts(input.as_bytes(), &r.dialect, &headers, &extra, 1000, &mut |p| {
            parts.push(p.to_vec())
        })
        .unwrap();
        assert!(parts.len() > 10, "{} parts", parts.len());
        for (i, p) in parts.iter().enumerate() {
            assert!(p.ends_with(b"\n"));
            assert!(i + 1 == parts.len() || p.len() >= 1000, "part {i}: {} bytes", p.len());
            let text = String::from_utf8(p.clone()).unwrap();
            assert_eq!(text.matches('"').count() % 2, 0, "part {i} splits a quoted cell");
        }
        assert_eq!(parts.concat(), whole);
    }

    #[test]
    fn verbatim_cells_quoting_and_ragged_rows() {
        // a `;` file stays `;`-separated: its decimal commas need no quotes, its semicolons do
        let input = "\u{feff}id;amount;note\r\n1;1,50;\"a;b\"\r\n2;$3;\"say \"\"hi\"\"\"\r\n3\r\n";
        assert_eq!(
            export(input.as_bytes()),
            "id;amount;note;segment\n1;1,50;\"a;b\";s0\n2;$3;\"say \"\"hi\"\"\";s1\n3;;;s2\n"
        );
        // a comma file stays comma-separated
        let input = "id,amount,note\n1,\"1,50\",a;b\n";
        assert_eq!(export(input.as_bytes()), "id,amount,note,segment\n1,\"1,50\",a;b,s0\n");
    }

    #[test]
    fn row_names_without_a_name_are_named_first_as_in_the_table() {
        // R's write.table: the header names every column but the row names.
        let input = "\"x\" \"y\"\n\"a b\" 1.5 3\n\"c\" 2 4\n\"d\" 2.5 5\n";
        assert_eq!(export(input.as_bytes()), "row_names,x,y,segment\na b,1.5,3,s0\nc,2,4,s1\nd,2.5,5,s2\n");
        let input = "x,y\n1,1.5,3\n2,2,4\n3,2.5,5\n";
        assert_eq!(export(input.as_bytes()), "row_names,x,y,segment\n1,1.5,3,s0\n2,2,4,s1\n3,2.5,5,s2\n");
    }

    #[test]
    fn windows_1252_is_written_as_utf8_and_headerless_files_get_names() {
        assert_eq!(export(b"1,caf\xe9\n2,na\xefve\n"), "column_1,column_2,segment\n1,café,s0\n2,naïve,s1\n");
    }

    #[test]
    fn wrong_number_of_extra_cells_is_an_error() {
        let input = b"a,b\n1,2\n";
        let r = read_table(input, "t.csv", &IngestOptions::default(), &mut Silent).unwrap();
        let e = append_columns(input, &r.dialect, &["x".to_string()], &|_| vec![]).unwrap_err();
        assert_eq!(e, IngestError::ExtraColumns { row: 0, expected: 1, found: 0 });
    }
}
