//! Unit tests of number parsing (kept apart so `number.rs` stays small).
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
fn parse_f64_matches_std_parse() {
    use crate::engine::rng::{rng, Rng};
    let mut r = rng(99);
    for _ in 0..200_000 {
        let digits = r.gen_range(1..25);
        let mut s: String = (0..digits).map(|_| char::from(b'0' + r.gen_range(0..10u8))).collect();
        if r.gen_bool(0.8) {
            let k = r.gen_range(0..=s.len());
            s.insert(k, '.');
        }
        if r.gen_bool(0.2) {
            s += &format!("e{}", r.gen_range(-330..330));
        }
        if r.gen_bool(0.3) {
            s.insert(0, '-');
        }
        let want = s.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(parse_f64(s.as_bytes()).map(f64::to_bits), want, "{s}");
    }
    for s in ["1.7976931348623157e308", "2.2250738585072014e-308", "4.9e-324", "9007199254740993", "0.1"] {
        assert_eq!(parse_f64(s.as_bytes()), s.parse().ok(), "{s}");
    }
}

#[test]
fn fast_path_matches_std_parse() {
    use crate::engine::rng::{rng, Rng};
    let mut r = rng(7);
    for _ in 0..300_000 {
        let int_digits = r.gen_range(0..9);
        let frac_digits = r.gen_range(0..12);
        let mut s = String::new();
        if r.gen_bool(0.3) {
            s.push(if r.gen_bool(0.8) { '-' } else { '+' });
        }
        for _ in 0..int_digits {
            s.push(char::from(b'0' + r.gen_range(0..10u8)));
        }
        if frac_digits > 0 || r.gen_bool(0.1) {
            s.push('.');
        }
        for _ in 0..frac_digits {
            s.push(char::from(b'0' + r.gen_range(0..10u8)));
        }
        let want = s.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(fast_number(s.as_bytes(), false).map(|n| n.value.to_bits()), want, "{s}");
        let with_comma = s.replace('.', ",");
        assert_eq!(fast_number(with_comma.as_bytes(), true).map(|n| n.value.to_bits()), want, "{s}");
    }
    for s in ["-0", "0.0", "999999999999999", "9999999999999999", "0.3", "123456.7890123", "1.", ".5", "-.5"]
    {
        assert_eq!(
            fast_number(s.as_bytes(), false).map(|n| n.value.to_bits()),
            s.parse::<f64>().ok().map(f64::to_bits),
            "{s}"
        );
    }
    for s in ["", "-", "+", ".", "1..2", "1.2.3", "1-2", "--1", "1e", "e1", "1,5"] {
        assert_eq!(fast_number(s.as_bytes(), false), None, "{s}");
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
