//! Whether a fitted purchase model is believable: a typical purchase rate far above every customer's own
//! (1.6e59 a day on a CRM export read as a log) gave expected purchases of 1e61 and CLV of 1e67. Such a fit
//! is refused in words, as the spend model's runaway fits are.

use super::error::{LifetimeError, Result};
use super::history::History;

/// A fitted typical purchase rate above this many times the highest customer's own rate has run off.
const RUNAWAY_RATE: f64 = 100.0;

/// A parameter of a fit that did not converge beyond this factor from 1 (either way) has run off.
const RUNAWAY_FACTOR: f64 = 1e12;

/// Refuses a BG/NBD fit that did not converge and left a parameter beyond [`RUNAWAY_FACTOR`] of 1: the
/// likelihood kept rising toward an edge nowhere near a usable model (an Olist-like log with few repeat
/// buyers ran to a = 1.3e154, b = 3.3e-16, where lifetimes raises `ConvergenceError`), and scoring such a fit
/// took 300 ms a customer. A converged fit at an edge stays, with the notes of `boundary_notes`.
pub fn settled(converged: bool, [r, alpha, a, b]: [f64; 4]) -> Result<()> {
    let ran_off = |v: f64| !(v.is_finite() && (1.0 / RUNAWAY_FACTOR..=RUNAWAY_FACTOR).contains(&v));
    if converged || ![r, alpha, a, b].into_iter().any(ran_off) {
        Ok(())
    } else {
        Err(LifetimeError::PurchaseFitDiverged { r, alpha, a, b })
    }
}

/// Checks BG/NBD's typical purchase rate r/α against the customers' own rates (repeat purchases over their
/// time observed; at least one purchase over the longest time, for logs without repeats).
pub fn purchase_rate(r: f64, alpha: f64, data: &[History]) -> Result<()> {
    let max_t = data.iter().map(|h| h.t).fold(0.0, f64::max);
    let largest = data.iter().filter(|h| h.t > 0.0).map(|h| h.frequency / h.t).fold(0.0, f64::max);
    let rate = r / alpha;
    let floor = if max_t > 0.0 { 1.0 / max_t } else { 0.0 };
    if rate <= RUNAWAY_RATE * largest.max(floor) {
        Ok(())
    } else {
        Err(LifetimeError::PurchaseFitRanOff { r, alpha, rate, largest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(frequency: f64, recency: f64, t: f64) -> History {
        History { frequency, recency, t, monetary_value: 0.0 }
    }

    #[test]
    fn a_rate_far_above_every_customers_own_is_refused() {
        let data = [h(2.0, 30.0, 40.0), h(0.0, 0.0, 10.0), h(5.0, 20.0, 50.0)];
        // the CDNOW fit's rate, 0.24/4.41 a week, and a rate a few times the fastest customer's (0.1 a day)
        assert!(purchase_rate(0.243, 4.414, &data).is_ok());
        assert!(purchase_rate(1.0, 2.0, &data).is_ok());
        // the CRM export's: r = 2.16e117, 1.6e59 a day
        let e = purchase_rate(2.16e117, 1.3e58, &data).unwrap_err();
        assert!(e.to_string().contains("no believable purchase rate"), "{e}");
        assert!(matches!(e, LifetimeError::PurchaseFitRanOff { largest, .. } if largest == 0.1));
    }

    #[test]
    fn a_fit_that_did_not_converge_is_refused_only_when_it_ran_off() {
        let cdnow = [0.243, 4.414, 0.793, 2.426];
        assert!(settled(false, cdnow).is_ok());
        // the CDNOW sample cut at 1997-01-31 converges at a = 5e-7: an edge, kept with a note
        assert!(settled(true, [0.5, 3.0, 5e-7, 2.0]).is_ok());
        assert!(settled(false, [0.5, 3.0, 5e-7, 2.0]).is_ok());
        let olist = [2.14e-6, 1.53, 1.34e154, 3.33e-16];
        let e = settled(false, olist).unwrap_err();
        assert!(e.to_string().contains("did not converge") && e.to_string().contains("a = 1.34e+154"), "{e}");
        assert!(settled(false, [f64::NAN, 1.0, 1.0, 1.0]).is_err());
    }
}
