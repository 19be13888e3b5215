//! Decisions made from the sample: is the first row a header, how wide is the table, what are the column
//! names, and how should each column be stored (numbers with which decimal separator, dates in which order,
//! or text). Each kind is tried with the same store code that reads the rest of the file, so the sample's
//! verdict and the final check apply one rule.

use std::collections::BTreeSet;

use super::builder::{too_many_bad, Basis, Builder, DateStore, DictStore, NumStore, Store};
use super::date::scan;
use super::dialect::TextEncoding;
use super::error::{IngestError, Result};
use super::model::ColumnKind;
use super::names::is_id_name;
use super::note::IngestNote;
use super::number::{evidence, evidence_given, fast_number, flag, placeholder, Evidence, Num};
use super::options::{DateOrder, ValidOptions};
use super::sample::Sample;
use super::text::FieldDecoder;

/// Header, width and names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub has_header: bool,
    pub width: usize,
    /// The first column holds row names the header does not name (see [`ROW_NAMES`]).
    pub row_names: bool,
    pub names: Vec<String>,
    pub notes: Vec<IngestNote>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Number,
    Date,
    Text,
}

fn cell_kind(t: &str) -> CellKind {
    if evidence(t) != Evidence::NotNumber {
        CellKind::Number
    } else if scan(t).is_some() {
        CellKind::Date
    } else {
        CellKind::Text
    }
}

/// Votes on whether the first sampled row names the columns.
fn looks_like_header(s: &Sample) -> bool {
    let n = s.rows.len().min(201);
    let width = s.stored(0);
    if n < 2 {
        return (0..width).all(|j| cell_kind(s.cell(0, j).trim()) == CellKind::Text);
    }
    let (mut strong_header, mut strong_data, mut weak_header, mut weak_data) = (0, 0, 0, 0);
    for j in 0..width {
        let h = s.cell(0, j).trim();
        let hk = cell_kind(h);
        let mut counts = [0usize; 3];
        let mut seen_h = false;
        for r in 1..n {
            let c = s.cell(r, j).trim();
            if placeholder(c).is_some() {
                continue;
            }
            seen_h |= c == h;
            counts[cell_kind(c) as usize] += 1;
        }
        let total: usize = counts.iter().sum();
        if h.is_empty() || total == 0 {
            continue;
        }
        let col = if counts[0] * 10 >= total * 9 {
            CellKind::Number
        } else if counts[1] * 10 >= total * 9 {
            CellKind::Date
        } else {
            CellKind::Text
        };
        match col {
            CellKind::Number | CellKind::Date if hk == col => strong_data += 1,
            CellKind::Number | CellKind::Date if hk == CellKind::Text && placeholder(h).is_none() => {
                strong_header += 1
            }
            CellKind::Text if seen_h => weak_data += 1,
            CellKind::Text => weak_header += 1,
            _ => {}
        }
    }
    if strong_header > 0 {
        true
    } else if strong_data > 0 {
        false
    } else {
        weak_data <= weak_header
    }
}

/// The most common field count among `counts` (larger on ties) and its share.
fn modal(counts: impl Iterator<Item = usize>) -> (usize, f64) {
    let mut v: Vec<usize> = counts.collect();
    if v.is_empty() {
        return (0, 0.0);
    }
    v.sort_unstable();
    let (mut best, mut best_n, mut i) = (0, 0, 0);
    while i < v.len() {
        let j = v[i..].iter().position(|&c| c != v[i]).map_or(v.len(), |k| i + k);
        if j - i >= best_n {
            (best, best_n) = (v[i], j - i);
        }
        i = j;
    }
    (best, best_n as f64 / v.len() as f64)
}

/// The name given to a first column of row names that has no name in the header.
pub(crate) const ROW_NAMES: &str = "row_names";

