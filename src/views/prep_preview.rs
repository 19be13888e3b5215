//! What preparation did, from the last run's [`PrepReport`]: the headline counts (rows kept, values filled,
//! clipped, rows left out or flagged, new columns), every action grouped by column with a short text per
//! step, and a before/after view of one column (its distribution as read, with the clipping bounds). Pure.

use super::format;
use super::schema::capitalise;
use crate::engine::prep::{Action, PrepReport, Step};
use crate::engine::table::ColumnSummary;

/// The headline numbers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrepCounts {
    pub rows_in: usize,
    pub rows_out: usize,
    /// Missing cells filled (any strategy).
    pub imputed: usize,
    /// Values moved to an outlier bound.
    pub clipped: usize,
    /// Rows left out as outliers, and for a missing value under "drop".
    pub removed_outliers: usize,
    pub removed_missing: usize,
    pub flagged: usize,
    pub features_in: usize,
    pub columns_out: usize,
    /// Matrix columns that are not input columns (one-hot levels, missing indicators).
    pub new_columns: Vec<String>,
}

/// The headline numbers of `p`.
pub fn counts(p: &PrepReport) -> PrepCounts {
    let mut c = PrepCounts {
        rows_in: p.rows_in,
        rows_out: p.rows_out,
        features_in: p.features_in.len(),
        columns_out: p.features_out.len(),
        new_columns: p.features_out.iter().filter(|f| !p.features_in.contains(f)).cloned().collect(),
        ..Default::default()
    };
    let (mut flagged, mut removed) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    for e in &p.entries {
        match &e.action {
            Action::Imputed { cells, .. } | Action::KnnImputed { cells, .. } => c.imputed += cells,
            Action::Clipped { n_low, n_high, .. } => c.clipped += n_low + n_high,
            // a customer beyond the bounds in two columns is one customer left out (219 were said for 217)
            Action::RemovedOutliers { rows, .. } => removed.extend(rows.iter().copied()),
            Action::DroppedRows { rows } | Action::BlankRows { rows } => c.removed_missing += rows.len(),
            Action::FlaggedOutliers { rows, .. } => flagged.extend(rows.iter().copied()),
            _ => {}
        }
    }
    c.flagged = flagged.len();
    c.removed_outliers = removed.len();
    c
}

/// Which part of preparation a short text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Use,
    Missing,
    Outliers,
    Transform,
    Output,
}

/// A number for people: whole numbers without decimals ("80", "1,200"), others with about three digits.
pub fn num(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format::thousands(x)
    } else {
        format::number(x)
    }
}

/// A few words for `action` (`None` for bookkeeping the table need not show).
pub fn short(action: &Action) -> Option<(Slot, String)> {
    let n = |x: usize| format::thousands(x as f64);
    Some(match action {
        Action::Skipped { reason } => (Slot::Use, format!("not used: {reason}")),
        Action::NonFinite { cells } => (Slot::Missing, format!("{} infinite read as missing", n(*cells))),
        Action::Unreadable { cells, .. } => {
            (Slot::Missing, format!("{} unreadable read as missing", n(*cells)))
        }
        Action::DateAsDays { origin, .. } => (Slot::Transform, format!("days since {origin}")),
        Action::BooleanAsNumber => (Slot::Output, "as 0/1".into()),
        Action::DroppedRows { rows } => (Slot::Missing, format!("{} customers left out", n(rows.len()))),
        Action::BlankRows { rows } => (Slot::Missing, format!("{} blank rows left out", n(rows.len()))),
        Action::Imputed { strategy, cells, value } => {
            (Slot::Missing, format!("{} filled with the {} {value}", n(*cells), strategy.replace('_', " ")))
        }
        Action::KnnImputed { cells, n_neighbors, .. } => {
            (Slot::Missing, format!("{} filled from {n_neighbors} similar customers", n(*cells)))
        }
        Action::Sampled { .. } => return None,
        Action::MissingIndicator { name, .. } => (Slot::Output, format!("indicator \"{name}\" added")),
        Action::Clipped { low, high, n_low, n_high, .. } => {
            let bounds = format!("[{}, {}]", num(*low), num(*high));
            if n_low + n_high == 0 {
                (Slot::Outliers, format!("none beyond {bounds}"))
            } else {
                (Slot::Outliers, format!("{} clipped to {bounds}", n(n_low + n_high)))
            }
        }
        Action::RemovedOutliers { rows, .. } => {
            (Slot::Outliers, format!("{} customers left out", n(rows.len())))
        }
        Action::FlaggedOutliers { rows, .. } => {
            (Slot::Outliers, format!("{} customers flagged", n(rows.len())))
        }
        Action::RuleSkipped { reason, .. } => (Slot::Outliers, format!("not applied: {reason}")),
        Action::Log1p { shift, .. } if *shift != 0.0 => {
            (Slot::Transform, format!("log(1 + x + {})", num(*shift)))
        }
        Action::Log1p { .. } => (Slot::Transform, "log(1 + x)".into()),
        Action::Log1pSkipped { negatives, .. } => {
            (Slot::Transform, format!("log not applied: {} negative values", n(*negatives)))
        }
        Action::YeoJohnson { lambda } => (Slot::Transform, format!("Yeo-Johnson, λ = {lambda:.2}")),
        Action::Binned { edges } => {
            (Slot::Transform, format!("{} quantile bins", edges.len().saturating_sub(1)))
        }
        Action::OneHot { columns, grouped, .. } if !grouped.is_empty() => {
            (Slot::Output, format!("one-hot, {} columns ({} rare grouped)", columns.len(), grouped.len()))
        }
        Action::OneHot { columns, .. } => (Slot::Output, format!("one-hot, {} columns", columns.len())),
        Action::Ordinal { order, .. } => (Slot::Output, format!("codes 0…{}", order.len().saturating_sub(1))),
        Action::KeptRaw { levels, .. } => (Slot::Output, format!("kept as {} categories", levels.len())),
        Action::Scaled { method, .. } => (Slot::Output, format!("{method} scaling")),
    })
}

