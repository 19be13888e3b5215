//! Reads purchase lines out of a table through a mapping and applies the stated cleaning rules (missing ids,
//! dates or money; cancellations and returns; purchases after the observation end), counting each rule.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::calendar::day_of;
use super::error::Result;
use super::mapping::{is_cancelled_status, Resolved, TransactionMapping};
use super::options::{ReturnsRule, ValidRfmOptions};
use crate::engine::progress::{tick, Monitor};
use crate::engine::table::Table;

/// A rule that the cleaning applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Rows without a customer id: excluded.
    MissingCustomer,
    /// Rows without a usable date: excluded.
    MissingDate,
    /// Rows without an amount (or quantity / unit price): excluded.
    MissingAmount,
    /// Rows dated after the observation end: excluded.
    AfterObservationEnd,
    /// Rows on invoices whose id starts with "C" (cancellations): excluded or netted.
    Cancellation,
    /// Other rows with a negative quantity or amount (returns): excluded or netted.
    NegativeValue,
    /// Rows whose status says cancelled, refunded, returned, failed… (the mapping's status column):
    /// excluded.
    CancelledStatus,
    /// Purchases of one customer in one period: counted as one transaction.
    SamePeriodMerged,
}

/// One applied rule, how many rows it touched, and a sentence saying what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleApplied {
    pub rule: RuleKind,
    pub rows: usize,
    pub sentence: String,
}

/// A purchase line that passed the rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Line {
    /// Index into [`Lines::ids`].
    pub customer: u32,
    /// Day since 1970-01-01.
    pub day: i64,
    pub amount: f64,
    /// Items on the line (NaN when unknown).
    pub items: f64,
    /// The order this line belongs to (interned invoice id, or a number of its own when there is none).
    pub order: u32,
}

/// The lines kept, the netted return amounts, and the rule counts.
pub(crate) struct Lines {
    pub ids: Vec<String>,
    /// For each customer, the source line of their first row.
    pub first_lines: Vec<u64>,
    pub purchases: Vec<Line>,
    /// (customer, amount) of returns netted against spend (only with [`ReturnsRule::Net`]).
    pub netted: Vec<(u32, f64)>,
    /// The last day of the observation window.
    pub end_day: i64,
    pub counts: HashMap<RuleKind, usize>,
    /// The status levels read as no purchase (at most [`MAX_STATUS_LEVELS`]), for the report.
    pub cancelled_levels: Vec<String>,
}

/// Status levels a rule sentence names at most.
const MAX_STATUS_LEVELS: usize = 6;

/// A row that has a customer, a date and an amount, before the window and return rules.
struct Candidate {
    customer: u32,
    day: i64,
    amount: f64,
    items: f64,
    order: u32,
    cancelled: bool,
    negative: bool,
    /// Its status says it is no purchase.
    void: bool,
}

/// Reads and cleans the purchase lines of `table`.
pub(crate) fn read_lines(
    table: &Table,
    mapping: &TransactionMapping,
    options: &ValidRfmOptions,
    monitor: &mut dyn Monitor,
) -> Result<Lines> {
    let cols: Resolved = mapping.resolve(table)?;
    let n = table.n_rows().min(cols.len());
    let mut ids: Vec<String> = Vec::new();
    let mut first_lines: Vec<u64> = Vec::new();
    let mut id_index: HashMap<String, u32> = HashMap::new();
    let mut invoices: HashMap<String, u32> = HashMap::new();
    let mut next_order = 0u32;
    let mut counts: HashMap<RuleKind, usize> = HashMap::new();
    let mut candidates = Vec::with_capacity(n);
    // per status level (by its text), whether it says no purchase
    let mut status_void: HashMap<String, bool> = HashMap::new();
    for i in 0..n {
        tick(monitor, "reading transactions", i, n, 16_384)?;
        let id = if cols.customer.is_missing(i) { String::new() } else { cols.customer.display(i) };
        let id = id.trim();
        if id.is_empty() {
            *counts.entry(RuleKind::MissingCustomer).or_default() += 1;
            continue;
        }
        let Some(day) = day_of(cols.date[i]) else {
            *counts.entry(RuleKind::MissingDate).or_default() += 1;
            continue;
        };
        let amount = cols.amount.at(i);
        if !amount.is_finite() {
            *counts.entry(RuleKind::MissingAmount).or_default() += 1;
            continue;
        }
        let customer = *id_index.entry(id.to_string()).or_insert_with(|| {
            ids.push(id.to_string());
            first_lines.push(table.row_lines.get(i).copied().unwrap_or(0));
            (ids.len() - 1) as u32
        });
        let invoice = cols.invoice.filter(|c| !c.is_missing(i)).map(|c| c.display(i).trim().to_string());
        let cancelled = invoice.as_deref().is_some_and(is_cancellation_id);
        let order = match invoice.filter(|s| !s.is_empty()) {
            Some(s) => *invoices.entry(s).or_insert_with(|| {
                next_order += 1;
                next_order - 1
            }),
            None => {
                next_order += 1;
                next_order - 1
            }
        };
        let items = cols.quantity.map_or(f64::NAN, |q| q[i]);
        let negative = amount < 0.0 || cols.amount.quantity(i).is_some_and(|q| q < 0.0) || items < 0.0;
        let void = cols.status.filter(|c| !c.is_missing(i)).is_some_and(|c| {
            let level = c.display(i);
            *status_void.entry(level).or_insert_with_key(|l| is_cancelled_status(l))
        });
        candidates.push(Candidate { customer, day, amount, items, order, cancelled, negative, void });
    }
    // a status on an order's first line only (Shopify's export leaves the other lines' order fields blank)
    // holds for every line of the order
    if cols.invoice.is_some() && candidates.iter().any(|c| c.void) {
        let void_orders: std::collections::HashSet<u32> =
            candidates.iter().filter(|c| c.void).map(|c| c.order).collect();
        candidates.iter_mut().for_each(|c| c.void |= void_orders.contains(&c.order));
    }
    // ids that all start with "C" are a numbering scheme, not cancellations
    if candidates.iter().filter(|c| c.cancelled).count() * 2 > candidates.len() {
        candidates.iter_mut().for_each(|c| c.cancelled = false);
    }
    let last_day = candidates.iter().map(|c| c.day).max();
    let end_day = options.get().observation_end.map(|d| d.days()).or(last_day).unwrap_or(0);
    let end_period = options.get().period.start(end_day);
    let mut purchases = Vec::with_capacity(candidates.len());
    let mut netted = Vec::new();
    for c in candidates {
        // lifetimes keeps every purchase whose period starts on or before the end's period start
        if options.get().period.start(c.day) > end_period {
            *counts.entry(RuleKind::AfterObservationEnd).or_default() += 1;
        } else if c.void {
            *counts.entry(RuleKind::CancelledStatus).or_default() += 1;
        } else if c.cancelled || c.negative {
            let rule = if c.cancelled { RuleKind::Cancellation } else { RuleKind::NegativeValue };
            *counts.entry(rule).or_default() += 1;
            if options.get().returns == ReturnsRule::Net {
                netted.push((c.customer, c.amount.min(0.0)));
            }
        } else {
            let Candidate { customer, day, amount, items, order, .. } = c;
            purchases.push(Line { customer, day, amount, items, order });
        }
    }
    let mut cancelled_levels: Vec<String> =
        status_void.into_iter().filter(|(_, void)| *void).map(|(level, _)| level).collect();
    cancelled_levels.sort();
    cancelled_levels.truncate(MAX_STATUS_LEVELS);
    Ok(Lines { ids, first_lines, purchases, netted, end_day, counts, cancelled_levels })
}

