//! The Yeo-Johnson power transform and its maximum-likelihood λ, as scipy's `yeojohnson` /
//! `yeojohnson_normmax` compute them (bounded Brent on the negative log-likelihood, with scipy's overflow-safe
//! bounds) and scikit-learn's `PowerTransformer` calls them (λ = 1 for a constant column).
//! Transcendentals come from the `libm` crate so that λ and the values are the same natively and in wasm32.

use libm::{expm1, log, log1p};

use super::brent::fminbound;
use crate::engine::prep::stats::{is_constant_feature, mean_var, pairwise_sum};

/// Yeo-Johnson of one value.
pub fn yeo_johnson(x: f64, lambda: f64) -> f64 {
    let eps = f64::EPSILON;
    if x >= 0.0 {
        if lambda.abs() < eps {
            log1p(x)
        } else {
            expm1(lambda * log1p(x)) / lambda
        }
    } else if (lambda - 2.0).abs() > eps {
        -expm1((2.0 - lambda) * log1p(-x)) / (2.0 - lambda)
    } else {
        -log1p(-x)
    }
}

/// scipy's `yeojohnson_llf`: −n/2 · ln var(y) + (λ − 1) Σ sign(x) ln(1 + |x|).
fn log_likelihood(xs: &[f64], lambda: f64, sum_signed_log: f64) -> f64 {
    let y: Vec<f64> = xs.iter().map(|&x| yeo_johnson(x, lambda)).collect();
    let n = y.len() as f64;
    let mean = pairwise_sum(&y) / n;
    let sq: Vec<f64> = y.iter().map(|v| (v - mean) * (v - mean)).collect();
    let var = pairwise_sum(&sq) / n;
    let log_var = if var >= f64::MIN_POSITIVE { log(var) } else { f64::NEG_INFINITY };
    -n / 2.0 * log_var + (lambda - 1.0) * sum_signed_log
}

/// The λ maximising the likelihood of `xs` (NaN-free): 1 for a constant column (scikit-learn) or all zeros
/// (scipy).
pub fn fit_lambda(xs: &[f64]) -> f64 {
    let (mean, var, n) = mean_var(xs);
    if n == 0 || is_constant_feature(var, mean, n) || xs.iter().all(|&x| x == 0.0) {
        return 1.0;
    }
    let signed: Vec<f64> = xs.iter().map(|&x| x.signum() * log1p(x.abs())).collect();
    let sum_signed_log = pairwise_sum(&signed);
    let neg_llf = |l: f64| {
        let llf = log_likelihood(xs, l, sum_signed_log);
        if llf.is_infinite() || llf.is_nan() {
            f64::INFINITY
        } else {
            -llf
        }
    };
    let max_abs = xs.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    let log1p_max_x = log1p(20.0 * max_abs);
    let log_eps = log(f64::EPSILON);
    let log_tiny = (log(f64::MIN_POSITIVE) - log_eps) / 2.0;
    let log_max = (log(f64::MAX) + log_eps) / 2.0;
    let (mut lb, mut ub) = (log_tiny / log1p_max_x, log_max / log1p_max_x);
    if xs.iter().all(|&x| x < 0.0) {
        (lb, ub) = (2.0 - ub, 2.0 - lb);
    } else if xs.iter().any(|&x| x < 0.0) {
        (lb, ub) = ((2.0 - ub).max(lb), (2.0 - lb).min(ub));
    }
    fminbound(neg_llf, lb, ub, 1.48e-8, 500)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transform_matches_scipy_values() {
        // scipy.stats.yeojohnson([-2, -0.5, 0, 1, 3], 0.5)
        let got: Vec<f64> = [-2.0, -0.5, 0.0, 1.0, 3.0].iter().map(|&x| yeo_johnson(x, 0.5)).collect();
        let want = [-2.797_434_948_471_088, -0.558_078_204_724_922_4, 0.0, 0.828_427_124_746_190_1, 2.0];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
        assert_eq!(yeo_johnson(1.0, 0.0), log(2.0));
        assert_eq!(yeo_johnson(-1.0, 2.0), -log(2.0));
    }

    #[test]
    fn constant_column_keeps_lambda_one() {
        assert_eq!(fit_lambda(&[3.0, 3.0, 3.0]), 1.0);
        assert_eq!(fit_lambda(&[0.0]), 1.0);
    }

    #[test]
    fn lambda_matches_scipy_on_small_sample() {
        // scipy.stats.yeojohnson([1, 2, 3, 4, 100])[1] = -0.7178636188434965 (scipy 1.17)
        let l = fit_lambda(&[1.0, 2.0, 3.0, 4.0, 100.0]);
        assert!((l - -0.717_863_618_843_496_5).abs() < 1e-6, "{l}");
    }
}