/// One column's effects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnEffects {
    /// The column, or "All customers" for whole-row actions.
    pub column: String,
    /// True when the column is a feature.
    pub used: bool,
    pub missing: Vec<String>,
    pub outliers: Vec<String>,
    pub transform: Vec<String>,
    pub output: Vec<String>,
    /// Why the column is not used.
    pub unused: Option<String>,
    /// The full sentences, without the column-name prefix.
    pub sentences: Vec<(String, String)>,
}

fn step_label(s: Step) -> &'static str {
    match s {
        Step::Select => "Selection",
        Step::Missing => "Missing values",
        Step::Outliers => "Outliers",
        Step::Transform => "Transform",
        Step::Encode => "Encoding",
        Step::Scale => "Scaling",
    }
}

/// The sentence without its `"column": ` prefix, capitalised.
fn bare(sentence: &str, column: Option<&str>) -> String {
    let s = column.and_then(|c| sentence.strip_prefix(&format!("\"{c}\": "))).unwrap_or(sentence);
    capitalise(s)
}

/// The effects grouped by column: features in matrix order, then the unused columns, then whole-row actions.
pub fn by_column(p: &PrepReport) -> Vec<ColumnEffects> {
    let mut out: Vec<ColumnEffects> = p
        .features_in
        .iter()
        .map(|f| ColumnEffects { column: f.clone(), used: true, ..Default::default() })
        .collect();
    let mut rows = ColumnEffects { column: "All customers".into(), used: true, ..Default::default() };
    for e in &p.entries {
        let group = match &e.column {
            Some(c) => match out.iter().position(|g| &g.column == c) {
                Some(i) => &mut out[i],
                None => {
                    out.push(ColumnEffects { column: c.clone(), used: false, ..Default::default() });
                    out.last_mut().expect("pushed")
                }
            },
            None => &mut rows,
        };
        group.sentences.push((step_label(e.step).to_string(), bare(&e.sentence, e.column.as_deref())));
        match short(&e.action) {
            Some((Slot::Use, t)) => group.unused = Some(t),
            Some((Slot::Missing, t)) => group.missing.push(t),
            Some((Slot::Outliers, t)) => group.outliers.push(t),
            Some((Slot::Transform, t)) => group.transform.push(t),
            Some((Slot::Output, t)) => group.output.push(t),
            None => {}
        }
    }
    if !rows.sentences.is_empty() {
        out.push(rows);
    }
    out
}

/// One bar of the before/after histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct HistBar {
    pub count: u64,
    /// Height as a share of the tallest bar (0…1).
    pub height: f64,
    /// The bin lies beyond the clipping bounds.
    pub outside: bool,
}

/// A column's distribution as read, with what preparation kept.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeAfter {
    pub bars: Vec<HistBar>,
    pub lo: String,
    pub hi: String,
    /// The kept range as shares of the axis (left, right), when values were clipped.
    pub band: Option<(f64, f64)>,
    /// Missing cells as read.
    pub missing: usize,
}

