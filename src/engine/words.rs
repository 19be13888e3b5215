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
}
