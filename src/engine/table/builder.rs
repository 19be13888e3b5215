//! Column stores filled one cell at a time while the file streams: numbers and dates straight into `f64`
//! (no text kept per cell), everything else dictionary-encoded. A numeric or date store that later rows
//! contradict is turned into a text store ("revised"); `read_table` then re-reads that column exactly.

use super::date::format_seconds;
pub(crate) use super::datestore::{Basis, DateStore, ShapeCount};
use super::dict::Interner;
use super::model::{format_number, ColumnKind, IssueKind, RowIssue, MISSING_CODE};
use super::number::{fast_number, flag, parse_number, placeholder, Placeholder};
use super::text::FieldDecoder;

/// Bad cells a typed store may collect before the 10% rule can revise it mid-stream.
pub(crate) const REVISE_MIN_BAD: usize = 1000;

/// True when bad cells are too many for the column to keep its kind (more than 10% of non-missing).
pub(crate) fn too_many_bad(good: u64, bad: usize) -> bool {
    good == 0 || (bad as u64) * 10 > good + bad as u64
}

/// A cell that did not fit a typed column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bad {
    pub row: usize,
    pub line: u64,
    pub text: String,
    pub not_finite: bool,
}

/// Issues of one column, capped.
#[derive(Debug, Clone, Default)]
pub(crate) struct IssueList {
    pub items: Vec<RowIssue>,
    pub total: u64,
    pub cap: usize,
}

impl IssueList {
    pub fn push(&mut self, issue: RowIssue) {
        self.total += 1;
        if self.items.len() < self.cap {
            self.items.push(issue);
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct NumStore {
    pub values: Vec<f64>,
    pub decimal_comma: bool,
    pub all_integer: bool,
    /// Cells with currency, thousands, percent, parentheses, decimal comma.
    pub flags: [u64; 5],
    pub example: Option<String>,
    pub bad: Vec<Bad>,
    pub good: u64,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DictStore {
    pub codes: Vec<u32>,
    pub dict: Interner,
}

#[derive(Debug, Clone)]
pub(crate) enum Store {
    Num(NumStore),
    Date(DateStore),
    Dict(DictStore),
}

/// One column being read.
#[derive(Debug, Clone)]
pub(crate) struct Builder {
    pub name: String,
    pub forced: Option<ColumnKind>,
    /// Named like an identifier (`CustomerID`, `cust_id`, `InvoiceNo`).
    pub id_name: bool,
    /// The sample had no value in this column: its kind is decided from all rows at the end.
    pub undecided: bool,
    pub store: Store,
    pub tokens: Vec<(String, u64)>,
    pub issues: IssueList,
    /// `(kind before, line)` when later rows made a typed column text.
    pub revised: Option<(ColumnKind, u64)>,
}

impl NumStore {
    /// Appends a finite number read by [`fast_number`] from the trimmed cell `t`, with its `flags`.
    #[inline(always)]
    pub fn push_plain(&mut self, value: f64, flags: u8, t: &[u8]) {
        push_lean(&mut self.values, value);
        self.good += 1;
        self.all_integer &= flags & flag::INTEGER != 0;
        if flags & flag::DECIMAL_COMMA != 0 {
            self.flags[4] += 1;
            if self.example.is_none() {
                self.example = Some(String::from_utf8_lossy(t).into_owned());
            }
        }
    }

    pub fn new(decimal_comma: bool) -> Self {
        NumStore {
            values: Vec::new(),
            decimal_comma,
            all_integer: true,
            flags: [0; 5],
            example: None,
            bad: Vec::new(),
            good: 0,
        }
    }
}

/// `inf`, `-Infinity`, `+INF`: an explicit infinity.
fn is_infinity(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    t.eq_ignore_ascii_case("inf") || t.eq_ignore_ascii_case("infinity")
}

/// Pushes with growth of 1/8 (at least 4096 items) instead of doubling, so that a column of a million
/// numbers never sits in a buffer for two million: peak memory stays near the data's size.
#[inline]
pub(crate) fn push_lean<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        v.reserve_exact((v.len() / 8).max(4096));
    }
    v.push(x);
}

/// A cell's text for an issue, cut to 200 characters so that a huge cell cannot bloat the issue list.
pub(crate) fn clip(t: &str) -> String {
    match t.char_indices().nth(200) {
        Some((k, _)) => format!("{}…", &t[..k]),
        None => t.to_string(),
    }
}

fn add_token(tokens: &mut Vec<(String, u64)>, t: &str) {
    if let Some(x) = tokens.iter_mut().find(|x| x.0 == t) {
        x.1 += 1;
    } else if tokens.len() < 32 {
        tokens.push((t.to_string(), 1));
    }
}

impl Builder {
    pub fn new(name: String, store: Store, issue_cap: usize) -> Self {
        Builder {
            name,
            forced: None,
            id_name: false,
            undecided: false,
            store,
            tokens: Vec::new(),
            issues: IssueList { cap: issue_cap, ..Default::default() },
            revised: None,
        }
    }

    /// Number of rows stored.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Num(s) => s.values.len(),
            Store::Date(s) => s.values.len(),
            Store::Dict(s) => s.codes.len(),
        }
    }

