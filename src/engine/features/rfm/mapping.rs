//! [`TransactionMapping`]: which columns of a transaction log hold the customer, the date, the money and
//! (optionally) the quantity and the invoice — a plain serde value the user edits — and its check against a table.

use serde::{Deserialize, Serialize};

use super::error::{Result, RfmError};
use crate::engine::table::{Column, ColumnData, ColumnKind, Table};

/// Where a transaction line's money comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AmountSource {
    /// A column holding the line's amount (`dollar_value`, `revenue`, `total`…).
    Amount { column: String },
    /// Quantity × unit price (UCI Online Retail's `Quantity` × `UnitPrice`).
    QuantityTimesPrice { quantity: String, unit_price: String },
}

/// The columns of a transaction log, one row per purchase line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransactionMapping {
    /// The customer id column (any kind; numbers are shown as integers when whole).
    pub customer: String,
    /// The purchase date column (a parsed date column).
    pub date: String,
    /// The line's money.
    pub amount: AmountSource,
    /// Items per line (for basket size); with [`AmountSource::QuantityTimesPrice`] usually its quantity.
    #[serde(default)]
    pub quantity: Option<String>,
    /// The invoice / order id: lines of one invoice are one order, and ids starting with `C` are cancellations.
    #[serde(default)]
    pub invoice: Option<String>,
    /// An order or payment status ("order_status", "Financial Status"): lines whose status says cancelled,
    /// refunded, returned, voided, failed or declined are no purchases (see [`is_cancelled_status`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Words of a status that is no purchase, in English, German, French, Spanish, Portuguese and Italian
/// ("canceled", "Cancelled", "refunded", "storniert", "annulée", "cancelado", "reembolsado", "annullato"),
/// and of one never paid ("unpaid", "expired" authorisations, "abandoned" checkouts, "draft" orders,
/// Stripe's "incomplete"; "pending payment" below). A partial refund ("partially_refunded") or payment stays
/// a purchase; a bare "pending" too (in some shops it is an order paid and not yet shipped).
const CANCELLED_STATUS_WORDS: &[&str] = &[
    "unpaid",
    "not paid",
    "unbezahlt",
    "impay",
    "impag",
    "no pagad",
    "não pag",
    "non pagat",
    "expired",
    "abandon",
    "draft",
    "incomplete",
    "cancel",
    "refund",
    "return",
    "void",
    "fail",
    "declin",
    "reject",
    "chargeback",
    "revers",
    "unavailable",
    "storn",
    "erstattet",
    "annul",
    "rembours",
    "reembols",
    "devuel",
    "devolv",
    "rimbors",
];

/// Words of a status column's name ("order_status", "Financial Status", "Bestellstatus", "statut", "estado").
const STATUS_NAMES: &[&str] = &["status", "statut", "estado", "stato"];

/// Whether a column named `name` with `levels` is a status that marks lines as no purchase: named like a
/// status, with at least one such level ("customer_state" with "SP" and "RJ" is not).
pub fn is_status_column<'a>(name: &str, mut levels: impl Iterator<Item = &'a str>) -> bool {
    let n = name.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    STATUS_NAMES.iter().any(|w| n.contains(w)) && levels.any(is_cancelled_status)
}

/// At least half the column's cells hold a value: WooCommerce's empty "Customer Note" was taken for the
/// customer id (every line then had none, and no purchase was left).
pub(crate) fn mostly_present(c: &Column) -> bool {
    let missing = (0..c.len()).filter(|&i| c.is_missing(i)).count();
    missing * 2 <= c.len()
}

/// Most distinct values a text column may have to be a status: a small export's status column (six levels
/// in 21 orders) is read as text, not as categories; a column of notes has more.
const MAX_STATUS_LEVELS: usize = 40;

/// The first column of `table` not `taken` that [`is_status_column`].
pub(crate) fn status_column<'t>(table: &'t Table, taken: &[&str]) -> Option<&'t Column> {
    table.columns.iter().filter(|c| !taken.contains(&c.name.as_str())).find(|c| match &c.data {
        ColumnData::Categories { levels, .. } => is_status_column(&c.name, levels.iter().map(String::as_str)),
        ColumnData::Texts(values) => {
            let mut levels = std::collections::BTreeSet::new();
            for v in values.iter().flatten() {
                levels.insert(v.as_str());
                if levels.len() > MAX_STATUS_LEVELS {
                    return false;
                }
            }
            is_status_column(&c.name, levels.into_iter())
        }
        _ => false,
    })
}

