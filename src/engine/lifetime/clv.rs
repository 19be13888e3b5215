//! Customer lifetime value by discounted cash flow (lifetimes' `customer_lifetime_value`): monthly steps of
//! expected purchases from BG/NBD times the Gamma-Gamma expected profit, discounted monthly; and
//! [`score_customers`], which puts P(alive), expected purchases and CLV side by side per customer.

use serde::{Deserialize, Serialize};

use super::bgnbd::BgNbdModel;
use super::error::{LifetimeError, Result};
use super::gamma_gamma::GammaGammaModel;
use super::history::History;
use super::portable::powf;
use crate::engine::features::rfm::CustomerRecord;
use crate::engine::progress::{tick, Monitor};

/// The CLV horizon and discounting.
///
/// Defaults: `months = 12`, `monthly_discount_rate = 0.01`, `periods_per_month = 30` (histories in days, as
/// lifetimes' `freq="D"`). Use [`ClvParams::for_unit_days`] to match other time units with lifetimes'
/// factors (weeks 4.345, months 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClvParams {
    /// Months ahead (>= 1).
    pub months: u32,
    /// Discount rate per month (>= 0).
    pub monthly_discount_rate: f64,
    /// Time units of the histories per month (> 0).
    pub periods_per_month: f64,
    /// A horizon in time units that is not a whole number of months (the CLI's `--clv-horizon`): expected
    /// purchases are taken over it exactly, and CLV adds a last, part-month step discounted at its fraction
    /// of a month. None: `months` whole months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon_periods: Option<f64>,
}

impl Default for ClvParams {
    fn default() -> Self {
        ClvParams { months: 12, monthly_discount_rate: 0.01, periods_per_month: 30.0, horizon_periods: None }
    }
}

impl ClvParams {
    /// Defaults with `periods_per_month` for histories measured in units of `unit_days` days: lifetimes'
    /// factors for days (30), weeks (4.345) and months (1), otherwise 30.4375 / unit_days.
    pub fn for_unit_days(unit_days: f64) -> Self {
        let periods_per_month = if unit_days == 1.0 {
            30.0
        } else if unit_days == 7.0 {
            4.345
        } else if (unit_days - 365.2425 / 12.0).abs() < 1e-9 {
            1.0
        } else {
            30.4375 / unit_days
        };
        ClvParams { periods_per_month, ..ClvParams::default() }
    }

    /// Sets the horizon in months.
    pub fn with_months(mut self, months: u32) -> Self {
        self.months = months;
        self
    }

    /// Sets the monthly discount rate.
    pub fn with_monthly_discount_rate(mut self, rate: f64) -> Self {
        self.monthly_discount_rate = rate;
        self
    }

    /// Sets the time units per month.
    pub fn with_periods_per_month(mut self, n: f64) -> Self {
        self.periods_per_month = n;
        self
    }

    /// The validated parameters.
    pub fn check(&self) -> Result<ValidClvParams> {
        if self.months == 0 {
            return Err(LifetimeError::Months(self.months));
        }
        if !(self.monthly_discount_rate.is_finite() && self.monthly_discount_rate >= 0.0) {
            return Err(LifetimeError::DiscountRate(self.monthly_discount_rate));
        }
        if !(self.periods_per_month.is_finite() && self.periods_per_month > 0.0) {
            return Err(LifetimeError::PeriodsPerMonth(self.periods_per_month));
        }
        if let Some(h) = self.horizon_periods.filter(|h| !(h.is_finite() && *h > 0.0)) {
            return Err(LifetimeError::Horizon(h));
        }
        Ok(ValidClvParams(*self))
    }
}

/// [`ClvParams`] that passed [`ClvParams::check`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidClvParams(ClvParams);

impl ValidClvParams {
    /// The parameters.
    pub fn get(&self) -> &ClvParams {
        &self.0
    }

    /// The horizon in time units.
    pub fn horizon(&self) -> f64 {
        self.0.horizon_periods.unwrap_or(f64::from(self.0.months) * self.0.periods_per_month)
    }

    /// The CLV steps: (end of the step in months, in time units), a month each, the last one part of a
    /// month when the horizon is not whole months.
    fn steps(&self) -> Vec<(f64, f64)> {
        let f = self.0.periods_per_month;
        let months = self.horizon() / f;
        // a horizon within a millionth of a month of whole months is whole months
        let whole = (months + 1e-6).floor() as u32;
        let mut steps: Vec<(f64, f64)> = (1..=whole).map(|m| (f64::from(m), f64::from(m) * f)).collect();
        if months - f64::from(whole) > 1e-6 {
            steps.push((months, self.horizon()));
        }
        steps
    }
}

