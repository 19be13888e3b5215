//! The first rows of a file, kept as decoded text until the header, the width and each column's kind are
//! decided. Bounded by row, cell and byte counts so that wide or huge files stay small here.

use super::split::Record;
use super::text::FieldDecoder;

/// One sampled record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SampleRow {
    pub line: u64,
    /// Index of the first cell in [`Sample::ends`].
    first: usize,
    stored: usize,
    pub n_fields: usize,
    pub extra_nonempty: bool,
    pub unterminated_quote: Option<(u64, usize)>,
}

/// Sampled records as text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sample {
    text: String,
    ends: Vec<usize>,
    pub rows: Vec<SampleRow>,
}

impl Sample {
    /// Adds a record, decoding its fields.
    pub fn push(&mut self, r: &Record<'_>, dec: &mut FieldDecoder) {
        let first = self.ends.len();
        for i in 0..r.stored() {
            self.text.push_str(&dec.decode(r.field(i), r.line));
            self.ends.push(self.text.len());
        }
        self.rows.push(SampleRow {
            line: r.line,
            first,
            stored: r.stored(),
            n_fields: r.n_fields,
            extra_nonempty: r.extra_nonempty,
            unterminated_quote: r.unterminated_quote,
        });
    }

    /// True when the sample holds enough to decide: `max_rows` rows, or 1M cells or 16 MB of text (with at
    /// least 200 rows).
    pub fn is_full(&self, max_rows: usize) -> bool {
        self.rows.len() >= max_rows
            || (self.rows.len() >= 200 && (self.ends.len() >= 1_000_000 || self.text.len() >= 16 << 20))
    }

    /// Number of stored fields of row `r`.
    pub fn stored(&self, r: usize) -> usize {
        self.rows[r].stored
    }

    /// Field `j` of row `r` (`""` when absent).
    pub fn cell(&self, r: usize, j: usize) -> &str {
        let row = &self.rows[r];
        if j >= row.stored {
            return "";
        }
        let k = row.first + j;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }
}