/// Whether a status level says the line is no purchase.
///
/// ```
/// use segscope::engine::features::rfm::is_cancelled_status;
/// assert!(is_cancelled_status("canceled") && is_cancelled_status("Refunded"));
/// assert!(is_cancelled_status("storniert"));
/// assert!(!is_cancelled_status("delivered") && !is_cancelled_status("partially_refunded"));
/// // never paid
/// assert!(is_cancelled_status("unpaid") && is_cancelled_status("Pending payment"));
/// assert!(is_cancelled_status("expired") && is_cancelled_status("checkout-draft"));
/// assert!(!is_cancelled_status("paid") && !is_cancelled_status("partially_paid"));
/// assert!(!is_cancelled_status("pending") && !is_cancelled_status("Completed"));
/// ```
pub fn is_cancelled_status(level: &str) -> bool {
    let l = level.trim().to_lowercase();
    // WooCommerce's "Pending payment", Magento's "pending_payment", "awaiting payment"
    let awaiting_payment = (l.contains("pending") || l.contains("awaiting")) && l.contains("pay");
    !l.contains("partial") && (awaiting_payment || CANCELLED_STATUS_WORDS.iter().any(|w| l.contains(w)))
}

/// The mapping's columns, found in a table and checked for kind.
pub(crate) struct Resolved<'t> {
    pub customer: &'t Column,
    /// Seconds since 1970-01-01: the date column itself, or whole numbers written `YYYYMMDD` converted.
    pub date: std::borrow::Cow<'t, [f64]>,
    pub amount: ResolvedAmount<'t>,
    pub quantity: Option<&'t [f64]>,
    pub invoice: Option<&'t Column>,
    pub status: Option<&'t Column>,
}

/// The money columns, as numbers.
pub(crate) enum ResolvedAmount<'t> {
    Amount(&'t [f64]),
    QuantityTimesPrice { quantity: &'t [f64], unit_price: &'t [f64] },
}

impl Resolved<'_> {
    /// Rows every mapped column has (a well-formed table has the same length everywhere).
    pub fn len(&self) -> usize {
        let amount = match &self.amount {
            ResolvedAmount::Amount(a) => a.len(),
            ResolvedAmount::QuantityTimesPrice { quantity, unit_price } => {
                quantity.len().min(unit_price.len())
            }
        };
        [self.customer.len(), self.date.len(), amount, self.quantity.map_or(usize::MAX, <[f64]>::len)]
            .into_iter()
            .chain(self.invoice.map(Column::len))
            .chain(self.status.map(Column::len))
            .min()
            .unwrap_or(0)
    }
}

impl ResolvedAmount<'_> {
    /// The amount of line `i` (NaN when missing).
    pub fn at(&self, i: usize) -> f64 {
        match self {
            ResolvedAmount::Amount(a) => a[i],
            ResolvedAmount::QuantityTimesPrice { quantity, unit_price } => quantity[i] * unit_price[i],
        }
    }

    /// The quantity of line `i`, when the amount is quantity × price.
    pub fn quantity(&self, i: usize) -> Option<f64> {
        match self {
            ResolvedAmount::Amount(_) => None,
            ResolvedAmount::QuantityTimesPrice { quantity, .. } => Some(quantity[i]),
        }
    }
}

impl TransactionMapping {
    /// All (role, column) pairs the mapping names.
    fn roles(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![("customer", self.customer.as_str()), ("date", self.date.as_str())];
        match &self.amount {
            AmountSource::Amount { column } => v.push(("amount", column)),
            AmountSource::QuantityTimesPrice { quantity, unit_price } => {
                v.push(("quantity", quantity));
                v.push(("unit price", unit_price));
            }
        }
        if let Some(q) = &self.quantity {
            let same_as_amount_quantity =
                matches!(&self.amount, AmountSource::QuantityTimesPrice { quantity, .. } if quantity == q);
            if !same_as_amount_quantity {
                v.push(("quantity", q));
            }
        }
        if let Some(inv) = &self.invoice {
            v.push(("invoice", inv));
        }
        if let Some(status) = &self.status {
            v.push(("status", status));
        }
        v
    }

    /// The mapping in words: `customer "Email", date "Order Date", amount "Total"`.
    pub fn describe(&self) -> String {
        let roles: Vec<String> =
            self.roles().iter().map(|(role, column)| format!("{role} {column:?}")).collect();
        roles.join(", ")
    }

