//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): maximum-likelihood
//! fit on (frequency, recency, T), P(alive), and expected purchases in the next t periods — the same
//! formulas as lifetimes' `BetaGeoFitter`, computed in log space.

use serde::{Deserialize, Serialize};

use super::error::{LifetimeError, Result};
use super::fit_driver::minimise;
use super::history::{check_histories, History};
use super::params::FitParams;
use super::portable::{exp, exp_m1, ln, ln_1p};
use super::special::{digamma, hyp2f1_series, ln_gamma};
use crate::engine::cluster::common::FitInfo;
use crate::engine::progress::Monitor;

/// A fitted BG/NBD model: purchase rates ~ Gamma(r, α), dropout probabilities ~ Beta(a, b); α is in the time
/// unit of the histories it was fitted on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgNbdModel {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    /// Total log-likelihood of the fitted data (without the penalty).
    pub log_likelihood: f64,
    pub n_customers: usize,
    pub fit: FitInfo,
}

/// Customers grouped by frequency, so the log-gamma terms are computed once per distinct x.
struct Data {
    xs: Vec<f64>,
    x_count: Vec<f64>,
    /// Per customer: index into `xs`, scaled recency, scaled T.
    rows: Vec<(usize, f64, f64)>,
}

impl Data {
    fn new(data: &[History], scale: f64) -> Data {
        let mut xs: Vec<f64> = data.iter().map(|h| h.frequency).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        let mut x_count = vec![0.0; xs.len()];
        let rows = data
            .iter()
            .map(|h| {
                let i = xs.partition_point(|&x| x < h.frequency);
                x_count[i] += 1.0;
                (i, h.recency * scale, h.t * scale)
            })
            .collect();
        Data { xs, x_count, rows }
    }
}

/// Mean negative log-likelihood (plus penalty) and its gradient with respect to the log-parameters.
fn objective(theta: &[f64], d: &Data, penalizer: f64) -> (f64, Vec<f64>) {
    let p: Vec<f64> = theta.iter().map(|&t| exp(t)).collect();
    if p.iter().any(|v| !v.is_finite() || *v <= 0.0) {
        return (f64::INFINITY, vec![f64::NAN; 4]);
    }
    let (r, al, a, b) = (p[0], p[1], p[2], p[3]);
    let mut ll = 0.0;
    let mut g = [0.0; 4];
    let (lg_r, lg_ab, lg_b, ln_al) = (ln_gamma(r), ln_gamma(a + b), ln_gamma(b), ln(al));
    let (dg_r, dg_ab, dg_b) = (digamma(r), digamma(a + b), digamma(b));
    for (&x, &w) in d.xs.iter().zip(&d.x_count) {
        let a12 = ln_gamma(r + x) - lg_r + r * ln_al + lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x);
        ll += w * a12;
        let dg_abx = digamma(a + b + x);
        g[0] += w * (digamma(r + x) - dg_r + ln_al);
        g[1] += w * r / al;
        g[2] += w * (dg_ab - dg_abx);
        g[3] += w * (dg_ab + digamma(b + x) - dg_b - dg_abx);
    }
    for &(i, rec, t) in &d.rows {
        let x = d.xs[i];
        let (ln_t, ln_rec) = (ln(al + t), ln(al + rec));
        let a3 = -(r + x) * ln_t;
        if x > 0.0 {
            let a4 = ln(a) - ln(b + x - 1.0) - (r + x) * ln_rec;
            let m = a3.max(a4);
            let (e3, e4) = (exp(a3 - m), exp(a4 - m));
            let lse = m + ln(e3 + e4);
            let (w3, w4) = (e3 / (e3 + e4), e4 / (e3 + e4));
            ll += lse;
            g[0] -= w3 * ln_t + w4 * ln_rec;
            g[1] -= (r + x) * (w3 / (al + t) + w4 / (al + rec));
            g[2] += w4 / a;
            g[3] -= w4 / (b + x - 1.0);
        } else {
            ll += a3;
            g[0] -= ln_t;
            g[1] -= (r + x) / (al + t);
        }
    }
    let n = d.rows.len() as f64;
    let f = -ll / n + penalizer * p.iter().map(|v| v * v).sum::<f64>();
    let grad = (0..4).map(|k| -g[k] * p[k] / n + 2.0 * penalizer * p[k] * p[k]).collect();
    (if f.is_nan() { f64::INFINITY } else { f }, grad)
}