/// Discounted value over the horizon: Σ_i profit · (E[X(t_i)] − E[X(t_(i−1))]) / (1+d)^(m_i), a step per
/// month (t_i = i·periods_per_month, m_i = i; lifetimes' monthly sum), and, for a horizon that is not whole
/// months, a last step to the horizon discounted at its fraction of a month. Profit is the Gamma-Gamma
/// expected average profit.
pub fn clv(bg: &BgNbdModel, gg: &GammaGammaModel, h: &History, params: &ValidClvParams) -> f64 {
    let p = params.get();
    let profit = gg.expected_average_profit(h.frequency, h.monetary_value);
    let mut total = 0.0;
    let mut before = 0.0;
    for (months, t) in params.steps() {
        let now = bg.expected_purchases(t, h);
        total += profit * (now - before) / powf(1.0 + p.monthly_discount_rate, months);
        before = now;
    }
    total
}

/// One customer's value picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    pub id: String,
    pub frequency: f64,
    /// Time since the last purchase.
    pub recency: f64,
    pub tenure: f64,
    /// Total spend so far (`monetary_total`).
    pub past_value: f64,
    pub p_alive: f64,
    /// Expected purchases over the CLV horizon (`months × periods_per_month` time units).
    pub expected_purchases: f64,
    /// Gamma-Gamma expected profit per transaction (when a spend model is given).
    pub expected_average_profit: Option<f64>,
    /// CLV over the horizon (when a spend model is given).
    pub clv: Option<f64>,
}

/// P(alive), expected purchases over the CLV horizon and (with a spend model) CLV for every customer.
pub fn score_customers(
    customers: &[CustomerRecord],
    bg: &BgNbdModel,
    gg: Option<&GammaGammaModel>,
    params: &ClvParams,
    monitor: &mut dyn Monitor,
) -> Result<Vec<CustomerValue>> {
    let params = params.check()?;
    let horizon = params.horizon();
    let mut out = Vec::with_capacity(customers.len());
    for (i, c) in customers.iter().enumerate() {
        tick(monitor, "customer lifetime value", i, customers.len(), 64)?;
        let h = History::from(c);
        out.push(CustomerValue {
            id: c.id.clone(),
            frequency: c.frequency,
            recency: c.recency,
            tenure: c.tenure,
            past_value: c.monetary_total,
            p_alive: bg.p_alive(&h),
            expected_purchases: bg.expected_purchases(horizon, &h),
            expected_average_profit: gg.map(|g| g.expected_average_profit(h.frequency, h.monetary_value)),
            clv: gg.map(|g| clv(bg, g, &h, &params)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_months_is_rejected() {
        assert_eq!(ClvParams::default().with_months(0).check(), Err(LifetimeError::Months(0)));
    }

    #[test]
    fn negative_discount_rate_is_rejected() {
        let err = ClvParams::default().with_monthly_discount_rate(-0.1).check().unwrap_err();
        assert_eq!(err.to_string(), "monthly_discount_rate must be >= 0 and finite, got -0.1");
    }

    #[test]
    fn non_positive_periods_per_month_is_rejected() {
        assert_eq!(
            ClvParams::default().with_periods_per_month(0.0).check(),
            Err(LifetimeError::PeriodsPerMonth(0.0))
        );
    }

    #[test]
    fn a_horizon_of_part_months_ends_with_a_part_step() {
        let weeks = |h: f64| ClvParams { horizon_periods: Some(h), ..ClvParams::for_unit_days(7.0) };
        let steps = weeks(3.0).check().unwrap().steps();
        assert_eq!(steps.len(), 1);
        assert!((steps[0].0 - 3.0 / 4.345).abs() < 1e-12 && steps[0].1 == 3.0);
        let steps = weeks(30.0).check().unwrap().steps();
        assert_eq!(steps.len(), 7);
        assert_eq!(steps[5], (6.0, 6.0 * 4.345));
        assert_eq!(steps[6].1, 30.0);
        // whole months: the same steps as `months`
        let year = ClvParams::default().check().unwrap().steps();
        assert_eq!(
            ClvParams { horizon_periods: Some(360.0), ..ClvParams::default() }.check().unwrap().steps(),
            year
        );
        assert_eq!(weeks(0.0).check(), Err(LifetimeError::Horizon(0.0)));
    }

    #[test]
    fn unit_factors_follow_lifetimes() {
        assert_eq!(ClvParams::for_unit_days(1.0).periods_per_month, 30.0);
        assert_eq!(ClvParams::for_unit_days(7.0).periods_per_month, 4.345);
        assert_eq!(ClvParams::for_unit_days(365.2425 / 12.0).periods_per_month, 1.0);
        assert_eq!(ClvParams::for_unit_days(2.0).periods_per_month, 15.21875);
    }
}
