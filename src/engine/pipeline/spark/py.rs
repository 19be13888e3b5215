//! Python literals for the generated Spark job: strings, numbers, lists and dicts that Python reads back exactly.

use std::fmt::Write;

/// A Python string literal. JSON string escapes (`\"`, `\\`, `\n`, `\u00e9`) mean the same in Python.
pub fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A Python float literal (`float("nan")` / `float("inf")` for the values Python cannot write plainly).
pub fn float(x: f64) -> String {
    if x.is_nan() {
        "float(\"nan\")".into()
    } else if x.is_infinite() {
        if x > 0.0 { "float(\"inf\")" } else { "-float(\"inf\")" }.into()
    } else {
        // `{:?}` always keeps a decimal point or an exponent, so Python reads a float, and round-trips.
        format!("{x:?}")
    }
}

/// `True` / `False`.
pub fn boolean(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// A Python list of strings.
pub fn string_list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A Python tuple of already-formatted literals (one element gets its trailing comma).
pub fn tuple(items: &[String]) -> String {
    match items {
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}

/// A Python dict from string keys to already-formatted literals, one entry per line when not empty.
pub fn dict(entries: &[(String, String)]) -> String {
    if entries.is_empty() {
        return "{}".into();
    }
    let mut out = String::from("{\n");
    for (k, v) in entries {
        let _ = writeln!(out, "    {}: {v},", string(k));
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_python_reads_back() {
        assert_eq!(string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(float(1e-4), "0.0001");
        assert_eq!(float(3.0), "3.0");
        assert_eq!(float(1e300), "1e300");
        assert_eq!(float(f64::NAN), "float(\"nan\")");
        assert_eq!(tuple(&["\"mean\"".into()]), "(\"mean\",)");
        assert_eq!(tuple(&["1".into(), "2".into()]), "(1, 2)");
        assert_eq!(dict(&[]), "{}");
        assert_eq!(dict(&[("x".into(), "1".into())]), "{\n    \"x\": 1,\n}");
        assert_eq!(string_list(&["a".to_string()]), "[\"a\"]");
        assert_eq!(boolean(true), "True");
    }
}
