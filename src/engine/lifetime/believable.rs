//! Whether a fitted purchase model is believable: a typical purchase rate far above every customer's own
//! (1.6e59 a day on a CRM export read as a log) gave expected purchases of 1e61 and CLV of 1e67. Such a fit
//! is refused in words, as the spend model's runaway fits are.

use super::error::{LifetimeError, Result};
use super::history::History;

/// A fitted typical purchase rate above this many times the highest customer's own rate has run off.
const RUNAWAY_RATE: f64 = 100.0;

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
}
