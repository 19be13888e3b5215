//! The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie's note 025): p, q, v by
//! maximum likelihood on repeat customers' (frequency, mean repeat value), and the conditional expected
//! average profit per transaction — the same formulas as lifetimes' `GammaGammaFitter`.

use serde::{Deserialize, Serialize};

use super::error::{LifetimeError, Result};
use super::fit_driver::minimise;
use super::history::History;
use super::params::FitParams;
use super::portable::{exp, ln};
use super::special::{digamma, ln_gamma};
use crate::engine::cluster::common::FitInfo;
use crate::engine::progress::Monitor;

/// A fitted Gamma-Gamma model: transaction values ~ Gamma(p, ν) with ν ~ Gamma(q, v).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaModel {
    pub p: f64,
    pub q: f64,
    pub v: f64,
    /// Total log-likelihood of the fitted customers (without the penalty).
    pub log_likelihood: f64,
    /// Customers used: frequency > 0 and a positive monetary value.
    pub n_customers: usize,
    /// Pearson correlation of frequency and monetary value among them; the model assumes it is near 0.
    pub frequency_monetary_correlation: Option<f64>,
    pub fit: FitInfo,
}

/// The largest |log parameter| the likelihood is evaluated at. Beyond it (p ~ 1e-86 with q ~ 1e34 on a
/// real 1,392-customer log counted by month) ln Γ(px + q) − ln Γ(q) and q·ln v − (px + q)·ln(xm + v) cancel
/// to rounding noise, which read as a likelihood better than the true maximum and drew BFGS there
/// (lifetimes converges on the same data: p = 1.984, q = 7.811, v = 221.8).
const LOG_BOUND: f64 = 30.0;

/// The largest shape q of a credible fit: beyond it the customers' typical spends differ by under 0.1%.
const MAX_Q: f64 = 1e6;

/// Mean negative log-likelihood (plus penalty) and its gradient with respect to log(p, q, v).
fn objective(theta: &[f64], data: &[(f64, f64)], penalizer: f64) -> (f64, Vec<f64>) {
    let pr: Vec<f64> = theta.iter().map(|&t| exp(t)).collect();
    if theta.iter().any(|t| t.abs() > LOG_BOUND) || pr.iter().any(|v| !v.is_finite() || *v <= 0.0) {
        return (f64::INFINITY, vec![f64::NAN; 3]);
    }
    let (p, q, v) = (pr[0], pr[1], pr[2]);
    let (lg_q, dg_q, ln_v) = (ln_gamma(q), digamma(q), ln(v));
    let mut ll = 0.0;
    let mut g = [0.0; 3];
    for &(x, m) in data {
        let px = p * x;
        let ln_xmv = ln(x * m + v);
        ll += ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + (px - 1.0) * ln(m) + px * ln(x)
            - (px + q) * ln_xmv;
        let dg_pxq = digamma(px + q);
        g[0] += x * (dg_pxq - digamma(px) + ln(m) + ln(x) - ln_xmv);
        g[1] += dg_pxq - dg_q + ln_v - ln_xmv;
        g[2] += q / v - (px + q) / (x * m + v);
    }
    let n = data.len() as f64;
    let f = -ll / n + penalizer * pr.iter().map(|v| v * v).sum::<f64>();
    let grad = (0..3).map(|k| -g[k] * pr[k] / n + 2.0 * penalizer * pr[k] * pr[k]).collect();
    (if f.is_nan() { f64::INFINITY } else { f }, grad)
}

fn correlation(data: &[(f64, f64)]) -> Option<f64> {
    let n = data.len() as f64;
    let (mx, mm) = (data.iter().map(|d| d.0).sum::<f64>() / n, data.iter().map(|d| d.1).sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, m) in data {
        sxy += (x - mx) * (m - mm);
        sxx += (x - mx) * (x - mx);
        syy += (m - mm) * (m - mm);
    }
    let c = sxy / (sxx * syy).sqrt();
    c.is_finite().then_some(c)
}

