//! Column statistics computed exactly the way numpy / scikit-learn compute them (quantile interpolation,
//! two-pass variance, the "is this column constant" test), so that fitted values match the reference to the
//! last few ulps. Pure functions over slices; callers remove missing values first.

use std::cmp::Ordering;

/// The values of `xs` that are not NaN, sorted ascending.
pub(crate) fn sorted_present(xs: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    v
}

/// numpy's `_lerp`: `a + (b - a) t`, computed from the nearer end for `t >= 0.5`.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if t >= 0.5 {
        b - d * (1.0 - t)
    } else {
        a + d * t
    }
}

/// `np.percentile(sorted, 100 q)` with the default "linear" method (Hyndman & Fan type 7).
/// `sorted` must be ascending and NaN-free; an empty slice gives NaN.
pub(crate) fn quantile_linear(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let v = (n as f64 - 1.0) * q;
    let (lo, hi) = if v >= n as f64 - 1.0 {
        (n - 1, n - 1)
    } else if v < 0.0 {
        (0, 0)
    } else {
        let lo = v.floor() as usize;
        (lo, lo + 1)
    };
    lerp(sorted[lo], sorted[hi], v - v.floor())
}

/// `np.percentile(sorted, 100 q, method="averaged_inverted_cdf")` — what scikit-learn 1.9's quantile
/// `KBinsDiscretizer` uses. `sorted` must be ascending and NaN-free.
pub(crate) fn quantile_averaged_inverted_cdf(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let v = n as f64 * q - 1.0;
    let prev = v.floor();
    let gamma = if v - prev == 0.0 { 0.5 } else { 1.0 };
    let (lo, hi) = if v >= n as f64 - 1.0 {
        (n - 1, n - 1)
    } else if v < 0.0 {
        (0, 0)
    } else {
        (prev as usize, prev as usize + 1)
    };
    lerp(sorted[lo], sorted[hi], gamma)
}

/// The values at positions `i` and `i + 1` (`i` twice at the end) of `values` sorted by `f64::total_cmp`,
/// found by selection in O(n) rather than by sorting (`values` is reordered). Profiles and box plots take
/// medians and quartiles of every feature in every segment on each re-run: sorting them cost ~18 ms of a
/// 10k-row re-run's worker time in wasm. `ordered_pair_equals_sorting` checks it against a sort.
pub(crate) fn ordered_pair(values: &mut [f64], i: usize) -> (f64, f64) {
    let (_, at, above) = values.select_nth_unstable_by(i, f64::total_cmp);
    let at = *at;
    let next = above.iter().copied().min_by(f64::total_cmp).unwrap_or(at);
    (at, next)
}

/// [`median_sorted`] of `values` in any order (reordered by selection; NaN-free).
pub(crate) fn median_unsorted(values: &mut [f64]) -> f64 {
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => ordered_pair(values, n / 2).0,
        _ => {
            let (a, b) = ordered_pair(values, n / 2 - 1);
            (a + b) / 2.0
        }
    }
}

/// Median as `np.median` computes it (mean of the two middle values for an even count).
pub(crate) fn median_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Mean and population variance (ddof = 0) of the non-NaN values, computed as scikit-learn's
/// `_incremental_mean_and_var` does from scratch: sum / n, then a corrected two-pass variance.
/// Returns `(mean, var, n)`; `(NaN, NaN, 0)` when nothing is present.
pub(crate) fn mean_var(xs: &[f64]) -> (f64, f64, usize) {
    let present = xs.iter().filter(|x| !x.is_nan());
    let n = present.clone().count();
    if n == 0 {
        return (f64::NAN, f64::NAN, 0);
    }
    let mean = pairwise_sum(&xs.iter().copied().filter(|x| !x.is_nan()).collect::<Vec<_>>()) / n as f64;
    let dev: Vec<f64> = present.map(|x| x - mean).collect();
    let correction = pairwise_sum(&dev);
    let sq: Vec<f64> = dev.iter().map(|d| d * d).collect();
    let unnormalised = pairwise_sum(&sq) - correction * correction / n as f64;
    (mean, unnormalised / n as f64, n)
}

/// scikit-learn's `_is_constant_feature`: the variance is within the error bound of the two-pass algorithm.
pub(crate) fn is_constant_feature(var: f64, mean: f64, n: usize) -> bool {
    let eps = f64::EPSILON;
    let n = n as f64;
    let bound = n * eps * var + (n * mean * eps).powi(2);
    var <= bound
}

