//! The model inputs: a customer's (frequency, recency, T) for BG/NBD and (frequency, monetary value) for
//! Gamma-Gamma, in lifetimes' naming, with the same validity rules as lifetimes' `_check_inputs`.

use serde::{Deserialize, Serialize};

use super::error::{LifetimeError, Result};
use crate::engine::features::rfm::CustomerRecord;

/// One customer's purchase history in lifetimes' terms (durations in any one time unit).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Repeat purchases x (a whole number >= 0).
    pub frequency: f64,
    /// Time from the first to the last purchase, t_x (0 when x = 0).
    pub recency: f64,
    /// Time from the first purchase to the observation end, T (>= recency).
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean value of the repeat transactions (0 without repeats): the Gamma-Gamma input.
    pub monetary_value: f64,
}

impl From<&CustomerRecord> for History {
    fn from(c: &CustomerRecord) -> Self {
        History {
            frequency: c.frequency,
            recency: c.first_to_last,
            t: c.tenure,
            monetary_value: c.monetary_value,
        }
    }
}

/// Checks lifetimes' rules on every history: finite values, whole x >= 0, 0 <= t_x <= T, t_x = 0 when x = 0.
pub fn check_histories(data: &[History]) -> Result<()> {
    if data.is_empty() {
        return Err(LifetimeError::NoCustomers);
    }
    for (index, h) in data.iter().enumerate() {
        let bad = |field, value, rule| Err(LifetimeError::InvalidHistory { index, field, value, rule });
        if !(h.frequency.is_finite() && h.frequency >= 0.0 && h.frequency.fract() == 0.0) {
            return bad("frequency", h.frequency, "a whole number >= 0");
        }
        if !(h.recency.is_finite() && h.recency >= 0.0) {
            return bad("recency", h.recency, ">= 0");
        }
        if !(h.t.is_finite() && h.t >= h.recency) {
            return bad("T", h.t, ">= recency");
        }
        if h.frequency == 0.0 && h.recency != 0.0 {
            return bad("recency", h.recency, "= 0 when frequency = 0");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(frequency: f64, recency: f64, t: f64) -> History {
        History { frequency, recency, t, monetary_value: 0.0 }
    }

    #[test]
    fn each_rule_is_checked() {
        assert_eq!(check_histories(&[]), Err(LifetimeError::NoCustomers));
        let field = |d: &[History]| match check_histories(d) {
            Err(LifetimeError::InvalidHistory { field, rule, .. }) => (field, rule),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(&[h(1.5, 1.0, 2.0)]), ("frequency", "a whole number >= 0"));
        assert_eq!(field(&[h(-1.0, 1.0, 2.0)]), ("frequency", "a whole number >= 0"));
        assert_eq!(field(&[h(1.0, -1.0, 2.0)]), ("recency", ">= 0"));
        assert_eq!(field(&[h(1.0, 3.0, 2.0)]), ("T", ">= recency"));
        assert_eq!(field(&[h(1.0, 1.0, f64::NAN)]), ("T", ">= recency"));
        assert_eq!(field(&[h(0.0, 1.0, 2.0)]), ("recency", "= 0 when frequency = 0"));
        assert_eq!(check_histories(&[h(0.0, 0.0, 0.0), h(2.0, 1.0, 2.0)]), Ok(()));
    }
}
