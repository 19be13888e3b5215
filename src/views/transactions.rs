//! Transaction mode in the Data step: which mode is chosen (automatic, one row per customer, transactions),
//! the column mapping as editable fields with the file's columns that fit each, and the cleaning rules with
//! their counts. Pure: edits are functions on the config.

use crate::engine::features::rfm::{
    is_status_column, AmountSource, PeriodUnit, ReturnsRule, RuleKind, TransactionMapping,
};
use crate::engine::pipeline::{DataMode, PipelineConfig, Report, TransactionsConfig};
use crate::engine::table::{ColumnKind, ColumnSummary};

/// The three data modes as the UI offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeChoice {
    Auto,
    Customers,
    Transactions,
}

impl ModeChoice {
    /// Value for forms.
    pub fn value(self) -> &'static str {
        match self {
            ModeChoice::Auto => "auto",
            ModeChoice::Customers => "customers",
            ModeChoice::Transactions => "transactions",
        }
    }
}

/// The mode the config asks for.
pub fn mode_choice(config: &PipelineConfig) -> ModeChoice {
    match config.mode {
        DataMode::Auto => ModeChoice::Auto,
        DataMode::Customers => ModeChoice::Customers,
        DataMode::Transactions(_) => ModeChoice::Transactions,
    }
}

/// A field of the mapping form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Customer,
    Date,
    Amount,
    Quantity,
    UnitPrice,
    /// Items per line, for basket size (optional).
    Items,
    Invoice,
    /// An order or payment status: cancelled, refunded… lines are no purchases (optional).
    Status,
}

/// Where the money comes from, as the form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyFrom {
    Amount,
    QuantityTimesPrice,
}

/// The columns of `columns` that can fill `field`: dates for the date, numbers for money and quantities, any
/// column for the customer and the invoice.
pub fn candidates(columns: &[ColumnSummary], field: Field) -> Vec<String> {
    columns
        .iter()
        .filter(|c| match field {
            Field::Date => c.kind == ColumnKind::Date,
            Field::Amount | Field::Quantity | Field::UnitPrice | Field::Items => {
                matches!(c.kind, ColumnKind::Numeric | ColumnKind::Integer)
            }
            Field::Customer | Field::Invoice => true,
            Field::Status => {
                matches!(c.kind, ColumnKind::Categorical | ColumnKind::Boolean | ColumnKind::Text)
            }
        })
        .map(|c| c.name.clone())
        .collect()
}

/// The column in `mapping` for `field` ("" when none).
pub fn field_value(mapping: &TransactionMapping, field: Field) -> String {
    let s = match (field, &mapping.amount) {
        (Field::Customer, _) => Some(&mapping.customer),
        (Field::Date, _) => Some(&mapping.date),
        (Field::Amount, AmountSource::Amount { column }) => Some(column),
        (Field::Quantity, AmountSource::QuantityTimesPrice { quantity, .. }) => Some(quantity),
        (Field::UnitPrice, AmountSource::QuantityTimesPrice { unit_price, .. }) => Some(unit_price),
        (Field::Items, _) => mapping.quantity.as_ref(),
        (Field::Invoice, _) => mapping.invoice.as_ref(),
        (Field::Status, _) => mapping.status.as_ref(),
        _ => None,
    };
    s.cloned().unwrap_or_default()
}

/// How the mapping gets its money.
pub fn money_from(mapping: &TransactionMapping) -> MoneyFrom {
    match mapping.amount {
        AmountSource::Amount { .. } => MoneyFrom::Amount,
        AmountSource::QuantityTimesPrice { .. } => MoneyFrom::QuantityTimesPrice,
    }
}

fn first_named(columns: &[String], words: &[&str]) -> Option<String> {
    let norm =
        |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    columns.iter().find(|c| words.iter().any(|w| norm(c).contains(w))).cloned()
}

