//! Special functions the lifetime models need: log-gamma (libm's port of musl `lgamma`), digamma, and the
//! Gauss hypergeometric series in the Euler-transformed form that BG/NBD's conditional expectation uses.
//!
//! Digamma and the hypergeometric series are written here because no small, wasm-clean crate offers them;
//! the unit tests pin them to scipy's values (`scipy.special.digamma`, `scipy.special.hyp2f1`).

/// ln Γ(x) for x > 0 (accurate to a few ulp; +∞ at 0).
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic
/// series (truncation error below 1e-15 there). NaN for x ≤ 0 or NaN.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    let mut x = x;
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    // Bernoulli terms: 1/12, 1/120, 1/252, 1/240, 1/132, 691/32760
    let series = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2 * (1.0 / 240.0 - inv2 * (1.0 / 132.0 - inv2 * 691.0 / 32760.0)))));
    acc + super::portable::ln(x) - 0.5 * inv - series
}

/// Terms summed at most by [`hyp2f1_series`]; reached only when z is within about 1e-4 of 1.
pub const HYP2F1_MAX_TERMS: usize = 100_000;

/// ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1 and c not a non-positive integer; the sum stops when a
/// term no longer changes it (relative 1e-17). NaN outside that domain, on overflow, or when
/// [`HYP2F1_MAX_TERMS`] terms do not reach that point.
pub fn hyp2f1_series(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !((0.0..1.0).contains(&z) && a.is_finite() && b.is_finite() && c.is_finite()) {
        return f64::NAN;
    }
    let mut sum = 1.0;
    let mut term = 1.0;
    for n in 0..HYP2F1_MAX_TERMS {
        let k = n as f64;
        let denom = (c + k) * (k + 1.0);
        if denom == 0.0 {
            return f64::NAN;
        }
        term *= (a + k) * (b + k) / denom * z;
        sum += term;
        if !sum.is_finite() {
            return f64::NAN;
        }
        if term.abs() <= 1e-17 * sum.abs() || term == 0.0 {
            return sum;
        }
    }
    f64::NAN
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn ln_gamma_known_values() {
        assert_relative_eq!(ln_gamma(1.0), 0.0, epsilon = 1e-15);
        assert_relative_eq!(ln_gamma(0.5), 0.5 * std::f64::consts::PI.ln(), max_relative = 1e-14);
        assert_relative_eq!(ln_gamma(10.0), 362_880f64.ln(), max_relative = 1e-14);
    }

    #[test]
    fn digamma_matches_scipy() {
        // scipy.special.digamma
        let cases = [
            (1.0, -0.5772156649015329),
            (0.243, -4.351093864423211),
            (2.5, 0.7031566406452432),
            (6.0, 1.7061176684318005),
            (123.4, 4.8113737751162775),
        ];
        for (x, want) in cases {
            assert_relative_eq!(digamma(x), want, max_relative = 1e-12);
        }
        assert!(digamma(0.0).is_nan() && digamma(-1.0).is_nan());
    }

    #[test]
    fn hyp2f1_matches_scipy() {
        // scipy.special.hyp2f1
        assert_relative_eq!(hyp2f1_series(1.0, 1.0, 2.0, 0.5), 2f64.ln() / 0.5, max_relative = 1e-14);
        assert_relative_eq!(
            hyp2f1_series(2.476, 1.426, 5.219, 0.3),
            1.2555269121631378,
            max_relative = 1e-12
        );
        assert_relative_eq!(hyp2f1_series(-0.5, 0.7, 3.0, 0.95), 0.8729778229823687, max_relative = 1e-12);
        assert!(hyp2f1_series(1.0, 1.0, 2.0, 1.0).is_nan());
        assert!(hyp2f1_series(1.0, 1.0, 0.0, 0.5).is_nan());
    }
}
