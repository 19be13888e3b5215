//! The kind of a text column, decided from all its distinct values: boolean, identifier (unique per row or
//! named like one), categorical (few values once case and spaces are normalised; merges are reported) or
//! free text.

use super::super::builder::{clip, DictStore, IssueList};
use super::super::lines::Lines;
use super::super::model::{ColumnData, ColumnKind, IssueKind, RowIssue, MISSING_CODE};
use super::super::note::{IngestNote, Merge};

fn bool_token(t: &str) -> Option<bool> {
    // English, German, French, Spanish and Italian, and on/off
    const TRUE: [&str; 9] = ["true", "yes", "y", "t", "ja", "oui", "si", "sí", "on"];
    const FALSE: [&str; 7] = ["false", "no", "n", "f", "nein", "non", "off"];
    if TRUE.iter().any(|x| t.eq_ignore_ascii_case(x)) {
        Some(true)
    } else if FALSE.iter().any(|x| t.eq_ignore_ascii_case(x)) {
        Some(false)
    } else {
        None
    }
}

/// 0 or 1 (also written 0.0 and 1.0) as a yes/no value.
fn zero_one(t: &str) -> Option<bool> {
    let v = t.parse::<f64>().ok()?;
    (v == 0.0 || v == 1.0).then_some(v == 1.0)
}

/// A yes/no column may hold this many other values (each a missing value with an issue) …
const MAX_STRAY_LEVELS: usize = 2;
/// … in at most 1% of its cells, when at least this many are yes/no.
const MIN_BOOL_CELLS: u64 = 50;

/// A column named like an id with at most this many values, each on ten rows or more, is a category.
const FEW_VALUES: usize = 12;

