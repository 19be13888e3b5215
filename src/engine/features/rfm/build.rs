//! [`customer_features`]: transactions → cleaned lines → per-customer records → a per-customer [`Table`]
//! (Id role for the customer, Feature role for the features) with a report of every rule applied.

use serde::{Deserialize, Serialize};

use super::calendar::{CivilDate, PeriodUnit};
use super::clean::{read_lines, rule_report, RuleApplied};
use super::error::{Result, RfmError};
use super::mapping::TransactionMapping;
use super::options::{ReturnsRule, RfmOptions};
use super::summary::{has_items, returns_words, summarise, CustomerRecord};
use crate::engine::progress::Monitor;
use crate::engine::table::{Column, ColumnData, ColumnKind, ColumnRole, Table};

/// What the feature stage did, in numbers and sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureReport {
    pub rows_read: usize,
    /// Purchase lines kept after the rules.
    pub purchase_lines: usize,
    pub customers: usize,
    /// Customers seen only on cancelled, returned or post-observation rows: they are not in the table.
    pub customers_without_purchases: usize,
    /// Distinct (customer, period) transactions.
    pub transactions: usize,
    pub period: PeriodUnit,
    pub freq_multiplier: u32,
    /// The unit every duration is measured in ("days", "weeks"…).
    pub time_unit: String,
    pub observation_end: CivilDate,
    pub first_purchase: Option<CivilDate>,
    pub last_purchase: Option<CivilDate>,
    pub returns: ReturnsRule,
    /// Every rule applied, with its count, in a fixed order.
    pub rules: Vec<RuleApplied>,
    /// A short plain-language summary.
    pub sentences: Vec<String>,
    /// What looks wrong in the log and changes every customer's numbers (e.g. a date far after the others).
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// The per-customer features: a table to segment, the typed records, and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFeatures {
    pub table: Table,
    pub customers: Vec<CustomerRecord>,
    pub report: FeatureReport,
}

/// Turns a transaction log into one row per customer.
///
/// Feature columns (durations in the options' time unit): `recency` (since the last purchase), `frequency`
/// (repeat purchase periods), `orders`, `monetary_total`, `monetary_mean` (per order), `monetary_value` (mean
/// repeat transaction), `tenure` (since the first purchase), `first_to_last`, `mean_interpurchase` (missing
/// without repeats), `items_per_order` (when a quantity column is mapped), `active_months`, and with
/// `log_transform` a `log1p_…` column for each of the first seven (sign(x)·ln(1+|x|), so a netted negative
/// total stays finite).
pub fn customer_features(
    table: &Table,
    mapping: &TransactionMapping,
    options: &RfmOptions,
    monitor: &mut dyn Monitor,
) -> Result<CustomerFeatures> {
    let options = options.check()?;
    let mut lines = read_lines(table, mapping, &options, monitor)?;
    if lines.purchases.is_empty() {
        let end = CivilDate::from_days(lines.end_day).to_string();
        let rules = rule_report(&lines, mapping, &options, &end);
        return Err(RfmError::NoPurchases { rows: table.n_rows(), rules });
    }
    let mut warnings: Vec<String> = if options.get().observation_end.is_none() {
        far_dates(lines.purchases.iter().map(|l| l.day).collect()).into_iter().collect()
    } else {
        Vec::new()
    };
    warnings.extend(super::log_checks::mixed_currencies(table));
    warnings.extend(super::log_checks::repeated_lines(table));
    let customers = summarise(&mut lines, &options, monitor)?;
    let observation_end = CivilDate::from_days(lines.end_day);
    let rules = rule_report(&lines, mapping, &options, &observation_end.to_string());
    let first_purchase = customers.iter().map(|c| c.first_purchase).min();
    let last_purchase = customers.iter().map(|c| c.last_purchase).max();
    let transactions = customers.iter().map(|c| c.frequency as usize + 1).sum::<usize>();
    let o = options.get();
    let customers_without_purchases = lines.ids.len() - customers.len();
    let mut sentences = vec![
        format!(
            "{} customers with {transactions} transactions ({} purchase lines) from {} to {}, observed to {observation_end}",
            customers.len(),
            lines.purchases.len(),
            first_purchase.map_or_else(String::new, |d| d.to_string()),
            last_purchase.map_or_else(String::new, |d| d.to_string()),
        ),
        format!("durations are in {}; {}", options.unit_name(), returns_words(o.returns)),
    ];
    if customers_without_purchases > 0 {
        sentences.push(format!(
            "{} no purchase left after the rules (only cancellations, returns or purchases after the \
             observation end) and {} not in the table",
            crate::engine::words::count(customers_without_purchases, "customer had", "customers had"),
            if customers_without_purchases == 1 { "is" } else { "are" }
        ));
    }
    let report = FeatureReport {
        rows_read: table.n_rows(),
        purchase_lines: lines.purchases.len(),
        customers: customers.len(),
        customers_without_purchases,
        transactions,
        period: o.period,
        freq_multiplier: o.freq_multiplier,
        time_unit: options.unit_name(),
        observation_end,
        first_purchase,
        last_purchase,
        returns: o.returns,
        rules,
        sentences,
        warnings,
    };
    let index: std::collections::HashMap<&str, usize> =
        lines.ids.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let row_lines =
        customers.iter().map(|c| index.get(c.id.as_str()).map_or(0, |&i| lines.first_lines[i])).collect();
    let table = feature_table(table, mapping, &customers, o.log_transform, row_lines);
    Ok(CustomerFeatures { table, customers, report })
}

