//! A column summary in words for the Data step: its range or top values ("12,300 – 98,000 · mean 40,100",
//! "Male 52% · Female 48%") and how skewed its numbers are.

use super::format;
use crate::engine::table::{ColumnKind, ColumnSummary};

/// "right-skewed 2.6" or "left-skewed −1.3" for a number column whose skewness is at least 1 either way.
pub fn skew_text(c: &ColumnSummary) -> Option<String> {
    if !matches!(c.kind, ColumnKind::Numeric | ColumnKind::Integer) {
        return None;
    }
    match c.skewness? {
        s if s >= 1.0 => Some(format!("right-skewed {s:.1}")),
        s if s <= -1.0 => Some(format!("left-skewed −{:.1}", -s)),
        _ => None,
    }
}

/// "12,300 – 98,000 · mean 40,100", "2015-01-02 – 2019-12-30", or "Male 52% · Female 48%".
pub fn range_text(c: &ColumnSummary) -> String {
    match (&c.min_text, &c.max_text, c.min, c.max, c.kind) {
        (Some(lo), Some(hi), _, _, ColumnKind::Date) => format!("{lo} – {hi}"),
        (_, _, Some(lo), Some(hi), ColumnKind::Numeric | ColumnKind::Integer) => {
            // a year column reads "1893 – 1996 · mean 1968", not "1,893 – 1,996"
            let year = crate::engine::table::is_year_name(&c.name);
            let n =
                |v: f64| if year { format::feature_value(&c.name, v) } else { super::prep_preview::num(v) };
            match c.mean {
                Some(m) if m.is_finite() => {
                    format!("{} – {} · mean {}", n(lo), n(hi), format::feature_value(&c.name, m))
                }
                _ => format!("{} – {}", n(lo), n(hi)),
            }
        }
        _ => {
            let present = c.rows.saturating_sub(c.missing).max(1) as f64;
            let top: Vec<String> = c
                .top
                .iter()
                .take(3)
                .map(|v| format!("{} {}", v.value, format::percent(v.count as f64 / present)))
                .collect();
            if top.is_empty() {
                format!("{} distinct", format::thousands(c.distinct as f64))
            } else {
                top.join(" · ")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::schema::tests::summary;

    #[test]
    fn ranges_and_skews_in_words() {
        assert_eq!(range_text(&summary("Income", ColumnKind::Numeric)), "1 – 1,234 · mean 5.00");
        let born = ColumnSummary {
            min: Some(1893.0),
            max: Some(1996.0),
            mean: Some(1968.4),
            ..summary("Year_Birth", ColumnKind::Integer)
        };
        assert_eq!(range_text(&born), "1893 – 1996 · mean 1968");
        let skewed = |s, kind| skew_text(&ColumnSummary { skewness: Some(s), ..summary("x", kind) });
        assert_eq!(skewed(11.152, ColumnKind::Integer).as_deref(), Some("right-skewed 11.2"));
        assert_eq!(skewed(-1.284, ColumnKind::Numeric).as_deref(), Some("left-skewed −1.3"));
        assert_eq!(skewed(0.99, ColumnKind::Numeric), None);
        assert_eq!(skewed(5.0, ColumnKind::Date), None);
    }
}
