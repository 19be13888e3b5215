//! Warnings about a transaction log that change every customer's numbers without a rule noticing: amounts
//! in several currencies added as one, and lines repeated exactly (two overlapping exports pasted together).

use std::hash::{Hash, Hasher};

use crate::engine::table::{Column, ColumnData, Table, MISSING_CODE};

/// ISO 4217 codes common in shop exports; a column of these (or named like a currency) is a currency.
const CURRENCIES: [&str; 30] = [
    "USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "INR", "BRL", "MXN", "ZAR", "SGD", "HKD", "KRW", "TRY", "RUB", "AED", "SAR", "ILS", "THB", "IDR", "RON",
];

fn named_like_currency(name: &str) -> bool {
    let n = name.to_lowercase();
    ["currency", "curr", "währung", "waehrung", "moneda", "devise", "valuta"].iter().any(|w| n.contains(w))
}

/// The share of each value of `c`, most frequent first (blanks left out).
fn shares(c: &Column) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for i in 0..c.len() {
        if !c.is_missing(i) {
            *counts.entry(c.display(i).trim().to_uppercase()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// A warning when a currency column holds more than one currency: the amounts are summed as one.
pub(super) fn mixed_currencies(table: &Table) -> Option<String> {
    for c in &table.columns {
        // only a column that can be a currency is counted (a log's id column has a million values)
        let candidate = match &c.data {
            ColumnData::Categories { levels, .. } => {
                levels.len() <= 40
                    && (named_like_currency(&c.name)
                        || levels.iter().all(|l| CURRENCIES.contains(&l.trim().to_uppercase().as_str())))
            }
            ColumnData::Texts(_) => named_like_currency(&c.name),
            ColumnData::Numbers(_) => false,
        };
        if !candidate {
            continue;
        }
        let values = shares(c);
        if values.len() < 2 || values.len() > 40 {
            continue;
        }
        let total: usize = values.iter().map(|v| v.1).sum();
        let listed: Vec<String> = values
            .iter()
            .take(5)
            .map(|(v, n)| format!("{v} {:.0}%", *n as f64 * 100.0 / total as f64))
            .collect();
        let more = if values.len() > 5 { format!(" and {} more", values.len() - 5) } else { String::new() };
        return Some(format!(
            "The amounts are in {} currencies (\"{}\": {}{more}) and are added as if they were one: \
             convert them to one currency before loading, or load one currency at a time.",
            values.len(),
            c.name,
            listed.join(", ")
        ));
    }
    None
}

/// A warning when whole lines repeat exactly (every cell the same as an earlier line's), 1% of the lines or
/// more: two exports of overlapping dates pasted together count those purchases twice.
pub(super) fn repeated_lines(table: &Table) -> Option<String> {
    let n = table.n_rows();
    let mut seen = rustc_hash::FxHashSet::with_capacity_and_hasher(n, Default::default());
    let mut repeated = 0usize;
    let mut first = None;
    for r in 0..n {
        let mut h = rustc_hash::FxHasher::default();
        for c in &table.columns {
            match &c.data {
                // a column shorter than the table (malformed) reads as blank past its end
                ColumnData::Numbers(v) => v.get(r).map(|x| x.to_bits()).hash(&mut h),
                ColumnData::Categories { codes, .. } => codes.get(r).unwrap_or(&MISSING_CODE).hash(&mut h),
                ColumnData::Texts(v) => v.get(r).and_then(Option::as_ref).hash(&mut h),
            }
        }
        // a 64-bit hash per line: a collision among a million lines is about a 1-in-30-million chance, and
        // would only add one to a warning's count
        if !seen.insert(h.finish()) {
            repeated += 1;
            first.get_or_insert(r);
        }
    }
    // under 1% of the lines, copies are more likely real same-day repeats (the CDNOW sample has 21 in 6,919)
    let first = first.filter(|_| repeated * 100 >= n)?;
    let line = table.row_lines.get(first).map(|l| format!(" (the first is line {l})")).unwrap_or_default();
    Some(format!(
        "{repeated} {} exact {} of earlier lines{line}: if two exports that overlap were pasted together, \
         those purchases count twice. Remove the repeated lines before loading unless they are real repeat \
         purchases.",
        if repeated == 1 { "line is an" } else { "lines are" },
        if repeated == 1 { "copy" } else { "copies" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::{ColumnKind, ColumnRole};

    fn texts(name: &str, v: &[&str]) -> Column {
        let data = ColumnData::Texts(v.iter().map(|s| (!s.is_empty()).then(|| s.to_string())).collect());
        Column { name: name.into(), kind: ColumnKind::Text, role: ColumnRole::Feature, data }
    }

    fn categories(name: &str, v: &[&str]) -> Column {
        let mut levels: Vec<String> = Vec::new();
        let codes = v
            .iter()
            .map(|s| match levels.iter().position(|l| l == s) {
                Some(k) => k as u32,
                None => {
                    levels.push(s.to_string());
                    levels.len() as u32 - 1
                }
            })
            .collect();
        let data = ColumnData::Categories { codes, levels };
        Column { name: name.into(), kind: ColumnKind::Categorical, role: ColumnRole::Feature, data }
    }

    fn numbers(name: &str, v: &[f64]) -> Column {
        let data = ColumnData::Numbers(v.to_vec());
        Column { name: name.into(), kind: ColumnKind::Numeric, role: ColumnRole::Feature, data }
    }

    fn table(columns: Vec<Column>) -> Table {
        let n = columns[0].len();
        Table { source: "log.csv".into(), columns, row_lines: (2..2 + n as u64).collect() }
    }

    #[test]
    fn several_currencies_are_named_with_their_shares() {
        let t = table(vec![
            texts("id", &["a", "b", "c", "d"]),
            categories("cur", &["EUR", "EUR", "usd", "JPY"]),
            numbers("amount", &[1.0, 2.0, 3.0, 400.0]),
        ]);
        let w = mixed_currencies(&t).unwrap();
        assert!(w.starts_with("The amounts are in 3 currencies (\"cur\": EUR 50%, JPY 25%, USD 25%)"), "{w}");
        let one = table(vec![categories("Currency", &["EUR", "EUR"]), numbers("amount", &[1.0, 2.0])]);
        let named = table(vec![texts("Währung", &["Euro", "Dollar"]), numbers("amount", &[1.0, 2.0])]);
        assert!(mixed_currencies(&named).is_some());
        assert_eq!(mixed_currencies(&one), None);
        let names =
            table(vec![texts("customer", &["ann", "bob", "cy"]), numbers("amount", &[1.0, 2.0, 3.0])]);
        assert_eq!(mixed_currencies(&names), None);
    }

    #[test]
    fn exact_copies_of_lines_are_counted_with_the_first_line() {
        let t = table(vec![
            texts("id", &["a", "b", "a", "a", "b"]),
            numbers("amount", &[5.0, 6.0, 5.0, 5.0, 7.0]),
        ]);
        let w = repeated_lines(&t).unwrap();
        assert!(w.starts_with("2 lines are exact copies of earlier lines (the first is line 4)"), "{w}");
        let distinct = table(vec![texts("id", &["a", "b"]), numbers("amount", &[5.0, 5.0])]);
        assert_eq!(repeated_lines(&distinct), None);
    }
}
