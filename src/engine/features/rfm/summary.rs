//! Per-customer aggregation of cleaned purchase lines, following lifetimes'
//! `summary_data_from_transaction_data` exactly for frequency, recency (here `first_to_last`), T (here
//! `tenure`) and monetary_value, plus the descriptive RFM features.

use serde::{Deserialize, Serialize};

use super::calendar::{civil_from_days, CivilDate};
use super::clean::{Line, Lines, RuleKind};
use super::options::{ReturnsRule, ValidRfmOptions};
use crate::engine::progress::{Cancelled, Monitor};

/// One customer's purchase history, in the options' time unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    pub id: String,
    /// Repeat purchases: distinct purchase periods minus one (BG/NBD's x, lifetimes' `frequency`).
    pub frequency: f64,
    /// Time from the first to the last purchase period (BG/NBD's t_x, lifetimes' `recency`).
    pub first_to_last: f64,
    /// Time from the first purchase period to the observation end (BG/NBD's T, lifetimes' `T`).
    pub tenure: f64,
    /// Time from the last purchase period to the observation end (RFM recency; `tenure − first_to_last`).
    pub recency: f64,
    /// Mean value of the repeat transactions (per-period sums after the first period); 0 without repeats
    /// (lifetimes' `monetary_value`, the Gamma-Gamma input).
    pub monetary_value: f64,
    /// Orders: distinct invoices when an invoice column is mapped, purchase lines otherwise.
    pub orders: f64,
    /// Total spend (minus netted returns under [`ReturnsRule::Net`]).
    pub monetary_total: f64,
    /// `monetary_total / orders`: the mean order value.
    pub monetary_mean: f64,
    /// Mean items per order, when a quantity column is mapped and known.
    pub items_per_order: Option<f64>,
    /// Mean time between purchase periods (`first_to_last / frequency`); `None` without repeats.
    pub mean_interpurchase: Option<f64>,
    /// Distinct calendar months with a purchase.
    pub active_months: f64,
    pub first_purchase: CivilDate,
    pub last_purchase: CivilDate,
}

/// Aggregates `lines` per customer, ordered by id (numeric ids numerically, then the others as text), and
/// counts how many lines fell into an already-seen period.
pub(crate) fn summarise(
    lines: &mut Lines,
    options: &ValidRfmOptions,
    monitor: &mut dyn Monitor,
) -> Result<Vec<CustomerRecord>, Cancelled> {
    let period = options.get().period;
    let unit = options.unit_days();
    let end_p = period.start(lines.end_day);
    lines.purchases.sort_by_key(|l| (l.customer, period.start(l.day), l.day, l.order));
    let mut net_by_customer = vec![0.0; lines.ids.len()];
    for &(c, a) in &lines.netted {
        net_by_customer[c as usize] += a;
    }
    let mut out: Vec<CustomerRecord> = Vec::new();
    let mut merged = 0usize;
    let n = lines.purchases.len();
    let mut start = 0;
    let mut done = 0;
    let mut k = 0usize;
    while start < n {
        if k.is_multiple_of(256) {
            monitor.progress("customer features", done as f64 / n as f64);
            if monitor.cancelled() {
                return Err(Cancelled);
            }
        }
        k += 1;
        let c = lines.purchases[start].customer;
        let end = start + lines.purchases[start..].iter().take_while(|l| l.customer == c).count();
        let (record, merged_here) = one_customer(
            &lines.ids[c as usize],
            &lines.purchases[start..end],
            net_by_customer[c as usize],
            period,
            unit,
            end_p,
        );
        merged += merged_here;
        out.push(record);
        done += end - start;
        start = end;
    }
    lines.counts.insert(RuleKind::SamePeriodMerged, merged);
    out.sort_by(|a, b| id_order(&a.id, &b.id));
    Ok(out)
}

/// Numeric ids first, in numeric order; then the others as text.
pub fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) if x.is_finite() && y.is_finite() => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Ok(x), Err(_)) if x.is_finite() => std::cmp::Ordering::Less,
        (Err(_), Ok(y)) if y.is_finite() => std::cmp::Ordering::Greater,
        _ => a.cmp(b),
    }
}

/// One customer's record from their purchase lines (sorted by period), and how many lines were merged.
fn one_customer(
    id: &str,
    lines: &[Line],
    netted: f64,
    period: super::calendar::PeriodUnit,
    unit: f64,
    end_p: i64,
) -> (CustomerRecord, usize) {
    // per-period sums, in period order (lifetimes: groupby([date, customer]).sum())
    let mut periods: Vec<(i64, f64)> = Vec::new();
    for l in lines {
        let p = period.start(l.day);
        match periods.last_mut() {
            Some((q, sum)) if *q == p => *sum += l.amount,
            _ => periods.push((p, l.amount)),
        }
    }
    let merged = lines.len() - periods.len();
    let first_p = periods[0].0;
    let last_p = periods[periods.len() - 1].0;
    let frequency = (periods.len() - 1) as f64;
    let repeat: Vec<f64> = periods[1..].iter().map(|&(_, s)| s).collect();
    let monetary_value =
        if repeat.is_empty() { 0.0 } else { repeat.iter().sum::<f64>() / repeat.len() as f64 };
    let mut orders: Vec<u32> = lines.iter().map(|l| l.order).collect();
    orders.sort_unstable();
    orders.dedup();
    let n_orders = orders.len() as f64;
    let monetary_total = lines.iter().map(|l| l.amount).sum::<f64>() + netted;
    let known_items: Vec<f64> = lines.iter().map(|l| l.items).filter(|q| q.is_finite()).collect();
    let items_per_order = (!known_items.is_empty()).then(|| known_items.iter().sum::<f64>() / n_orders);
    let mut months: Vec<(i64, u32)> = lines
        .iter()
        .map(|l| {
            let (y, m, _) = civil_from_days(l.day);
            (y, m)
        })
        .collect();
    months.dedup();
    months.sort_unstable();
    months.dedup();
    let first_to_last = (last_p - first_p) as f64 / unit;
    let days = lines.iter().map(|l| l.day);
    let (first_day, last_day) = (days.clone().min().unwrap_or(first_p), days.max().unwrap_or(last_p));
    let record = CustomerRecord {
        id: id.to_string(),
        frequency,
        first_to_last,
        tenure: (end_p - first_p) as f64 / unit,
        recency: (end_p - last_p) as f64 / unit,
        monetary_value,
        orders: n_orders,
        monetary_total,
        monetary_mean: monetary_total / n_orders,
        items_per_order,
        mean_interpurchase: (frequency > 0.0).then(|| first_to_last / frequency),
        active_months: months.len() as f64,
        first_purchase: CivilDate::from_days(first_day),
        last_purchase: CivilDate::from_days(last_day),
    };
    (record, merged)
}

/// Whether any record has items (so the table gets an `items_per_order` column).
pub(crate) fn has_items(records: &[CustomerRecord]) -> bool {
    records.iter().any(|r| r.items_per_order.is_some())
}

/// The returns rule in words, for the report.
pub(crate) fn returns_words(rule: ReturnsRule) -> &'static str {
    match rule {
        ReturnsRule::Exclude => "cancellations and returns are excluded",
        ReturnsRule::Net => "cancellations and returns are netted against total spend",
    }
}
