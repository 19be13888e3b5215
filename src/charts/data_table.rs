//! A chart's values as a table: the text alternative of a canvas chart (screen readers got only its title),
//! shown on demand under the chart. Charts of thousands of points (the map, the k-distance curve) have none:
//! their summaries are elsewhere on the page.

use super::common::fmt_value;
use super::ChartSpec;

/// Column names and rows of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn value(v: f64) -> String {
    if v.is_finite() {
        fmt_value(v)
    } else {
        "–".into()
    }
}

/// True for the kinds of chart [`data_table`] gives a table of.
pub fn has_table(spec: &ChartSpec) -> bool {
    matches!(
        spec,
        ChartSpec::Bars(_)
            | ChartSpec::Heatmap(_)
            | ChartSpec::Importance(_)
            | ChartSpec::Psi(_)
            | ChartSpec::BoxPlot(_)
            | ChartSpec::Silhouette(_)
    )
}

/// The chart's values, or `None` for a chart without a table.
pub fn data_table(spec: &ChartSpec) -> Option<DataTable> {
    let t = match spec {
        ChartSpec::Bars(s) => DataTable {
            header: vec!["bar".into(), s.value_label.clone()],
            rows: s.bars.iter().map(|b| vec![b.label.clone(), value(b.value)]).collect(),
        },
        ChartSpec::Heatmap(s) => {
            let first = match (s.row_title.is_empty(), s.row_segments.is_empty()) {
                (false, _) => s.row_title.clone(),
                (true, false) => "segment".to_string(),
                (true, true) => "row".to_string(),
            };
            let mut header = vec![first];
            header.extend(s.cols.iter().cloned());
            let rows = s
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut row = vec![r.clone()];
                    row.extend((0..s.cols.len()).map(|j| {
                        let k = i * s.cols.len() + j;
                        let v = s.values.get(k).copied().unwrap_or(f64::NAN);
                        super::heatmap::cell_text(s, k, v, s.decimals.max(2))
                    }));
                    row
                })
                .collect();
            DataTable { header, rows }
        }
        ChartSpec::Importance(s) => {
            let mut items: Vec<_> = s.items.iter().collect();
            if s.sorted {
                items.sort_by(|a, b| b.score.total_cmp(&a.score));
            }
            DataTable {
                header: vec!["feature".into(), s.score_label.clone()],
                rows: items.iter().map(|i| vec![i.feature.clone(), value(i.score)]).collect(),
            }
        }
        ChartSpec::Psi(s) => DataTable {
            header: vec!["feature".into(), "population stability index".into()],
            rows: s.features.iter().map(|(f, v)| vec![f.clone(), value(*v)]).collect(),
        },
        ChartSpec::BoxPlot(s) => DataTable {
            header: [
                "segment",
                "customers",
                "lower whisker",
                "first quartile",
                "median",
                "third quartile",
                "upper whisker",
            ]
            .map(String::from)
            .to_vec(),
            rows: s
                .groups
                .iter()
                .map(|g| {
                    let b = &g.stats;
                    let mut row = vec![g.name.clone(), b.n.to_string()];
                    row.extend([b.whisker_low, b.q1, b.median, b.q3, b.whisker_high].map(value));
                    row
                })
                .collect(),
        },
        ChartSpec::Silhouette(s) => DataTable {
            header: ["segment", "customers", "mean silhouette"].map(String::from).to_vec(),
            rows: s
                .segments
                .iter()
                .enumerate()
                .map(|(k, (id, name))| {
                    let v: Vec<f64> = s
                        .values
                        .iter()
                        .zip(&s.labels)
                        .filter(|(x, l)| **l == *id && x.is_finite())
                        .map(|(x, _)| *x)
                        .collect();
                    let mean = if v.is_empty() { f64::NAN } else { v.iter().sum::<f64>() / v.len() as f64 };
                    // the segment's size when the values are a sample of it
                    let n = s.sizes.get(k).copied().unwrap_or(v.len());
                    vec![name.clone(), n.to_string(), value(mean)]
                })
                .collect(),
        },
        _ => return None,
    };
    (!t.rows.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::heatmap::{correlation, profile};

    #[test]
    fn a_heatmap_reads_as_rows_of_its_cell_values() {
        let segments = [(0, "Loyal".to_string()), (1, "New".to_string())];
        let features = ["spend".to_string(), "visits".to_string()];
        let spec =
            ChartSpec::Heatmap(profile("Profiles", &segments, &features, vec![1.25, -0.5, f64::NAN, 0.0]));
        let t = data_table(&spec).unwrap();
        assert_eq!(t.header, ["segment", "spend", "visits"]);
        assert_eq!(t.rows[0], ["Loyal", "+1.25", "−0.50"]);
        assert_eq!(t.rows[1][1], "–");
    }

    #[test]
    fn a_correlation_table_writes_every_cell_as_the_chart_does() {
        let features = ["spend".to_string(), "visits".to_string()];
        let spec = ChartSpec::Heatmap(correlation("r", &features, vec![1.0, -0.5, -0.5, 1.0]));
        let t = data_table(&spec).unwrap();
        assert_eq!(t.rows[0], ["spend", "+1.00", "−0.50"]);
        assert_eq!(t.rows[1], ["visits", "−0.50", "+1.00"]);
    }
}