    /// Finds the mapping's columns in `table` and checks their kinds.
    pub(crate) fn resolve<'t>(&self, table: &'t Table) -> Result<Resolved<'t>> {
        let roles = self.roles();
        for (i, (role_a, a)) in roles.iter().enumerate() {
            if let Some((role_b, _)) = roles[i + 1..].iter().find(|(_, b)| b == a) {
                return Err(RfmError::SameColumnTwice { name: a.to_string(), first: role_a, second: role_b });
            }
        }
        let find = |role: &'static str, name: &str| {
            table.column(name).ok_or_else(|| RfmError::MissingColumn { role, name: name.to_string() })
        };
        let numbers = |role: &'static str, name: &str| -> Result<&'t [f64]> {
            let c = find(role, name)?;
            match (&c.data, c.kind) {
                (ColumnData::Numbers(v), ColumnKind::Numeric | ColumnKind::Integer) => Ok(v),
                _ => {
                    Err(RfmError::WrongKind { role, name: name.into(), expected: "a number", found: c.kind })
                }
            }
        };
        let customer = find("customer", &self.customer)?;
        let date_col = find("date", &self.date)?;
        let compact = match (&date_col.data, date_col.kind) {
            (ColumnData::Numbers(v), ColumnKind::Integer | ColumnKind::Numeric) => {
                super::calendar::compact_dates(v)
            }
            _ => None,
        };
        let date = match (&date_col.data, date_col.kind, compact) {
            (ColumnData::Numbers(v), ColumnKind::Date, _) => std::borrow::Cow::Borrowed(v.as_slice()),
            (_, _, Some(seconds)) => std::borrow::Cow::Owned(seconds),
            _ => {
                return Err(RfmError::WrongKind {
                    role: "date",
                    name: self.date.clone(),
                    expected: "a date, or a whole number written YYYYMMDD",
                    found: date_col.kind,
                })
            }
        };
        let amount = match &self.amount {
            AmountSource::Amount { column } => ResolvedAmount::Amount(numbers("amount", column)?),
            AmountSource::QuantityTimesPrice { quantity, unit_price } => ResolvedAmount::QuantityTimesPrice {
                quantity: numbers("quantity", quantity)?,
                unit_price: numbers("unit price", unit_price)?,
            },
        };
        let quantity = self.quantity.as_deref().map(|q| numbers("quantity", q)).transpose()?;
        let invoice = self.invoice.as_deref().map(|inv| find("invoice", inv)).transpose()?;
        let status = self.status.as_deref().map(|s| find("status", s)).transpose()?;
        Ok(Resolved { customer, date, amount, quantity, invoice, status })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::ColumnRole;

    fn col(name: &str, kind: ColumnKind, data: ColumnData) -> Column {
        Column { name: name.into(), kind, role: ColumnRole::Feature, data }
    }

    fn table() -> Table {
        Table {
            source: "t.csv".into(),
            columns: vec![
                col("cust", ColumnKind::Identifier, ColumnData::Texts(vec![Some("a".into())])),
                col("when", ColumnKind::Date, ColumnData::Numbers(vec![0.0])),
                col("amt", ColumnKind::Numeric, ColumnData::Numbers(vec![1.0])),
                col("label", ColumnKind::Text, ColumnData::Texts(vec![Some("x".into())])),
            ],
            row_lines: vec![2],
        }
    }

    fn mapping() -> TransactionMapping {
        TransactionMapping {
            customer: "cust".into(),
            date: "when".into(),
            amount: AmountSource::Amount { column: "amt".into() },
            quantity: None,
            invoice: None,
            status: None,
        }
    }

    #[test]
    fn resolves_a_good_mapping() {
        let t = table();
        let r = mapping().resolve(&t).unwrap();
        assert_eq!(r.amount.at(0), 1.0);
        assert_eq!(&*r.date, &[0.0]);
    }

    #[test]
    fn missing_column_is_named() {
        let m = TransactionMapping { customer: "nope".into(), ..mapping() };
        let err = m.resolve(&table()).err().unwrap();
        assert_eq!(err, RfmError::MissingColumn { role: "customer", name: "nope".into() });
    }

    #[test]
    fn wrong_kinds_are_rejected() {
        let m = TransactionMapping {
            date: "amt".into(),
            amount: AmountSource::Amount { column: "x".into() },
            ..mapping()
        };
        assert!(matches!(m.resolve(&table()), Err(RfmError::WrongKind { role: "date", .. })));
        let m = TransactionMapping { amount: AmountSource::Amount { column: "label".into() }, ..mapping() };
        let err = m.resolve(&table()).err().unwrap();
        assert_eq!(err.to_string(), "amount column \"label\" must be a number; it was read as Text");
    }

    #[test]
    fn a_column_cannot_play_two_roles() {
        let m = TransactionMapping { invoice: Some("cust".into()), ..mapping() };
        assert!(matches!(m.resolve(&table()), Err(RfmError::SameColumnTwice { first: "customer", .. })));
    }

    #[test]
    fn mapping_json_round_trips() {
        let m = TransactionMapping {
            amount: AmountSource::QuantityTimesPrice { quantity: "q".into(), unit_price: "p".into() },
            quantity: Some("q".into()),
            ..mapping()
        };
        let s = serde_json::to_string(&m).unwrap();
        assert!(s.contains("\"kind\":\"quantity_times_price\""));
        assert_eq!(serde_json::from_str::<TransactionMapping>(&s).unwrap(), m);
    }
}
