//! The skew hint: used numeric features that are strongly right-skewed and have no transform of their own (a
//! few very large values then dominate the distances, and segments of a handful of big spenders appear), with
//! the one change that gives them a logarithm.

use crate::engine::pipeline::{PipelineConfig, Report};
use crate::engine::prep::transform::{NegativeValues, Transform};
use crate::engine::prep::Action;
use crate::engine::table::ColumnKind;
use crate::engine::words::and_list;
use crate::views::format;

/// Skewness from which a feature counts as strongly right-skewed (pandas' `Series.skew()`). Bulmer's rule of
/// thumb calls above 1 "highly skewed"; 2 keeps the hint to the columns where a logarithm clearly changes
/// the segments: on the bundled wholesale sample the six spend columns (2.6 to 11.2), on mall customers none.
pub const STRONG_SKEW: f64 = 2.0;
/// A segment smaller than this share of the clustered customers is counted in the hint as tiny.
pub const SMALL_SEGMENT: f64 = 0.03;

/// At most this many column names in the sentence; beyond, the first ones and "N more columns".
const NAMED: usize = 10;

/// What the hint says.
#[derive(Debug, Clone, PartialEq)]
pub struct SkewHint {
    /// Skewed feature and its skewness, in the table's column order.
    pub columns: Vec<(String, f64)>,
    /// Sizes of the segments below [`SMALL_SEGMENT`] of the clustered customers, in the report's order.
    pub small_segments: Vec<usize>,
}

/// The hint for `report` under the current `config`, or None when no used feature qualifies: numeric (not
/// a date or category), never negative, more than two values, skewness at least [`STRONG_SKEW`], and no
/// transform set for it.
pub fn hint(report: &Report, config: &PipelineConfig) -> Option<SkewHint> {
    let columns: Vec<(String, f64)> = report
        .data
        .columns
        .iter()
        .filter(|c| matches!(c.kind, ColumnKind::Integer | ColumnKind::Numeric))
        .filter(|c| report.prep.features_in.contains(&c.name))
        .filter(|c| !config.prep.transforms.contains_key(&c.name))
        // a clipped column is not clustered as read (IQR clipping took a skewness of 8.8 to 1.3)
        .filter(|c| !report.prep.for_column(&c.name).any(|e| matches!(e.action, Action::Clipped { .. })))
        .filter(|c| c.min.is_some_and(|m| m >= 0.0))
        // a 0/1 flag with few ones is "skewed" (7% ones: 3.4), but a logarithm of two values changes nothing
        // once they are scaled
        .filter(|c| c.distinct > 2)
        .filter_map(|c| c.skewness.filter(|s| *s >= STRONG_SKEW).map(|s| (c.name.clone(), s)))
        .collect();
    if columns.is_empty() {
        return None;
    }
    let used = report.n_used.max(1) as f64;
    let small_segments = report
        .profiles
        .segments
        .iter()
        .filter(|s| s.label >= 0 && (s.size as f64) < SMALL_SEGMENT * used)
        .map(|s| s.size)
        .collect();
    Some(SkewHint { columns, small_segments })
}

/// The hint in plain words.
pub fn sentence(h: &SkewHint) -> String {
    let mut names: Vec<&str> = h.columns.iter().map(|c| c.0.as_str()).collect();
    let more = format!("{} more columns", names.len().saturating_sub(NAMED - 1));
    if names.len() > NAMED {
        names.truncate(NAMED - 1);
        names.push(&more);
    }
    let lo = h.columns.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    let hi = h.columns.iter().map(|c| c.1).fold(f64::NEG_INFINITY, f64::max);
    let (what, skew) = if names.len() == 1 {
        (format!("{} is", names[0]), format!("skewness {hi:.1}"))
    } else {
        (format!("{} are", and_list(&names)), format!("skewness {lo:.1} to {hi:.1}"))
    };
    let sizes: Vec<String> = h.small_segments.iter().map(|&n| format::thousands(n as f64)).collect();
    let effect = match sizes.len() {
        0 => "which can leave some segments with only a handful of customers".to_string(),
        1 => format!("and here one segment is tiny ({} customer{})", sizes[0], plural(h.small_segments[0])),
        n => {
            let parts: Vec<&str> = sizes.iter().map(String::as_str).collect();
            format!("and here {n} segments are tiny ({} customers)", and_list(&parts))
        }
    };
    format!(
        "{what} strongly right-skewed ({skew}): a few very large values dominate the distances, {effect}. \
         A logarithm usually gives more even segments."
    )
}