/// scikit-learn's `_handle_zeros_in_scale` for one scale: values below `10 eps` (and non-finite ones) become 1.
pub(crate) fn nonzero_scale(scale: f64) -> f64 {
    if !scale.is_finite() || scale < 10.0 * f64::EPSILON {
        1.0
    } else {
        scale
    }
}

/// numpy's pairwise summation (blocks of 8 partial sums below 128 elements, recursive halving above), so
/// that means agree with numpy to the last bit in the common case.
pub(crate) fn pairwise_sum(xs: &[f64]) -> f64 {
    let n = xs.len();
    if n < 8 {
        let mut s = -0.0;
        for &x in xs {
            s += x;
        }
        s
    } else if n <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&xs[..8]);
        let mut i = 8;
        while i + 8 <= n {
            for j in 0..8 {
                r[j] += xs[i + j];
            }
            i += 8;
        }
        let mut s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &xs[i..] {
            s += x;
        }
        s
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&xs[..n2]) + pairwise_sum(&xs[n2..])
    }
}

/// The most frequent value among the non-NaN values; ties go to the smallest value (as scikit-learn's
/// `SimpleImputer(strategy="most_frequent")`). `None` when nothing is present.
pub(crate) fn most_frequent(xs: &[f64]) -> Option<f64> {
    let sorted = sorted_present(xs);
    let mut best: Option<(f64, usize)> = None;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        if best.is_none_or(|(_, c)| j - i > c) {
            best = Some((sorted[i], j - i));
        }
        i = j;
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_pair_equals_sorting() {
        let mut x = 0x2545_f491_u64;
        for n in [1usize, 2, 3, 8, 9, 100, 1001] {
            let values: Vec<f64> = (0..n)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // repeats, negative zero and both signs
                    if i % 5 == 0 {
                        -0.0
                    } else {
                        ((x % 41) as f64 - 20.0) / 4.0
                    }
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for i in 0..n {
                let next = sorted[(i + 1).min(n - 1)];
                let got = ordered_pair(&mut values.clone(), i);
                assert_eq!(
                    (got.0.to_bits(), got.1.to_bits()),
                    (sorted[i].to_bits(), next.to_bits()),
                    "n {n} i {i}"
                );
            }
            assert_eq!(
                median_unsorted(&mut values.clone()).to_bits(),
                median_sorted(&sorted).to_bits(),
                "n {n}"
            );
        }
        assert!(median_unsorted(&mut []).is_nan());
    }

    #[test]
    fn linear_quantile_matches_numpy() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_linear(&x, 0.25), 1.75);
        assert_eq!(quantile_linear(&x, 0.5), 2.5);
        assert_eq!(quantile_linear(&x, 1.0), 4.0);
        assert_eq!(quantile_linear(&[7.0], 0.3), 7.0);
        assert!(quantile_linear(&[], 0.5).is_nan());
    }

    #[test]
    fn averaged_inverted_cdf_matches_numpy() {
        // np.percentile([1,2,3,4], [0, 25, 50, 60, 100], method="averaged_inverted_cdf") = [1, 1.5, 2.5, 3, 4]
        let x = [1.0, 2.0, 3.0, 4.0];
        let got: Vec<f64> =
            [0.0, 0.25, 0.5, 0.6, 1.0].iter().map(|&q| quantile_averaged_inverted_cdf(&x, q)).collect();
        assert_eq!(got, vec![1.0, 1.5, 2.5, 3.0, 4.0]);
    }

    #[test]
    fn mean_var_ignores_nan_and_is_population() {
        let (m, v, n) = mean_var(&[1.0, f64::NAN, 3.0]);
        assert_eq!((m, v, n), (2.0, 1.0, 2));
        assert!(is_constant_feature(0.0, 5.0, 3));
        assert!(!is_constant_feature(1.0, 5.0, 3));
    }

    #[test]
    fn most_frequent_prefers_smallest_on_ties() {
        assert_eq!(most_frequent(&[3.0, 1.0, 3.0, 1.0, 2.0]), Some(1.0));
        assert_eq!(most_frequent(&[f64::NAN]), None);
    }

    #[test]
    fn pairwise_sum_is_a_sum() {
        let x: Vec<f64> = (1..=1000).map(f64::from).collect();
        assert_eq!(pairwise_sum(&x), 500_500.0);
        assert_eq!(median_sorted(&[1.0, 2.0]), 1.5);
    }
}
