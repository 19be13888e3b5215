//! Joins two tables on an id column (inner or left), keeping the left table's row order and reporting keys
//! that did not match and keys that repeat. A repeated right key matches its first row only, so a left row
//! never multiplies.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::{Column, ColumnData, Table, MISSING_CODE};

/// Which left rows a join keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinKind {
    /// Only left rows whose key is in the right table.
    Inner,
    /// Every left row; right columns are missing where the key did not match.
    Left,
}

/// A count of keys with the first few examples.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyReport {
    pub count: usize,
    pub examples: Vec<String>,
}

impl KeyReport {
    fn add(&mut self, key: &str) {
        self.count += 1;
        if self.examples.len() < 5 {
            self.examples.push(key.to_string());
        }
    }
}

/// What a join matched and what it did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinReport {
    pub kind: JoinKind,
    pub left_rows: usize,
    pub right_rows: usize,
    /// Left rows whose key matched a right row.
    pub matched_rows: usize,
    pub output_rows: usize,
    /// Distinct left keys absent from the right table.
    pub left_unmatched: KeyReport,
    /// Distinct right keys absent from the left table.
    pub right_unmatched: KeyReport,
    /// Distinct keys that occur more than once on each side.
    pub left_duplicates: KeyReport,
    pub right_duplicates: KeyReport,
    /// Rows whose key is missing, on each side.
    pub left_missing_keys: usize,
    pub right_missing_keys: usize,
    /// Keys matched after removing leading zeros (`0042` = `42`), because that matched more rows.
    pub leading_zeros_ignored: bool,
    /// Right columns renamed because the left table has the same name: `(from, to)`.
    pub renamed: Vec<(String, String)>,
}

/// A joined table and its report.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    pub table: Table,
    pub report: JoinReport,
}

/// Why two tables could not be joined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JoinError {
    #[error("{table}: no column named '{name}' to join on")]
    NoSuchColumn { table: String, name: String },
}

fn keys(col: &Column) -> Vec<Option<String>> {
    (0..col.len())
        .map(|i| {
            let t = col.display(i);
            let t = t.trim();
            (!col.is_missing(i) && !t.is_empty()).then(|| t.to_string())
        })
        .collect()
}

fn strip_zeros(k: &str) -> String {
    let s = k.trim_start_matches('0');
    if s.is_empty() { "0" } else { s }.to_string()
}

/// Joins `right` onto `left` where `left_key` equals `right_key` (compared as trimmed text).
pub fn join(
    left: &Table,
    right: &Table,
    left_key: &str,
    right_key: &str,
    kind: JoinKind,
) -> Result<Joined, JoinError> {
    let missing =
        |t: &Table, name: &str| JoinError::NoSuchColumn { table: t.source.clone(), name: name.to_string() };
    let lk = left.column(left_key).ok_or_else(|| missing(left, left_key))?;
    let rk_index = right.column_index(right_key).ok_or_else(|| missing(right, right_key))?;
    let (mut lkeys, mut rkeys) = (keys(lk), keys(&right.columns[rk_index]));
    let matches = |l: &[Option<String>], r: &[Option<String>]| {
        let set: std::collections::HashSet<&str> = r.iter().flatten().map(String::as_str).collect();
        l.iter().flatten().filter(|k| set.contains(k.as_str())).count()
    };
    let digits = |v: &[Option<String>]| v.iter().flatten().all(|k| k.bytes().all(|b| b.is_ascii_digit()));
    let mut leading_zeros_ignored = false;
    if digits(&lkeys) && digits(&rkeys) {
        let strip = |v: &[Option<String>]| -> Vec<Option<String>> {
            v.iter().map(|k| k.as_deref().map(strip_zeros)).collect()
        };
        let (sl, sr) = (strip(&lkeys), strip(&rkeys));
        if matches(&sl, &sr) > matches(&lkeys, &rkeys) {
            (lkeys, rkeys, leading_zeros_ignored) = (sl, sr, true);
        }
    }
    let mut report = JoinReport {
        kind,
        left_rows: left.n_rows(),
        right_rows: right.n_rows(),
        matched_rows: 0,
        output_rows: 0,
        left_unmatched: KeyReport::default(),
        right_unmatched: KeyReport::default(),
        left_duplicates: KeyReport::default(),
        right_duplicates: KeyReport::default(),
        left_missing_keys: lkeys.iter().filter(|k| k.is_none()).count(),
        right_missing_keys: rkeys.iter().filter(|k| k.is_none()).count(),
        leading_zeros_ignored,
        renamed: Vec::new(),
    };
    let mut first_right: HashMap<&str, (usize, usize)> = HashMap::new();
    for (r, k) in rkeys.iter().enumerate() {
        if let Some(k) = k {
            let e = first_right.entry(k.as_str()).or_insert((r, 0));
            e.1 += 1;
            if e.1 == 2 {
                report.right_duplicates.add(k);
            }
        }
    }
    let mut seen_left: HashMap<&str, usize> = HashMap::new();
    let mut left_rows = Vec::new();
    let mut right_rows = Vec::new();
    for (l, k) in lkeys.iter().enumerate() {
        let hit = k.as_deref().and_then(|k| first_right.get(k)).map(|x| x.0);
        if let Some(k) = k {
            let n = seen_left.entry(k.as_str()).or_insert(0);
            *n += 1;
            if *n == 2 {
                report.left_duplicates.add(k);
            }
            if hit.is_none() && *n == 1 {
                report.left_unmatched.add(k);
            }
        }
        report.matched_rows += usize::from(hit.is_some());
        if hit.is_some() || kind == JoinKind::Left {
            left_rows.push(l);
            right_rows.push(hit);
        }
    }
    let mut right_seen: std::collections::HashSet<&str> = Default::default();
    for k in rkeys.iter().flatten() {
        if !seen_left.contains_key(k.as_str()) && right_seen.insert(k.as_str()) {
            report.right_unmatched.add(k);
        }
    }
    report.output_rows = left_rows.len();
    let mut columns: Vec<Column> = left
        .columns
        .iter()
        .map(|c| gather(c, &left_rows.iter().map(|&r| Some(r)).collect::<Vec<_>>()))
        .collect();
    for (j, c) in right.columns.iter().enumerate() {
        if j == rk_index {
            continue;
        }
        let mut g = gather(c, &right_rows);
        let base = g.name.clone();
        let mut k = 2;
        while columns.iter().any(|x| x.name == g.name) {
            g.name = format!("{base}_{k}");
            k += 1;
        }
        if g.name != base {
            report.renamed.push((base, g.name.clone()));
        }
        columns.push(g);
    }
    let table = Table {
        source: format!("{} + {}", left.source, right.source),
        columns,
        row_lines: left_rows.iter().map(|&r| left.row_lines[r]).collect(),
    };
    Ok(Joined { table, report })
}

