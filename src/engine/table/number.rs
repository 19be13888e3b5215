//! Reading one cell as a number the way people write them: thousands separators, a decimal comma or point,
//! currency signs, percent signs, parenthesised negatives; and the tokens that mean "missing".
//!
//! The digits always go through Rust's correctly rounded `str::parse::<f64>`, so a plain decimal gives the
//! same f64 as pandas' round-trip parser. Never panics, never allocates on the fast path.

/// Flags telling what had to be stripped to read a number.
pub(crate) mod flag {
    pub const CURRENCY: u8 = 1;
    pub const THOUSANDS: u8 = 2;
    pub const PERCENT: u8 = 4;
    pub const PARENS: u8 = 8;
    pub const DECIMAL_COMMA: u8 = 16;
    /// Written without a fractional part or exponent.
    pub const INTEGER: u8 = 32;
}

/// A number read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    pub value: f64,
    pub flags: u8,
}

/// What a non-number cell is, when it is a known placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholder {
    /// Empty, NA, N/A, null, NaN, None, `-`, `?` (case-insensitive, trimmed).
    Missing,
    /// `#DIV/0!`, `#N/A`, `#VALUE!`, …
    SpreadsheetError,
}

/// Recognises missing-value tokens and spreadsheet errors in a trimmed cell.
pub(crate) fn placeholder(t: &str) -> Option<Placeholder> {
    if t.is_empty() {
        return Some(Placeholder::Missing);
    }
    if t.len() > 8 {
        return None;
    }
    const MISSING: [&str; 8] = ["na", "n/a", "null", "nan", "none", "-", "?", "nil"];
    if MISSING.iter().any(|m| t.eq_ignore_ascii_case(m)) {
        return Some(Placeholder::Missing);
    }
    const ERRORS: [&str; 11] = [
        "#div/0!", "#n/a", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!", "#calc!", "#field!",
        "#n/a!",
    ];
    if ERRORS.iter().any(|m| t.eq_ignore_ascii_case(m)) {
        return Some(Placeholder::SpreadsheetError);
    }
    None
}

/// Fast path for plain ASCII numbers (`-12.5e3`); `None` sends the cell to [`parse_number`].
/// With `decimal_comma`, one `,` is read as the decimal point and a `.` is refused.
#[inline]
pub(crate) fn fast_number(b: &[u8], decimal_comma: bool) -> Option<Num> {
    if b.is_empty() || b.len() > 40 {
        return None;
    }
    let mut buf = [0u8; 40];
    let mut integer = true;
    let mut digit = false;
    for (k, &c) in b.iter().enumerate() {
        buf[k] = match c {
            b'0'..=b'9' => {
                digit = true;
                c
            }
            b'+' | b'-' => c,
            b'e' | b'E' => {
                integer = false;
                c
            }
            b'.' if !decimal_comma => {
                integer = false;
                c
            }
            b',' if decimal_comma => {
                integer = false;
                b'.'
            }
            _ => return None,
        };
    }
    if !digit {
        return None;
    }
    let s = std::str::from_utf8(&buf[..b.len()]).ok()?;
    let value: f64 = s.parse().ok()?;
    let mut flags = if integer { flag::INTEGER } else { 0 };
    if decimal_comma && b.contains(&b',') {
        flags |= flag::DECIMAL_COMMA;
    }
    Some(Num { value, flags })
}

