//! Level bookkeeping shared by the encoders: counting levels by name, the sort order scikit-learn uses, and
//! mapping a table's own level codes onto fitted level names.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::engine::table::{spelling_key, MISSING_CODE};

/// Sorts levels numerically when every one is a number (as scikit-learn sorts a numeric column's categories),
/// else by text.
pub(crate) fn sort_levels(levels: &mut [String]) {
    let nums: Option<Vec<f64>> = levels.iter().map(|l| l.trim().parse::<f64>().ok()).collect();
    match nums {
        Some(_) => levels.sort_by(|a, b| {
            let (x, y) = (a.trim().parse::<f64>().unwrap_or(0.0), b.trim().parse::<f64>().unwrap_or(0.0));
            x.partial_cmp(&y).unwrap_or(Ordering::Equal).then_with(|| a.cmp(b))
        }),
        None => levels.sort(),
    }
}

/// The levels present among `codes` with their counts, in [`sort_levels`] order.
pub(crate) fn counted_levels(codes: &[u32], levels: &[String]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &c in codes {
        if c != MISSING_CODE {
            if let Some(l) = levels.get(c as usize) {
                *counts.entry(l.as_str()).or_default() += 1;
            }
        }
    }
    let mut names: Vec<String> = counts.keys().map(|s| s.to_string()).collect();
    sort_levels(&mut names);
    names.into_iter().map(|n| (n.clone(), counts[n.as_str()])).collect()
}

/// For each of the table's level codes, the position of that level name in `fitted` (None when unseen). A
/// level that differs from a fitted one only in case, spaces or an abbreviation's dots is that level, as the
/// reader merges such variants within a file: a new file's "VIP" is the training file's "vip" (it was
/// counted unseen, every one of them, and moved customers between segments). Where two fitted levels read
/// alike, only exact names match.
pub fn code_map(table_levels: &[String], fitted: &[String]) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = fitted.iter().enumerate().map(|(i, l)| (l.as_str(), i)).collect();
    let mut loose: HashMap<String, Option<usize>> = HashMap::new();
    for (i, l) in fitted.iter().enumerate() {
        loose.entry(spelling_key(l)).and_modify(|p| *p = None).or_insert(Some(i));
    }
    table_levels
        .iter()
        .map(|l| index.get(l.as_str()).copied().or_else(|| loose.get(&spelling_key(l)).copied().flatten()))
        .collect()
}

/// The fitted position of each row's level (None when unseen or missing).
pub(crate) fn positions(codes: &[u32], table_levels: &[String], fitted: &[String]) -> Vec<Option<usize>> {
    let map = code_map(table_levels, fitted);
    codes.iter().map(|&c| map.get(c as usize).copied().flatten()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_levels_sort_numerically() {
        let mut l = vec!["10".to_string(), "9".into(), "1".into()];
        sort_levels(&mut l);
        assert_eq!(l, vec!["1", "9", "10"]);
        let mut l = vec!["b".to_string(), "B".into(), "a".into()];
        sort_levels(&mut l);
        assert_eq!(l, vec!["B", "a", "b"]);
    }

    #[test]
    fn counts_and_positions() {
        let levels = vec!["x".to_string(), "y".into()];
        let codes = [1, 0, 1, MISSING_CODE];
        assert_eq!(counted_levels(&codes, &levels), vec![("x".to_string(), 1), ("y".to_string(), 2)]);
        let fitted = vec!["y".to_string()];
        assert_eq!(positions(&codes, &levels, &fitted), vec![Some(0), None, Some(0), None]);
    }

    #[test]
    fn a_new_spelling_of_a_fitted_level_is_that_level() {
        let fitted = vec!["gold member".to_string(), "vip".into()];
        let new = vec!["VIP".to_string(), " Gold  Member ".into(), "gift".into()];
        assert_eq!(code_map(&new, &fitted), vec![Some(1), Some(0), None]);
        // an abbreviation's dots, not a decimal point
        let fitted = vec!["US".to_string(), "15".into()];
        assert_eq!(code_map(&["U.S.".to_string(), "1.5".into()], &fitted), vec![Some(0), None]);
        // two fitted levels that read alike: only the exact one matches
        let fitted = vec!["A".to_string(), "a".into()];
        assert_eq!(code_map(&["a".to_string(), " A".into()], &fitted), vec![Some(1), None]);
    }
}
