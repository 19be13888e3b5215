//! One-hot encoding with rare-level grouping, as scikit-learn's `OneHotEncoder(min_frequency=…,
//! max_categories=…, handle_unknown="infrequent_if_exist")`, the infrequent column called `"<column>_other"`.

/// Which levels keep their own column and which are grouped into "other".
pub(crate) fn split_levels(
    counted: &[(String, usize)],
    n_rows: usize,
    min_share: f64,
    max_columns: usize,
) -> (Vec<String>, Vec<String>) {
    let min_count = n_rows as f64 * min_share;
    let mut infrequent: Vec<bool> = counted.iter().map(|(_, c)| (*c as f64) < min_count).collect();
    let n_current = counted.len() - infrequent.iter().filter(|&&i| i).count() + 1;
    if max_columns < n_current {
        let frequent = max_columns - 1;
        if frequent == 0 {
            infrequent.iter_mut().for_each(|i| *i = true);
        } else {
            // stable ascending sort by count; all but the last `frequent` are grouped
            let mut order: Vec<usize> = (0..counted.len()).collect();
            order.sort_by_key(|&i| counted[i].1);
            for &i in &order[..order.len().saturating_sub(frequent)] {
                infrequent[i] = true;
            }
        }
    }
    let mut kept = Vec::new();
    let mut grouped = Vec::new();
    for ((level, _), inf) in counted.iter().zip(infrequent) {
        if inf {
            grouped.push(level.clone());
        } else {
            kept.push(level.clone());
        }
    }
    (kept, grouped)
}

/// The output column names: one per kept level, then "other" when anything is grouped.
pub(crate) fn column_names(column: &str, kept: &[String], other: bool) -> Vec<String> {
    let mut names: Vec<String> = kept.iter().map(|l| format!("{column}_{l}")).collect();
    if other {
        let mut name = format!("{column}_other");
        while names.contains(&name) {
            name.push('_');
        }
        names.push(name);
    }
    names
}

/// The 0/1 columns for rows whose kept-level positions are `pos` (`None` = grouped or unseen → "other" when
/// it exists, else all zeros).
pub(crate) fn encode(pos: &[Option<usize>], n_kept: usize, other: bool) -> Vec<Vec<f64>> {
    let width = n_kept + usize::from(other);
    let mut cols = vec![vec![0.0; pos.len()]; width];
    for (r, p) in pos.iter().enumerate() {
        match p {
            Some(j) => cols[*j][r] = 1.0,
            None if other => cols[n_kept][r] = 1.0,
            None => {}
        }
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(v: &[(&str, usize)]) -> Vec<(String, usize)> {
        v.iter().map(|(l, c)| (l.to_string(), *c)).collect()
    }

    #[test]
    fn rare_levels_grouped() {
        let c = counted(&[("a", 50), ("b", 1), ("c", 49)]);
        let (kept, grouped) = split_levels(&c, 100, 0.05, 20);
        assert_eq!((kept, grouped), (vec!["a".to_string(), "c".into()], vec!["b".to_string()]));
    }

    #[test]
    fn max_columns_reserves_other_like_sklearn() {
        // sklearn OneHotEncoder(max_categories=3) on counts a=5, b=5, c=5: a is grouped
        let c = counted(&[("a", 5), ("b", 5), ("c", 5)]);
        let (kept, grouped) = split_levels(&c, 15, 0.0, 3);
        assert_eq!((kept, grouped), (vec!["b".to_string(), "c".into()], vec!["a".to_string()]));
        let (kept, _) = split_levels(&c, 15, 0.0, 1);
        assert!(kept.is_empty());
    }

    #[test]
    fn unseen_goes_to_other_or_zeros() {
        assert_eq!(encode(&[Some(0), None], 1, true), vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
        assert_eq!(encode(&[Some(0), None], 1, false), vec![vec![1.0, 0.0]]);
        assert_eq!(column_names("G", &["other".into()], true), vec!["G_other", "G_other_"]);
    }
}