const CURRENCY_SYMBOLS: [char; 14] = ['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '₱', '฿', '¢', '₴'];
const CURRENCY_CODES: [&str; 12] =
    ["USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "INR", "CNY", "SEK", "NOK", "DKK"];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// Strips one currency marker from the start (`prefix`) or the end of `t`.
fn strip_currency(t: &str, prefix: bool) -> Option<&str> {
    for sym in CURRENCY_SYMBOLS {
        let r = if prefix { t.strip_prefix(sym) } else { t.strip_suffix(sym) };
        if let Some(r) = r {
            return Some(r.trim_matches(is_space));
        }
    }
    for code in CURRENCY_CODES {
        let r = if prefix { t.strip_prefix(code) } else { t.strip_suffix(code) };
        if let Some(r) = r {
            // A code must be separated from the digits or followed by a symbol/digit ("USD 5", "USD5").
            return Some(r.trim_matches(is_space));
        }
    }
    None
}

/// Reads `t` as a number with `decimal` (`'.'` or `','`) as the decimal separator.
pub(crate) fn parse_number(t: &str, decimal: char) -> Option<Num> {
    let mut t = t.trim_matches(is_space);
    let mut flags = 0u8;
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        flags |= flag::PARENS;
        negative = true;
        t = inner.trim_matches(is_space);
    }
    // Sign and currency in either order at the front; percent and currency at the back.
    let mut signed = flags & flag::PARENS != 0;
    for _ in 0..2 {
        if let Some(r) = t.strip_prefix(['-', '−', '+']) {
            if signed {
                return None;
            }
            signed = true;
            negative = !t.starts_with('+');
            t = r.trim_start_matches(is_space);
        }
        if let Some(r) = strip_currency(t, true) {
            flags |= flag::CURRENCY;
            t = r;
        }
    }
    if let Some(r) = t.strip_suffix('%') {
        flags |= flag::PERCENT;
        t = r.trim_end_matches(is_space);
    }
    if let Some(r) = strip_currency(t, false) {
        flags |= flag::CURRENCY;
        t = r;
    }
    let (value, core_flags) = parse_core(t, decimal)?;
    flags |= core_flags;
    Some(Num { value: if negative { -value } else { value }, flags })
}

/// Digits with optional grouping, one decimal separator and an exponent.
fn parse_core(t: &str, decimal: char) -> Option<(f64, u8)> {
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(k) => (&t[..k], Some(&t[k + 1..])),
        None => (t, None),
    };
    let (int_part, frac_part) = match mantissa.find(decimal) {
        Some(k) => (&mantissa[..k], Some(&mantissa[k + decimal.len_utf8()..])),
        None => (mantissa, None),
    };
    let mut flags = 0u8;
    let mut buf = String::with_capacity(t.len() + 2);
    // Grouping: the separator is the first non-digit in the integer part.
    let sep = int_part.chars().find(|c| !c.is_ascii_digit());
    match sep {
        None => buf.push_str(int_part),
        Some(sep) => {
            let allowed = matches!(sep, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’');
            if !allowed || sep == decimal {
                return None;
            }
            let mut groups = int_part.split(sep);
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if first.starts_with('0') {
                return None;
            }
            buf.push_str(first);
            for g in groups {
                if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                buf.push_str(g);
            }
            flags |= flag::THOUSANDS;
        }
    }
    let mut any_digit = !buf.is_empty();
    match frac_part {
        Some(f) => {
            if !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            any_digit |= !f.is_empty();
            buf.push('.');
            buf.push_str(f);
            if decimal == ',' {
                flags |= flag::DECIMAL_COMMA;
            }
        }
        None => flags |= flag::INTEGER,
    }
    if !any_digit {
        return None;
    }
    if let Some(e) = exponent {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        flags &= !flag::INTEGER;
        buf.push('e');
        buf.push_str(e);
    }
    buf.parse::<f64>().ok().map(|v| (v, flags))
}

/// What a cell says about the column's decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// Not a number either way.
    NotNumber,
    /// The same number either way (no separators, or only currency/sign).
    Plain,
    /// A number only with `.` as the decimal point.
    DotOnly,
    /// A number only with `,` as the decimal point.
    CommaOnly,
    /// Two different numbers (`1,234` is 1234 or 1.234).
    Ambiguous,
}