/// Column `c` at rows `idx` (`None` gives a missing value).
fn gather(c: &Column, idx: &[Option<usize>]) -> Column {
    let data = match &c.data {
        ColumnData::Numbers(v) => {
            ColumnData::Numbers(idx.iter().map(|r| r.map_or(f64::NAN, |r| v[r])).collect())
        }
        ColumnData::Categories { codes, levels } => ColumnData::Categories {
            codes: idx.iter().map(|r| r.map_or(MISSING_CODE, |r| codes[r])).collect(),
            levels: levels.clone(),
        },
        ColumnData::Texts(v) => ColumnData::Texts(idx.iter().map(|r| r.and_then(|r| v[r].clone())).collect()),
    };
    Column { name: c.name.clone(), kind: c.kind, role: c.role, data }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use crate::engine::table::{read_table, IngestOptions};

    fn table(text: &str, name: &str) -> Table {
        read_table(text.as_bytes(), name, &IngestOptions::default(), &mut Silent).unwrap().table
    }

    #[test]
    fn left_and_inner_joins_report_unmatched_and_duplicates() {
        let l = table("CustomerID,age\n1,30\n2,40\n3,50\n3,55\n", "l.csv");
        let r = table("cust_id,spend,age\n2,10.5,41\n3,20\n3,21\n9,5\n", "r.csv");
        let j = join(&l, &r, "CustomerID", "cust_id", JoinKind::Left).unwrap();
        assert_eq!(j.table.n_rows(), 4);
        let spend = j.table.column("spend").unwrap().numbers().unwrap().to_vec();
        assert!(spend[0].is_nan());
        assert_eq!(&spend[1..], &[10.5, 20.0, 20.0]);
        assert_eq!(j.report.left_unmatched, KeyReport { count: 1, examples: vec!["1".into()] });
        assert_eq!(j.report.right_unmatched.examples, vec!["9".to_string()]);
        assert_eq!(j.report.right_duplicates.examples, vec!["3".to_string()]);
        assert_eq!(j.report.left_duplicates.count, 1);
        assert_eq!(j.report.renamed, vec![("age".to_string(), "age_2".to_string())]);
        let inner = join(&l, &r, "CustomerID", "cust_id", JoinKind::Inner).unwrap();
        assert_eq!(inner.table.n_rows(), 3);
        assert_eq!(inner.table.row_lines, vec![3, 4, 5]);
    }

    #[test]
    fn leading_zeros_are_ignored_when_that_matches_more() {
        let l = table("id,x\n0001,1\n0002,2\n", "l.csv");
        let r = table("id,y\n1,5\n2,6\n", "r.csv");
        let j = join(&l, &r, "id", "id", JoinKind::Inner).unwrap();
        assert!(j.report.leading_zeros_ignored);
        assert_eq!(j.report.matched_rows, 2);
    }

    #[test]
    fn unknown_key_is_an_error() {
        let l = table("id,x\n1,1\n", "l.csv");
        let e = join(&l, &l, "nope", "id", JoinKind::Inner).unwrap_err();
        assert_eq!(e.to_string(), "l.csv: no column named 'nope' to join on");
    }
}