/// An invoice id that marks a cancellation: a "C" before the digits of an ordinary invoice number, as UCI
/// Online Retail writes them ("C536379"). Every id starting with "c" used to count, so a log keyed by hex
/// order ids (Olist's "cd39e158…") lost one order in sixteen, and `segscope run` did not say so.
fn is_cancellation_id(id: &str) -> bool {
    id.strip_prefix(['C', 'c'])
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// The report sentences for the rules, in a fixed order, each with its count (zero counts included).
pub(crate) fn rule_report(
    lines: &Lines,
    mapping: &TransactionMapping,
    options: &ValidRfmOptions,
    end: &str,
) -> Vec<RuleApplied> {
    let counts = &lines.counts;
    let c = |k| counts.get(&k).copied().unwrap_or(0);
    // "1 row … was", "3 rows … were": `{}` in `what` stands for the verb
    let say = |k: RuleKind, what: &str| {
        let n = c(k);
        let (subject, verb) =
            if n == 1 { ("1 row".to_string(), "was") } else { (format!("{n} rows"), "were") };
        (k, format!("{subject} {}", what.replace("{}", verb)))
    };
    let fate = match options.get().returns {
        ReturnsRule::Net => {
            "{} not counted as purchases; their negative amounts were netted against the customer's total spend"
        }
        ReturnsRule::Exclude => "{} excluded",
    };
    let period = match options.get().period {
        super::calendar::PeriodUnit::Day => "day",
        super::calendar::PeriodUnit::Week => "week",
        super::calendar::PeriodUnit::Month => "month",
    };
    let mut out = vec![
        say(
            RuleKind::MissingCustomer,
            &format!("without a customer id in {:?} {{}} excluded", mapping.customer),
        ),
        say(RuleKind::MissingDate, &format!("without a usable date in {:?} {{}} excluded", mapping.date)),
        say(RuleKind::MissingAmount, "without an amount {} excluded"),
        say(RuleKind::AfterObservationEnd, &format!("dated after the observation end {end} {{}} excluded")),
    ];
    if let Some(inv) = &mapping.invoice {
        out.push(say(
            RuleKind::Cancellation,
            &format!("on cancelled invoices ({inv:?} of a \"C\" and digits, like \"C536379\") {fate}"),
        ));
    }
    out.push(say(RuleKind::NegativeValue, &format!("with a negative quantity or amount (returns) {fate}")));
    if let Some(status) = &mapping.status {
        let levels = if lines.cancelled_levels.is_empty() {
            "cancelled, refunded, returned, voided, failed or unpaid".to_string()
        } else {
            let quoted: Vec<String> = lines.cancelled_levels.iter().map(|l| format!("{l:?}")).collect();
            crate::engine::words::or_list(&quoted.iter().map(String::as_str).collect::<Vec<_>>())
        };
        out.push(say(RuleKind::CancelledStatus, &format!("whose {status:?} is {levels} {{}} excluded")));
    }
    out.push(say(
        RuleKind::SamePeriodMerged,
        &format!("{{}} merged into the same customer's earlier purchase in the same {period} (one transaction per period)"),
    ));
    out.into_iter().map(|(rule, sentence)| RuleApplied { rule, rows: c(rule), sentence }).collect()
}
