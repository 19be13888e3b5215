//! Plain-English wording shared by the engine's and the views' sentences.

/// "a", "a and b", "a, b and c" (empty for no items).
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "a", "a or b", "a, b or c" (empty for no items).
pub fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "1 segment", "4 segments": `n` with the noun in the number it needs.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `x` in the scientific notation of spreadsheets and Python, `digits` after the point: "1.57e+154",
/// "2.10e-06" (Rust's own "1.57e154" reads like a typo to most people).
pub fn scientific(x: f64, digits: usize) -> String {
    let plain = format!("{x:.digits$e}");
    match plain.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, exponent) = exponent.strip_prefix('-').map_or(("+", exponent), |e| ("-", e));
            format!("{mantissa}e{sign}{exponent:0>2}")
        }
        None => plain, // inf, NaN
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_read_as_english() {
        assert_eq!(super::and_list(&[]), "");
        assert_eq!(super::and_list(&["a"]), "a");
        assert_eq!(super::and_list(&["a", "b"]), "a and b");
        assert_eq!(super::and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(super::or_list(&["a", "b", "c"]), "a, b or c");
        assert_eq!(super::count(1, "segment", "segments"), "1 segment");
        assert_eq!(super::count(0, "segment", "segments"), "0 segments");
    }

    #[test]
    fn scientific_notation_reads_as_in_spreadsheets() {
        assert_eq!(super::scientific(1.567e154, 2), "1.57e+154");
        assert_eq!(super::scientific(2.1e-6, 2), "2.10e-06");
        assert_eq!(super::scientific(-156.7, 3), "-1.567e+02");
        assert_eq!(super::scientific(f64::INFINITY, 2), "inf");
    }
}
