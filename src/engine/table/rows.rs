//! Where records go: first into the sample, then (once the layout and column stores are decided) row by
//! row into the column stores, padding or cutting ragged rows and reporting them. Every record after the
//! header becomes exactly one table row.

use std::collections::BTreeSet;

use super::builder::{Builder, DictStore, IssueList, Store};
use super::dialect::TextEncoding;
use super::error::{IngestError, Result};
use super::infer::{builder_for, layout, Layout};
use super::lane::Lane;
use super::lines::Lines;
use super::model::{IssueKind, RowIssue};
use super::options::ValidOptions;
use super::sample::Sample;
use super::split::{Record, RecordSink};
use super::text::FieldDecoder;

/// One row, from a record or from the sample.
pub(crate) struct RowView<'a> {
    pub line: u64,
    pub n_fields: usize,
    pub stored: usize,
    pub extra_nonempty: bool,
    pub unterminated_quote: Option<(u64, usize)>,
    pub field: &'a dyn Fn(usize) -> &'a [u8],
}

/// The table being filled.
#[derive(Debug)]
pub(crate) struct Rows {
    pub layout: Layout,
    pub builders: Vec<Builder>,
    pub lines: Lines,
    pub issues: IssueList,
    pub trailing_rows: u64,
    pub empty_rows: u64,
    pub first_empty_line: u64,
}

impl Rows {
    fn push(&mut self, v: &RowView<'_>, dec: &mut FieldDecoder) {
        let width = self.layout.width;
        let ragged = |found| RowIssue {
            line: v.line,
            column: None,
            kind: IssueKind::RaggedRow { expected: width, found },
        };
        if v.n_fields < width {
            self.issues.push(ragged(v.n_fields));
        } else if v.n_fields > width {
            let blank_extra =
                !v.extra_nonempty && (width..v.stored).all(|j| (v.field)(j).trim_ascii().is_empty());
            if blank_extra {
                self.trailing_rows += 1;
            } else {
                self.issues.push(ragged(v.n_fields));
            }
        }
        let mut blank = true;
        for (j, b) in self.builders.iter_mut().enumerate() {
            let f: &[u8] = if j < v.stored { (v.field)(j) } else { b"" };
            blank &= f.trim_ascii().is_empty();
            b.push(f, v.line, dec);
        }
        if blank {
            if self.empty_rows == 0 {
                self.first_empty_line = v.line;
            }
            self.empty_rows += 1;
        }
        if let Some((line, j)) = v.unterminated_quote {
            self.issues.push(RowIssue {
                line,
                column: self.layout.names.get(j).cloned(),
                kind: IssueKind::UnterminatedQuote,
            });
        }
        self.lines.push(v.line);
    }
}

/// Receives records: samples them, then fills the table.
#[derive(Debug)]
pub(crate) struct RowSink {
    pub file: String,
    pub opts: ValidOptions,
    pub dec: FieldDecoder,
    pub sample: Option<Sample>,
    pub rows: Option<Rows>,
    pub file_decimal_comma: bool,
    /// Columns to keep as text from the start (an exact re-read after a revision).
    pub force_text: BTreeSet<String>,
    /// Expected data bytes, to reserve column storage once.
    pub total_bytes: Option<u64>,
    pub delimiter: u8,
    /// The fast lane for simple records (`None`: every record takes the general path).
    pub lane: Option<Lane>,
}

impl RecordSink<IngestError> for RowSink {
    fn record(&mut self, r: &Record<'_>) -> Result<()> {
        self.take(r)
    }

    fn fast(&mut self, input: &[u8], line: u64) -> (usize, u64) {
        match (&mut self.rows, &mut self.lane) {
            (Some(rows), Some(lane)) => lane.run(rows, input, line, self.delimiter, &mut self.dec),
            _ => (0, 0),
        }
    }
}

impl RowSink {
    /// Takes one record.
    fn take(&mut self, r: &Record<'_>) -> Result<()> {
        if let Some(sample) = &mut self.sample {
            sample.push(r, &mut self.dec);
            if sample.is_full(self.opts.sample_rows.saturating_add(1)) {
                self.end_sample()?;
            }
            return Ok(());
        }
        if let Some(rows) = &mut self.rows {
            let field = |i: usize| r.field(i);
            rows.push(
                &RowView {
                    line: r.line,
                    n_fields: r.n_fields,
                    stored: r.stored(),
                    extra_nonempty: r.extra_nonempty,
                    unterminated_quote: r.unterminated_quote,
                    field: &field,
                },
                &mut self.dec,
            );
        }
        Ok(())
    }

    /// Decides the layout and the column stores from the sample, then reads the sample into them.
    pub fn end_sample(&mut self) -> Result<()> {
        let Some(sample) = self.sample.take() else {
            return Ok(());
        };
        let layout = layout(&sample, &self.opts, &self.file)?;
        let start = usize::from(layout.has_header);
        let mut builders: Vec<Builder> = layout
            .names
            .iter()
            .enumerate()
            .map(|(j, name)| {
                let mut b = builder_for(&sample, j, start, name, &self.opts, self.file_decimal_comma);
                if self.force_text.contains(name) {
                    b.store = Store::Dict(DictStore::default());
                    b.undecided = false;
                }
                b
            })
            .collect();
        let expected_rows = self.expected_rows(&sample);
        for b in &mut builders {
            match &mut b.store {
                Store::Num(s) => s.values.reserve(expected_rows),
                Store::Date(s) => s.values.reserve(expected_rows),
                Store::Dict(s) => s.codes.reserve(expected_rows),
            }
        }
        let mut rows = Rows {
            layout,
            builders,
            lines: Lines::default(),
            issues: IssueList { cap: self.opts.max_issues, ..Default::default() },
            trailing_rows: 0,
            empty_rows: 0,
            first_empty_line: 0,
        };
        let mut trusted = FieldDecoder::new(TextEncoding::Utf8);
        for (r, row) in sample.rows.iter().enumerate().skip(start) {
            let field = |j: usize| sample.cell(r, j).as_bytes();
            rows.push(
                &RowView {
                    line: row.line,
                    n_fields: row.n_fields,
                    stored: sample.stored(r),
                    extra_nonempty: row.extra_nonempty,
                    unterminated_quote: row.unterminated_quote,
                    field: &field,
                },
                &mut trusted,
            );
        }
        self.rows = Some(rows);
        Ok(())
    }

    /// Rows the whole file probably has, from the sample's bytes per row (capped).
    fn expected_rows(&self, sample: &Sample) -> usize {
        let Some(total) = self.total_bytes else {
            return sample.rows.len();
        };
        let n = sample.rows.len().max(1);
        let bytes: usize = (0..sample.rows.len())
            .map(|r| (0..sample.stored(r)).map(|j| sample.cell(r, j).len() + 1).sum::<usize>())
            .sum();
        let per_row = (bytes as f64 / n as f64).max(1.0);
        let estimate = (total as f64 / per_row * 1.02) as usize + 16;
        estimate.clamp(sample.rows.len(), 50_000_000)
    }
}
