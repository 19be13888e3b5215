//! The unsupervised filters: near-constant features (variance threshold) and correlated pairs (keep the one
//! that varies more). They need no clustering.

use ndarray::{Array2, ArrayView1, ArrayView2};
use serde::{Deserialize, Serialize};

use super::stats::mean_var;

/// The spread of one feature, as the filters see it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Population variance (ddof 0, NaN skipped) on the unscaled values when given, else on the prepared
    /// matrix; 0 for a column without values or with infinite ones.
    pub variance: f64,
    /// True when `variance` is on the unscaled (original) values.
    pub on_original: bool,
    /// Coefficient of variation std/|mean| on the unscaled values; None without them or when |mean| is 0
    /// or tiny (≤ 1e-12·std).
    pub relative_std: Option<f64>,
}

/// The spread of every column: of `unscaled` when given (it must have the shape of `x`), else of `x`.
pub fn spreads<'a>(x: ArrayView2<'a, f64>, unscaled: Option<ArrayView2<'a, f64>>) -> Vec<Spread> {
    let (m, on_original) = match unscaled {
        Some(u) => (u, true),
        None => (x, false),
    };
    m.columns()
        .into_iter()
        .map(|c| {
            // NaN (missing) values are skipped; a column with no values counts as constant
            let present: Vec<f64> = c.iter().copied().filter(|v| !v.is_nan()).collect();
            let (mean, variance) = mean_var(ArrayView1::from(&present));
            let variance = if variance.is_finite() { variance } else { 0.0 };
            let std = variance.sqrt();
            let relative_std = (on_original && mean.abs() > 1e-12 * std && mean != 0.0)
                .then(|| std / mean.abs())
                .filter(|v| v.is_finite());
            Spread { variance, on_original, relative_std }
        })
        .collect()
}

/// True when the feature is near-constant: variance ≤ `threshold` (sklearn's `VarianceThreshold` keeps
/// `variance > threshold`), or coefficient of variation below `min_relative_std`.
pub fn near_constant(s: &Spread, threshold: f64, min_relative_std: f64) -> bool {
    s.variance <= threshold || s.relative_std.is_some_and(|c| c < min_relative_std)
}

/// A feature dropped for being correlated with one that is kept.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CorrelatedDrop {
    /// The kept partner.
    pub partner: usize,
    /// Pearson r with the partner.
    pub r: f64,
}

/// True when `a` varies more than `b`: by coefficient of variation when both have one (unit-free, so a
/// dollar column does not win over a 0–1 frequency by its units alone), else by variance; ties → the
/// earlier column.
pub fn varies_more(spread: &[Spread], a: usize, b: usize) -> bool {
    let key = |i: usize| match (spread[a].relative_std, spread[b].relative_std) {
        (Some(_), Some(_)) => spread[i].relative_std.unwrap_or(0.0),
        _ => spread[i].variance,
    };
    let (ka, kb) = (key(a), key(b));
    ka > kb || (ka == kb && a < b)
}

/// Correlation pruning: of every pair with |r| > `threshold`, taken from the most correlated down, while
/// both are still in, drop the one that varies less ([`varies_more`]). `eligible[i]` false leaves feature i
/// out of every pair (already dropped for another reason). Returns, per feature, the drop and its partner.
pub fn correlation_prune(
    r: &Array2<f64>,
    spread: &[Spread],
    eligible: &[bool],
    threshold: f64,
) -> Vec<Option<CorrelatedDrop>> {
    let d = eligible.len().min(spread.len()).min(r.nrows()).min(r.ncols());
    let mut pairs = Vec::new();
    for i in 0..d {
        for j in i + 1..d {
            let v = r[[i, j]];
            if eligible[i] && eligible[j] && v.abs() > threshold {
                pairs.push((v.abs(), i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<Option<CorrelatedDrop>> = vec![None; eligible.len()];
    for (_, i, j) in pairs {
        if out[i].is_some() || out[j].is_some() {
            continue;
        }
        let (keep, drop) = if varies_more(spread, i, j) { (i, j) } else { (j, i) };
        out[drop] = Some(CorrelatedDrop { partner: keep, r: r[[i, j]] });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::selection::stats::pearson_matrix;
    use ndarray::array;

    #[test]
    fn constant_and_tiny_relative_spread_are_near_constant() {
        let u = array![[5.0, 1000.0, 1.0], [5.0, 1000.001, 2.0], [5.0, 999.999, 3.0]];
        let s = spreads(u.view(), Some(u.view()));
        assert!(near_constant(&s[0], 0.0, 1e-3));
        assert!(near_constant(&s[1], 0.0, 1e-3));
        assert!(!near_constant(&s[2], 0.0, 1e-3));
        assert!(near_constant(&s[2], 1.0, 1e-3));
    }

    #[test]
    fn keeps_the_feature_that_varies_more() {
        // b = 2a + small noise: same relative spread except the noise; c independent
        let u = array![[1.0, 10.0, 3.0], [2.0, 30.0, 1.0], [3.0, 50.0, 2.0], [4.0, 80.0, 5.0]];
        let s = spreads(u.view(), Some(u.view()));
        let r = pearson_matrix(u.view());
        let out = correlation_prune(&r, &s, &[true; 3], 0.9);
        let keep_first = varies_more(&s, 0, 1);
        let dropped = if keep_first { 1 } else { 0 };
        assert_eq!(out[dropped].map(|c| c.partner), Some(1 - dropped));
        assert!(out[2].is_none() && out[1 - dropped].is_none());
    }

    #[test]
    fn ineligible_features_take_no_part() {
        let u = array![[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]];
        let s = spreads(u.view(), None);
        let r = pearson_matrix(u.view());
        assert_eq!(correlation_prune(&r, &s, &[false, true], 0.9), vec![None, None]);
        // without unscaled values the variance decides
        assert_eq!(correlation_prune(&r, &s, &[true, true], 0.9)[0].map(|c| c.partner), Some(1));
        // equal spread: the earlier column is kept
        let same = array![[1.0, 1.0], [2.0, 2.0], [4.0, 4.0]];
        let s = spreads(same.view(), None);
        let r = pearson_matrix(same.view());
        assert_eq!(correlation_prune(&r, &s, &[true, true], 0.9)[1].map(|c| c.partner), Some(0));
    }
}
