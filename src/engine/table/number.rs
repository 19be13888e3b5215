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

/// Parses number bytes with the standard library's correctly rounded `str::parse::<f64>`.
///
/// `fast-float2` was tried and dropped: under the project's release profile (opt-level "z") it compiles
/// slowly-inlined and measured about twice the cost of std's parser, which ships precompiled at
/// opt-level 3 (`examples/bench_ingest.rs`). `parse_f64_matches_std_parse` pins the behaviour.
#[inline]
pub(crate) fn parse_f64(b: &[u8]) -> Option<f64> {
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Powers of ten that are exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// `±mantissa / 10^frac` for at most 15 digits and `frac <= 22`: both are exact f64s, so the one IEEE
/// division rounds correctly (Clinger's fast path; the same bits as `str::parse`).
#[inline(always)]
pub(crate) fn clinger(mantissa: u64, frac: usize, negative: bool) -> f64 {
    // Below 10^15 the signed conversion is exact and, unlike the unsigned one, one instruction on x86-64.
    let v = mantissa as i64 as f64 / POW10[frac];
    if negative {
        -v
    } else {
        v
    }
}

/// Fast path for plain ASCII numbers (`-12.5e3`); `None` sends the cell to [`parse_number`].
/// With `decimal_comma`, one `,` is read as the decimal point and a `.` is refused.
///
/// Numbers of at most 15 digits without an exponent are computed directly (Clinger's fast path: the
/// digits and the power of ten are exact f64s, so one IEEE division rounds correctly — the same bits as
/// `str::parse`, checked by `fast_path_matches_std_parse`). This is most of a typical file and avoids the
/// general parser; everything else goes to [`parse_f64`].
#[inline(always)]
pub(crate) fn fast_number(b: &[u8], decimal_comma: bool) -> Option<Num> {
    if b.is_empty() || b.len() > 40 {
        return None;
    }
    let point = if decimal_comma { b',' } else { b'.' };
    let (mut i, mut negative) = (0, false);
    if b[0] == b'-' || b[0] == b'+' {
        negative = b[0] == b'-';
        i = 1;
    }
    let (mut mantissa, mut digits, mut frac, mut seen_point, mut simple) = (0u64, 0u32, 0usize, false, true);
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            digits += 1;
            frac += usize::from(seen_point);
        } else if c == point && !seen_point {
            seen_point = true;
        } else if matches!(c, b'e' | b'E' | b'+' | b'-' | b'.' | b',') {
            simple = false;
            break;
        } else {
            return None;
        }
        i += 1;
    }
    if simple {
        if digits == 0 {
            return None;
        }
        let flags = match (seen_point, decimal_comma) {
            (false, _) => flag::INTEGER,
            (true, true) => flag::DECIMAL_COMMA,
            (true, false) => 0,
        };
        if digits <= 15 && frac <= 22 {
            return Some(Num { value: clinger(mantissa, frac, negative), flags });
        }
    }
    slow_ascii_number(b, decimal_comma)
}

/// The rest of the ASCII fast path: exponents, long mantissas; refuses anything but one number.
fn slow_ascii_number(b: &[u8], decimal_comma: bool) -> Option<Num> {
    let (mut integer, mut digit, mut comma_at) = (true, false, usize::MAX);
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => digit = true,
            b'+' | b'-' => {}
            b'e' | b'E' => integer = false,
            b'.' if !decimal_comma => integer = false,
            b',' if decimal_comma && comma_at == usize::MAX => {
                integer = false;
                comma_at = k;
            }
            _ => return None,
        }
    }
    if !digit {
        return None;
    }
    let value: f64 = if comma_at == usize::MAX {
        parse_f64(b)?
    } else {
        let mut buf = [0u8; 40];
        buf[..b.len()].copy_from_slice(b);
        buf[comma_at] = b'.';
        parse_f64(&buf[..b.len()])?
    };
    let mut flags = if integer { flag::INTEGER } else { 0 };
    if comma_at != usize::MAX {
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
    parse_f64(buf.as_bytes()).map(|v| (v, flags))
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
    evidence_given(t, fast_number(t.as_bytes(), false))
}

/// [`evidence`] for a caller that has read the cell with `fast_number(t, false)` already (`fast_dot`), so
/// that the cell is not read twice.
pub(crate) fn evidence_given(t: &str, fast_dot: Option<Num>) -> Evidence {
    // Shortcut for the common plain number: no ',' and no exponent, read with '.'; one '.' followed by
    // other than three digits cannot be a thousands separator, so only '.' reads it.
    let b = t.as_bytes();
    if !b.iter().any(|&c| matches!(c, b',' | b'e' | b'E')) && fast_dot.is_some() {
        match b.iter().position(|&c| c == b'.') {
            None => return Evidence::Plain,
            Some(k) if b.len() - k - 1 != 3 => return Evidence::DotOnly,
            Some(_) => {}
        }
    }
    let dot = fast_dot.or_else(|| parse_number(t, '.'));
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
#[path = "number_tests.rs"]
mod tests;