impl BgNbdModel {
    /// Fits the model to `data` by maximum likelihood, as lifetimes' `BetaGeoFitter.fit` does: time is scaled
    /// so the largest T is 1, log-parameters start at 0.1, BFGS (gradient tolerance `params.tolerance`), with a
    /// Nelder–Mead restart if BFGS does not converge. Needs a repeat customer and some observation time.
    pub fn fit(data: &[History], params: &FitParams, monitor: &mut dyn Monitor) -> Result<BgNbdModel> {
        let params = params.check()?;
        check_histories(data)?;
        if data.iter().all(|h| h.frequency == 0.0) {
            return Err(LifetimeError::NoRepeatCustomers { customers: data.len() });
        }
        let max_t = data.iter().map(|h| h.t).fold(0.0, f64::max);
        if max_t <= 0.0 {
            return Err(LifetimeError::NoObservationTime);
        }
        let started = monitor.now_ms();
        let scale = 1.0 / max_t;
        let d = Data::new(data, scale);
        let penalizer = params.get().penalizer;
        let f = |theta: &[f64]| objective(theta, &d, penalizer);
        let (best, notes) = minimise(&f, 4, &params, "BG/NBD fit", monitor)?;
        let p: Vec<f64> = best.x.iter().map(|&t| exp(t)).collect();
        let mut model = BgNbdModel {
            r: p[0],
            alpha: p[1] / scale,
            a: p[2],
            b: p[3],
            log_likelihood: f64::NAN,
            n_customers: data.len(),
            fit: FitInfo { iterations: best.iterations, converged: best.converged, elapsed_ms: 0.0, notes },
        };
        let unscaled = Data::new(data, 1.0);
        let theta = [ln(model.r), ln(model.alpha), ln(model.a), ln(model.b)];
        model.log_likelihood = -objective(&theta, &unscaled, 0.0).0 * data.len() as f64;
        model.fit.elapsed_ms = monitor.now_ms() - started;
        super::believable::settled(model.fit.converged, [model.r, model.alpha, model.a, model.b])?;
        super::believable::purchase_rate(model.r, model.alpha, data)?;
        Ok(model)
    }

    /// P(alive | x, t_x, T): the probability that the customer has not dropped out (1 without repeats).
    pub fn p_alive(&self, h: &History) -> f64 {
        if h.frequency == 0.0 {
            return 1.0;
        }
        let log_div = self.log_odds_dead(h);
        // expit(-log_div), stable for both signs
        if log_div >= 0.0 {
            let e = exp(-log_div);
            e / (1.0 + e)
        } else {
            1.0 / (1.0 + exp(log_div))
        }
    }

    /// ln(P(dead) / P(alive)) for a customer with repeat purchases.
    fn log_odds_dead(&self, h: &History) -> f64 {
        let x = h.frequency;
        (self.r + x) * ln((self.alpha + h.t) / (self.alpha + h.recency))
            + ln(self.a / (self.b + x.max(1.0) - 1.0))
    }

