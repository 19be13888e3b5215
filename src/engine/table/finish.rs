//! Turns a filled column store into the final typed [`Column`]: decides kind and role from all rows, merges
//! case/space variants of categories, finds duplicate identifiers, and writes the notes, row issues and
//! summary that explain what was done.

use super::builder::{clip, too_many_bad, Basis, Builder, IssueList, Store};
use super::date::Shape;
use super::dialect::TextEncoding;
use super::lines::Lines;
use super::model::{Column, ColumnData, ColumnKind, ColumnRole, IssueKind, RowIssue, MISSING_CODE};
use super::note::{DateFormatCount, IngestNote, OrderBasis};
use super::summary::{summarize, ColumnSummary, ValueCount};
use super::text::FieldDecoder;

mod dict_kinds;

pub use dict_kinds::spelling_key;

/// A finished column with what explains it.
pub(crate) struct Finished {
    pub column: Column,
    pub summary: ColumnSummary,
    pub notes: Vec<IngestNote>,
    pub issues: IssueList,
}

/// The role a kind gets unless the user says otherwise.
pub fn default_role(kind: ColumnKind) -> ColumnRole {
    match kind {
        ColumnKind::Identifier => ColumnRole::Id,
        ColumnKind::Numeric | ColumnKind::Integer | ColumnKind::Boolean | ColumnKind::Categorical => {
            ColumnRole::Feature
        }
        ColumnKind::Date | ColumnKind::Text => ColumnRole::Ignore,
    }
}

/// What finishing needs besides the column.
pub(crate) struct Context<'a> {
    pub lines: &'a Lines,
    pub forced_decimal_comma: Option<bool>,
    pub file_decimal_comma: bool,
}

/// Re-reads an undecided text column as numbers or dates when its rows allow it.
fn retype_undecided(b: &mut Builder, ctx: &Context<'_>) {
    let lines = ctx.lines;
    let Store::Dict(d) = &b.store else { return };
    if d.dict.len() == 0 {
        return;
    }
    let texts: Vec<&str> = d.dict.iter().map(str::trim).collect();
    let pairs: Vec<(&str, u64)> = texts.iter().map(|t| (*t, 0)).collect();
    let comma = super::infer::decimal_comma(&pairs, ctx.forced_decimal_comma, ctx.file_decimal_comma);
    let candidates = [
        Store::Num(super::builder::NumStore::new(comma)),
        Store::Date(super::builder::DateStore::new(super::options::DateOrder::MonthFirst, Basis::Assumed)),
    ];
    for store in candidates {
        let mut t = Builder::new(b.name.clone(), store, b.issues.cap);
        t.forced = Some(ColumnKind::Text);
        let mut dec = FieldDecoder::new(TextEncoding::Utf8);
        for (r, &c) in d.codes.iter().enumerate() {
            let text = if c == MISSING_CODE { "" } else { d.dict.get(c) };
            t.push(text.as_bytes(), lines.get(r), &mut dec);
        }
        let ok = match &t.store {
            Store::Num(s) => !too_many_bad(s.good, s.bad.len()),
            Store::Date(s) => !too_many_bad(s.good, s.bad.len()),
            Store::Dict(_) => false,
        };
        if ok {
            b.store = t.store;
            return;
        }
    }
}

