//! Number formatting for tables and labels: a few significant digits, thousands separators, percentages.

/// A number with about three significant digits and thousands separators ("1,234", "12.3", "0.123", "–").
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let a = x.abs();
    if a >= 1000.0 {
        thousands(x.round())
    } else if a >= 100.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else if a >= 0.01 || a == 0.0 {
        format!("{x:.2}")
    } else {
        crate::engine::words::scientific(x, 2)
    }
}

/// A value of the feature `name`: [`number`], except that a year column's four-digit values keep no
/// separator ("2008", not "2,008").
pub fn feature_value(name: &str, x: f64) -> String {
    if (1000.0..10000.0).contains(&x.abs()) && crate::engine::table::is_year_name(name) {
        format!("{x:.0}")
    } else {
        number(x)
    }
}

/// An integer-valued number with thousands separators.
pub fn thousands(x: f64) -> String {
    let negative = x < 0.0;
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// A share as a percentage with one decimal ("12.5%").
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1}%", share * 100.0)
    } else {
        "–".into()
    }
}

/// An optional metric with `decimals` decimals, or "–".
pub fn metric(x: Option<f64>, decimals: usize) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v:.decimals$}"),
        _ => "–".into(),
    }
}

/// A row issue in words.
pub fn issue(kind: &crate::engine::table::IssueKind) -> String {
    use crate::engine::table::IssueKind::*;
    match kind {
        RaggedRow { expected, found } => {
            format!("{found} fields where the header has {expected}; the row was kept (padded or cut)")
        }
        Unparseable { value, expected } => {
            format!(
                "\"{value}\" is not a valid {} value; treated as missing",
                format!("{expected:?}").to_lowercase()
            )
        }
        DuplicateId { value, first_line } => format!("id \"{value}\" already appeared on line {first_line}"),
        UnterminatedQuote => "a quote is never closed; the rest of the line was read as text".to_string(),
        SpreadsheetError { value } => format!("spreadsheet error {value}; treated as missing"),
        NotFinite { value } => format!("\"{value}\" is not a finite number; treated as missing"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(1234567.4), "1,234,567");
        assert_eq!(number(-1234.0), "-1,234");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(0.1234), "0.12");
        assert_eq!(number(f64::NAN), "–");
        assert_eq!(feature_value("year", 2008.03), "2008");
        assert_eq!(feature_value("Income", 2008.03), "2,008");
        assert_eq!(feature_value("year", 12345.0), "12,345");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(metric(Some(0.41234), 3), "0.412");
        assert_eq!(metric(None, 2), "–");
    }
}
