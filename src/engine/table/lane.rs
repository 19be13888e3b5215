//! The fast lane of ingest: after the sample, whole records that are one physical line without any quote
//! character, with exactly the table's width, are read straight from the input bytes — fields are found and
//! plain decimals (`-12.345`, at most 15 digits) parsed in one pass, with no copy of the record — and
//! pushed into the column stores. Anything else (quotes, ragged or blank rows, a line end beyond the
//! input) stops the lane, and the splitter reads that record the general way. Every other cell goes
//! through [`Builder::push`](super::builder::Builder::push), so results are exactly those of the general
//! path (`tests/engine/ingest_stream.rs` compares both on every fixture).
//!
//! Hand-written on purpose: the general path (splitter copy, then a per-cell parse) cost about 1/3 of the
//! 1M-row ingest in `make bench` (`docs/BENCHMARKS.md`); no CSV crate parses numbers while it splits.

use super::builder::Store;
use super::number::{clinger, flag};
use super::rows::Rows;
use super::text::FieldDecoder;

/// Attempts skipped after a failed one at most (files whose records never fit the lane pay ≈ nothing).
const MAX_BACKOFF: u32 = 4096;

/// One field of the record being read: its bytes, and the number when it was a plain decimal.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    start: usize,
    end: usize,
    value: f64,
    flags: u8,
    num: bool,
}

/// State of the fast lane (reused buffers and the back-off after failures).
#[derive(Debug, Default)]
pub(crate) struct Lane {
    cells: Vec<Cell>,
    /// Per column: its decimal point when its store is numeric, else 0.
    points: Vec<u8>,
    skip: u32,
    backoff: u32,
}

/// Bytes that end an unquoted field run: delimiter, quote, CR, LF.
fn stop_class(delim: u8, quote: u8) -> [bool; 256] {
    let mut c = [false; 256];
    for b in [delim, quote, b'\n', b'\r'] {
        c[b as usize] = true;
    }
    c
}

impl Lane {
    /// Reads simple records from the start of `input` (a record start on physical line `line`) into `rows`;
    /// returns the bytes and records read.
    pub fn run(
        &mut self,
        rows: &mut Rows,
        input: &[u8],
        line: u64,
        delim: u8,
        dec: &mut FieldDecoder,
    ) -> (usize, u64) {
        if self.skip > 0 {
            self.skip -= 1;
            return (0, 0);
        }
        let width = rows.layout.width;
        if width == 0 || rows.builders.len() != width {
            return (0, 0);
        }
        self.points.clear();
        self.points.extend(rows.builders.iter().map(|b| match &b.store {
            Store::Num(s) if s.decimal_comma && delim != b',' => b',',
            Store::Num(s) if !s.decimal_comma && delim != b'.' => b'.',
            _ => 0,
        }));
        self.cells.resize(width, Cell::default());
        let stop = stop_class(delim, b'"');
        let (mut pos, mut records) = (0usize, 0u64);
        while let Some(next) = self.scan(input, pos, delim, &stop) {
            let at = line + records;
            for ((b, c), _) in rows.builders.iter_mut().zip(&self.cells).zip(0..width) {
                let text = &input[c.start..c.end];
                match &mut b.store {
                    Store::Num(s) if c.num => s.push_plain(c.value, c.flags, text),
                    _ => b.push(text, at, dec),
                }
            }
            rows.lines.push(at);
            pos = next;
            records += 1;
        }
        if records == 0 {
            self.skip = self.backoff;
            self.backoff = (self.backoff * 2 + 1).min(MAX_BACKOFF);
        } else {
            self.backoff = 0;
        }
        (pos, records)
    }

    /// Finds the fields of the record at `start` (parsing plain numbers on the way); the start of the next
    /// record, or `None` when this one is not simple.
    #[inline]
    fn scan(&mut self, input: &[u8], start: usize, delim: u8, stop: &[bool; 256]) -> Option<usize> {
        let n = input.len();
        let width = self.cells.len();
        let mut p = start;
        let mut blank = true;
        for j in 0..width {
            let mut cell = Cell { start: p, ..Cell::default() };
            let point = self.points[j];
            if point != 0 {
                if let Some((q, value, flags)) = plain_number(input, p, point) {
                    if q < n && stop[input[q] as usize] {
                        cell = Cell { start: p, end: q, value, flags, num: true };
                        p = q;
                    }
                }
            }
            if !cell.num {
                while p < n && !stop[input[p] as usize] {
                    p += 1;
                }
                cell.end = p;
                blank &= input[cell.start..p].trim_ascii().is_empty();
            } else {
                blank = false;
            }
            let b = *input.get(p)?;
            self.cells[j] = cell;
            if j + 1 < width {
                if b != delim {
                    return None;
                }
                p += 1;
            } else if b == b'\n' {
                p += 1;
            } else if b == b'\r' {
                // A CR at the end of the input may be followed by the LF of the same line end.
                let after = *input.get(p + 1)?;
                p += 1 + usize::from(after == b'\n');
            } else {
                return None;
            }
        }
        (!blank).then_some(p)
    }
}

/// A plain decimal at `p` (`[+-]digits[point digits]`, 1 to 15 digits): where it ends, its value and its
/// [`fast_number`](super::number::fast_number) flags, which it matches bit for bit.
#[inline(always)]
fn plain_number(input: &[u8], mut p: usize, point: u8) -> Option<(usize, f64, u8)> {
    let n = input.len();
    let first = *input.get(p)?;
    let negative = first == b'-';
    if negative || first == b'+' {
        p += 1;
    }
    let mut mantissa = 0u64;
    let int_start = p;
    while p < n {
        let d = input[p].wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
        p += 1;
    }
    let mut digits = p - int_start;
    let mut frac = 0;
    let mut flags = flag::INTEGER;
    if p < n && input[p] == point {
        p += 1;
        let frac_start = p;
        while p < n {
            let d = input[p].wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
            p += 1;
        }
        frac = p - frac_start;
        digits += frac;
        flags = if point == b',' { flag::DECIMAL_COMMA } else { 0 };
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    Some((p, clinger(mantissa, frac, negative), flags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::number::fast_number;

    #[test]
    fn plain_numbers_match_fast_number() {
        for (t, point) in [
            ("0", b'.'),
            ("-12.5", b'.'),
            ("+3", b'.'),
            (".5", b'.'),
            ("5.", b'.'),
            ("123456789012345", b'.'),
            ("0.00000000000001", b'.'),
            ("-9.078348", b'.'),
            ("3,25", b','),
            ("-0", b'.'),
        ] {
            let bytes = format!("{t};");
            let (end, value, flags) = plain_number(bytes.as_bytes(), 0, point).unwrap();
            let want = fast_number(t.as_bytes(), point == b',').unwrap();
            assert_eq!(end, t.len(), "{t}");
            assert_eq!((value.to_bits(), flags), (want.value.to_bits(), want.flags), "{t}");
        }
        for t in ["", "-", ".", "1234567890123456", "+.", "abc"] {
            let bytes = format!("{t};");
            assert!(plain_number(bytes.as_bytes(), 0, b'.').is_none(), "{t}");
        }
    }
}
