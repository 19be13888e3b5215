//! Per-feature statistics that match numpy / scikit-learn: variances (`VarianceThreshold`), Pearson r
//! (`numpy.corrcoef`), one-way ANOVA F and p-values (`f_classif`) and η² between segments.
//!
//! Undefined values (a constant column, fewer than two segments) are NaN here, as in numpy; the report turns
//! them into `None`. Nothing here panics on NaN input, but callers validate finiteness first.

use std::collections::BTreeMap;

use ndarray::{Array2, ArrayView1, ArrayView2};
use statrs::function::beta::checked_beta_reg;

/// Population mean and variance (ddof 0, two-pass) of one column.
pub fn mean_var(col: ArrayView1<f64>) -> (f64, f64) {
    let n = col.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let mean = col.iter().sum::<f64>() / n as f64;
    let var = col.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
    (mean, var)
}

/// Population variance (ddof 0) of every column, as sklearn's `VarianceThreshold().variances_`.
pub fn variances(x: ArrayView2<f64>) -> Vec<f64> {
    x.columns().into_iter().map(|c| mean_var(c).1).collect()
}

/// The d × d Pearson correlation matrix of the columns, as `numpy.corrcoef(x, rowvar=False)`: NaN where a
/// column is constant, clipped to [−1, 1]. Cost O(n·d²).
pub fn pearson_matrix(x: ArrayView2<f64>) -> Array2<f64> {
    let d = x.ncols();
    let centred: Vec<Vec<f64>> = x
        .columns()
        .into_iter()
        .map(|c| {
            let (m, _) = mean_var(c);
            c.iter().map(|v| v - m).collect()
        })
        .collect();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
    let ss: Vec<f64> = centred.iter().map(|c| dot(c, c)).collect();
    let mut r = Array2::from_elem((d, d), f64::NAN);
    for i in 0..d {
        for j in i..d {
            let v = if ss[i] > 0.0 && ss[j] > 0.0 {
                (dot(&centred[i], &centred[j]) / (ss[i].sqrt() * ss[j].sqrt())).clamp(-1.0, 1.0)
            } else {
                f64::NAN
            };
            r[[i, j]] = v;
            r[[j, i]] = v;
        }
    }
    r
}

/// How well one feature separates the segments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Separation {
    /// One-way ANOVA F = (SS_between / (k − 1)) / (SS_within / (n − k)); +∞ when the segments are constant
    /// but differ, NaN when undefined (k < 2, n ≤ k, constant feature).
    pub f: f64,
    /// Upper tail of F(k − 1, n − k) at `f`.
    pub p_value: f64,
    /// η² = SS_between / SS_total, in [0, 1]; NaN for a constant feature.
    pub eta_squared: f64,
}

/// Segment index of every row, with noise rows (label −1, or any negative label) as None, and the number of
/// segments.
pub fn group_index(labels: &[i32]) -> (Vec<Option<usize>>, usize) {
    // inserted one by one: collecting into a map sorts all n labels first (a few ms per re-run in wasm)
    let mut ids: BTreeMap<i32, usize> = BTreeMap::new();
    for &l in labels.iter().filter(|&&l| l >= 0) {
        ids.entry(l).or_insert(0);
    }
    // numbered in label order so that results do not depend on row order
    for (i, v) in ids.values_mut().enumerate() {
        *v = i;
    }
    let groups = labels.iter().map(|l| ids.get(l).copied()).collect();
    (groups, ids.len())
}

/// ANOVA F, its p-value and η² of every column between the segments of `labels` (noise rows left out), as
/// sklearn's `f_classif` (which computes the same sums of squares by the one-pass formula; this uses the
/// two-pass one, which loses less to cancellation).
pub fn separation(x: ArrayView2<f64>, labels: &[i32]) -> Vec<Separation> {
    let (groups, k) = group_index(labels);
    let rows: Vec<(usize, usize)> =
        groups.iter().enumerate().filter_map(|(i, g)| g.map(|g| (i, g))).collect();
    let n = rows.len();
    x.columns()
        .into_iter()
        .map(|col| {
            if k < 2 || n <= k || col.len() != labels.len() {
                return Separation { f: f64::NAN, p_value: f64::NAN, eta_squared: f64::NAN };
            }
            let mut sums = vec![0.0; k];
            let mut counts = vec![0usize; k];
            for &(i, g) in &rows {
                sums[g] += col[i];
                counts[g] += 1;
            }
            let grand = sums.iter().sum::<f64>() / n as f64;
            let means: Vec<f64> = sums.iter().zip(&counts).map(|(s, &c)| s / c as f64).collect();
            let ssb: f64 =
                means.iter().zip(&counts).map(|(m, &c)| c as f64 * (m - grand) * (m - grand)).sum();
            let ssw: f64 = rows.iter().map(|&(i, g)| (col[i] - means[g]) * (col[i] - means[g])).sum();
            let sst = ssb + ssw;
            let (d1, d2) = ((k - 1) as f64, (n - k) as f64);
            let f = if ssw > 0.0 {
                (ssb / d1) / (ssw / d2)
            } else if ssb > 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            };
            let eta_squared = if sst > 0.0 { ssb / sst } else { f64::NAN };
            Separation { f, p_value: f_survival(f, d1, d2), eta_squared }
        })
        .collect()
}

