//! Per-segment statistics in original units: size and share, NaN-aware mean and median of numeric features,
//! level shares of categorical features, and z-scores of segment means against the whole population.
//!
//! Missing values (NaN, ±∞, [`MISSING_CODE`]) are skipped. The population is every row given, noise included;
//! its std is the population std (ddof 0). A z-score is None when the population std is 0 (a constant
//! feature) or a mean is undefined (no values).

use serde::{Deserialize, Serialize};

use crate::engine::table::MISSING_CODE;

/// A numeric feature: its column name and the values of the clustered rows (NaN = missing).
#[derive(Debug, Clone, Copy)]
pub struct NumericFeature<'a> {
    pub name: &'a str,
    pub values: &'a [f64],
}

/// A categorical feature: its column name, one code per clustered row ([`MISSING_CODE`] = missing, a code
/// without a level counts as missing too) and the level names.
#[derive(Debug, Clone, Copy)]
pub struct CategoricalFeature<'a> {
    pub name: &'a str,
    pub codes: &'a [u32],
    pub levels: &'a [String],
}

/// Mean, population std (ddof 0) and median of the finite values; None when there are none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub median: Option<f64>,
    /// Values skipped as missing.
    pub missing: usize,
}

/// The moments of `values` at `rows`.
pub fn moments(values: &[f64], rows: impl Iterator<Item = usize>) -> Moments {
    let mut v: Vec<f64> = Vec::new();
    let mut missing = 0;
    for i in rows {
        match values.get(i) {
            Some(x) if x.is_finite() => v.push(*x),
            _ => missing += 1,
        }
    }
    if v.is_empty() {
        return Moments { mean: None, std: None, median: None, missing };
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let std = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt();
    let median = crate::engine::prep::stats::median_unsorted(&mut v);
    // sums of huge values can overflow: then mean and std are undefined, the median is not
    let mean = Some(mean).filter(|m| m.is_finite());
    let std = mean.and(Some(std)).filter(|s| s.is_finite());
    Moments { mean, std, median: Some(median), missing }
}

/// z = (segment mean − population mean) / population std, when defined.
pub fn z_score(segment_mean: Option<f64>, population: &Moments) -> Option<f64> {
    let (m, pm, ps) = (segment_mean?, population.mean?, population.std?);
    // a constant column's std is rounding noise (4.95 on every row: ~1e-15), which made its segment means,
    // equal up to that noise, "Very high order shipping amount"
    (ps > 0.0 && ps > 1e-10 * pm.abs()).then(|| (m - pm) / ps).filter(|z| z.is_finite())
}

#[cfg(test)]
mod constant_tests {
    use super::*;

    #[test]
    fn a_constant_column_sets_no_segment_apart() {
        let values = vec![4.95; 1000];
        let population = moments(&values, 0..1000);
        let segment = moments(&values, 0..7);
        assert_eq!(z_score(segment.mean, &population), None, "{population:?}");
        let varied: Vec<f64> = (0..100).map(|i| 4.95 + f64::from(i % 2)).collect();
        assert!(z_score(Some(5.95), &moments(&varied, 0..100)).is_some_and(|z| (z - 1.0).abs() < 0.02));
    }
}

/// One numeric feature within one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericSummary {
    pub feature: String,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// The segment mean as a z-score against the population.
    pub z: Option<f64>,
    pub missing: usize,
}

/// One level of a categorical feature within one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelShare {
    pub level: String,
    pub count: usize,
    /// Share of the segment's non-missing values.
    pub share: f64,
    /// Share in the whole population.
    pub population_share: f64,
    /// (share − population share) / sqrt(p(1 − p)) with p the population share: the z-score of the level's
    /// indicator, comparable with the numeric z-scores; None when p is 0 or 1.
    pub z: Option<f64>,
}

/// One categorical feature within one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoricalSummary {
    pub feature: String,
    /// Every level, in level order.
    pub levels: Vec<LevelShare>,
    pub missing: usize,
}

/// Counts of each level at `rows` and the number missing.
fn level_counts(f: &CategoricalFeature<'_>, rows: &[usize]) -> (Vec<usize>, usize) {
    let mut counts = vec![0usize; f.levels.len()];
    let mut missing = 0;
    for &i in rows {
        match f.codes.get(i).copied() {
            Some(c) if c != MISSING_CODE && (c as usize) < counts.len() => counts[c as usize] += 1,
            _ => missing += 1,
        }
    }
    (counts, missing)
}

/// The summary of a categorical feature on `rows`, against the population rows `all`.
pub fn categorical_summary(f: &CategoricalFeature<'_>, rows: &[usize], all: &[usize]) -> CategoricalSummary {
    let (counts, missing) = level_counts(f, rows);
    let (pop, _) = level_counts(f, all);
    let total: usize = counts.iter().sum();
    let pop_total: usize = pop.iter().sum();
    let levels = f
        .levels
        .iter()
        .enumerate()
        .map(|(l, level)| {
            let share = if total > 0 { counts[l] as f64 / total as f64 } else { 0.0 };
            let p = if pop_total > 0 { pop[l] as f64 / pop_total as f64 } else { 0.0 };
            let z = (total > 0 && p > 0.0 && p < 1.0).then(|| (share - p) / (p * (1.0 - p)).sqrt());
            LevelShare { level: level.clone(), count: counts[l], share, population_share: p, z }
        })
        .collect();
    CategoricalSummary { feature: f.name.to_string(), levels, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_skip_missing_values() {
        let v = [1.0, f64::NAN, 3.0, f64::INFINITY, 5.0, 7.0];
        let m = moments(&v, 0..v.len());
        assert_eq!(m.mean, Some(4.0));
        assert_eq!(m.median, Some(4.0));
        assert_eq!(m.missing, 2);
        assert_eq!(m.std, Some(5.0f64.sqrt()));
        let none = moments(&v, [1usize, 3, 99].into_iter());
        assert_eq!((none.mean, none.median, none.missing), (None, None, 3));
    }

    #[test]
    fn z_is_none_for_constant_population() {
        let pop = moments(&[2.0, 2.0], 0..2);
        assert_eq!(z_score(Some(2.0), &pop), None);
        let pop = moments(&[0.0, 2.0], 0..2);
        assert_eq!(z_score(Some(2.0), &pop), Some(1.0));
        assert_eq!(z_score(None, &pop), None);
    }

    #[test]
    fn level_shares_and_z() {
        let levels = vec!["Female".to_string(), "Male".to_string()];
        let codes = [0, 0, 1, 1, MISSING_CODE, 7];
        let f = CategoricalFeature { name: "Gender", codes: &codes, levels: &levels };
        let s = categorical_summary(&f, &[0, 1, 4], &[0, 1, 2, 3, 4, 5]);
        assert_eq!(s.missing, 1);
        assert_eq!(s.levels[0].share, 1.0);
        assert_eq!(s.levels[0].population_share, 0.5);
        assert_eq!(s.levels[0].z, Some(1.0));
        let empty = categorical_summary(&f, &[], &[]);
        assert!(empty.levels.iter().all(|l| l.z.is_none() && l.share == 0.0));
    }
}