impl GammaGammaModel {
    /// Fits the model by maximum likelihood on the customers with frequency > 0 and a positive, finite
    /// monetary value (the others are skipped and counted in the notes), as lifetimes' `GammaGammaFitter.fit`:
    /// log-parameters start at 0.1, BFGS, with a Nelder–Mead restart if it does not converge.
    pub fn fit(data: &[History], params: &FitParams, monitor: &mut dyn Monitor) -> Result<GammaGammaModel> {
        let params = params.check()?;
        if data.is_empty() {
            return Err(LifetimeError::NoCustomers);
        }
        let used: Vec<(f64, f64)> = data
            .iter()
            .filter(|h| h.frequency.is_finite() && h.frequency > 0.0)
            .filter(|h| h.monetary_value.is_finite() && h.monetary_value > 0.0)
            .map(|h| (h.frequency, h.monetary_value))
            .collect();
        if used.is_empty() {
            return Err(LifetimeError::NoRepeatCustomers { customers: data.len() });
        }
        let largest = used.iter().map(|u| u.1).fold(0.0, f64::max);
        let smallest = used.iter().map(|u| u.1).fold(f64::INFINITY, f64::min);
        if largest - smallest <= 1e-9 * largest {
            // the likelihood has no maximum: q and v run off together (lifetimes raises a ConvergenceError)
            return Err(LifetimeError::ConstantSpend { value: largest, customers: used.len() });
        }
        let started = monitor.now_ms();
        let penalizer = params.get().penalizer;
        let f = |theta: &[f64]| objective(theta, &used, penalizer);
        let (best, mut notes) = minimise(&f, 3, &params, "Gamma-Gamma fit", monitor)?;
        let skipped = data.len() - used.len();
        notes.push(format!(
            "fitted on {} repeat customers; {skipped} without a repeat purchase or with a non-positive value were skipped",
            used.len()
        ));
        let frequency_monetary_correlation = correlation(&used);
        if let Some(c) = frequency_monetary_correlation.filter(|c| c.abs() > 0.3) {
            notes.push(format!(
                "frequency and monetary value correlate ({c:.2}); the model assumes they are independent"
            ));
        }
        let pr: Vec<f64> = best.x.iter().map(|&t| exp(t)).collect();
        let (p, q, v) = (pr[0], pr[1], pr[2]);
        let mean = v * p / (q - 1.0);
        // q <= 1 leaves the population mean undefined; a mean far beyond every customer's own is a fit that
        // slid along a ridge of the likelihood (found on a 40-customer log: q -> 1, CLVs of 1e90)
        if !(q > 1.0 && mean.is_finite() && mean <= 100.0 * largest) {
            return Err(LifetimeError::SpendFitRanOff { p, q, v, mean, largest });
        }
        // q and v running off together (v/q fixed) is the limit of no spread between customers' typical
        // spends: the likelihood has no maximum there (lifetimes raises a ConvergenceError on such data)
        if q > MAX_Q {
            return Err(LifetimeError::SpendFitFlat { q, v });
        }
        let log_likelihood = -objective(&best.x, &used, 0.0).0 * used.len() as f64;
        Ok(GammaGammaModel {
            p: pr[0],
            q: pr[1],
            v: pr[2],
            log_likelihood,
            n_customers: used.len(),
            frequency_monetary_correlation,
            fit: FitInfo {
                iterations: best.iterations,
                converged: best.converged,
                elapsed_ms: monitor.now_ms() - started,
                notes,
            },
        })
    }

    /// The population mean transaction value v·p/(q − 1) (meaningful only for q > 1).
    pub fn population_mean(&self) -> f64 {
        self.v * self.p / (self.q - 1.0)
    }

