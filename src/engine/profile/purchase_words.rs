//! Plain words for the features a transaction log becomes (`recency`, `tenure`, `first_to_last`, …) in
//! segment names: a shop owner read "Very high recency" as "bought very recently" (it means the opposite),
//! and "first to last" or "interpurchase" as nothing at all. A date segmented on reads as the time since it.

use super::naming::Level;

/// (feature, noun, word for high, word for low): durations are long or short, amounts and counts high or low.
const WORDS: [(&str, &str, &str, &str); 9] = [
    ("frequency", "repeat purchases", "high", "low"),
    ("orders", "orders", "high", "low"),
    ("monetary_total", "total spend", "high", "low"),
    ("monetary_mean", "order value", "high", "low"),
    ("monetary_value", "repeat order value", "high", "low"),
    ("tenure", "time as customer", "long", "short"),
    ("first_to_last", "active span", "long", "short"),
    ("mean_interpurchase", "gap between purchases", "long", "short"),
    ("items_per_order", "items per order", "high", "low"),
];

/// The phrase for a derived purchase feature at `level` ("Long since last purchase" for a high recency,
/// "Short active span"), or None for other columns. `log1p_` features read as their source.
pub(super) fn phrase(feature: &str, level: Level) -> Option<String> {
    let base = feature.strip_prefix("log1p_").unwrap_or(feature);
    if base == "recency" {
        return Some(
            match level {
                Level::VeryHigh => "Very long since last purchase",
                Level::High => "Long since last purchase",
                Level::SlightlyHigh => "Fairly long since last purchase",
                Level::SlightlyLow => "Fairly recent purchase",
                Level::Low => "Recent purchase",
                Level::VeryLow => "Very recent purchase",
            }
            .to_string(),
        );
    }
    let (_, noun, high, low) = WORDS.iter().find(|w| w.0 == base)?;
    let words = level.words();
    let words = words.replace("high", high).replace("low", low);
    let words = words.replace("High", &capitalised(high)).replace("Low", &capitalised(low));
    Some(format!("{words} {noun}"))
}

/// The phrase for a date shown as the days since it ("days since last_order") at `level`: "Long since last
/// order" when many days have passed, "Recent last order" when few.
pub(super) fn since_phrase(feature: &str, level: Level) -> Option<String> {
    let source = feature.strip_prefix(crate::engine::pipeline::shown_values::DAYS_SINCE)?;
    let noun = super::noun::feature_noun(source)?;
    let words = match level {
        Level::VeryHigh => "Very long since",
        Level::High => "Long since",
        Level::SlightlyHigh => "Fairly long since",
        Level::SlightlyLow => "Fairly recent",
        Level::Low => "Recent",
        Level::VeryLow => "Very recent",
    };
    Some(format!("{words} {noun}"))
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_long_or_short_and_names_are_plain() {
        assert_eq!(phrase("recency", Level::VeryHigh).unwrap(), "Very long since last purchase");
        assert_eq!(phrase("recency", Level::Low).unwrap(), "Recent purchase");
        assert_eq!(phrase("log1p_tenure", Level::SlightlyHigh).unwrap(), "Slightly long time as customer");
        assert_eq!(phrase("monetary_total", Level::High).unwrap(), "High total spend");
        assert_eq!(phrase("first_to_last", Level::Low).unwrap(), "Short active span");
        assert_eq!(phrase("mean_interpurchase", Level::VeryLow).unwrap(), "Very short gap between purchases");
        assert_eq!(phrase("Income", Level::High), None);
        assert_eq!(since_phrase("days since last_order", Level::High).unwrap(), "Long since last order");
        assert_eq!(
            since_phrase("days since signup_date", Level::VeryLow).unwrap(),
            "Very recent signup date"
        );
        assert_eq!(since_phrase("recency", Level::High), None);
    }
}