    /// Expected repeat purchases in the next `t` time units given the history (lifetimes'
    /// `conditional_expected_number_of_purchases_up_to_time`, eq. 10 of the paper).
    ///
    /// Computed as `(a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)] · P(alive)` with
    /// z = t/(α+T+t): Euler's transformation of the paper's ₂F₁(r+x, b+x; a+b+x−1; z), whose series converges
    /// fast because its first two parameters do not grow with x. At a = 1 exactly (a removable singularity)
    /// it is evaluated at a = 1 + 1e-7. NaN for t < 0 or non-finite input.
    ///
    /// Where the series cannot be summed (a in the hundreds or more: its terms grow like (1−z)^−(a−1) and
    /// overflow, or need more than [`super::special::HYP2F1_MAX_TERMS`] terms), the same expectation is taken
    /// as an integral over the dropout probability ([`expected_by_integral`]); a fit at the model's boundary
    /// (a, b → ∞) lands there.
    pub fn expected_purchases(&self, t: f64, h: &History) -> f64 {
        if !(t.is_finite() && t >= 0.0) {
            return f64::NAN;
        }
        if t == 0.0 {
            return 0.0;
        }
        let (r, al, b, x) = (self.r, self.alpha, self.b, h.frequency);
        let a = if (self.a - 1.0).abs() < 1e-7 { 1.0 + 1e-7 } else { self.a };
        let z = t / (al + h.t + t);
        let s = hyp2f1_series(a + b - 1.0 - r, a - 1.0, a + b + x - 1.0, z);
        let log_one_minus_z = ln((al + h.t) / (al + h.t + t));
        let second = -exp_m1((a - 1.0) * log_one_minus_z) - exp((a - 1.0) * log_one_minus_z) * (s - 1.0);
        let first = (a + b + x - 1.0) / (a - 1.0);
        let value = first * second * self.p_alive(h);
        if value.is_finite() {
            value
        } else {
            expected_by_integral(self, t, h) * self.p_alive(h)
        }
    }

    /// What a fit at the model's boundary means, in words. Logs with few repeat purchases (young or small
    /// ones) let the likelihood keep rising toward an edge of the parameter space, and the fit is reported
    /// converged (by lifetimes too); the numbers are usable but say less than they seem to:
    /// - a → 0, b → ∞: the dropout probability p ~ Beta(a, b) has a mean under 0.1%, so almost no one drops
    ///   out and P(alive) is about 1 for everyone (the CDNOW sample cut at 1997-01-31 fits a = 5e-7);
    /// - a, b → ∞ together: p has collapsed to one value (coefficient of variation under 1%), the same
    ///   dropout chance for everyone;
    /// - r → ∞: the purchase rate λ ~ Gamma(r, α) has collapsed likewise, the same rate for everyone.
    ///
    /// `time_unit` is the unit of α ("weeks").
    pub fn boundary_notes(&self, time_unit: &str) -> Vec<String> {
        let mut notes = Vec::new();
        let edge = "at the edge of what it can fit, as on logs with few repeat purchases";
        let mean_p = self.a / (self.a + self.b);
        let spread_p = (self.b / (self.a * (self.a + self.b + 1.0))).sqrt();
        if mean_p < 1e-3 {
            notes.push(format!(
                "The purchase model (BG/NBD) sees almost no one stop buying in this log (a = {}, b = {}: \
                 {edge}): P(alive) is close to 1 for every customer, and expected purchases follow each \
                 one's purchase rate alone.",
                magnitude(self.a),
                magnitude(self.b),
            ));
        } else if spread_p < 0.01 {
            notes.push(format!(
                "The purchase model (BG/NBD) found no difference between customers' chances of stopping \
                 (a = {}, b = {}: {edge}), so every customer gets the same {:.1}% chance of stopping after \
                 each purchase; expected purchases and P(alive) still follow each customer's own history.",
                magnitude(self.a),
                magnitude(self.b),
                100.0 * mean_p
            ));
        }
        if 1.0 / self.r.sqrt() < 0.01 {
            let unit = time_unit.strip_suffix('s').unwrap_or(time_unit);
            let rate = self.r / self.alpha;
            // a rate of 1.6e59 purchases a day was printed in full: past 1,000 a period, say what it means
            let taken = if rate <= 1000.0 {
                format!("so every active customer is taken to buy about {} times a {unit}", magnitude(rate))
            } else {
                format!(
                    "and its purchase rate ({} a {unit}) is not believable: check that the customer, date \
                     and amount columns are the right ones",
                    magnitude(rate)
                )
            };
            notes.push(format!(
                "The purchase model (BG/NBD) found no difference between customers' purchase rates (r = {}: \
                 {edge}), {taken}.",
                magnitude(self.r)
            ));
        }
        notes
    }
}

/// A parameter for a note or an error: whole from 100 to a million, else three significant digits.
pub(super) fn magnitude(v: f64) -> String {
    if (100.0..1e6).contains(&v) {
        format!("{v:.0}")
    } else if (0.01..100.0).contains(&v) {
        format!("{v:.3}")
    } else {
        crate::engine::words::scientific(v, 2)
    }
}