/// Reads a trimmed, non-missing cell both ways.
pub(crate) fn evidence(t: &str) -> Evidence {
    let dot = fast_number(t.as_bytes(), false).or_else(|| parse_number(t, '.'));
    let comma = fast_number(t.as_bytes(), true).or_else(|| parse_number(t, ','));
    match (dot, comma) {
        (None, None) => Evidence::NotNumber,
        (Some(_), None) => Evidence::DotOnly,
        (None, Some(_)) => Evidence::CommaOnly,
        (Some(a), Some(b)) if a.value.to_bits() == b.value.to_bits() => Evidence::Plain,
        (Some(_), Some(_)) => Evidence::Ambiguous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(t: &str) -> Option<f64> {
        parse_number(t, '.').map(|n| n.value)
    }
    fn comma(t: &str) -> Option<f64> {
        parse_number(t, ',').map(|n| n.value)
    }

    #[test]
    fn plain_decimals_match_std_parse() {
        for s in ["0.1", "40.900749", "-3.25e-7", "12", ".5", "1e300", "0.30000000000000004"] {
            assert_eq!(dot(s), s.parse::<f64>().ok(), "{s}");
            assert_eq!(fast_number(s.as_bytes(), false).map(|n| n.value), s.parse::<f64>().ok());
        }
    }

    #[test]
    fn currency_thousands_percent_parens() {
        assert_eq!(dot("$15,000.53"), Some(15000.53));
        assert_eq!(dot("-$1,234"), Some(-1234.0));
        assert_eq!(dot("$-5"), Some(-5.0));
        assert_eq!(dot("(1,234.50)"), Some(-1234.5));
        assert_eq!(dot("12.5 %"), Some(12.5));
        assert_eq!(dot("EUR 7"), Some(7.0));
        assert_eq!(comma("1.234,56 €"), Some(1234.56));
        assert_eq!(comma("1 234,5"), Some(1234.5));
        assert_eq!(dot("1'234.5"), Some(1234.5));
        let n = parse_number("$9,999,999.00", '.').unwrap();
        assert_eq!(n.value, 9_999_999.0);
        assert_eq!(n.flags & flag::CURRENCY, flag::CURRENCY);
        assert_eq!(n.flags & flag::THOUSANDS, flag::THOUSANDS);
        assert_eq!(n.flags & flag::INTEGER, 0);
    }

    #[test]
    fn bad_grouping_and_junk_are_refused() {
        for s in ["1,23", "1.2.3", "abc", "12abc", "0,500", "--5", "(-5)", "1e", "$", "e5", ".", "1,,000"] {
            assert_eq!(dot(s), None, "{s}");
        }
        assert_eq!(comma("1.5"), None);
    }

    #[test]
    fn evidence_decides_separators() {
        assert_eq!(evidence("1.5"), Evidence::DotOnly);
        assert_eq!(evidence("1,5"), Evidence::CommaOnly);
        assert_eq!(evidence("1,234"), Evidence::Ambiguous);
        assert_eq!(evidence("$15,000.53"), Evidence::DotOnly);
        assert_eq!(evidence("12"), Evidence::Plain);
        assert_eq!(evidence("x"), Evidence::NotNumber);
    }

    #[test]
    fn placeholders() {
        for s in ["", "NA", "n/a", "NULL", "NaN", "none", "-", "?"] {
            assert_eq!(placeholder(s), Some(Placeholder::Missing), "{s}");
        }
        for s in ["#DIV/0!", "#N/A", "#value!"] {
            assert_eq!(placeholder(s), Some(Placeholder::SpreadsheetError));
        }
        assert_eq!(placeholder("Nancy"), None);
    }

    #[test]
    fn overflow_and_infinity_parse_to_infinity() {
        assert_eq!(dot("1e400"), Some(f64::INFINITY));
        assert_eq!(fast_number(b"-1e400", false).map(|n| n.value), Some(f64::NEG_INFINITY));
        assert_eq!(fast_number(b"inf", false), None);
    }
}
