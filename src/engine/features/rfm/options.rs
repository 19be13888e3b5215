//! [`RfmOptions`]: how transactions become per-customer features (period, time unit, observation end, the
//! cancellation/return rule, log transforms), and their validation.

use serde::{Deserialize, Serialize};

use super::calendar::{CivilDate, PeriodUnit};
use super::error::{Result, RfmError};

/// What to do with cancellations and returns: rows on invoices whose id starts with `C` (UCI Online Retail's
/// convention) and rows with a negative quantity or amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnsRule {
    /// Drop them: they are neither purchases nor spend (default).
    #[default]
    Exclude,
    /// Subtract their (negative) amounts from the customer's total spend. They still do not count as purchase
    /// occasions, and the repeat-purchase mean that the Gamma-Gamma model uses stays on purchases only (that
    /// model needs positive transaction values).
    Net,
}

/// Options of [`customer_features`](super::customer_features).
///
/// Defaults: `period = day`, `freq_multiplier = 1`, `observation_end = None` (the last date in the data),
/// `returns = exclude`, `log_transform = false`.
///
/// Time is measured as lifetimes' `summary_data_from_transaction_data` measures it: dates are floored to the
/// start of their `period`, purchases in the same period are one transaction, and durations are counted in
/// units of `period × freq_multiplier`. Fader, Hardie & Lee's CDNOW setup (fractional weeks) is
/// `period = day, freq_multiplier = 7`; `period = week` instead counts whole Monday-start weeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RfmOptions {
    /// Purchases within one period are one transaction; dates are floored to the period start.
    pub period: PeriodUnit,
    /// Durations are reported in units of `period × freq_multiplier` (lifetimes' `freq_multiplier`); >= 1.
    pub freq_multiplier: u32,
    /// The last day observed (inclusive); purchases after it are excluded. `None`: the last date in the data.
    pub observation_end: Option<CivilDate>,
    /// What to do with cancellations and returns.
    pub returns: ReturnsRule,
    /// Add `log1p_…` columns for the skewed count and money features.
    pub log_transform: bool,
}

impl Default for RfmOptions {
    fn default() -> Self {
        RfmOptions {
            period: PeriodUnit::Day,
            freq_multiplier: 1,
            observation_end: None,
            returns: ReturnsRule::Exclude,
            log_transform: false,
        }
    }
}

impl RfmOptions {
    /// Group purchases by this period.
    pub fn with_period(mut self, period: PeriodUnit) -> Self {
        self.period = period;
        self
    }

    /// Measure time in units of `period × m`.
    pub fn with_freq_multiplier(mut self, m: u32) -> Self {
        self.freq_multiplier = m;
        self
    }

    /// Stop observing after this day.
    pub fn with_observation_end(mut self, end: Option<CivilDate>) -> Self {
        self.observation_end = end;
        self
    }

    /// Exclude or net cancellations and returns.
    pub fn with_returns(mut self, rule: ReturnsRule) -> Self {
        self.returns = rule;
        self
    }

    /// Add `log1p_…` columns.
    pub fn with_log_transform(mut self, on: bool) -> Self {
        self.log_transform = on;
        self
    }

    /// The validated options.
    pub fn check(&self) -> Result<ValidRfmOptions> {
        if self.freq_multiplier == 0 {
            return Err(RfmError::FreqMultiplier(self.freq_multiplier));
        }
        Ok(ValidRfmOptions(self.clone()))
    }
}

/// [`RfmOptions`] that passed [`RfmOptions::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRfmOptions(RfmOptions);

impl ValidRfmOptions {
    /// The options.
    pub fn get(&self) -> &RfmOptions {
        &self.0
    }

    /// Length of the time unit in days.
    pub fn unit_days(&self) -> f64 {
        self.0.period.days() * f64::from(self.0.freq_multiplier)
    }

    /// The time unit in words ("days", "weeks", "units of 7 days").
    pub fn unit_name(&self) -> String {
        match (self.0.period, self.0.freq_multiplier) {
            (p, 1) => p.plural().to_string(),
            (PeriodUnit::Day, 7) => "weeks".to_string(),
            (p, m) => format!("units of {m} {}", p.plural()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_multiplier_is_rejected() {
        let err = RfmOptions::default().with_freq_multiplier(0).check().unwrap_err();
        assert_eq!(err, RfmError::FreqMultiplier(0));
        assert_eq!(err.to_string(), "freq_multiplier must be >= 1, got 0");
    }

    #[test]
    fn defaults_check_and_units_read_well() {
        let v = RfmOptions::default().check().unwrap();
        assert_eq!(v.unit_days(), 1.0);
        assert_eq!(v.unit_name(), "days");
        let w = RfmOptions::default().with_freq_multiplier(7).check().unwrap();
        assert_eq!((w.unit_days(), w.unit_name().as_str()), (7.0, "weeks"));
        let m = RfmOptions::default().with_period(PeriodUnit::Month).with_freq_multiplier(3).check().unwrap();
        assert_eq!(m.unit_name(), "units of 3 months");
    }

    #[test]
    fn serde_rejects_unknown_fields_and_fills_defaults() {
        let o: RfmOptions =
            serde_json::from_str(r#"{"period":"week","observation_end":"1997-09-30"}"#).unwrap();
        assert_eq!(o.period, PeriodUnit::Week);
        assert_eq!(o.freq_multiplier, 1);
        assert!(serde_json::from_str::<RfmOptions>(r#"{"perod":"week"}"#).is_err());
    }
}