/// Trimmed, inner whitespace collapsed.
fn clean(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A category's spelling without case, extra spaces and the dots of abbreviations ("U.S." = "US" = "us"):
/// levels with the same key are one level (merged within a file here; matched to the training levels when a
/// new file is scored). A dot after a digit stays: "1.5" is not "15".
pub fn spelling_key(t: &str) -> String {
    let mut key = String::with_capacity(t.len());
    let mut prev = ' ';
    for c in clean(t).chars() {
        if !(c == '.' && prev.is_alphabetic()) {
            key.extend(c.to_lowercase());
        }
        prev = c;
    }
    key
}

/// Groups level codes by a key, in order of first appearance; returns the group of each level.
fn group_by(levels: &[String], key: impl Fn(&str) -> String) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut of = Vec::with_capacity(levels.len());
    for (k, l) in levels.iter().enumerate() {
        let g = *index.entry(key(l)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(k);
        of.push(g);
    }
    (of, groups)
}

/// Decides the kind of a text column and builds its data.
pub(super) fn decide(
    name: &str,
    d: DictStore,
    forced: Option<ColumnKind>,
    id_name: bool,
    lines: &Lines,
    issues: &mut IssueList,
    notes: &mut Vec<IngestNote>,
) -> (ColumnKind, ColumnData) {
    let levels: Vec<String> = d.dict.iter().map(str::to_string).collect();
    let counts: Vec<u64> = (0..levels.len() as u32).map(|c| d.dict.count(c)).collect();
    let n: u64 = counts.iter().sum();
    let line = |r: usize| lines.get(r);
    let issue = |line: u64, kind: IssueKind| RowIssue { line, column: Some(name.to_string()), kind };
    // yes/no, allowing a stray value or two (a "maybe" among 5,000 yes and no), which becomes a missing
    // value reported with its line: as a category it added a level and a one-hot column to every run
    let stray: Vec<usize> = (0..levels.len()).filter(|&k| bool_token(levels[k].trim()).is_none()).collect();
    let stray_cells: u64 = stray.iter().map(|&k| counts[k]).sum();
    let all_bool = !levels.is_empty()
        && (stray.is_empty()
            || (stray.len() <= MAX_STRAY_LEVELS
                && n - stray_cells >= MIN_BOOL_CELLS
                && stray_cells * 100 <= n));
    let (trim_of, trim_groups) = group_by(&levels, |l| l.trim().to_string());
    let (norm_of, norm_groups) = group_by(&levels, spelling_key);
    let token_like =
        levels.iter().filter(|l| !l.trim().contains(char::is_whitespace)).count() * 10 >= levels.len() * 9;
    // Identifiers may repeat a little (duplicate ids are reported), never much.
    let unique = n >= 10 && trim_groups.len() as u64 * 20 >= n * 19;
    let cat_limit = (n / 4).clamp(5, 100) as usize;
    let kind = match forced {
        Some(k) => k,
        None if n == 0 => ColumnKind::Text,
        None if all_bool => ColumnKind::Boolean,
        // "Country Code" with CA and US names no one: a code with few values is a category
        None if id_name
            && super::super::names::is_code_name(name)
            && norm_groups.len() <= cat_limit
            && !unique =>
        {
            ColumnKind::Categorical
        }
        // "subscription[plan_id]" with 4 values in 3,000 rows is a plan, not an id (a customer id keeps its
        // kind)
        None if id_name
            && !super::super::names::is_customer_name(name)
            && norm_groups.len() <= FEW_VALUES
            && n >= 10 * norm_groups.len() as u64 =>
        {
            ColumnKind::Categorical
        }
        None if id_name || (unique && token_like) => ColumnKind::Identifier,
        None if norm_groups.len() <= cat_limit && !unique => ColumnKind::Categorical,
        None => ColumnKind::Text,
    };
    match kind {
        ColumnKind::Boolean | ColumnKind::Numeric | ColumnKind::Integer | ColumnKind::Date => {
            // a column the user made yes/no also reads 0 and 1 (a 0/1 flag such as SeniorCitizen was all
            // errors)
            let forced_yes_no = forced == Some(ColumnKind::Boolean);
            let token = |t: &str| bool_token(t).or_else(|| zero_one(t).filter(|_| forced_yes_no));
            let map: Vec<Option<bool>> = levels.iter().map(|l| token(l.trim())).collect();
            let mut values = Vec::with_capacity(d.codes.len());
            for (r, &c) in d.codes.iter().enumerate() {
                let v = match c {
                    MISSING_CODE => None,
                    c => match map[c as usize] {
                        Some(b) => Some(b),
                        None => {
                            issues.push(issue(
                                line(r),
                                IssueKind::Unparseable {
                                    value: clip(levels[c as usize].trim()),
                                    expected: kind,
                                },
                            ));
                            None
                        }
                    },
                };
                values.push(v.map_or(f64::NAN, |b| f64::from(u8::from(b))));
            }
            (kind, ColumnData::Numbers(values))
        }
        ColumnKind::Categorical => {
            let mut merges = Vec::new();
            let canon: Vec<String> = norm_groups
                .iter()
                .map(|g| {
                    let best = g.iter().copied().max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)));
                    let into = clean(&levels[best.unwrap_or(g[0])]);
                    let changed: Vec<usize> = g.iter().copied().filter(|&k| levels[k] != into).collect();
                    if !changed.is_empty() {
                        merges.push(Merge {
                            variants: changed.iter().map(|&k| levels[k].clone()).collect(),
                            into: into.clone(),
                            cells: changed.iter().map(|&k| counts[k]).sum(),
                        });
                    }
                    into
                })
                .collect();
            if !merges.is_empty() {
                notes.push(IngestNote::CategoriesMerged { column: name.to_string(), merges });
            }
            let codes = d
                .codes
                .iter()
                .map(|&c| if c == MISSING_CODE { c } else { norm_of[c as usize] as u32 })
                .collect();
            (kind, ColumnData::Categories { codes, levels: canon })
        }
        ColumnKind::Identifier => {
            let distinct = trim_groups.len();
            let dups = n.saturating_sub(distinct as u64);
            if dups > 0 && dups * 20 <= n {
                let mut first_line = vec![0u64; distinct];
                for (r, &c) in d.codes.iter().enumerate() {
                    if c == MISSING_CODE {
                        continue;
                    }
                    let g = trim_of[c as usize];
                    if first_line[g] == 0 {
                        first_line[g] = line(r).max(1);
                    } else {
                        issues.push(issue(
                            line(r),
                            IssueKind::DuplicateId {
                                value: clip(levels[c as usize].trim()),
                                first_line: first_line[g],
                            },
                        ));
                    }
                }
            } else if dups > 0 {
                notes.push(IngestNote::IdRepeats { column: name.to_string(), distinct, rows: n as usize });
            }
            (kind, texts(&d, &levels))
        }
        ColumnKind::Text => (kind, texts(&d, &levels)),
    }
}