/// Gives each of `columns` the logarithm `log1p`, as Prepare's "Logarithm, log(1 + x)" does (the hint only
/// names columns that are never negative).
pub fn apply(config: &mut PipelineConfig, columns: &[String]) {
    for name in columns {
        config.prep.transforms.insert(name.clone(), Transform::Log1p { negatives: NegativeValues::Skip });
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pipeline::run;
    use crate::engine::progress::Silent;

    fn wholesale() -> (Report, PipelineConfig) {
        let bytes = include_bytes!("../../public/sample/wholesale_customers.csv");
        let config = PipelineConfig::default();
        (run(bytes, "wholesale_customers.csv", &config, &mut Silent).unwrap(), config)
    }

    #[test]
    fn the_wholesale_spend_columns_are_named_with_the_tiny_segments() {
        let (report, config) = wholesale();
        let h = hint(&report, &config).expect("a hint");
        let names: Vec<&str> = h.columns.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]);
        assert!(h.columns.iter().all(|c| c.1 >= STRONG_SKEW));
        assert!(
            !h.small_segments.is_empty(),
            "the default run has tiny segments: {:?}",
            report.profiles.segments
        );
        assert!(h.small_segments.iter().all(|&n| (n as f64) < SMALL_SEGMENT * report.n_used as f64));
        let text = sentence(&h);
        assert!(
            text.starts_with("Fresh, Milk, Grocery, Frozen, Detergents_Paper and Delicassen are strongly")
        );
        assert!(text.contains("and here 2 segments are tiny (10 and 4 customers)"), "{text}");
    }

    #[test]
    fn applying_it_gives_the_columns_a_logarithm_and_the_hint_goes() {
        let (report, mut config) = wholesale();
        let h = hint(&report, &config).unwrap();
        let names: Vec<String> = h.columns.iter().map(|c| c.0.clone()).collect();
        apply(&mut config, &names);
        assert!(hint(&report, &config).is_none());
        let after =
            run(include_bytes!("../../public/sample/wholesale_customers.csv"), "w.csv", &config, &mut Silent)
                .unwrap();
        assert!(hint(&after, &config).is_none());
        let sizes: Vec<usize> = after.profiles.segments.iter().map(|s| s.size).collect();
        let smallest = *sizes.iter().min().unwrap();
        assert!(
            smallest as f64 >= SMALL_SEGMENT * after.n_used as f64,
            "still tiny after the logarithm: {sizes:?}"
        );
    }

    #[test]
    fn clipped_columns_get_no_hint() {
        use crate::engine::prep::{OutlierAction, OutlierRule};
        let mut config = PipelineConfig::default();
        config.prep.outliers.default = OutlierRule::iqr(1.5, OutlierAction::Clip);
        let report =
            run(include_bytes!("../../public/sample/wholesale_customers.csv"), "w.csv", &config, &mut Silent)
                .unwrap();
        assert!(
            hint(&report, &config).is_none(),
            "the spend columns were clipped: {:?}",
            hint(&report, &config)
        );
    }

    #[test]
    fn mall_customers_get_no_hint() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers.csv")).unwrap();
        let config = PipelineConfig::default();
        let report = run(&bytes, "mall_customers.csv", &config, &mut Silent).unwrap();
        assert!(hint(&report, &config).is_none());
    }

    #[test]
    fn flags_get_no_hint() {
        // a rare 0/1 flag (skewness 4.8) beside a skewed amount: only the amount is named
        let csv = (0..400)
            .map(|i| {
                format!(
                    "{},{},{}\n",
                    i % 17,
                    if i % 25 == 0 { 1 } else { 0 },
                    if i % 40 == 0 { 900 } else { i % 9 }
                )
            })
            .collect::<String>();
        let bytes = format!("visits,complained,spend\n{csv}");
        let config = PipelineConfig::default();
        let report = run(bytes.as_bytes(), "flags.csv", &config, &mut Silent).unwrap();
        let flag = report.data.columns.iter().find(|c| c.name == "complained").unwrap();
        assert!(
            flag.skewness.unwrap() > STRONG_SKEW && report.prep.features_in.contains(&flag.name),
            "{flag:?}"
        );
        let names: Vec<String> = hint(&report, &config).unwrap().columns.into_iter().map(|c| c.0).collect();
        assert_eq!(names, ["spend"]);
    }

    #[test]
    fn a_long_list_of_columns_is_cut_short() {
        let columns = (0..14).map(|i| (format!("c{i}"), 3.0 + i as f64)).collect();
        let text = sentence(&SkewHint { columns, small_segments: vec![1] });
        assert!(
            text.starts_with("c0, c1, c2, c3, c4, c5, c6, c7, c8 and 5 more columns are strongly right-skewed (skewness 3.0 to 16.0)"),
            "{text}"
        );
        assert!(text.contains("and here one segment is tiny (1 customer)."), "{text}");
    }

    #[test]
    fn negative_or_transformed_columns_are_left_out() {
        let csv = (0..200)
            .map(|i| {
                let big = if i % 40 == 0 { 1000.0 } else { (i % 7) as f64 };
                format!("{big},{},{}\n", -big, big + (i % 3) as f64)
            })
            .collect::<String>();
        let bytes = format!("a,b,c\n{csv}");
        let mut config = PipelineConfig::default();
        config.prep.transforms.insert("c".into(), Transform::Log1p { negatives: NegativeValues::Shift });
        let report = run(bytes.as_bytes(), "x.csv", &config, &mut Silent).unwrap();
        let h = hint(&report, &config).expect("column a qualifies");
        assert_eq!(h.columns.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["a"]);
        assert!(sentence(&h).starts_with("a is strongly right-skewed (skewness "));
    }
}
