//! The words transaction-log detection reads in column names: exact names and name parts for each role, and
//! how well a name fits one. Names are compared lowercased with letters and digits only.

use crate::engine::table::Column;

/// Lowercase letters and digits only: "Customer ID" → "customerid".
fn norm(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

pub(super) const CUSTOMER_EXACT: &[&str] = &[
    "customerid",
    "customer",
    "custid",
    "customerno",
    "customernumber",
    "customerkey",
    "clientid",
    "client",
    "userid",
    "memberid",
    "accountid",
    "buyerid",
    "shopperid",
    "email",
    "emailaddress",
    "fromemailaddress",
    "customeremail",
    "kundennr",
    "kundennummer",
    "kunde",
    "cliente",
];
pub(super) const DATE_EXACT: &[&str] = &[
    "date",
    "invoicedate",
    "orderdate",
    "purchasedate",
    "transactiondate",
    "saledate",
    "datetime",
    "timestamp",
    "orderdatetime",
    "purchasetime",
    "ordertime",
    "datum",
    "fecha",
    "createdat",
    "created",
    "createdutc",
    "orderedat",
    "purchasedat",
    "placedat",
];
/// Name parts of a purchase date: Shopify's and Stripe's "Created at" / "Created (UTC)" were no dates by
/// name, so a Shopify export (with "Paid at" and "Cancelled at" beside it) was not read as a log.
pub(super) const DATE_PARTS: &[&str] = &["date", "time", "created", "ordered", "purchased", "placed"];
pub(super) const AMOUNT_EXACT: &[&str] = &[
    "amount",
    "dollarvalue",
    "revenue",
    "sales",
    "sale",
    "total",
    "totalprice",
    "totalamount",
    "value",
    "spend",
    "spent",
    "monetary",
    "ordervalue",
    "netsales",
    "payment",
    "linetotal",
    "salesamount",
    "pricetotal",
    "gross",
    "grossamount",
    "net",
    "netamount",
    "ordernet",
    "ordertotal",
    "subtotal",
    "amountpaid",
    "paid",
    "betrag",
    "umsatz",
    "montant",
    "importe",
];
pub(super) const QUANTITY_EXACT: &[&str] = &[
    "quantity",
    "qty",
    "units",
    "items",
    "numitems",
    "numberofitems",
    "itemcount",
    "unitssold",
    "count",
    "menge",
    "anzahl",
];
pub(super) const PRICE_EXACT: &[&str] =
    &["unitprice", "price", "itemprice", "priceeach", "unitcost", "priceperunit"];
pub(super) const INVOICE_EXACT: &[&str] = &[
    "invoiceno",
    "invoice",
    "invoiceid",
    "invoicenumber",
    "orderid",
    "order",
    "orderno",
    "ordernumber",
    "transactionid",
    "receipt",
    "receiptid",
    "basketid",
    "bonnr",
    "belegnr",
];

/// How well column `c` fits a role by name: 2 exact, 1 by pattern, 0 not at all.
pub(super) fn name_score(c: &Column, exact: &[&str], patterns: &[&str]) -> u8 {
    let n = norm(&c.name);
    if exact.contains(&n.as_str()) {
        2
    } else if patterns.iter().any(|p| n.starts_with(p) || n.contains(p)) {
        1
    } else {
        0
    }
}

/// Words that name a measure of a customer ("Email Open Rate", "Health Score"), never the customer's id.
pub(super) const MEASURE_WORDS: &[&str] = &[
    "rate", "ratio", "percent", "pct", "score", "count", "open", "opens", "opened", "click", "clicks",
    "bounce",
];

/// Name parts of a charge that is a part of an order, not its value: Olist's `freight_value` sat left of
/// `payment_value` and was taken as the amount.
const CHARGE_PARTS: &[&str] = &["freight", "shipping", "postage", "handling", "discount", "refund"];
/// Whole words of such a charge ("Tax", "Sales tax", "Tip"); a name with "incl" ("Total incl. tax") stays.
const CHARGE_WORDS: &[&str] = &["tax", "vat", "fee", "fees", "tip", "tips"];

/// A column named like a part of an order's value (shipping, tax, a discount), never its amount.
pub(super) fn is_charge_part(name: &str) -> bool {
    let n = norm(name);
    let words = || name.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase);
    !n.contains("incl")
        && (CHARGE_PARTS.iter().any(|p| n.contains(p)) || words().any(|w| CHARGE_WORDS.contains(&w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_that_are_parts_of_an_order_are_told_from_its_amount() {
        for part in
            ["freight_value", "Shipping Total", "Sales tax", "VAT", "Tip", "discount_amount", "Refund"]
        {
            assert!(is_charge_part(part), "{part}");
        }
        for amount in ["payment_value", "Total incl. tax", "Amount", "Gross", "order_total", "Taxonomy"] {
            assert!(!is_charge_part(amount), "{amount}");
        }
    }
}