/// The before/after view of `summary` (numbers and dates only), with the clip bounds from `p`.
pub fn before_after(summary: &ColumnSummary, p: &PrepReport) -> Option<BeforeAfter> {
    let h = summary.histogram.as_ref()?;
    let bounds = p.for_column(&summary.name).find_map(|e| match e.action {
        Action::Clipped { low, high, .. } => Some((low, high)),
        _ => None,
    });
    let width = h.hi - h.lo;
    let max = h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bins = h.counts.len().max(1) as f64;
    let bars = h
        .counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let centre = h.lo + (i as f64 + 0.5) / bins * width;
            let outside = bounds.is_some_and(|(low, high)| centre < low || centre > high);
            HistBar { count, height: count as f64 / max, outside }
        })
        .collect();
    let band = bounds
        .filter(|_| width > 0.0)
        .map(|(low, high)| (((low - h.lo) / width).clamp(0.0, 1.0), ((high - h.lo) / width).clamp(0.0, 1.0)));
    let text = |t: &Option<String>, x: f64| t.clone().unwrap_or_else(|| num(x));
    Some(BeforeAfter {
        bars,
        lo: text(&summary.min_text, h.lo),
        hi: text(&summary.max_text, h.hi),
        band,
        missing: summary.missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prep::ReportEntry;
    use crate::engine::table::{ColumnKind, ColumnRole, Histogram};

    fn entry(step: Step, column: Option<&str>, action: Action) -> ReportEntry {
        let sentence = crate::engine::prep::sentence(column, &action);
        ReportEntry { step, column: column.map(str::to_string), action, sentence }
    }

    fn report() -> PrepReport {
        PrepReport {
            rows_in: 200,
            rows_out: 197,
            lines: vec![],
            features_in: vec!["Age".into(), "Gender".into()],
            features_out: vec!["Age".into(), "Gender_Female".into(), "Gender_Male".into()],
            entries: vec![
                entry(
                    Step::Select,
                    Some("CustomerID"),
                    Action::Skipped { reason: "it is the id column".into() },
                ),
                entry(
                    Step::Missing,
                    Some("Age"),
                    Action::Imputed { strategy: "median".into(), cells: 4, value: "36".into() },
                ),
                entry(
                    Step::Outliers,
                    Some("Age"),
                    Action::Clipped { rule: "IQR × 1.5".into(), low: 0.0, high: 80.0, n_low: 0, n_high: 2 },
                ),
                entry(
                    Step::Outliers,
                    None,
                    Action::RemovedOutliers { rule: "LOF".into(), rows: vec![1, 2, 3] },
                ),
                entry(Step::Outliers, None, Action::FlaggedOutliers { rule: "IF".into(), rows: vec![4, 5] }),
                entry(
                    Step::Encode,
                    Some("Gender"),
                    Action::OneHot { columns: vec!["a".into(), "b".into()], grouped: vec![], unseen: 0 },
                ),
                entry(
                    Step::Scale,
                    Some("Age"),
                    Action::Scaled { method: "robust".into(), center: 36.0, scale: 20.0 },
                ),
            ],
        }
    }

    #[test]
    fn counts_add_up_the_actions() {
        let c = counts(&report());
        assert_eq!((c.rows_in, c.rows_out, c.imputed, c.clipped), (200, 197, 4, 2));
        assert_eq!((c.removed_outliers, c.flagged, c.removed_missing), (3, 2, 0));
        assert_eq!(c.new_columns, vec!["Gender_Female".to_string(), "Gender_Male".to_string()]);
    }

    #[test]
    fn a_customer_left_out_by_two_rules_counts_once() {
        let mut r = report();
        r.entries.push(entry(
            Step::Outliers,
            Some("Income"),
            Action::RemovedOutliers { rule: "z-score 3".into(), rows: vec![3, 6] },
        ));
        assert_eq!(counts(&r).removed_outliers, 4);
    }

    #[test]
    fn effects_are_grouped_by_column() {
        let g = by_column(&report());
        let names: Vec<&str> = g.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(names, vec!["Age", "Gender", "CustomerID", "All customers"]);
        assert_eq!(g[0].missing, vec!["4 filled with the median 36".to_string()]);
        assert_eq!(g[0].outliers, vec!["2 clipped to [0, 80]".to_string()]);
        assert_eq!(g[0].output, vec!["robust scaling".to_string()]);
        assert_eq!(g[0].sentences[0].1, "Filled 4 missing cells with the median 36.");
        assert_eq!(g[2].unused.as_deref(), Some("not used: it is the id column"));
        assert!(!g[2].used);
        assert_eq!(g[3].outliers.len(), 2);
    }

    #[test]
    fn before_after_marks_bins_beyond_the_bounds() {
        let s = ColumnSummary {
            name: "Age".into(),
            kind: ColumnKind::Integer,
            role: ColumnRole::Feature,
            rows: 10,
            missing: 1,
            missing_tokens: vec![],
            distinct: 9,
            min: Some(0.0),
            max: Some(100.0),
            mean: None,
            skewness: None,
            min_text: None,
            max_text: None,
            top: vec![],
            samples: vec![],
            histogram: Some(Histogram { lo: 0.0, hi: 100.0, counts: vec![2, 4, 1, 0, 2] }),
            format: None,
        };
        let b = before_after(&s, &report()).unwrap();
        assert_eq!(
            b.bars.iter().filter(|x| x.outside).count(),
            1,
            "only the last bin (centre 90) is beyond 80"
        );
        assert_eq!(b.band, Some((0.0, 0.8)));
        assert_eq!(b.bars[1].height, 1.0);
        assert_eq!((b.lo.as_str(), b.hi.as_str(), b.missing), ("0", "100", 1));
    }
}