/// A first mapping from column names and types, used when the user switches to transactions and nothing was
/// detected: a customer-like column, the first date, and an amount or quantity × price. `None` without a date
/// or a number column.
pub fn guess_mapping(columns: &[ColumnSummary]) -> Option<TransactionMapping> {
    let dates = candidates(columns, Field::Date);
    let numbers = candidates(columns, Field::Amount);
    let date = dates.first()?.clone();
    // an id unique on every line (a transaction id) makes every purchase its own customer: one that repeats
    // comes first (a PayPal export got "Transaction ID" as its customer: 8,771 customers of one purchase)
    let repeats = |c: &&ColumnSummary| c.distinct + c.missing < c.rows;
    let customer = first_named(
        &candidates(columns, Field::Customer),
        &["customer", "client", "user", "member", "buyer", "email", "kund"],
    )
    .or_else(|| {
        columns.iter().filter(repeats).find(|c| c.kind == ColumnKind::Identifier).map(|c| c.name.clone())
    })
    .or_else(|| columns.iter().find(|c| c.kind == ColumnKind::Identifier).map(|c| c.name.clone()))
    .or_else(|| columns.first().map(|c| c.name.clone()))?;
    let quantity = first_named(&numbers, &["quantity", "qty", "units", "menge", "anzahl"]);
    let price = first_named(&numbers, &["price"]);
    let amount = match (quantity.clone(), price) {
        (Some(q), Some(p)) if q != p => AmountSource::QuantityTimesPrice { quantity: q, unit_price: p },
        _ => AmountSource::Amount {
            column: first_named(
                &numbers,
                &[
                    "amount", "revenue", "total", "sales", "value", "spend", "gross", "net", "betrag",
                    "umsatz",
                ],
            )
            .or_else(|| numbers.iter().find(|n| **n != customer && Some(*n) != quantity.as_ref()).cloned())?,
        },
    };
    Some(TransactionMapping {
        customer,
        date,
        amount,
        quantity,
        invoice: first_named(&candidates(columns, Field::Invoice), &["invoice", "order", "receipt"]),
        status: columns
            .iter()
            .find(|c| is_status_column(&c.name, c.top.iter().map(|v| v.value.as_str())))
            .map(|c| c.name.clone()),
    })
}

/// The transaction settings in effect: the config's when it says transactions, else the last run's (detected)
/// settings, else defaults with a guessed mapping.
pub fn current(config: &PipelineConfig, report: Option<&Report>) -> TransactionsConfig {
    if let DataMode::Transactions(t) = &config.mode {
        let mut t = t.as_ref().clone();
        if t.mapping.is_none() {
            t.mapping = report.and_then(|r| r.transactions.as_ref()).map(|tr| tr.mapping.clone());
        }
        if t.mapping.is_none() {
            t.mapping = report.and_then(|r| guess_mapping(&r.data.columns));
        }
        return t;
    }
    let mut t = match report.map(|r| &r.config.mode) {
        Some(DataMode::Transactions(t)) => t.as_ref().clone(),
        _ => TransactionsConfig::default(),
    };
    if t.mapping.is_none() {
        t.mapping = report.and_then(|r| guess_mapping(&r.data.columns));
    }
    t
}

/// Sets the data mode; transactions start from [`current`].
pub fn set_mode(config: &mut PipelineConfig, report: Option<&Report>, choice: ModeChoice) {
    config.mode = match choice {
        ModeChoice::Auto => DataMode::Auto,
        ModeChoice::Customers => DataMode::Customers,
        ModeChoice::Transactions => DataMode::Transactions(Box::new(current(config, report))),
    };
}

