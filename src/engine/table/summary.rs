//! A per-column summary for the UI and the CLI: kind, role, missing and distinct counts, range and mean,
//! top values, samples and a small histogram. Computed once from the finished column.

use serde::{Deserialize, Serialize};

use super::date::format_seconds;
use super::distinct::Buckets;
use super::model::{format_number, Column, ColumnData, ColumnKind, ColumnRole, MISSING_CODE};

/// Bins in [`ColumnSummary::histogram`].
pub const HISTOGRAM_BINS: usize = 12;

/// A value and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
}

/// Counts of values in equal-width bins from `lo` to `hi` (the last bin includes `hi`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub lo: f64,
    pub hi: f64,
    pub counts: Vec<u64>,
}

/// What one column holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSummary {
    pub name: String,
    pub kind: ColumnKind,
    pub role: ColumnRole,
    pub rows: usize,
    pub missing: usize,
    /// How missing cells were written (`""` for empty), most frequent first.
    pub missing_tokens: Vec<ValueCount>,
    pub distinct: usize,
    /// Numbers and dates (dates as seconds since 1970-01-01).
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    /// Numbers (not dates): the sample skewness as pandas' `Series.skew()` gives it (adjusted Fisher–Pearson,
    /// `n √(n−1) / (n−2) · Σd³ / (Σd²)^1.5` with `d = x − mean`); `None` below 3 values or when constant.
    #[serde(default)]
    pub skewness: Option<f64>,
    /// `min`/`max` as text (dates as `YYYY-MM-DD[ HH:MM:SS]`).
    pub min_text: Option<String>,
    pub max_text: Option<String>,
    /// Most frequent values (categorical, boolean, text), at most 10.
    pub top: Vec<ValueCount>,
    /// The first distinct values, at most 5.
    pub samples: Vec<String>,
    pub histogram: Option<Histogram>,
    /// How values were written, e.g. `YYYY-MM-DD` or `$1,234.56`.
    pub format: Option<String>,
}

/// Summarises `col`; `missing_tokens` and `format` come from the reader. `scratch` is reused memory for the
/// distinct count of numbers (one `u64` per value; pass the same buffer for every column of a file).
pub(crate) fn summarize(
    col: &Column,
    missing_tokens: Vec<ValueCount>,
    format: Option<String>,
    scratch: &mut Vec<u64>,
) -> ColumnSummary {
    let rows = col.len();
    let missing = match &col.data {
        ColumnData::Numbers(_) => 0,
        _ => (0..rows).filter(|&i| col.is_missing(i)).count(),
    };
    let mut s = ColumnSummary {
        name: col.name.clone(),
        kind: col.kind,
        role: col.role,
        rows,
        missing,
        missing_tokens,
        distinct: 0,
        min: None,
        max: None,
        mean: None,
        skewness: None,
        min_text: None,
        max_text: None,
        top: Vec::new(),
        samples: Vec::new(),
        histogram: None,
        format,
    };
    match &col.data {
        ColumnData::Numbers(v) => numbers(&mut s, v, col.kind, scratch),
        ColumnData::Categories { codes, levels } => {
            let mut counts = vec![0u64; levels.len()];
            let mut order = Vec::new();
            for &c in codes {
                if c != MISSING_CODE {
                    if let Some(n) = counts.get_mut(c as usize) {
                        if *n == 0 {
                            order.push(c as usize);
                        }
                        *n += 1;
                    }
                }
            }
            s.distinct = counts.iter().filter(|&&n| n > 0).count();
            s.samples = order.iter().take(5).map(|&k| levels[k].clone()).collect();
            s.top = top(counts.iter().enumerate().map(|(k, &n)| (levels[k].as_str(), n)));
        }
        ColumnData::Texts(v) => {
            let mut seen: std::collections::HashMap<&str, (usize, u64)> = Default::default();
            for t in v.iter().flatten() {
                let k = seen.len();
                seen.entry(t.as_str()).or_insert((k, 0)).1 += 1;
            }
            s.distinct = seen.len();
            let mut first: Vec<(&str, usize)> = seen.iter().map(|(t, (k, _))| (*t, *k)).collect();
            first.sort_by_key(|x| x.1);
            s.samples = first.iter().take(5).map(|x| x.0.to_string()).collect();
            // top values only when a value repeats (every company name once read "Acme Co 1404 0.0%")
            if col.kind != ColumnKind::Identifier && seen.values().any(|&(_, n)| n > 1) {
                s.top = top(seen.iter().map(|(t, (_, n))| (*t, *n)));
            }
        }
    }
    s
}