/// A warning when the latest purchases lie far after the rest: beyond the 99th percentile of the dates by
/// more than the span up to it (at least 30 days). The observation end defaults to the latest purchase, so
/// one mistyped year (2201 for 2011) moves every customer's recency and tenure by centuries.
fn far_dates(mut days: Vec<i64>) -> Option<String> {
    if days.len() < 10 {
        return None;
    }
    let (first, last) = (days.iter().copied().min()?, days.iter().copied().max()?);
    let at = (days.len() - 1) * 99 / 100;
    let bulk_end = *days.select_nth_unstable(at).1;
    let limit = bulk_end + (bulk_end - first).max(30);
    let far = days.iter().filter(|&&d| d > limit).count();
    (far > 0).then(|| {
        let day = |d: i64| CivilDate::from_days(d).to_string();
        let (lines, them) =
            if far == 1 { ("purchase line is", "it") } else { ("purchase lines are", "them") };
        format!(
            "{far} {lines} dated after {} (the latest {}), far beyond the others (99% are from {} to {}); \
             the observation end is {}, so every customer's recency and tenure are measured to it. If the \
             dates are typos, correct {them} or set the observation end.",
            day(limit),
            day(last),
            day(first),
            day(bulk_end),
            day(last)
        )
    })
}

/// sign(x)·ln(1 + |x|).
fn signed_log1p(x: f64) -> f64 {
    x.signum() * x.abs().ln_1p()
}

/// Reads one feature of a record.
type Getter = fn(&CustomerRecord) -> f64;

fn feature_table(
    source: &Table,
    mapping: &TransactionMapping,
    customers: &[CustomerRecord],
    log_transform: bool,
    row_lines: Vec<u64>,
) -> Table {
    let col = |name: &str, values: Vec<f64>| Column {
        name: name.to_string(),
        kind: ColumnKind::Numeric,
        role: ColumnRole::Feature,
        data: ColumnData::Numbers(values),
    };
    let get = |f: fn(&CustomerRecord) -> f64| customers.iter().map(f).collect::<Vec<f64>>();
    let mut columns = vec![Column {
        name: mapping.customer.clone(),
        kind: ColumnKind::Identifier,
        role: ColumnRole::Id,
        data: ColumnData::Texts(customers.iter().map(|c| Some(c.id.clone())).collect()),
    }];
    let main: [(&str, Getter); 7] = [
        ("recency", |c| c.recency),
        ("frequency", |c| c.frequency),
        ("orders", |c| c.orders),
        ("monetary_total", |c| c.monetary_total),
        ("monetary_mean", |c| c.monetary_mean),
        ("monetary_value", |c| c.monetary_value),
        ("tenure", |c| c.tenure),
    ];
    for (name, f) in main {
        columns.push(col(name, get(f)));
    }
    columns.push(col("first_to_last", get(|c| c.first_to_last)));
    columns.push(col("mean_interpurchase", get(|c| c.mean_interpurchase.unwrap_or(f64::NAN))));
    if has_items(customers) {
        columns.push(col("items_per_order", get(|c| c.items_per_order.unwrap_or(f64::NAN))));
    }
    columns.push(col("active_months", get(|c| c.active_months)));
    if log_transform {
        for (name, f) in main {
            columns
                .push(col(&format!("log1p_{name}"), customers.iter().map(|c| signed_log1p(f(c))).collect()));
        }
    }
    Table { source: format!("{} (per customer)", source.source), columns, row_lines }
}