/// Changes one mapping field (`None` clears an optional field); the mode becomes transactions.
pub fn set_field(config: &mut PipelineConfig, report: Option<&Report>, field: Field, value: Option<String>) {
    let mut t = current(config, report);
    let Some(mut m) = t.mapping.take() else { return };
    let v = value.clone().unwrap_or_default();
    match (field, &mut m.amount) {
        (Field::Customer, _) if !v.is_empty() => m.customer = v,
        (Field::Date, _) if !v.is_empty() => m.date = v,
        (Field::Amount, AmountSource::Amount { column }) if !v.is_empty() => *column = v,
        (Field::Quantity, AmountSource::QuantityTimesPrice { quantity, .. }) if !v.is_empty() => {
            if m.quantity.as_deref() == Some(quantity.as_str()) {
                m.quantity = Some(v.clone());
            }
            *quantity = v;
        }
        (Field::UnitPrice, AmountSource::QuantityTimesPrice { unit_price, .. }) if !v.is_empty() => {
            *unit_price = v
        }
        (Field::Items, _) => m.quantity = value.filter(|s| !s.is_empty()),
        (Field::Invoice, _) => m.invoice = value.filter(|s| !s.is_empty()),
        (Field::Status, _) => m.status = value.filter(|s| !s.is_empty()),
        _ => {}
    }
    t.mapping = Some(m);
    config.mode = DataMode::Transactions(Box::new(t));
}

/// Switches between one amount column and quantity × unit price, choosing columns from `columns`.
pub fn set_money_from(
    config: &mut PipelineConfig,
    report: Option<&Report>,
    columns: &[ColumnSummary],
    from: MoneyFrom,
) {
    let mut t = current(config, report);
    let Some(mut m) = t.mapping.take() else { return };
    let numbers = candidates(columns, Field::Amount);
    let taken = [m.customer.clone(), m.date.clone()];
    let free: Vec<String> = numbers.iter().filter(|n| !taken.contains(n)).cloned().collect();
    m.amount = match (from, &m.amount) {
        (MoneyFrom::Amount, AmountSource::QuantityTimesPrice { .. }) => {
            let column = first_named(&free, &["amount", "revenue", "total", "sales", "value"])
                .or_else(|| free.first().cloned());
            match column {
                Some(column) => AmountSource::Amount { column },
                None => m.amount.clone(),
            }
        }
        (MoneyFrom::QuantityTimesPrice, AmountSource::Amount { column }) => {
            let quantity = first_named(&free, &["quantity", "qty", "units"])
                .or_else(|| free.iter().find(|n| *n != column).cloned());
            let price = first_named(&free, &["price"]).or_else(|| Some(column.clone()));
            match (quantity, price) {
                (Some(q), Some(p)) if q != p => {
                    AmountSource::QuantityTimesPrice { quantity: q, unit_price: p }
                }
                _ => m.amount.clone(),
            }
        }
        _ => m.amount.clone(),
    };
    t.mapping = Some(m);
    config.mode = DataMode::Transactions(Box::new(t));
}

/// Changes the options around the mapping (period, returns rule, observation end).
pub fn set_options(
    config: &mut PipelineConfig,
    report: Option<&Report>,
    f: impl FnOnce(&mut TransactionsConfig),
) {
    let mut t = current(config, report);
    f(&mut t);
    config.mode = DataMode::Transactions(Box::new(t));
}

/// The period units with their values and labels.
pub const PERIODS: [(PeriodUnit, &str, &str); 3] = [
    (PeriodUnit::Day, "day", "Days"),
    (PeriodUnit::Week, "week", "Weeks"),
    (PeriodUnit::Month, "month", "Months"),
];

/// The returns rules with their values and labels.
pub const RETURNS: [(ReturnsRule, &str, &str); 2] = [
    (ReturnsRule::Exclude, "exclude", "Leave them out"),
    (ReturnsRule::Net, "net", "Subtract them from spend"),
];

/// A short name for a cleaning rule.
pub fn rule_label(rule: RuleKind) -> &'static str {
    match rule {
        RuleKind::MissingCustomer => "No customer id",
        RuleKind::MissingDate => "No usable date",
        RuleKind::MissingAmount => "No amount",
        RuleKind::AfterObservationEnd => "After the observation end",
        RuleKind::Cancellation => "Cancelled invoices (C…)",
        RuleKind::NegativeValue => "Returns (negative quantity or amount)",
        RuleKind::CancelledStatus => "Cancelled or refunded (status)",
        RuleKind::SamePeriodMerged => "Same customer, same period",
    }
}

