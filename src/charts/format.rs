//! Number and label formatting for axes and annotations: tick steps and labels, compact values, shares,
//! counts, truncation with an ellipsis, finite ranges, and log10(1 + x) value axes. Pure functions, no
//! drawing.

/// `s` cut to at most `max` characters, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let keep: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", keep.trim_end())
    }
}

/// `s` cut to at most `max` characters like [`truncate`], but a "name: detail" label (a category and one of
/// its levels) is cut in its name, so that the columns of one category stay told apart: "Mari…: Married",
/// not "Marital_Status…" for every level. A detail too long to keep any of the name is shown alone.
pub fn truncate_keeping_detail(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    match s.split_once(": ") {
        // the name keeps at least two characters and its ellipsis
        Some((name, detail)) if detail.chars().count() + 5 <= max => {
            format!("{}: {detail}", truncate(name, max - detail.chars().count() - 2))
        }
        Some((_, detail)) => truncate(detail, max),
        None => truncate(s, max),
    }
}

/// The smallest and largest finite value, or `None` when there is none.
pub fn finite_bounds(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    lo.is_finite().then_some((lo, hi))
}

/// `lo..hi` widened by `frac` of its span on both sides; a zero span gets a unit-sized window.
pub fn padded(lo: f64, hi: f64, frac: f64) -> std::ops::Range<f64> {
    let span = hi - lo;
    let tiny = 1e-12 * lo.abs().max(hi.abs()).max(1e-300);
    if span.is_nan() || span <= tiny {
        let pad = if lo.abs() > 0.0 { lo.abs() * 0.1 } else { 1.0 };
        return (lo - pad)..(hi + pad);
    }
    (lo - span * frac)..(hi + span * frac)
}

/// The smallest 1/2/5 × 10ⁿ step that puts at most `n` ticks on `lo..hi` (plotters never picks a finer one).
fn finest_step(lo: f64, hi: f64, n: usize) -> f64 {
    let span = (hi - lo).abs().max(1e-300);
    let mut step = 10f64.powf((span / n.max(1) as f64).log10().floor() - 1.0);
    for _ in 0..40 {
        for m in [1.0, 2.0, 5.0] {
            let s = step * m;
            // Ticks land on multiples of s inside [lo, hi], as plotters places them.
            let count = (hi.max(lo) / s).floor() - (lo.min(hi) / s).ceil() + 1.0;
            if count <= n as f64 {
                return s;
            }
        }
        step *= 10.0;
    }
    span
}

/// Evenly spaced 1/2/5 × 10ⁿ ticks inside `lo..hi`, at most `n` of them (at least the two ends when
/// the span is degenerate).
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo, hi].into_iter().filter(|v| v.is_finite()).collect();
    }
    let step = finest_step(lo, hi, n.max(2));
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .take(1_000)
        .map(|i| i as f64 * step)
        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
        .collect()
}

/// A tick-label formatter for an axis over `lo..hi` with about `n` ticks: as few decimals as the tick step
/// needs (counts print "100", not "100.0"), and k / M / G suffixes for large magnitudes.
pub fn tick_formatter(lo: f64, hi: f64, n: usize) -> impl Fn(&f64) -> String {
    let step = finest_step(lo, hi, n);
    let big = lo.abs().max(hi.abs());
    let (div, suffix) = match big {
        b if b >= 1e9 => (1e9, "G"),
        b if b >= 1e6 => (1e6, "M"),
        b if b >= 1e4 => (1e3, "k"),
        _ => (1.0, ""),
    };
    let decimals = (-(step / div).log10().floor()).clamp(0.0, 8.0) as usize;
    move |v: &f64| {
        let x = v / div;
        if x.abs() < 1e-9 * step / div {
            return if div > 1.0 { "0".to_string() } else { format!("{:.decimals$}", 0.0) };
        }
        // Should the axis pick a finer step than expected, show the value whole rather than repeat a label.
        let mut d = decimals;
        while d < 8
            && ((x * 10f64.powi(d as i32)).round() / 10f64.powi(d as i32) - x).abs() > 1e-9 * x.abs().max(1.0)
        {
            d += 1;
        }
        let text = format!("{x:.d$}{suffix}");
        // a value that rounds to zero is 0, not "−0.00"
        match text.strip_prefix('-') {
            Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
            _ => text.replace('-', "−"),
        }
    }
}

