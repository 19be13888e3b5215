//! The fast lane of ingest: after the sample, whole records that are one physical line without any quote
//! character, with exactly the table's width, are read straight from the input bytes — fields are found and
//! plain decimals (`-12.345`, at most 15 digits; [`plain`](super::plain)) parsed in one pass, with no copy
//! of the record — and pushed into the column stores. Anything else (quotes, ragged or blank rows, a line
//! end beyond the input) stops the lane, and the splitter reads that record the general way. Every other
//! cell goes through [`Builder::push`](super::builder::Builder::push), so results are exactly those of the
//! general path (`tests/engine/ingest_lane.rs` compares both ways on every fixture and data file).
//!
//! Hand-written on purpose: the general path (splitter copy, then a per-cell parse) takes about twice the
//! CPU time to read the 1M-row `make bench` file (`docs/BENCHMARKS.md`, "Ingest against pandas"); a CSV
//! crate such as `csv-core` splits but does not parse numbers, so it would keep the two passes.

use super::builder::Store;
use super::plain::plain_number;
use super::rows::Rows;
use super::text::FieldDecoder;

/// Attempts skipped after a failed one at most (files whose records never fit the lane pay ≈ nothing).
const MAX_BACKOFF: u32 = 4096;

/// One field of the record being read: its bytes, and the number and its flags when it was a plain decimal.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    start: usize,
    end: usize,
    num: Option<(f64, u8)>,
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
            // A plain loop: it must stay fast at opt-level "z" too.
            for j in 0..width {
                let (b, c) = (&mut rows.builders[j], self.cells[j]);
                let text = &input[c.start..c.end];
                match (&mut b.store, c.num) {
                    (Store::Num(s), Some((value, flags))) => s.push_plain(value, flags, text),
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
                if let Some((q, num)) = plain_number(input, p, point) {
                    if q < n && stop[input[q] as usize] {
                        cell = Cell { start: p, end: q, num: Some((num.value(), num.flags)) };
                        p = q;
                    }
                }
            }
            if cell.num.is_none() {
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
