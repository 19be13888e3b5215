//! A feature column's values as profiles, names and box plots show them: numbers as they are, and a date as
//! the days between it and the column's latest date ("days since last_order"), a duration people read,
//! instead of seconds since 1970 (a date used as a feature was left out of the profiles and names).

use crate::engine::table::{Column, ColumnKind};
use std::borrow::Cow;

/// What a date feature's shown name starts with.
pub const DAYS_SINCE: &str = "days since ";

const SECONDS_PER_DAY: f64 = 86_400.0;

/// The shown name and values of `c`, or None for a column without numbers (or a date column without one).
pub fn shown_values(c: &Column) -> Option<(String, Cow<'_, [f64]>)> {
    let v = c.numbers()?;
    if c.kind != ColumnKind::Date {
        return Some((c.name.clone(), Cow::Borrowed(v)));
    }
    let latest = v.iter().copied().filter(|x| x.is_finite()).fold(f64::NEG_INFINITY, f64::max);
    if !latest.is_finite() {
        return None;
    }
    let days = v.iter().map(|x| (latest - x) / SECONDS_PER_DAY).collect();
    Some((format!("{DAYS_SINCE}{}", c.name), Cow::Owned(days)))
}

/// The column a shown feature comes from.
pub fn source_column(shown: &str) -> &str {
    shown.strip_prefix(DAYS_SINCE).unwrap_or(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::{ColumnData, ColumnRole};

    fn column(kind: ColumnKind, v: Vec<f64>) -> Column {
        Column { name: "last_order".into(), kind, role: ColumnRole::Feature, data: ColumnData::Numbers(v) }
    }

    #[test]
    fn a_date_reads_as_days_before_the_latest_and_a_number_as_itself() {
        let day = SECONDS_PER_DAY;
        let c = column(ColumnKind::Date, vec![10.0 * day, f64::NAN, 40.0 * day, 39.5 * day]);
        let (name, v) = shown_values(&c).unwrap();
        assert_eq!(name, "days since last_order");
        assert_eq!(v[0], 30.0);
        assert!(v[1].is_nan());
        assert_eq!((v[2], v[3]), (0.0, 0.5));
        assert_eq!(source_column(&name), "last_order");
        let n = column(ColumnKind::Numeric, vec![1.0, 2.0]);
        assert_eq!(shown_values(&n).unwrap(), ("last_order".to_string(), Cow::Borrowed(&[1.0, 2.0][..])));
        assert!(shown_values(&column(ColumnKind::Date, vec![f64::NAN])).is_none());
    }

    #[test]
    fn a_date_segmented_on_is_profiled_and_named_as_the_time_since_it() {
        // two groups: big spenders who ordered in late June, small ones who last ordered in January
        let mut csv = String::from("customer,spend,last_order\n");
        for i in 0..20 {
            let (spend, date) = if i % 2 == 0 { (900 + i, 20 + i / 4) } else { (40 + i, 10 + i / 4) };
            let month = if i % 2 == 0 { 6 } else { 1 };
            csv += &format!("c{i},{spend},2024-{month:02}-{date:02}\n");
        }
        let mut config = crate::engine::pipeline::PipelineConfig::default();
        config.algorithm.set_k(2);
        config.prep.features = Some(vec!["spend".into(), "last_order".into()]);
        let r = crate::engine::pipeline::run(
            csv.as_bytes(),
            "d.csv",
            &config,
            &mut crate::engine::progress::Silent,
        )
        .unwrap();
        let recent =
            r.profiles.segments.iter().find(|s| s.name.contains("Recent last order")).expect("named");
        let since = recent.numeric.iter().find(|n| n.feature == "days since last_order").unwrap();
        let mean = since.mean.unwrap();
        assert!(mean < 10.0, "the recent buyers ordered within days of the latest order: {mean}");
        let other = r.profiles.segments.iter().find(|s| s.label != recent.label).unwrap();
        assert!(other.name.to_lowercase().contains("long since last order"), "{}", other.name);
    }
}
