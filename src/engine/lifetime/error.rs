//! The one error type of the lifetime models: invalid parameters, invalid or insufficient data, cancellation.

use super::bgnbd::magnitude;
use crate::engine::progress::Cancelled;

/// What went wrong while fitting or using a lifetime model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LifetimeError {
    #[error("penalizer must be >= 0 and finite, got {0}")]
    Penalizer(f64),
    #[error("max_iterations must be >= 1, got {0}")]
    MaxIterations(usize),
    #[error("tolerance must be > 0 and finite, got {0}")]
    Tolerance(f64),
    #[error("horizon must be >= 0 and finite, got {0}")]
    Horizon(f64),
    #[error("months must be >= 1, got {0}")]
    Months(u32),
    #[error("monthly_discount_rate must be >= 0 and finite, got {0}")]
    DiscountRate(f64),
    #[error("periods_per_month must be > 0 and finite, got {0}")]
    PeriodsPerMonth(f64),
    #[error("top_share must be in (0, 1], got {0}")]
    TopShare(f64),
    #[error("p_alive_below must be in [0, 1], got {0}")]
    PAliveBelow(f64),
    #[error("no customers to fit")]
    NoCustomers,
    #[error("customer {index}: {field} = {value} breaks the rule {rule}")]
    InvalidHistory { index: usize, field: &'static str, value: f64, rule: &'static str },
    #[error("no customer has a repeat purchase ({customers} customers): the model cannot be fitted")]
    NoRepeatCustomers { customers: usize },
    #[error("every customer was first seen at the observation end (T = 0): there is no time to observe")]
    NoObservationTime,
    #[error(
        "every repeat customer spends the same on average ({value} per purchase, {customers} customers): the \
         spend model needs spends that vary"
    )]
    ConstantSpend { value: f64, customers: usize },
    #[error(
        "the purchase model found no believable purchase rate: it put the typical rate at {rate} \
         purchases a period, where no customer bought more than {largest:.3} a period (its fit ran off: \
         r = {r}, alpha = {alpha}); check that the customer, date and amount columns are the right \
         ones",
        rate = magnitude(*.rate), r = magnitude(*.r), alpha = magnitude(*.alpha)
    )]
    PurchaseFitRanOff { r: f64, alpha: f64, rate: f64, largest: f64 },
    #[error(
        "the purchase model's fit did not converge: its parameters ran off toward the edge of what can be \
         computed (r = {r}, alpha = {alpha}, a = {a}, b = {b}), as when too few customers \
         buy again to tell apart how often customers buy and when they stop (lifetimes refuses it too)",
        r = magnitude(*.r), alpha = magnitude(*.alpha), a = magnitude(*.a), b = magnitude(*.b)
    )]
    PurchaseFitDiverged { r: f64, alpha: f64, a: f64, b: f64 },
    #[error(
        "the spend model found no believable typical spend: it put the average purchase at {mean}, where \
         no customer's own average is above {largest:.2} (its fit ran off: p = {p}, q = {q}, \
         v = {v})",
        mean = magnitude(*.mean), p = magnitude(*.p), q = magnitude(*.q), v = magnitude(*.v)
    )]
    SpendFitRanOff { p: f64, q: f64, v: f64, mean: f64, largest: f64 },
    #[error(
        "the spend model could not tell the customers' typical spends apart: its fit ran off along a ridge \
         (q = {q}, v = {v}) where everyone's spend is the same average",
        q = magnitude(*.q), v = magnitude(*.v)
    )]
    SpendFitFlat { q: f64, v: f64 },
    #[error("{0}")]
    Cancelled(#[from] Cancelled),
}

/// Results of this module.
pub type Result<T> = std::result::Result<T, LifetimeError>;