fn top<'a>(items: impl Iterator<Item = (&'a str, u64)>) -> Vec<ValueCount> {
    let mut v: Vec<(&str, u64)> = items.filter(|x| x.1 > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(10).map(|(value, count)| ValueCount { value: value.to_string(), count }).collect()
}

/// Plain loops over the column (no iterator adaptors): this runs once per numeric column of a possibly
/// huge table, and must stay fast at opt-level "z". Two passes over the values (statistics and the sizes of
/// the distinct-count buckets; the histogram while [`Buckets::distinct`] scatters), then the buckets.
fn numbers(s: &mut ColumnSummary, v: &[f64], kind: ColumnKind, scratch: &mut Vec<u64>) {
    let date = kind == ColumnKind::Date;
    // Neumaier summation, so the mean does not depend on magnitudes' order.
    let (mut sum, mut comp, mut n, mut missing) = (0.0f64, 0.0f64, 0usize, 0usize);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut buckets = Buckets::new(v.len());
    for &x in v {
        missing += usize::from(x.is_nan());
        if !x.is_finite() {
            continue;
        }
        buckets.add(x);
        let t = sum + x;
        comp += if sum.abs() >= x.abs() { (sum - t) + x } else { (x - t) + sum };
        sum = t;
        if x < lo {
            lo = x;
        }
        if x > hi {
            hi = x;
        }
        n += 1;
    }
    s.missing = missing;
    if n == 0 {
        return;
    }
    // a yes/no column holds 0/1; its samples read as the answers ("0, 1" meant nothing to people)
    let render = |x: f64| match kind {
        ColumnKind::Date => format_seconds(x),
        ColumnKind::Boolean => (if x == 0.0 { "no" } else { "yes" }).to_string(),
        _ => format_number(x),
    };
    let mut samples: Vec<String> = Vec::new();
    for &x in v {
        if samples.len() == 5 {
            break;
        }
        if x.is_finite() {
            let t = render(x);
            if !samples.contains(&t) {
                samples.push(t);
            }
        }
    }
    s.samples = samples;
    let mean = (sum + comp) / n as f64;
    s.mean = Some(mean);
    s.min = Some(lo);
    s.max = Some(hi);
    s.min_text = Some(render(lo));
    s.max_text = Some(render(hi));
    let mut counts = [0u64; HISTOGRAM_BINS];
    let width = hi - lo;
    let scale = if width > 0.0 && width.is_finite() { HISTOGRAM_BINS as f64 / width } else { 0.0 };
    // -0.0 and 0.0 count as one value, like pandas. The histogram and the central moments are summed in the
    // same pass, the deviations divided by the largest magnitude so that cubes of big numbers do not overflow
    // (skewness does not depend on the scale).
    let (mut m2, mut m3) = (0.0f64, 0.0f64);
    let per_unit = 1.0 / lo.abs().max(hi.abs());
    s.distinct = buckets.distinct(v, scratch, |x| {
        let k = ((x - lo) * scale) as usize;
        counts[k.min(HISTOGRAM_BINS - 1)] += 1;
        let d = (x - mean) * per_unit;
        let d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
    });
    s.histogram = Some(Histogram { lo, hi, counts: counts.to_vec() });
    if !date {
        s.skewness = skewness(n, m2, m3, lo == hi);
    }
}

/// pandas' skewness from the count and the sums of squared and cubed deviations: None below 3 values or
/// for a constant column (pandas gives NaN for both), and when it is not finite.
fn skewness(n: usize, m2: f64, m3: f64, constant: bool) -> Option<f64> {
    if n < 3 || constant || m2 <= 0.0 {
        return None;
    }
    let n = n as f64;
    Some(n * (n - 1.0).sqrt() / (n - 2.0) * (m3 / m2.powf(1.5))).filter(|s| s.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(data: ColumnData, kind: ColumnKind) -> Column {
        Column { name: "c".into(), kind, role: ColumnRole::Feature, data }
    }

    #[test]
    fn numeric_summary() {
        let c = col(ColumnData::Numbers(vec![1.0, f64::NAN, 3.0, 3.0, 13.0]), ColumnKind::Integer);
        let s = summarize(&c, vec![], None, &mut Vec::new());
        assert_eq!((s.rows, s.missing, s.distinct), (5, 1, 3));
        assert_eq!((s.min, s.max, s.mean), (Some(1.0), Some(13.0), Some(5.0)));
        let h = s.histogram.unwrap();
        assert_eq!(h.counts.iter().sum::<u64>(), 4);
        assert_eq!(h.counts[0], 1);
        assert_eq!(h.counts[11], 1);
        assert_eq!(s.samples, vec!["1", "3", "13"]);
        let yes_no = col(ColumnData::Numbers(vec![1.0, f64::NAN, 1.0, 0.0]), ColumnKind::Boolean);
        assert_eq!(summarize(&yes_no, vec![], None, &mut Vec::new()).samples, vec!["yes", "no"]);
        // pandas: pd.Series([1, 3, 3, 13.0]).skew()
        assert!((s.skewness.unwrap() - 1.8128019580592636).abs() < 1e-14, "{:?}", s.skewness);
    }

    #[test]
    fn no_skewness_for_constant_short_or_date_columns() {
        let skew = |v: Vec<f64>, kind| {
            summarize(&col(ColumnData::Numbers(v), kind), vec![], None, &mut Vec::new()).skewness
        };
        assert_eq!(skew(vec![0.1; 7], ColumnKind::Numeric), None);
        assert_eq!(skew(vec![1.0, 5.0, f64::NAN], ColumnKind::Numeric), None);
        assert_eq!(skew(vec![1.0, 2.0, 30.0], ColumnKind::Date), None);
        assert!(skew(vec![1.0, 2.0, 30.0], ColumnKind::Numeric).unwrap() > 1.0);
        // Cubes of these overflow unscaled (pandas gives NaN); the skewness is that of [1, 2, 9]:
        // pd.Series([1, 2, 9.0]).skew() = 1.6300591617118865.
        let big = skew(vec![1e300, 2e300, 9e300], ColumnKind::Numeric).unwrap();
        assert!((big - 1.6300591617118865).abs() < 1e-12, "{big}");
    }

    #[test]
    fn categorical_summary() {
        let c = col(
            ColumnData::Categories {
                codes: vec![0, 1, 1, MISSING_CODE],
                levels: vec!["a".into(), "b".into()],
            },
            ColumnKind::Categorical,
        );
        let s = summarize(&c, vec![], None, &mut Vec::new());
        assert_eq!((s.missing, s.distinct), (1, 2));
        assert_eq!(s.top[0], ValueCount { value: "b".into(), count: 2 });
    }
}
