//! Recognises a transaction log and proposes a [`TransactionMapping`] from column names and kinds, with a
//! confidence and the reasons in words. It never guesses a date from text: the date must be a parsed date column.

use serde::{Deserialize, Serialize};

use super::detect_names::{
    is_charge_part, name_score, AMOUNT_EXACT, CUSTOMER_EXACT, DATE_EXACT, DATE_PARTS, INVOICE_EXACT,
    MEASURE_WORDS, PRICE_EXACT, QUANTITY_EXACT,
};
use super::grouping_key::grouping_key;
use super::mapping::{mostly_present, status_column, AmountSource, TransactionMapping};
use crate::engine::table::{Column, ColumnData, ColumnKind, Table};

/// A proposed mapping, how sure the detector is (0..=1) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappingProposal {
    pub mapping: TransactionMapping,
    pub confidence: f64,
    pub reasons: Vec<String>,
}

fn is_number(c: &Column) -> bool {
    matches!(c.kind, ColumnKind::Numeric | ColumnKind::Integer) && c.numbers().is_some()
}

/// The best column (highest score, then leftmost) among those `allowed`, with its score.
fn best<'t>(
    table: &'t Table,
    taken: &[&str],
    allowed: impl Fn(&Column) -> bool,
    score: impl Fn(&Column) -> u8,
) -> Option<(&'t Column, u8)> {
    let mut out: Option<(&Column, u8)> = None;
    for c in &table.columns {
        if taken.contains(&c.name.as_str()) || !allowed(c) {
            continue;
        }
        let s = score(c);
        if s > 0 && out.is_none_or(|(_, b)| s > b) {
            out = Some((c, s));
        }
    }
    out
}

/// (distinct values, non-missing cells) of `c`.
pub(super) fn distinct_non_missing(c: &Column) -> (usize, usize) {
    let mut seen = std::collections::HashSet::new();
    let mut present = 0;
    for i in 0..c.len() {
        if !c.is_missing(i) {
            present += 1;
            seen.insert(c.display(i));
        }
    }
    (seen.len(), present)
}

/// A date column, or a column of whole numbers written `YYYYMMDD` named like a date (`InvoiceDate`, `date`).
fn is_date(c: &Column) -> bool {
    c.kind == ColumnKind::Date
        || (matches!(c.kind, ColumnKind::Integer | ColumnKind::Numeric)
            && name_score(c, DATE_EXACT, &["date", "time", "day"]) > 0
            && matches!(&c.data, ColumnData::Numbers(v) if super::calendar::compact_dates(v).is_some()))
}

/// A number column with a value that is not whole: a measure, never an id (Online Retail's CustomerID reads
/// 17850.0).
fn has_fractions(c: &Column) -> bool {
    c.numbers().is_some_and(|v| v.iter().any(|x| x.is_finite() && x.fract() != 0.0))
}

