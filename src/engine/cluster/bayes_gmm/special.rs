//! Special functions for variational inference: digamma (written here: recurrence to x ≥ 12, then the
//! asymptotic series; ≈1e-15 relative), log-gamma (from `libm`, a pure-Rust port of musl) and log-beta.

/// ψ(x) for x > 0 (NaN otherwise; the mixture only evaluates positive arguments).
pub fn digamma(mut x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return if x == f64::INFINITY { f64::INFINITY } else { f64::NAN };
    }
    let mut r = 0.0;
    while x < 12.0 {
        r -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    let series =
        f * (1.0 / 12.0 - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f * (1.0 / 132.0)))));
    r + x.ln() - 0.5 / x - series
}

/// ln Γ(x).
pub fn lgamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
pub fn betaln(a: f64, b: f64) -> f64 {
    lgamma(a) + lgamma(b) - lgamma(a + b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digamma_known_values() {
        // ψ(1) = −γ, ψ(0.5) = −γ − 2 ln 2, ψ(10) from scipy.special.digamma
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-14);
        assert!((digamma(0.5) + euler + 2.0 * 2f64.ln()).abs() < 1e-14);
        assert!((digamma(10.0) - 2.251_752_589_066_721).abs() < 1e-14);
        assert!((digamma(1e-3) - (-1000.5755719318103)).abs() < 1e-9);
        assert!(digamma(-1.0).is_nan());
    }

    #[test]
    fn lgamma_and_betaln() {
        assert!((lgamma(5.0) - 24f64.ln()).abs() < 1e-14);
        assert!((betaln(2.0, 3.0) - (1.0f64 / 12.0).ln()).abs() < 1e-14);
    }
}