/// E[purchases in the next `t` | alive] = E_p[(1 − ((α+T)/(α+T+p·t))^(r+x)) / p] with the dropout probability
/// p ~ Beta(a, b+x) (the purchase rate integrated out: Gamma(r+x, α+T) given the history). In u = logit(p)
/// the Beta density is exp(a·u − (a+b+x)·softplus(u)) up to a constant: smooth, log-concave and without
/// endpoint singularities for any a, b > 0, so the trapezoidal rule on a window around its mode (out to where
/// the density falls below e^−60 of its peak, steps of a sixth of its width) converges geometrically; the
/// weights are normalised by their own sum. Checked against scipy's adaptive quadrature of the same
/// integral (`tests/reference/lifetime.py`, `expectation_extremes`).
fn expected_by_integral(m: &BgNbdModel, t: f64, h: &History) -> f64 {
    let (a, bx, rx, base) = (m.a, m.b + h.frequency, m.r + h.frequency, m.alpha + h.t);
    let softplus = |u: f64| u.max(0.0) + ln_1p(exp(-u.abs()));
    let log_density = |u: f64| a * u - (a + bx) * softplus(u);
    let mode = ln(a / bx);
    let width = ((a + bx) / (a * bx)).sqrt();
    let peak = log_density(mode);
    let edge = |direction: f64| {
        let mut u = mode;
        for _ in 0..100_000 {
            if log_density(u) - peak < -60.0 {
                break;
            }
            u += direction * width;
        }
        u
    };
    let (lo, hi) = (edge(-1.0), edge(1.0));
    let steps = (((hi - lo) / (width / 6.0)).ceil() as usize).clamp(2, 200_000);
    let step = (hi - lo) / steps as f64;
    let (mut mass, mut sum) = (0.0, 0.0);
    for i in 0..=steps {
        let u = lo + step * i as f64;
        let weight = exp(log_density(u) - peak) * if i == 0 || i == steps { 0.5 } else { 1.0 };
        let p = 1.0 / (1.0 + exp(-u));
        // as p -> 0 the expectation tends to (r+x)·t/(α+T); p underflows to 0 far out on the left
        let purchases = if p > 1e-300 { -exp_m1(-rx * ln_1p(p * t / base)) / p } else { rx * t / base };
        mass += weight;
        sum += weight * purchases;
    }
    sum / mass
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use approx::assert_relative_eq;

    fn h(frequency: f64, recency: f64, t: f64) -> History {
        History { frequency, recency, t, monetary_value: 0.0 }
    }

    fn model() -> BgNbdModel {
        BgNbdModel {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
            log_likelihood: 0.0,
            n_customers: 0,
            fit: FitInfo::default(),
        }
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let data = [h(0.0, 0.0, 30.0), h(2.0, 20.0, 35.0), h(5.0, 30.0, 31.0), h(1.0, 1.0, 38.0)];
        let d = Data::new(&data, 1.0 / 38.0);
        let theta = [-0.5, 0.3, 0.1, 0.8];
        let (_, g) = objective(&theta, &d, 0.01);
        for k in 0..4 {
            let mut up = theta;
            let mut down = theta;
            up[k] += 1e-6;
            down[k] -= 1e-6;
            let fd = (objective(&up, &d, 0.01).0 - objective(&down, &d, 0.01).0) / 2e-6;
            assert_relative_eq!(g[k], fd, max_relative = 1e-6, epsilon = 1e-9);
        }
    }

    #[test]
    fn p_alive_and_expectation_match_lifetimes_values() {
        // lifetimes 0.11.3 with r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
        let m = model();
        assert_eq!(m.p_alive(&h(0.0, 0.0, 38.86)), 1.0);
        assert_relative_eq!(m.p_alive(&h(2.0, 30.43, 38.86)), 0.726578570080673, max_relative = 1e-12);
        assert_relative_eq!(
            m.expected_purchases(39.0, &h(2.0, 30.43, 38.86)),
            1.226028174767135,
            max_relative = 1e-10
        );
        assert_relative_eq!(
            m.expected_purchases(39.0, &h(0.0, 0.0, 38.86)),
            0.19509805201125396,
            max_relative = 1e-10
        );
        assert_eq!(m.expected_purchases(0.0, &h(2.0, 30.43, 38.86)), 0.0);
        assert!(m.expected_purchases(-1.0, &h(2.0, 30.43, 38.86)).is_nan());
    }

    #[test]
    fn a_fit_at_the_boundary_says_what_it_means() {
        assert!(model().boundary_notes("weeks").is_empty(), "the CDNOW fit is an ordinary one");
        // the 40-customer log's fit (a, b ran off together)
        let edge = BgNbdModel { a: 59_673.0, b: 4.68e6, ..model() };
        let notes = edge.boundary_notes("weeks");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("a = 59673, b = 4.68e+06") && notes[0].contains("1.3% chance"),
            "{notes:?}"
        );
        let alike = BgNbdModel { r: 2e5, alpha: 1e6, ..model() };
        let notes = alike.boundary_notes("weeks");
        assert!(notes[0].contains("r = 200000") && notes[0].contains("0.200 times a week"), "{notes:?}");
        let absurd = BgNbdModel { r: 2.16e117, alpha: 1.3e58, ..model() }.boundary_notes("days");
        assert!(absurd[0].contains("(1.66e+59 a day) is not believable"), "{absurd:?}");
        // the young CDNOW log's fit: almost no one drops out
        let young = BgNbdModel { a: 5.06e-7, b: 87_834.6, ..model() };
        let notes = young.boundary_notes("weeks");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("almost no one") && notes[0].contains("a = 5.06e-07, b = 87835"),
            "{notes:?}"
        );
    }

    #[test]
    fn the_integral_equals_the_series_where_both_apply() {
        let m = model();
        for (t, hist) in [(39.0, h(2.0, 30.43, 38.86)), (39.0, h(0.0, 0.0, 38.86)), (2.0, h(7.0, 30.0, 31.0))]
        {
            let series = m.expected_purchases(t, &hist);
            assert_relative_eq!(
                expected_by_integral(&m, t, &hist) * m.p_alive(&hist),
                series,
                max_relative = 1e-11
            );
        }
    }

    #[test]
    fn a_fit_at_the_boundary_has_finite_expectations() {
        // a 40-customer log fitted these (the series overflows: its terms grow like (1 - z)^-(a - 1))
        let m = BgNbdModel { r: 2.0266, alpha: 34.564, a: 59_672.96, b: 4_683_366.2, ..model() };
        for t in [1.0, 12.0, 520.0] {
            let v = m.expected_purchases(t, &h(3.0, 40.0, 50.0));
            assert!(v.is_finite() && v > 0.0, "{t}: {v}");
        }
    }

    #[test]
    fn a_equal_to_one_is_finite() {
        let m = BgNbdModel { a: 1.0, ..model() };
        let v = m.expected_purchases(10.0, &h(3.0, 20.0, 30.0));
        assert!(v.is_finite() && v > 0.0, "{v}");
    }

    #[test]
    fn refuses_data_it_cannot_fit() {
        let p = FitParams::default();
        assert_eq!(
            BgNbdModel::fit(&[h(0.0, 0.0, 5.0)], &p, &mut Silent),
            Err(LifetimeError::NoRepeatCustomers { customers: 1 })
        );
        assert_eq!(
            BgNbdModel::fit(&[h(1.0, 0.0, 0.0)], &p, &mut Silent),
            Err(LifetimeError::NoObservationTime)
        );
        assert_eq!(BgNbdModel::fit(&[], &p, &mut Silent), Err(LifetimeError::NoCustomers));
    }

    #[test]
    fn a_single_repeat_customer_gives_finite_parameters() {
        let m = BgNbdModel::fit(&[h(1.0, 2.0, 3.0)], &FitParams::default(), &mut Silent).unwrap();
        for v in [m.r, m.alpha, m.a, m.b, m.log_likelihood] {
            assert!(v.is_finite(), "{m:?}");
        }
    }
}