/// Decides header, width and names from the sample (which has at least one row).
pub(crate) fn layout(s: &Sample, opts: &ValidOptions, file: &str) -> Result<Layout> {
    let has_header = opts.has_header.unwrap_or_else(|| looks_like_header(s));
    let start = usize::from(has_header);
    let first_line = s.rows[0].line;
    if s.rows.len() <= start {
        return Err(IngestError::NoDataRows { file: file.into(), line: first_line + 1 });
    }
    let mut notes = Vec::new();
    let header_n = if has_header { s.rows[0].n_fields } else { 0 };
    let too_many = |found: usize| IngestError::TooManyColumns {
        file: file.into(),
        line: first_line,
        found,
        max: opts.max_columns,
    };
    if header_n > opts.max_columns {
        return Err(too_many(header_n));
    }
    let (m, share) = modal(s.rows[start..].iter().map(|r| r.n_fields));
    let mut width = if !has_header || (m > header_n && share >= 0.5) { m } else { header_n };
    if width > opts.max_columns {
        return Err(too_many(width));
    }
    let blank_col = |j: usize| (start..s.rows.len()).all(|r| s.cell(r, j).trim().is_empty());
    let blank_name = |j: usize| !has_header || s.cell(0, j).trim().is_empty();
    if (0..width).all(|j| blank_name(j) && blank_col(j)) {
        return Err(IngestError::NoColumns { file: file.into(), line: first_line });
    }
    // Empty unnamed columns at the end come from trailing delimiters.
    let mut dropped = 0;
    while width > 1 && blank_name(width - 1) && blank_col(width - 1) {
        width -= 1;
        dropped += usize::from(width < header_n);
    }
    // R's write.table (with its default row names) writes one name fewer than every row has values: the
    // first column holds the row names (pandas reads such a file the same way).
    let row_names = has_header && width == header_n + 1 && m == width && share >= 0.9;
    if row_names {
        notes.push(IngestNote::RowNamesFirst { name: ROW_NAMES.into() });
    } else if has_header && width > header_n {
        notes.push(IngestNote::HeaderExtended { from: header_n, to: width });
    }
    if dropped > 0 {
        notes.push(IngestNote::TrailingColumnsDropped { count: dropped });
    }
    let mut used = BTreeSet::new();
    let mut names = Vec::with_capacity(width);
    for j in 0..width {
        let h = if row_names { j.checked_sub(1) } else { Some(j) };
        let raw = match h {
            Some(h) if has_header && h < header_n => s.cell(0, h),
            _ => "",
        };
        let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let base = match (cleaned.is_empty(), row_names && j == 0) {
            (_, true) => ROW_NAMES.to_string(),
            (true, false) => format!("column_{}", j + 1),
            (false, false) => cleaned,
        };
        let mut name = base.clone();
        let mut k = 2;
        while used.contains(&name) {
            name = format!("{base}_{k}");
            k += 1;
        }
        used.insert(name.clone());
        if let Some(h) = h.filter(|&h| has_header && h < header_n && name != raw) {
            notes.push(IngestNote::HeaderRenamed { index: h, from: raw.to_string(), to: name.clone() });
        }
        names.push(name);
    }
    if !has_header {
        notes.push(IngestNote::HeaderGenerated { columns: width });
    }
    Ok(Layout { has_header, width, row_names, names, notes })
}

/// Column `j`'s non-missing sample cells (trimmed) with their lines.
fn cells(s: &Sample, j: usize, start: usize) -> Vec<(&str, u64)> {
    (start..s.rows.len())
        .map(|r| (s.cell(r, j).trim(), s.rows[r].line))
        .filter(|(t, _)| placeholder(t).is_none())
        .collect()
}

/// The column's decimal separator: forced, or the one its cells prove, or the file's default.
pub(crate) fn decimal_comma(cells: &[(&str, u64)], forced: Option<bool>, file_default: bool) -> bool {
    if let Some(f) = forced {
        return f;
    }
    decimal_comma_given(cells, &read_with_point(cells), None, file_default)
}

/// Each cell read by `fast_number` with the decimal point (what [`evidence`] and the numeric trial read).
fn read_with_point(cells: &[(&str, u64)]) -> Vec<Option<Num>> {
    cells.iter().map(|(t, _)| fast_number(t.as_bytes(), false)).collect()
}

/// [`decimal_comma`] with the cells already read by [`read_with_point`] (`fast_dot`).
fn decimal_comma_given(
    cells: &[(&str, u64)],
    fast_dot: &[Option<Num>],
    forced: Option<bool>,
    file_default: bool,
) -> bool {
    if let Some(f) = forced {
        return f;
    }
    let (mut dot, mut comma) = (0, 0);
    for ((t, _), &fast) in cells.iter().zip(fast_dot) {
        match evidence_given(t, fast) {
            Evidence::DotOnly => dot += 1,
            Evidence::CommaOnly => comma += 1,
            _ => {}
        }
    }
    if dot == 0 && comma == 0 {
        file_default
    } else {
        comma > dot
    }
}

fn date_order(cells: &[(&str, u64)], forced: Option<DateOrder>) -> (DateOrder, Basis) {
    if let Some(o) = forced {
        return (o, Basis::Forced);
    }
    let mut first: [Option<(u64, &str)>; 2] = [None, None];
    let mut count = [0usize; 2];
    for &(t, line) in cells {
        if let Some(o) = scan(t).and_then(|sc| sc.proves()) {
            let k = usize::from(o == DateOrder::MonthFirst);
            count[k] += 1;
            first[k].get_or_insert((line, t));
        }
    }
    let k = match (count[0], count[1]) {
        (0, 0) => return (DateOrder::MonthFirst, Basis::Assumed),
        (a, b) if a > b => 0,
        _ => 1,
    };
    let order = [DateOrder::DayFirst, DateOrder::MonthFirst][k];
    let (line, value) = first[k].unwrap_or((0, ""));
    (order, Basis::Proven { line, value: value.to_string() })
}