/// P(F > f) for the F distribution with (d1, d2) degrees of freedom: I_{d2/(d2 + d1·f)}(d2/2, d1/2), the
/// regularized incomplete beta function from `statrs` (pure Rust). The argument is formed directly rather than
/// as 1 − d1·f/(d1·f + d2), as statrs' own `FisherSnedecor::sf` does, to avoid a cancellation.
pub fn f_survival(f: f64, d1: f64, d2: f64) -> f64 {
    if f.is_nan() || !(d1 > 0.0 && d2 > 0.0) {
        return f64::NAN;
    }
    if f <= 0.0 {
        return 1.0;
    }
    if f.is_infinite() {
        return 0.0;
    }
    let x = d2 / (d2 + d1 * f);
    checked_beta_reg(d2 / 2.0, d1 / 2.0, x).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cluster::common::NOISE;
    use approx::assert_relative_eq;
    use ndarray::array;

    #[test]
    fn pearson_of_perfect_and_constant_columns() {
        let x = array![[1.0, 2.0, 5.0], [2.0, 4.0, 5.0], [3.0, 6.5, 5.0]];
        let r = pearson_matrix(x.view());
        assert_relative_eq!(r[[0, 0]], 1.0);
        assert!(r[[0, 1]] > 0.99 && r[[0, 1]] <= 1.0);
        assert!(r[[0, 2]].is_nan() && r[[2, 2]].is_nan());
    }

    #[test]
    fn anova_on_two_clear_groups() {
        let x = array![[0.0], [1.0], [10.0], [11.0]];
        let s = separation(x.view(), &[0, 0, 1, 1]);
        // SSB = 4 * 5^2 = 100, SSW = 4 * 0.25 = 1, F = 100 / (1 / 2) = 200
        assert_relative_eq!(s[0].f, 200.0, max_relative = 1e-12);
        assert_relative_eq!(s[0].eta_squared, 100.0 / 101.0, max_relative = 1e-12);
        assert!(s[0].p_value > 0.0 && s[0].p_value < 0.01);
    }

    #[test]
    fn anova_degenerate_cases_are_nan_not_panics() {
        let x = array![[1.0], [1.0], [1.0]];
        assert!(separation(x.view(), &[0, 1, 1])[0].f.is_nan());
        assert!(separation(x.view(), &[0, 0, 0])[0].f.is_nan());
        assert!(separation(x.view(), &[NOISE, NOISE, NOISE])[0].f.is_nan());
        let y = array![[1.0], [1.0], [2.0], [2.0]];
        assert_eq!(separation(y.view(), &[0, 0, 1, 1])[0].f, f64::INFINITY);
        assert_eq!(separation(y.view(), &[0, 0, 1, 1])[0].p_value, 0.0);
        assert!(separation(y.view(), &[0, 1])[0].f.is_nan());
    }

    #[test]
    fn f_survival_known_values() {
        // values from scipy.stats.f.sf (scipy 1.17.1)
        assert_relative_eq!(f_survival(1.0, 1.0, 1.0), 0.5, max_relative = 1e-12);
        assert_relative_eq!(f_survival(3.0, 2.0, 10.0), 0.09536743164062497, max_relative = 1e-12);
        assert_relative_eq!(f_survival(200.0, 1.0, 2.0), 0.004962809790010864, max_relative = 1e-12);
        assert_relative_eq!(f_survival(1e-8, 3.0, 500.0), 0.999999999998616, max_relative = 1e-12);
        assert_eq!(f_survival(0.0, 2.0, 10.0), 1.0);
        assert!(f_survival(1.0, 0.0, 10.0).is_nan());
    }
}
