//! The end of a read: finishes every column, orders the row issues by line (capped), gathers the notes and
//! returns the [`Ingested`] result.

use super::dialect::Dialect;
use super::error::{IngestError, Result};
use super::finish::{finish, Context};
use super::model::{Column, ColumnRole, RowIssue, Table};
use super::note::IngestNote;
use super::options::ValidOptions;
use super::rows::Rows;
use super::stream::Setup;
use super::summary::ColumnSummary;
use crate::engine::progress::Monitor;

/// A file read into a table, with everything the reader has to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    pub table: Table,
    /// Row and cell problems, by line (at most `max_issues`; see [`IngestNote::IssuesTruncated`]).
    pub issues: Vec<RowIssue>,
    pub notes: Vec<IngestNote>,
    /// One per column, in table order.
    pub summaries: Vec<ColumnSummary>,
    pub dialect: Dialect,
}

/// Builds the result; also returns the columns whose kind rows past the sample revised.
pub(crate) fn assemble(
    setup: Setup,
    opts: &ValidOptions,
    monitor: &mut dyn Monitor,
) -> Result<(Ingested, Vec<String>)> {
    let Setup { encoding, bom, delimiter, skip_lines, mut notes, line_ending, sink, .. } = setup;
    let file = sink.file.clone();
    let Some(Rows {
        layout,
        builders,
        lines,
        issues: row_issues,
        trailing_rows,
        empty_rows,
        first_empty_line,
    }) = sink.rows
    else {
        return Err(IngestError::OnlyWhitespace { file });
    };
    let dialect = Dialect {
        encoding,
        bom,
        delimiter: delimiter as char,
        quote: '"',
        line_ending,
        skip_lines,
        has_header: layout.has_header,
        decimal_comma: sink.file_decimal_comma,
        width: layout.width,
        row_names: layout.row_names,
    };
    notes.extend(layout.notes);
    let dec = &sink.dec;
    if dec.invalid_fields > 0 {
        notes.push(IngestNote::InvalidUtf8Fields {
            count: dec.invalid_fields,
            first_line: dec.first_invalid_line,
        });
    }
    if dec.nul_bytes > 0 {
        notes.push(IngestNote::NulBytesRemoved { count: dec.nul_bytes, first_line: dec.first_nul_line });
    }
    for name in opts.columns.keys() {
        if !layout.names.contains(name) {
            notes.push(IngestNote::UnknownOverride { column: name.clone() });
        }
    }
    let ctx = Context {
        lines: &lines,
        forced_decimal_comma: opts.decimal_comma,
        file_decimal_comma: sink.file_decimal_comma,
    };
    let n = builders.len();
    let mut columns = Vec::with_capacity(n);
    let mut summaries = Vec::with_capacity(n);
    let mut issues = row_issues.items;
    let mut total = row_issues.total;
    let mut revised = Vec::new();
    let mut scratch = Vec::new();
    for (j, b) in builders.into_iter().enumerate() {
        monitor.progress("typing columns", j as f64 / n.max(1) as f64);
        if monitor.cancelled() {
            return Err(IngestError::Cancelled { file });
        }
        let role = opts.columns.get(&b.name).and_then(|o| o.role);
        let f = finish(b, role, &ctx, &mut scratch);
        if f.notes.iter().any(|n| matches!(n, IngestNote::TypeRevised { .. })) {
            revised.push(f.column.name.clone());
        }
        total += f.issues.total;
        issues.extend(f.issues.items);
        notes.extend(f.notes);
        columns.push(f.column);
        summaries.push(f.summary);
    }
    // Peak memory: the summaries' scratch goes before the row lines are spelled out (as large, at 1M rows).
    drop(scratch);
    one_customer_id(&mut columns, &mut summaries, opts);
    let mut table = Table { source: file, columns, row_lines: lines.into_vec() };
    let before = issues.len();
    super::totals::drop_totals_row(&mut table, &mut summaries, &mut issues, &mut notes);
    total -= (before - issues.len()) as u64;
    let header_had_it = notes.iter().any(|n| matches!(n, IngestNote::TrailingColumnsDropped { .. }));
    if trailing_rows > 0 && !header_had_it {
        notes.push(IngestNote::TrailingDelimiters { rows: trailing_rows });
    }
    if empty_rows > 0 {
        notes.push(IngestNote::AllEmptyRows { rows: empty_rows, first_line: first_empty_line });
    }
    issues.sort_by_key(|i| i.line);
    issues.truncate(opts.max_issues);
    if total > issues.len() as u64 {
        notes.push(IngestNote::IssuesTruncated { stored: issues.len(), total });
    }
    monitor.progress("typing columns", 1.0);
    Ok((Ingested { table, issues, notes, summaries, dialect }, revised))
}

/// A file has one customer id: of the identifier columns that got the id role by default, the one named most
/// like a customer id ("CustomerID", "client", "user_id" before "InvoiceNo"; the first on a tie) keeps it and
/// the others are carried to the outputs as ignored columns (which is what an id is, besides naming the
/// customer in the map's hover). A role the user gave stays, and then every default one is ignored.
fn one_customer_id(columns: &mut [Column], summaries: &mut [ColumnSummary], opts: &ValidOptions) {
    let given = |name: &str| opts.columns.get(name).and_then(|o| o.role).is_some();
    let defaults: Vec<usize> = (0..columns.len())
        .filter(|&j| columns[j].role == ColumnRole::Id && !given(&columns[j].name))
        .collect();
    let user_chose = columns.iter().any(|c| c.role == ColumnRole::Id && given(&c.name));
    let keep = if user_chose {
        None
    } else {
        defaults.iter().copied().max_by_key(|&j| (customer_like(&columns[j].name), std::cmp::Reverse(j)))
    };
    for j in defaults.into_iter().filter(|&j| Some(j) != keep) {
        columns[j].role = ColumnRole::Ignore;
        summaries[j].role = ColumnRole::Ignore;
    }
}

/// 2 for a name that says customer (`names::is_customer_name`), 1 for one with an "id" word ("Individual
/// ID", "sample_id"), else 0.
fn customer_like(name: &str) -> u8 {
    if super::names::is_customer_name(name) {
        2
    } else {
        u8::from(super::names::words(name).iter().any(|w| w == "id"))
    }
}