    /// E[mean transaction value | x, m̄]: a credibility-weighted mix of the customer's own mean repeat value
    /// and the population mean (lifetimes' `conditional_expected_average_profit`, equation 5 of note 025).
    pub fn expected_average_profit(&self, frequency: f64, monetary_value: f64) -> f64 {
        let w = self.p * frequency / (self.p * frequency + self.q - 1.0);
        (1.0 - w) * self.population_mean() + w * monetary_value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use approx::assert_relative_eq;

    fn h(frequency: f64, monetary_value: f64) -> History {
        History { frequency, recency: 0.0, t: 1.0, monetary_value }
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let data = [(1.0, 10.0), (3.0, 25.5), (2.0, 7.0), (7.0, 40.0)];
        let theta = [0.4, 0.9, 1.7];
        let (_, g) = objective(&theta, &data, 0.001);
        for k in 0..3 {
            let (mut up, mut down) = (theta, theta);
            up[k] += 1e-6;
            down[k] -= 1e-6;
            let fd = (objective(&up, &data, 0.001).0 - objective(&down, &data, 0.001).0) / 2e-6;
            assert_relative_eq!(g[k], fd, max_relative = 1e-6, epsilon = 1e-9);
        }
    }

    #[test]
    fn expected_profit_matches_lifetimes() {
        // lifetimes 0.11.3 with p, q, v = 6.25, 3.74, 15.44: conditional_expected_average_profit(2, 22.345)
        let m = GammaGammaModel {
            p: 6.25,
            q: 3.74,
            v: 15.44,
            log_likelihood: 0.0,
            n_customers: 0,
            frequency_monetary_correlation: None,
            fit: FitInfo::default(),
        };
        assert_relative_eq!(m.expected_average_profit(2.0, 22.345), 24.659612860892388, max_relative = 1e-12);
    }

    #[test]
    fn needs_a_repeat_customer_with_positive_value() {
        let p = FitParams::default();
        assert_eq!(
            GammaGammaModel::fit(&[h(0.0, 0.0), h(2.0, -5.0)], &p, &mut Silent),
            Err(LifetimeError::NoRepeatCustomers { customers: 2 })
        );
        assert_eq!(GammaGammaModel::fit(&[], &p, &mut Silent), Err(LifetimeError::NoCustomers));
    }

    #[test]
    fn refuses_spends_that_do_not_vary_and_fits_that_run_off() {
        let p = FitParams::default();
        let same = [h(1.0, 10.0), h(3.0, 10.0), h(2.0, 10.0), h(0.0, 0.0)];
        assert_eq!(
            GammaGammaModel::fit(&same, &p, &mut Silent),
            Err(LifetimeError::ConstantSpend { value: 10.0, customers: 3 })
        );
        // (weeks with a repeat purchase, mean weekly spend) of a 40-customer Online Retail-style log: the fit
        // slides along a ridge to q = 1.6e48, v = 1.4e150 (a mean spend of 1.4e91 per purchase)
        let log = [
            (1.0, 56.1),
            (4.0, 1698.185),
            (2.0, 440.5),
            (6.0, 1276.1866666666667),
            (4.0, 1686.065),
            (4.0, 7442.0625),
            (6.0, 5421.143333333333),
            (4.0, 3203.445),
            (7.0, 5211.671428571429),
            (1.0, 3630.0),
            (1.0, 51.0),
            (4.0, 4660.975),
            (4.0, 35.6375),
            (4.0, 14498.81),
            (2.0, 8292.56),
            (7.0, 5515.637142857144),
            (1.0, 175.95),
            (4.0, 2481.675),
            (1.0, 7519.15),
            (2.0, 646.925),
            (2.0, 1826.475),
            (6.0, 5302.82),
            (7.0, 2976.6985714285715),
            (4.0, 4323.6075),
        ];
        let log: Vec<History> = log.iter().map(|&(f, m)| h(f, m)).collect();
        match GammaGammaModel::fit(&log, &p, &mut Silent) {
            // with the likelihood bounded to |log θ| ≤ 30 the fit slides along the q–v ridge instead
            Err(LifetimeError::SpendFitFlat { q, .. }) => assert!(q > MAX_Q, "{q}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn two_customers_are_too_few_to_tell_spends_apart() {
        // two spends of 10 and 12 give the q–v ridge, not a fit with a population of typical spends
        match GammaGammaModel::fit(&[h(1.0, 10.0), h(2.0, 12.0)], &FitParams::default(), &mut Silent) {
            Err(LifetimeError::SpendFitFlat { q, v }) => assert!(q.is_finite() && v.is_finite()),
            other => panic!("{other:?}"),
        }
    }
}