    /// Appends one cell read on `line`.
    pub fn push(&mut self, bytes: &[u8], line: u64, dec: &mut FieldDecoder) {
        if let Store::Num(s) = &mut self.store {
            let t = bytes.trim_ascii();
            if let Some(n) = fast_number(t, s.decimal_comma) {
                if n.value.is_finite() {
                    s.push_plain(n.value, n.flags, t);
                    return;
                }
            }
        }
        let text = dec.decode(bytes, line);
        let t = text.trim();
        let row = self.len();
        let missing = match placeholder(t) {
            Some(Placeholder::Missing) => true,
            Some(Placeholder::SpreadsheetError) => {
                self.issues.push(RowIssue {
                    line,
                    column: Some(self.name.clone()),
                    kind: IssueKind::SpreadsheetError { value: t.to_string() },
                });
                true
            }
            None => false,
        };
        if missing {
            add_token(&mut self.tokens, t);
        }
        let bad = match &mut self.store {
            Store::Num(s) => {
                let parsed =
                    if missing { None } else { parse_number(t, if s.decimal_comma { ',' } else { '.' }) };
                match parsed {
                    Some(n) if n.value.is_finite() => {
                        push_lean(&mut s.values, n.value);
                        s.good += 1;
                        s.all_integer &= n.flags & flag::INTEGER != 0;
                        let bits = [flag::CURRENCY, flag::THOUSANDS, flag::PERCENT, flag::PARENS];
                        for (k, b) in bits.iter().enumerate() {
                            s.flags[k] += u64::from(n.flags & b != 0);
                        }
                        s.flags[4] += u64::from(n.flags & flag::DECIMAL_COMMA != 0);
                        if s.example.is_none() && n.flags & !(flag::INTEGER) != 0 {
                            s.example = Some(t.to_string());
                        }
                        None
                    }
                    other => {
                        push_lean(&mut s.values, f64::NAN);
                        let not_finite = other.is_some() || is_infinity(t);
                        (!missing).then_some((not_finite, &mut s.bad, s.good))
                    }
                }
            }
            Store::Date(s) => {
                let v = if missing { None } else { s.read(t, line) };
                push_lean(&mut s.values, v.unwrap_or(f64::NAN));
                if v.is_some() {
                    s.good += 1;
                }
                (!missing && v.is_none()).then_some((false, &mut s.bad, s.good))
            }
            Store::Dict(s) => {
                let code = if missing { MISSING_CODE } else { s.dict.intern(&text) };
                push_lean(&mut s.codes, code);
                None
            }
        };
        if let Some((not_finite, list, good)) = bad {
            list.push(Bad { row, line, text: text.to_string(), not_finite });
            let n = list.len();
            if self.forced.is_none() && n > REVISE_MIN_BAD && too_many_bad(good, n) {
                self.revise(line);
            }
        }
    }

