//! What column names say: whether a name is identifier-like (`CustomerID`, `cust_id`, `InvoiceNo`), and
//! which identifier column most likely names the customer.

/// Splits a column name into lowercase words at non-alphanumerics and camelCase boundaries.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|k| chars[k]);
            let next = chars.get(i + 1);
            let boundary = match prev {
                Some(p) if c.is_uppercase() => {
                    p.is_lowercase()
                        || p.is_numeric()
                        || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
                }
                _ => false,
            };
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur).to_lowercase());
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur.to_lowercase());
        }
    }
    out
}

const ID_LAST: [&str; 11] =
    ["id", "ids", "uuid", "guid", "key", "no", "nr", "num", "number", "code", "identifier"];
const ID_WHOLE: [&str; 10] = [
    "customerid",
    "custid",
    "clientid",
    "userid",
    "memberid",
    "accountid",
    "customerno",
    "invoiceno",
    "orderid",
    "transactionid",
];
const CUSTOMER_WORDS: [&str; 8] =
    ["customer", "cust", "client", "user", "member", "account", "household", "person"];

/// True for names like `id`, `CustomerID`, `CUST_ID`, `customer id`, `InvoiceNo`, `StockCode`.
pub fn is_id_name(name: &str) -> bool {
    let w = words(name);
    match (w.first(), w.last()) {
        (Some(first), Some(last)) => {
            ID_LAST.contains(&last.as_str())
                || first == "id"
                || (w.len() == 1 && ID_WHOLE.contains(&last.as_str()))
        }
        _ => false,
    }
}

/// True for a code that says where a customer is or how to reach them (`Zip`, `Postal Code`,
/// `Default Address Zip`, `Phone`): digits, but no quantity to average or segment on.
pub fn is_place_or_contact_code(name: &str) -> bool {
    const WORDS: [&str; 8] = ["zip", "zipcode", "postcode", "postal", "plz", "phone", "telephone", "mobile"];
    words(name).iter().any(|w| WORDS.contains(&w.as_str()))
}

/// True for an id-like name that ends in "code" and does not point at a customer (`Country Code`,
/// `Province Code`, `StockCode`): a category when it has few values, an identifier when it has many.
pub fn is_code_name(name: &str) -> bool {
    words(name).last().is_some_and(|w| w == "code") && !is_customer_name(name)
}

/// True when an identifier name points at a customer (`CustomerID`, `cust_id`, `client`).
pub fn is_customer_name(name: &str) -> bool {
    let w = words(name);
    w.iter().any(|x| CUSTOMER_WORDS.contains(&x.as_str()))
        || w.iter().any(|x| CUSTOMER_WORDS.iter().any(|c| x.starts_with(c) && x.ends_with("id")))
}

/// True when a column name says it holds calendar years (`year`, `Year_Birth`, `model yr`, `YOB`).
pub fn is_year_name(name: &str) -> bool {
    words(name).iter().any(|w| matches!(w.as_str(), "year" | "yr" | "yob"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        assert_eq!(words("CustomerID"), vec!["customer", "id"]);
        assert_eq!(words("CUST_ID"), vec!["cust", "id"]);
        assert_eq!(words("InvoiceNo"), vec!["invoice", "no"]);
        assert_eq!(words("Spending Score (1-100)"), vec!["spending", "score", "1", "100"]);
        assert_eq!(words("HTMLParser"), vec!["html", "parser"]);
    }

    #[test]
    fn codes_by_name() {
        for n in ["Zip", "Default Address Zip", "postal_code", "Postcode", "Phone", "ZipCode"] {
            assert!(is_place_or_contact_code(n), "{n}");
        }
        assert!(!is_place_or_contact_code("Zipper sales") && !is_place_or_contact_code("Total Spent"));
        assert!(is_code_name("Default Address Country Code") && is_code_name("StockCode"));
        assert!(!is_code_name("Customer Code") && !is_code_name("Region"));
    }

    #[test]
    fn id_names() {
        for n in [
            "id",
            "ID",
            "CustomerID",
            "CUST_ID",
            "customer id",
            "customer_id",
            "InvoiceNo",
            "StockCode",
            "customerid",
            "Id Number",
        ] {
            assert!(is_id_name(n), "{n}");
        }
        for n in [
            "Age",
            "Spending Score (1-100)",
            "number_of_cds",
            "Annual Income (k$)",
            "TENURE",
            "Region",
            "Identity crisis",
        ] {
            assert!(!is_id_name(n), "{n}");
        }
    }

    #[test]
    fn customer_names() {
        assert!(is_customer_name("CustomerID"));
        assert!(is_customer_name("CUST_ID"));
        assert!(is_customer_name("customerid"));
        assert!(!is_customer_name("InvoiceNo"));
    }

    #[test]
    fn year_names() {
        for n in ["year", "Year_Birth", "model yr", "YOB", "releaseYear"] {
            assert!(is_year_name(n), "{n}");
        }
        for n in ["years_employed", "yearly_spend", "Age", "day"] {
            assert!(!is_year_name(n), "{n}");
        }
    }
}