/// A value for a label: about three significant digits, thousands as k / M / G.
pub fn fmt_value(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let a = v.abs();
    let (x, suffix) = match a {
        a if a >= 1e9 => (v / 1e9, "G"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e4 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let xa = x.abs();
    let s = if xa >= 100.0 || (suffix.is_empty() && x.fract() == 0.0) {
        format!("{x:.0}")
    } else if xa >= 10.0 {
        format!("{x:.1}")
    } else if xa >= 0.01 || xa == 0.0 {
        format!("{x:.2}")
    } else if xa >= 0.0001 {
        // Two significant digits, trailing zeros dropped.
        let d = (1.0 - xa.log10().floor()) as usize;
        format!("{x:.d$}").trim_end_matches('0').to_string()
    } else {
        format!("{x:.1e}")
    };
    format!("{s}{suffix}").replace('-', "−")
}

/// A tick value with the fewest decimals (up to 2) that show it exactly; large values as `fmt_value`.
/// Negative values get a true minus sign.
pub fn fmt_short(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 100.0 {
        return fmt_value(v).replace('-', "−");
    }
    let d = (0..2).find(|&d| ((v * 10f64.powi(d)).round() / 10f64.powi(d) - v).abs() < 1e-9).unwrap_or(2);
    let s = format!("{v:.*}", d as usize);
    if s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        "0".to_string()
    } else {
        s.replace('-', "−")
    }
}

/// A share 0..1 as a percentage label ("12.5%").
pub fn fmt_percent(v: f64) -> String {
    let p = v * 100.0;
    if !p.is_finite() {
        "–".to_string()
    } else if p.abs() >= 10.0 || p == 0.0 || (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// A count with thousands separators ("14,000").
pub fn fmt_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `v` on a value axis: itself, or log10(1 + v) on a log axis (where negative values have no place).
pub fn axis_value(v: f64, log: bool) -> Option<f64> {
    match (v.is_finite(), log) {
        (false, _) => None,
        (true, false) => Some(v),
        (true, true) => (v >= 0.0).then(|| (1.0 + v).log10()),
    }
}

/// The label of axis position `v` (undoing log10(1 + x) on a log axis).
pub fn axis_label(v: f64, log: bool) -> String {
    if log {
        fmt_value((10f64.powf(v) - 1.0).round())
    } else {
        fmt_value(v)
    }
}

/// Ticks for a value axis over `lo..hi` (drawn units): 0, 1, 10, 100, … (with 2 and 5 in between when
/// few decades are shown) on a log axis, else evenly spaced nice numbers.
pub fn value_ticks(lo: f64, hi: f64, log: bool) -> Vec<f64> {
    if !log {
        return nice_ticks(lo, hi, 7);
    }
    let decades = hi.ceil().clamp(0.0, 30.0) as i32;
    let steps: &[f64] = if decades <= 3 { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let raw =
        std::iter::once(0.0).chain((0..=decades).flat_map(|d| steps.iter().map(move |m| m * 10f64.powi(d))));
    raw.map(|x| (1.0 + x).log10()).filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_level_outlives_its_category_name() {
        assert_eq!(truncate_keeping_detail("Marital_Status: Married", 14), "Mari…: Married");
        assert_eq!(truncate_keeping_detail("Marital_Status: Married", 30), "Marital_Status: Married");
        // a level too long to keep any of the name is shown alone, cut if need be
        assert_eq!(truncate_keeping_detail("Education: Graduation", 14), "Graduation");
        assert_eq!(truncate_keeping_detail("Plan: Enterprise annual", 8), "Enterpr…");
        assert_eq!(truncate_keeping_detail("Monthly charges", 8), "Monthly…");
        // cutting an already cut label keeps its level
        assert_eq!(
            truncate_keeping_detail(&truncate_keeping_detail("Marital_Status_Long: Married", 18), 12),
            "Ma…: Married"
        );
    }

    #[test]
    fn tick_labels_use_the_decimals_the_step_needs() {
        let f = tick_formatter(0.0, 500.0, 6);
        assert_eq!(f(&100.0), "100");
        let f = tick_formatter(0.0, 1.0, 6);
        assert_eq!(f(&0.2), "0.2");
        let f = tick_formatter(0.0, 2.5e6, 6);
        assert_eq!(f(&1.5e6), "1.5M");
        let f = tick_formatter(-1.0, 1.0, 6);
        assert_eq!(f(&-1e-17), "0.0");
        assert_eq!(f(&-0.6), "−0.6");
        let f = tick_formatter(-1e-9, 1e-9, 6);
        assert_eq!(f(&-1e-17), "0.00000000", "no minus on a value that rounds to zero");
        let f = tick_formatter(0.334, 0.594, 5);
        assert_eq!((f(&0.4), f(&0.45)), ("0.40".to_string(), "0.45".to_string()));
        let f = tick_formatter(0.0, 1.0, 2);
        assert_eq!(f(&0.25), "0.25", "a finer tick than expected is shown whole");
        let f = tick_formatter(0.0, 12_000.0, 6);
        assert_eq!((f(&0.0), f(&5_000.0)), ("0".to_string(), "5k".to_string()));
        assert_eq!(nice_ticks(0.0, 1.0, 6), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(nice_ticks(-0.5, 10.5, 6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn values_and_truncation() {
        assert_eq!(fmt_value(0.4213), "0.42");
        assert_eq!(fmt_value(12345.0), "12.3k");
        assert_eq!(fmt_value(120.0), "120");
        assert_eq!(fmt_value(f64::NAN), "–");
        assert_eq!(fmt_value(-0.005), "−0.005");
        assert_eq!(fmt_value(0.00042), "0.00042");
        assert_eq!(fmt_percent(0.01), "1%");
        assert_eq!(fmt_percent(0.126), "13%");
        assert_eq!(fmt_percent(0.0126), "1.3%");
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(fmt_count(14_000), "14,000");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_short(-2.5), "−2.5");
        assert_eq!(fmt_short(-1.25), "−1.25");
        assert_eq!(fmt_short(1.0), "1");
        assert_eq!(fmt_short(-0.0001), "0");
        assert_eq!(fmt_count(1_234_567), "1,234,567");
    }

    #[test]
    fn padding_handles_zero_spans() {
        assert_eq!(padded(2.0, 2.0, 0.05), 1.8..2.2);
        assert_eq!(padded(0.0, 0.0, 0.05), -1.0..1.0);
        assert_eq!(padded(0.0, 10.0, 0.1), -1.0..11.0);
    }

    #[test]
    fn log_ticks_sit_on_round_values() {
        let t = value_ticks(0.0, (1.0 + 1500.0f64).log10(), true);
        let labels: Vec<String> = t.iter().map(|&v| axis_label(v, true)).collect();
        assert_eq!(labels, ["0", "1", "10", "100", "1000"]);
        let t = value_ticks(0.0, (1.0 + 60.0f64).log10(), true);
        let labels: Vec<String> = t.iter().map(|&v| axis_label(v, true)).collect();
        assert_eq!(labels, ["0", "1", "2", "5", "10", "20", "50"]);
    }
}