fn measure_name(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric()).any(|w| MEASURE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The least share of rows that repeat an earlier row's customer for a log: a few repeats in a customer
/// export (the same company twice) are duplicates, not purchases.
pub const MIN_REPEATED_SHARE: f64 = 0.05;

/// The most confidence a file gets when no customer id repeats (below the automatic threshold, 0.6).
pub const NO_REPEATS_CONFIDENCE: f64 = 0.5;

/// Values that are all order numbers written "#1001", as Shopify's "Name" column holds them.
fn order_numbers(c: &Column) -> bool {
    let is_number =
        |v: &str| v.strip_prefix('#').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let mut present = (0..c.len()).filter(|&i| !c.is_missing(i)).peekable();
    present.peek().is_some() && present.all(|i| is_number(c.display(i).trim()))
}

/// Proposes a mapping when `table` looks like a transaction log (a customer id, a date column and money);
/// `None` otherwise (for example a table of one row per customer with no dates).
pub fn detect_mapping(table: &Table) -> Option<MappingProposal> {
    let mut reasons = Vec::new();
    let mut confidence: f64 = 0.0;
    let dates: Vec<&Column> = table.columns.iter().filter(|c| is_date(c)).collect();
    let (date, date_score) =
        best(table, &[], is_date, |c| name_score(c, DATE_EXACT, DATE_PARTS).max(u8::from(dates.len() == 1)))?;
    confidence += [0.0, 0.15, 0.25][usize::from(date_score)];
    reasons.push(if date_score == 2 {
        format!("{:?} is a date column named like a purchase date", date.name)
    } else {
        format!("{:?} is {} date column", date.name, if dates.len() == 1 { "the only" } else { "a" })
    });

    let mut taken = vec![date.name.as_str()];
    let could_be = |c: &Column| {
        c.kind != ColumnKind::Date && !has_fractions(c) && !measure_name(&c.name) && mostly_present(c)
    };
    let named = |c: &Column| {
        name_score(c, CUSTOMER_EXACT, &["cust", "client", "member", "shopper", "buyer", "email", "kund"])
    };
    let (chosen, cust_score) = best(table, &taken, could_be, named)?;
    let others = table.columns.iter().filter(|c| c.name != chosen.name && c.name != date.name);
    let customer = match grouping_key(chosen, others.filter(|c| could_be(c) && named(c) > 0)) {
        Some(person) => {
            reasons.push(format!(
                "{:?} groups the ids in {:?} into fewer customers, so it is the customer ({:?} is new with \
                 each order or account)",
                person.name, chosen.name, chosen.name
            ));
            person
        }
        None => chosen,
    };
    taken.push(&customer.name);
    confidence += [0.0, 0.2, 0.3][usize::from(cust_score)];
    let (distinct, present) = distinct_non_missing(customer);
    let repeated = present - distinct;
    let repeats = distinct > 0 && repeated as f64 >= MIN_REPEATED_SHARE * present as f64;
    if distinct > 0 && repeated > 0 && !repeats {
        reasons.push(format!(
            "only {repeated} of {present} rows repeat an id in {:?} ({:.1}%): more like duplicated customers \
             than repeat purchases",
            customer.name,
            100.0 * repeated as f64 / present as f64
        ));
    } else if repeats {
        confidence += 0.1;
        reasons.push(format!(
            "{:?} looks like a customer id and repeats across rows ({distinct} distinct ids in {present} rows), \
             as in a transaction log",
            customer.name
        ));
    } else {
        reasons.push(format!(
            "{:?} looks like a customer id, but no id repeats ({distinct} distinct ids in {present} rows): \
             every customer has one purchase",
            customer.name
        ));
    }

    let invoice = best(
        table,
        &taken,
        |c| c.kind != ColumnKind::Date,
        |c| {
            let named =
                name_score(c, INVOICE_EXACT, &["invoice", "orderid", "orderno", "transactionid", "receipt"]);
            named.max(u8::from(order_numbers(c)))
        },
    );
    if let Some((inv, _)) = invoice {
        taken.push(&inv.name);
        confidence += 0.05;
        reasons.push(format!("{:?} looks like an invoice/order id: its lines make one order", inv.name));
    }

    let status = status_column(table, &taken);
    if let Some(s) = status {
        taken.push(&s.name);
        reasons.push(format!(
            "{:?} is an order status: lines whose status says cancelled, refunded, returned, failed or \
             unpaid are no purchases",
            s.name
        ));
    }

    let amount = best(
        table,
        &taken,
        |c| is_number(c) && !is_charge_part(&c.name),
        |c| {
            name_score(
                c,
                AMOUNT_EXACT,
                &["amount", "revenue", "sales", "dollar", "total", "spend", "value", "gross", "betrag"],
            )
        },
    );
    let quantity = best(table, &taken, is_number, |c| {
        name_score(c, QUANTITY_EXACT, &["quantity", "qty", "numberof", "units", "items"])
    });
    let price = best(table, &taken, is_number, |c| name_score(c, PRICE_EXACT, &["price"]));
    let amount_source = match (amount, quantity, price) {
        (Some((a, s)), _, _) => {
            confidence += [0.0, 0.2, 0.3][usize::from(s)];
            reasons.push(format!("{:?} is a number column named like a transaction amount", a.name));
            AmountSource::Amount { column: a.name.clone() }
        }
        (None, Some((q, _)), Some((p, _))) => {
            confidence += 0.25;
            reasons.push(format!(
                "no amount column, so the amount is {:?} × {:?} (quantity × unit price)",
                q.name, p.name
            ));
            AmountSource::QuantityTimesPrice { quantity: q.name.clone(), unit_price: p.name.clone() }
        }
        _ => return None,
    };
    let quantity = quantity.map(|(q, _)| q.name.clone());
    if let (Some(q), AmountSource::Amount { .. }) = (&quantity, &amount_source) {
        reasons.push(format!("{q:?} is read as items per line (a count, used for basket size)"));
    }
    let mapping = TransactionMapping {
        customer: customer.name.clone(),
        date: date.name.clone(),
        amount: amount_source,
        quantity,
        invoice: invoice.map(|(c, _)| c.name.clone()),
        status: status.map(|c| c.name.clone()),
    };
    if !repeats {
        // One row per id is what a customer table looks like (a signup date and a "spending score" are
        // common there): never confident enough for `DataMode::Auto`, still a mapping when the user says
        // the file is a transaction log.
        confidence = confidence.min(NO_REPEATS_CONFIDENCE);
    }
    Some(MappingProposal { mapping, confidence: confidence.min(1.0), reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::{ColumnData, ColumnRole};

    fn col(name: &str, kind: ColumnKind) -> Column {
        let data = match kind {
            ColumnKind::Identifier | ColumnKind::Text => {
                ColumnData::Texts(vec![Some("a".into()), Some("a".into()), Some("b".into())])
            }
            _ => ColumnData::Numbers(vec![1.0, 1.0, 2.0]),
        };
        Column { name: name.into(), kind, role: ColumnRole::Feature, data }
    }

    fn table(cols: Vec<Column>) -> Table {
        Table { source: "t.csv".into(), columns: cols, row_lines: vec![2, 3, 4] }
    }

    /// PayPal's activity export and a German till's: their amount, customer and date names were not known,
    /// so the files were segmented as one customer per payment line.

    #[test]
    fn paypal_and_german_till_exports_are_logs() {
        let paypal = table(vec![
            col("Date", ColumnKind::Date),
            col("Name", ColumnKind::Text),
            col("Gross", ColumnKind::Numeric),
            col("Fee", ColumnKind::Numeric),
            col("Net", ColumnKind::Numeric),
            col("From Email Address", ColumnKind::Identifier),
            col("Transaction ID", ColumnKind::Identifier),
        ]);
        let m = detect_mapping(&paypal).unwrap().mapping;
        assert_eq!((m.customer.as_str(), m.date.as_str()), ("From Email Address", "Date"));
        assert_eq!(m.amount, AmountSource::Amount { column: "Gross".into() });
        let till = table(vec![
            col("Datum", ColumnKind::Date),
            col("Bon-Nr", ColumnKind::Identifier),
            col("Kundennr", ColumnKind::Identifier),
            col("Menge", ColumnKind::Integer),
            col("Einzelpreis", ColumnKind::Numeric),
            col("Betrag", ColumnKind::Numeric),
        ]);
        let m = detect_mapping(&till).unwrap().mapping;
        assert_eq!((m.customer.as_str(), m.invoice.as_deref()), ("Kundennr", Some("Bon-Nr")));
        assert_eq!(m.amount, AmountSource::Amount { column: "Betrag".into() });
        assert_eq!(m.quantity.as_deref(), Some("Menge"));
    }

    #[test]
    fn cdnow_style_maps_amount_and_reads_count_as_quantity() {
        let t = table(vec![
            col("customer_id", ColumnKind::Identifier),
            col("date", ColumnKind::Date),
            col("number_of_cds", ColumnKind::Integer),
            col("dollar_value", ColumnKind::Numeric),
        ]);
        let p = detect_mapping(&t).unwrap();
        assert_eq!(p.mapping.amount, AmountSource::Amount { column: "dollar_value".into() });
        assert_eq!(p.mapping.quantity.as_deref(), Some("number_of_cds"));
        assert_eq!(p.mapping.customer, "customer_id");
        assert!(p.confidence > 0.8, "{}", p.confidence);
    }

    #[test]
    fn quantity_times_price_when_no_amount() {
        let t = table(vec![
            col("InvoiceNo", ColumnKind::Identifier),
            col("Quantity", ColumnKind::Integer),
            col("InvoiceDate", ColumnKind::Date),
            col("UnitPrice", ColumnKind::Numeric),
            col("CustomerID", ColumnKind::Integer),
        ]);
        let p = detect_mapping(&t).unwrap();
        assert_eq!(
            p.mapping.amount,
            AmountSource::QuantityTimesPrice { quantity: "Quantity".into(), unit_price: "UnitPrice".into() }
        );
        assert_eq!(p.mapping.invoice.as_deref(), Some("InvoiceNo"));
    }

    #[test]
    fn a_customer_table_without_dates_is_not_a_log() {
        let t = table(vec![
            col("CustomerID", ColumnKind::Integer),
            col("Age", ColumnKind::Integer),
            col("Spending Score", ColumnKind::Numeric),
        ]);
        assert!(detect_mapping(&t).is_none());
    }

    #[test]
    fn no_money_means_no_proposal() {
        let t = table(vec![col("cust", ColumnKind::Identifier), col("order_date", ColumnKind::Date)]);
        assert!(detect_mapping(&t).is_none());
        assert!(detect_mapping(&table(vec![])).is_none());
    }

    #[test]
    fn a_customer_table_with_a_signup_date_and_a_spending_score_is_not_a_log() {
        let csv = "CustomerID,Signup Date,Spending Score,Age\n1,2015-02-11,39,19\n2,2018-01-11,81,21\n\
                   3,2016-05-23,6,20\n4,2016-12-15,77,23\n";
        let t = crate::engine::table::read_table(
            csv.as_bytes(),
            "c.csv",
            &crate::engine::table::IngestOptions::default(),
            &mut crate::engine::progress::Silent,
        )
        .unwrap()
        .table;
        let p = detect_mapping(&t).expect("a mapping is still proposed");
        assert!(p.confidence <= NO_REPEATS_CONFIDENCE, "{}", p.confidence);
        // The same columns with repeated ids read as a log.
        let log =
            "CustomerID,Order Date,Spend\n1,2015-02-11,39\n1,2018-01-11,81\n2,2016-05-23,6\n2,2016-12-15,7\n";
        let t = crate::engine::table::read_table(
            log.as_bytes(),
            "l.csv",
            &crate::engine::table::IngestOptions::default(),
            &mut crate::engine::progress::Silent,
        )
        .unwrap()
        .table;
        assert!(detect_mapping(&t).unwrap().confidence > NO_REPEATS_CONFIDENCE);
    }
}