    /// Turns a typed store into a text store, re-rendering the values read so far.
    pub fn revise(&mut self, line: u64) {
        let (from, values, bad, date) = match &mut self.store {
            Store::Num(s) => {
                (ColumnKind::Numeric, std::mem::take(&mut s.values), std::mem::take(&mut s.bad), false)
            }
            Store::Date(s) => {
                (ColumnKind::Date, std::mem::take(&mut s.values), std::mem::take(&mut s.bad), true)
            }
            Store::Dict(_) => return,
        };
        let mut d = DictStore { codes: Vec::with_capacity(values.len()), dict: Interner::default() };
        let mut bi = bad.iter().peekable();
        for (r, &v) in values.iter().enumerate() {
            let code = match bi.peek() {
                Some(b) if b.row == r => {
                    let c = d.dict.intern(&b.text);
                    bi.next();
                    c
                }
                _ if v.is_nan() => MISSING_CODE,
                _ if date => d.dict.intern(&format_seconds(v)),
                _ => d.dict.intern(&format_number(v)),
            };
            d.codes.push(code);
        }
        self.store = Store::Dict(d);
        self.revised = Some((from, line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::date::scan;
    use crate::engine::table::dialect::TextEncoding;
    use crate::engine::table::options::DateOrder;

    fn fill(store: Store, cells: &[&str]) -> Builder {
        let mut b = Builder::new("c".into(), store, 100);
        let mut dec = FieldDecoder::new(TextEncoding::Utf8);
        for (k, c) in cells.iter().enumerate() {
            b.push(c.as_bytes(), k as u64 + 2, &mut dec);
        }
        b
    }

    #[test]
    fn numbers_missing_and_bad_cells() {
        let b = fill(
            Store::Num(NumStore::new(false)),
            &["1", " 2.5 ", "NA", "$1,000", "oops", "#DIV/0!", "1e400"],
        );
        let Store::Num(s) = &b.store else { panic!() };
        assert_eq!(s.values[0], 1.0);
        assert_eq!(s.values[1], 2.5);
        assert!(s.values[2].is_nan());
        assert_eq!(s.values[3], 1000.0);
        assert_eq!(s.bad.len(), 2);
        assert!(s.bad[1].not_finite);
        assert_eq!(s.flags[0], 1);
        assert_eq!(b.tokens, vec![("NA".to_string(), 1), ("#DIV/0!".to_string(), 1)]);
        assert_eq!(b.issues.items.len(), 1);
    }

    #[test]
    fn assumed_date_order_is_corrected_by_later_proof() {
        let b = fill(
            Store::Date(DateStore::new(DateOrder::MonthFirst, Basis::Assumed)),
            &["01/02/2020", "03/04/2020", "25/12/2020"],
        );
        let Store::Date(s) = &b.store else { panic!() };
        assert_eq!(s.order, DateOrder::DayFirst);
        let want = |t: &str| scan(t).unwrap().seconds(DateOrder::MonthFirst).unwrap();
        assert_eq!(s.values, vec![want("2020-02-01"), want("2020-04-03"), want("2020-12-25")]);
        assert!(matches!(s.basis, Basis::Proven { line: 4, .. }));
    }

    #[test]
    fn proven_order_rejects_contradiction() {
        let b = fill(
            Store::Date(DateStore::new(DateOrder::MonthFirst, Basis::Assumed)),
            &["12/25/2020", "25/12/2020"],
        );
        let Store::Date(s) = &b.store else { panic!() };
        assert_eq!(s.bad.len(), 1);
        assert!(s.values[1].is_nan());
    }

    #[test]
    fn revise_keeps_rows_and_texts() {
        let mut b = fill(Store::Num(NumStore::new(false)), &["1", "x", "", "2.50"]);
        b.revise(9);
        let Store::Dict(d) = &b.store else { panic!() };
        let texts: Vec<Option<&str>> =
            d.codes.iter().map(|&c| (c != MISSING_CODE).then(|| d.dict.get(c))).collect();
        assert_eq!(texts, vec![Some("1"), Some("x"), None, Some("2.5")]);
        assert_eq!(b.revised, Some((ColumnKind::Numeric, 9)));
    }
}