/// The rule's stable value, for test ids ("cancellation").
pub fn rule_value(rule: RuleKind) -> String {
    serde_json::to_value(rule).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::ColumnRole;

    fn col(name: &str, kind: ColumnKind) -> ColumnSummary {
        ColumnSummary {
            name: name.into(),
            kind,
            role: ColumnRole::Feature,
            rows: 3,
            missing: 0,
            missing_tokens: vec![],
            distinct: 3,
            min: None,
            max: None,
            mean: None,
            skewness: None,
            min_text: None,
            max_text: None,
            top: vec![],
            samples: vec![],
            histogram: None,
            format: None,
        }
    }

    fn retail() -> Vec<ColumnSummary> {
        vec![
            col("InvoiceNo", ColumnKind::Identifier),
            col("Quantity", ColumnKind::Integer),
            col("InvoiceDate", ColumnKind::Date),
            col("UnitPrice", ColumnKind::Numeric),
            col("CustomerID", ColumnKind::Integer),
        ]
    }

    /// An id unique on every line is not proposed as the customer when another id repeats.
    #[test]
    fn a_transaction_id_is_not_the_guessed_customer() {
        let mut payer = col("Payer", ColumnKind::Identifier);
        payer.distinct = 2;
        let columns = vec![
            col("Transaction ID", ColumnKind::Identifier),
            payer,
            col("Paid on", ColumnKind::Date),
            col("Fee", ColumnKind::Numeric),
            col("Gross", ColumnKind::Numeric),
        ];
        let m = guess_mapping(&columns).unwrap();
        assert_eq!(m.customer, "Payer");
        assert_eq!(m.amount, AmountSource::Amount { column: "Gross".into() });
    }

    #[test]
    fn guesses_quantity_times_price_and_lists_candidates() {
        let m = guess_mapping(&retail()).unwrap();
        assert_eq!(m.customer, "CustomerID");
        assert_eq!(m.date, "InvoiceDate");
        assert_eq!(
            m.amount,
            AmountSource::QuantityTimesPrice { quantity: "Quantity".into(), unit_price: "UnitPrice".into() }
        );
        assert_eq!(m.invoice.as_deref(), Some("InvoiceNo"));
        assert_eq!(candidates(&retail(), Field::Date), vec!["InvoiceDate".to_string()]);
        assert_eq!(candidates(&retail(), Field::UnitPrice).len(), 3);
        assert!(guess_mapping(&[col("a", ColumnKind::Numeric)]).is_none(), "no date, no mapping");
    }

    #[test]
    fn editing_a_field_switches_to_transactions_with_the_mapping() {
        let mut c = PipelineConfig {
            mode: DataMode::Transactions(Box::new(TransactionsConfig {
                mapping: guess_mapping(&retail()),
                ..Default::default()
            })),
            ..Default::default()
        };
        set_field(&mut c, None, Field::Invoice, None);
        set_field(&mut c, None, Field::Customer, Some("InvoiceNo".into()));
        let DataMode::Transactions(t) = &c.mode else { panic!("transactions") };
        let m = t.mapping.as_ref().unwrap();
        assert_eq!((m.customer.as_str(), m.invoice.as_ref()), ("InvoiceNo", None));
        assert_eq!(field_value(m, Field::UnitPrice), "UnitPrice");
        assert_eq!(field_value(m, Field::Amount), "");
        set_money_from(&mut c, None, &retail(), MoneyFrom::Amount);
        let DataMode::Transactions(t) = &c.mode else { panic!("transactions") };
        assert!(matches!(t.mapping.as_ref().unwrap().amount, AmountSource::Amount { .. }));
        set_options(&mut c, None, |t| t.rfm.period = PeriodUnit::Week);
        set_mode(&mut c, None, ModeChoice::Auto);
        assert_eq!(mode_choice(&c), ModeChoice::Auto);
        assert_eq!(rule_value(RuleKind::Cancellation), "cancellation");
    }
}