/// Runs `store` over the cells; returns it and whether the column may keep that kind.
fn trial(store: Store, cells: &[(&str, u64)]) -> (Builder, bool) {
    let mut b = Builder::new(String::new(), store, 0);
    b.forced = Some(ColumnKind::Text);
    let mut dec = FieldDecoder::new(TextEncoding::Utf8);
    for &(t, line) in cells {
        b.push(t.as_bytes(), line, &mut dec);
    }
    let ok = match &b.store {
        Store::Num(s) => !too_many_bad(s.good, s.bad.len()),
        Store::Date(s) => !too_many_bad(s.good, s.bad.len()),
        Store::Dict(_) => true,
    };
    (b, ok)
}

/// Integer codes with a few letter-suffixed or -prefixed variants (`85123A`, `C536379`), or with leading
/// zeros (`0042`): identifiers, not quantities.
fn code_like(b: &Builder, cells: &[(&str, u64)]) -> bool {
    let Store::Num(s) = &b.store else {
        return false;
    };
    if !s.all_integer {
        return false;
    }
    let alnum = |t: &str| {
        let t = t.trim();
        t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
            && t.bytes().any(|c| c.is_ascii_digit())
            && t.bytes().any(|c| c.is_ascii_alphabetic())
    };
    leading_zero(cells) || (!s.bad.is_empty() && s.bad.iter().all(|x| !x.not_finite && alnum(&x.text)))
}

/// Some cell is an integer written with leading zeros (`0042`).
fn leading_zero(cells: &[(&str, u64)]) -> bool {
    cells.iter().any(|(t, _)| t.len() > 1 && t.starts_with('0') && t.bytes().all(|c| c.is_ascii_digit()))
}

/// The numeric trial's verdict without running it, for the common column: when the decimal separator is the
/// point and every cell is a finite number that [`fast_number`] reads, the trial would push each one through
/// that same `fast_number` into [`NumStore::push_plain`], so its store would have no bad cell and be all
/// integers exactly when every cell's flags say so. `Some(all integers)` then; `None` sends the column to
/// the trial. `fast_dot` is the cells read by [`read_with_point`]. (`plain_trial_agrees_with_the_trial`.)
fn plain_trial(fast_dot: &[Option<Num>], decimal_comma: bool) -> Option<bool> {
    if decimal_comma {
        return None;
    }
    let mut integers = true;
    for n in fast_dot {
        let n = n.filter(|n| n.value.is_finite())?;
        integers &= n.flags & flag::INTEGER != 0;
    }
    Some(integers)
}

/// The empty store for column `j` (named `name`), chosen from the sample rows from `start` on.
pub(crate) fn builder_for(
    s: &Sample,
    j: usize,
    start: usize,
    name: &str,
    opts: &ValidOptions,
    file_decimal_comma: bool,
) -> Builder {
    let forced = opts.columns.get(name).and_then(|o| o.kind);
    let id_name = is_id_name(name);
    let cells = cells(s, j, start);
    let fast_dot = read_with_point(&cells);
    let comma = decimal_comma_given(&cells, &fast_dot, opts.decimal_comma, file_decimal_comma);
    // The date order only when a date store is tried: scanning every cell of a numeric column for dates
    // was most of the sample's cost on number-only files.
    let date = || {
        let (order, basis) = date_order(&cells, opts.date_order);
        Store::Date(DateStore::new(order, basis))
    };
    let num = || Store::Num(NumStore::new(comma));
    let dict = || Store::Dict(DictStore::default());
    let mut undecided = false;
    let store = match forced {
        Some(ColumnKind::Numeric | ColumnKind::Integer) => num(),
        Some(ColumnKind::Date) => date(),
        Some(_) => dict(),
        None if cells.is_empty() => {
            undecided = true;
            dict()
        }
        None => {
            let (ok, integers, code) = match plain_trial(&fast_dot, comma) {
                Some(integers) => (true, integers, integers && leading_zero(&cells)),
                None => {
                    let (b, ok) = trial(num(), &cells);
                    let integers = matches!(&b.store, Store::Num(n) if n.all_integer);
                    (ok, integers, code_like(&b, &cells))
                }
            };
            if ok && !code && !(id_name && integers) {
                num()
            } else if !ok && trial(date(), &cells).1 {
                date()
            } else {
                dict()
            }
        }
    };
    let mut b = Builder::new(name.to_string(), store, opts.max_issues);
    b.forced = forced;
    b.id_name = id_name;
    b.undecided = undecided;
    b
}

#[cfg(test)]
#[path = "infer_tests.rs"]
mod tests;