/// Finishes column `b`; `scratch` is reused memory for the summary (see [`summarize`]).
pub(crate) fn finish(
    mut b: Builder,
    role: Option<ColumnRole>,
    ctx: &Context<'_>,
    scratch: &mut Vec<u64>,
) -> Finished {
    let lines = ctx.lines;
    if b.undecided && b.forced.is_none() {
        retype_undecided(&mut b, ctx);
    }
    let first_bad = match &b.store {
        Store::Num(s) if !s.bad.is_empty() && too_many_bad(s.good, s.bad.len()) => Some(s.bad[0].line),
        Store::Date(s) if !s.bad.is_empty() && too_many_bad(s.good, s.bad.len()) => Some(s.bad[0].line),
        _ => None,
    };
    if let (Some(line), None) = (first_bad, b.forced) {
        b.revise(line);
    }
    let mut notes = Vec::new();
    let revised = b.revised;
    let name = b.name.clone();
    let mut issues = std::mem::take(&mut b.issues);
    let mut tokens: Vec<ValueCount> =
        b.tokens.iter().map(|(t, n)| ValueCount { value: t.clone(), count: *n }).collect();
    tokens.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let issue = |line: u64, kind: IssueKind| RowIssue { line, column: Some(name.clone()), kind };
    let (kind, data, format) = match b.store {
        Store::Num(mut s) => {
            for x in &s.bad {
                let value = clip(x.text.trim());
                issues.push(issue(
                    x.line,
                    if x.not_finite {
                        IssueKind::NotFinite { value }
                    } else {
                        IssueKind::Unparseable { value, expected: b.forced.unwrap_or(ColumnKind::Numeric) }
                    },
                ));
            }
            let mut kind = match b.forced {
                Some(k) => k,
                None if s.all_integer && s.good > 0 => ColumnKind::Integer,
                None => ColumnKind::Numeric,
            };
            if kind == ColumnKind::Integer {
                for (r, v) in s.values.iter_mut().enumerate() {
                    if v.is_finite() && v.fract() != 0.0 {
                        let value = super::model::format_number(*v);
                        issues.push(issue(
                            lines.get(r),
                            IssueKind::Unparseable { value, expected: ColumnKind::Integer },
                        ));
                        *v = f64::NAN;
                    }
                }
                let big = s.values.iter().filter(|v| v.abs() > 9_007_199_254_740_992.0).count();
                if big > 0 {
                    notes.push(IngestNote::PrecisionLoss { column: name.clone(), cells: big as u64 });
                }
            }
            let [currency, thousands, percent, parentheses, decimal_comma] = s.flags;
            if s.flags.iter().any(|&n| n > 0) {
                notes.push(IngestNote::NumberFormat {
                    column: name.clone(),
                    currency,
                    thousands,
                    percent,
                    parentheses,
                    decimal_comma,
                    example: s.example.clone().unwrap_or_default(),
                });
            }
            let index_like = b.forced.is_none()
                && kind == ColumnKind::Integer
                && s.values.len() >= 20
                && s.values.windows(2).all(|w| w[1] == w[0] + 1.0);
            // a ZIP or phone number is digits, not a quantity: segmenting on it split a shop's customers
            // into "high zip" and "low zip"
            let index_like = index_like
                || (b.forced.is_none()
                    && kind == ColumnKind::Integer
                    && super::names::is_place_or_contact_code(&name));
            if index_like {
                kind = ColumnKind::Identifier;
                let texts = s.values.iter().map(|&v| Some(super::model::format_number(v))).collect();
                (kind, ColumnData::Texts(texts), None)
            } else if b.forced.is_none() && kind == ColumnKind::Integer {
                match small_codes(&s.values) {
                    Some(levels) => {
                        let names: Vec<String> =
                            levels.iter().map(|&v| super::model::format_number(v)).collect();
                        notes.push(IngestNote::CodesAsCategories {
                            column: name.clone(),
                            levels: names.clone(),
                        });
                        let codes = s
                            .values
                            .iter()
                            .map(|v| {
                                levels
                                    .iter()
                                    .position(|l| l == v)
                                    .map(|p| p as u32)
                                    .unwrap_or(super::model::MISSING_CODE)
                            })
                            .collect();
                        (ColumnKind::Categorical, ColumnData::Categories { codes, levels: names }, None)
                    }
                    None => (kind, ColumnData::Numbers(s.values), s.example),
                }
            } else {
                (kind, ColumnData::Numbers(s.values), s.example)
            }
        }
        Store::Date(s) => {
            for x in &s.bad {
                issues.push(issue(
                    x.line,
                    IssueKind::Unparseable { value: clip(x.text.trim()), expected: ColumnKind::Date },
                ));
            }
            if s.shapes.iter().any(|x| matches!(x.shape, Shape::Numeric { .. })) {
                notes.push(IngestNote::DateOrder {
                    column: name.clone(),
                    order: s.order,
                    basis: match &s.basis {
                        Basis::Forced => OrderBasis::Option,
                        Basis::Assumed => OrderBasis::Assumed,
                        Basis::Proven { line, value } => {
                            OrderBasis::Proven { line: *line, value: value.clone() }
                        }
                    },
                });
            }
            let mut shapes = s.shapes.clone();
            shapes.sort_by(|a, b| b.cells.cmp(&a.cells).then(a.first_line.cmp(&b.first_line)));
            let label = |x: &super::builder::ShapeCount| {
                super::date::Scanned { shape: x.shape, year: 0, a: 0, b: 0, time: 0.0, has_time: x.has_time }
                    .label(s.order)
            };
            if shapes.len() > 1 {
                notes.push(IngestNote::DateFormats {
                    column: name.clone(),
                    formats: shapes
                        .iter()
                        .map(|x| DateFormatCount {
                            format: label(x),
                            cells: x.cells,
                            first_line: x.first_line,
                            example: x.example.clone(),
                        })
                        .collect(),
                });
            }
            let format = shapes.first().map(label);
            (b.forced.unwrap_or(ColumnKind::Date), ColumnData::Numbers(s.values), format)
        }
        Store::Dict(d) => {
            let out = dict_kinds::decide(&name, d, b.forced, b.id_name, lines, &mut issues, &mut notes);
            (out.0, out.1, None)
        }
    };
    if let Some((from, line)) = revised {
        notes.insert(0, IngestNote::TypeRevised { column: name.clone(), from, to: kind, line, exact: false });
    }
    // a ZIP or phone identifier is carried along, never the customer's id
    let role = role.unwrap_or_else(|| match default_role(kind) {
        ColumnRole::Id if super::names::is_place_or_contact_code(&name) => ColumnRole::Ignore,
        r => r,
    });
    let column = Column { name: name.clone(), kind, role, data };
    let summary = summarize(&column, tokens, format, scratch);
    if summary.rows > 0 && summary.missing == summary.rows {
        notes.push(IngestNote::EmptyColumn { column: name });
    } else if summary.distinct == 1 && summary.missing == 0 && summary.rows > 1 {
        notes.push(IngestNote::ConstantColumn {
            column: name,
            value: summary.samples.first().cloned().unwrap_or_default(),
        });
    }
    Finished { column, summary, notes, issues }
}

/// Rows a column needs before two or three distinct small integers are read as category codes.
const CODES_MIN_ROWS: usize = 20;

/// The sorted distinct values when a whole-number column holds only two or three of them, all in 1..=9 (or
/// 0..=9 with three values: a 0/1 column is left to be a number, as it is a flag or a count), over enough rows.
fn small_codes(values: &[f64]) -> Option<Vec<f64>> {
    let mut distinct: Vec<f64> = Vec::with_capacity(4);
    let mut present = 0usize;
    for &v in values {
        if v.is_nan() {
            continue;
        }
        present += 1;
        if !(0.0..=9.0).contains(&v) {
            return None;
        }
        if !distinct.contains(&v) {
            if distinct.len() == 3 {
                return None;
            }
            distinct.push(v);
        }
    }
    distinct.sort_by(f64::total_cmp);
    let zero_one = distinct == [0.0, 1.0];
    (present >= CODES_MIN_ROWS && distinct.len() >= 2 && !zero_one).then_some(distinct)
}