fn texts(d: &DictStore, levels: &[String]) -> ColumnData {
    let trimmed: Vec<&str> = levels.iter().map(|l| l.trim()).collect();
    ColumnData::Texts(
        d.codes.iter().map(|&c| (c != MISSING_CODE).then(|| trimmed[c as usize].to_string())).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        cells: &[&str],
        forced: Option<ColumnKind>,
        id_name: bool,
    ) -> (ColumnKind, ColumnData, Vec<IngestNote>, IssueList) {
        run_named("c", cells, forced, id_name)
    }

    fn run_named(
        name: &str,
        cells: &[&str],
        forced: Option<ColumnKind>,
        id_name: bool,
    ) -> (ColumnKind, ColumnData, Vec<IngestNote>, IssueList) {
        let mut d = DictStore::default();
        for c in cells {
            d.codes.push(if c.is_empty() { MISSING_CODE } else { d.dict.intern(c) });
        }
        let mut lines = Lines::default();
        for l in 2..2 + cells.len() as u64 {
            lines.push(l);
        }
        let mut issues = IssueList { cap: 100, ..Default::default() };
        let mut notes = Vec::new();
        let (k, data) = decide(name, d, forced, id_name, &lines, &mut issues, &mut notes);
        (k, data, notes, issues)
    }

    #[test]
    fn categories_merge_case_and_space_variants() {
        let (k, data, notes, _) =
            run(&["Male", "Female", "male", " Male ", "Male", "", "Female"], None, false);
        assert_eq!(k, ColumnKind::Categorical);
        let ColumnData::Categories { codes, levels } = data else { panic!() };
        assert_eq!(levels, vec!["Male", "Female"]);
        assert_eq!(codes, vec![0, 1, 0, 0, 0, MISSING_CODE, 1]);
        assert_eq!(notes[0].message(), "column 'c': spellings merged: 'male', ' Male ' → 'Male' (2 cells)");
        // the dots of an abbreviation do not make a level; a decimal point does
        let (_, data, notes, _) =
            run(&["U.S.", "US", "us", "US", "St. Louis", "St Louis", "1.5", "15"], None, false);
        let ColumnData::Categories { levels, .. } = data else { panic!() };
        assert_eq!(levels, vec!["US", "St. Louis", "1.5", "15"]);
        let merged = "'U.S.', 'us' → 'US' (2 cells); 'St Louis' → 'St. Louis' (1 cell)";
        assert_eq!(notes[0].message(), format!("column 'c': spellings merged: {merged}"));
    }

    #[test]
    fn booleans() {
        let (k, data, _, _) = run(&["Yes", "no", "", "y"], None, false);
        assert_eq!(k, ColumnKind::Boolean);
        for pair in [["ja", "Nein"], ["on", "off"], ["oui", "non"]] {
            assert_eq!(run(&pair, None, false).0, ColumnKind::Boolean, "{pair:?}");
        }
        let ColumnData::Numbers(v) = data else { panic!() };
        assert_eq!(v[0], 1.0);
        assert_eq!(v[1], 0.0);
        assert!(v[2].is_nan());
    }

    #[test]
    fn a_0_1_column_made_yes_no_reads_its_zeros_and_ones() {
        let (k, data, _, issues) = run(&["0", "1", "", "1.0", "2"], Some(ColumnKind::Boolean), false);
        assert_eq!(k, ColumnKind::Boolean);
        let ColumnData::Numbers(v) = data else { panic!() };
        assert_eq!((v[0], v[1], v[3]), (0.0, 1.0, 1.0));
        assert!(v[2].is_nan() && v[4].is_nan());
        assert_eq!(issues.items.len(), 1, "only the 2 is no yes/no value");
        // not without the user's say: 0 and 1 alone are numbers
        assert_ne!(run(&["0", "1", "1", "0"], None, false).0, ColumnKind::Boolean);
    }

    #[test]
    fn a_stray_value_among_many_yes_and_no_is_a_missing_value_not_a_level() {
        let mut cells: Vec<&str> = ["yes", "no"].repeat(100);
        cells[9] = "maybe";
        let (k, data, _, issues) = run(&cells, None, false);
        assert_eq!(k, ColumnKind::Boolean);
        let ColumnData::Numbers(v) = data else { panic!() };
        assert!(v[9].is_nan() && v[8] == 1.0);
        assert_eq!(issues.items.len(), 1);
        assert_eq!(issues.items[0].kind, IssueKind::Unparseable { value: "maybe".into(), expected: k });
        // a few yes/no cells, or many other values, stay a category
        assert_eq!(run(&["yes", "no", "maybe", "no"], None, false).0, ColumnKind::Categorical);
        cells[0..3].copy_from_slice(&["maybe", "pending", "unsure"]);
        assert_eq!(run(&cells, None, false).0, ColumnKind::Categorical);
    }

    #[test]
    fn an_id_named_column_with_a_few_values_is_a_category_unless_it_names_the_customer() {
        let plans: Vec<&str> = ["starter", "pro", "enterprise", "free-trial"].repeat(10);
        let (k, ..) = run(&plans, None, true);
        assert_eq!(k, ColumnKind::Categorical);
        assert_eq!(run_named("customer_id", &plans, None, true).0, ColumnKind::Identifier);
    }

    #[test]
    fn identifiers_and_duplicates() {
        let ids: Vec<String> = (0..40).map(|i| format!("C{i}")).chain(["C3".to_string()]).collect();
        let refs: Vec<&str> = ids.iter().map(|s| s.as_str()).collect();
        let (k, _, _, issues) = run(&refs, None, false);
        assert_eq!(k, ColumnKind::Identifier);
        assert_eq!(issues.items[0].kind, IssueKind::DuplicateId { value: "C3".into(), first_line: 5 });
        let (k, _, notes, _) = run(&["a", "a", "b", "b"], None, true);
        assert_eq!(k, ColumnKind::Identifier);
        assert!(matches!(notes[0], IngestNote::IdRepeats { distinct: 2, rows: 4, .. }));
    }

    #[test]
    fn free_text() {
        let words: Vec<String> = (0..30).map(|i| format!("a long comment number {i}")).collect();
        let refs: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        assert_eq!(run(&refs, None, false).0, ColumnKind::Text);
    }
}
