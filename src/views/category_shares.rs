//! The Explore step's category chart: for each category segmented on, the share of each segment at each of
//! its most common levels, coloured by the difference from all customers in percentage points (a last row
//! gives their shares). The level's z-score coloured 92% against 39% overall pale. The numeric profile
//! heatmap has only numeric features.

use crate::charts::{heatmap, ChartSpec};
use crate::engine::cluster::NOISE;
use crate::engine::pipeline::Report;

/// Levels shown per category at most (the most common among all customers).
pub const LEVELS_PER_CATEGORY: usize = 5;
/// Columns shown at most, over all categories (more left no room for the numbers in the cells).
pub const MAX_COLUMNS: usize = 16;
/// The last row's name: the shares among every customer segmented.
pub const ALL_CUSTOMERS: &str = "All customers";

/// A share as the cells write it: whole percents, "<1%" for a few, "0%" for none.
fn percent(share: f64) -> String {
    match share {
        s if s <= 0.0 => "0%".into(),
        s if s < 0.005 => "<1%".into(),
        s => format!("{:.0}%", s * 100.0),
    }
}

/// The chart, and how many levels it leaves out (beyond [`LEVELS_PER_CATEGORY`] or [`MAX_COLUMNS`]); None
/// when no category was segmented on.
pub fn category_heatmap(report: &Report) -> Option<(ChartSpec, usize)> {
    let rows: Vec<_> = report.profiles.segments.iter().filter(|s| s.label != NOISE).collect();
    let first = rows.first()?;
    // (feature index, level index) of each column: a category's most common levels, most common first
    let mut columns = Vec::new();
    let mut left_out = 0;
    for (f, summary) in first.categorical.iter().enumerate() {
        let mut levels: Vec<usize> =
            (0..summary.levels.len()).filter(|&l| summary.levels[l].population_share > 0.0).collect();
        levels.sort_by(|&a, &b| {
            summary.levels[b].population_share.total_cmp(&summary.levels[a].population_share)
        });
        let room = LEVELS_PER_CATEGORY.min(MAX_COLUMNS.saturating_sub(columns.len()));
        left_out += levels.len().saturating_sub(room);
        columns.extend(levels.into_iter().take(room).map(|l| (f, l)));
    }
    if columns.is_empty() {
        return None;
    }
    let names: Vec<String> = columns
        .iter()
        .map(|&(f, l)| format!("{}: {}", first.categorical[f].feature, first.categorical[f].levels[l].level))
        .collect();
    let mut shares = Vec::with_capacity((rows.len() + 1) * columns.len());
    let mut points = Vec::with_capacity((rows.len() + 1) * columns.len());
    for s in &rows {
        for &(f, l) in &columns {
            let level = s.categorical.get(f).and_then(|c| c.levels.get(l));
            shares.push(level.map_or_else(|| "–".into(), |v| percent(v.share)));
            points.push(level.map_or(f64::NAN, |v| 100.0 * (v.share - v.population_share)));
        }
    }
    // the baseline the colours compare with, as a last row
    for &(f, l) in &columns {
        shares.push(percent(first.categorical[f].levels[l].population_share));
        points.push(f64::NAN);
    }
    let mut named: Vec<(i32, String)> =
        rows.iter().map(|s| (super::charts::colour_of(report, s.label), s.name.clone())).collect();
    named.push((NOISE, ALL_CUSTOMERS.to_string()));
    let title = "Categories by segment (share of each segment)";
    Some((ChartSpec::Heatmap(heatmap::category_shares(title, &named, &names, shares, points)), left_out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::data_table::data_table;
    use crate::engine::pipeline::{run, PipelineConfig};
    use crate::engine::progress::Silent;

    #[test]
    fn each_segment_has_its_share_at_each_level_as_a_groupby_gives_it() {
        let bytes = include_bytes!("../../tests/data/mall_customers.csv");
        let r = run(bytes, "mall_customers.csv", &PipelineConfig::default(), &mut Silent).unwrap();
        let (spec, left_out) = category_heatmap(&r).expect("Gender is a category");
        assert_eq!(left_out, 0);
        let table = data_table(&spec).unwrap();
        assert_eq!(table.header[1..], ["Gender: Female", "Gender: Male"]);
        assert_eq!(table.rows.len(), r.n_clusters + 1);
        let all = table.rows.last().unwrap();
        assert_eq!(all[..], [ALL_CUSTOMERS, "56%", "44%"], "112 of the 200 are female");
        // the shares of each segment, counted from the labelled rows
        let text = std::str::from_utf8(bytes).unwrap();
        let genders: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
        for (row, s) in table.rows.iter().zip(r.profiles.segments.iter()) {
            let members: Vec<usize> = (0..r.labels.len()).filter(|&i| r.labels[i] == s.label).collect();
            let female = members.iter().filter(|&&i| genders[i] == "Female").count();
            let expected = format!("{:.0}%", 100.0 * female as f64 / members.len() as f64);
            assert_eq!(row[1], expected, "segment {}", s.name);
        }
    }

    #[test]
    fn no_chart_without_a_category_and_whole_percents_with_few_and_none() {
        let bytes = b"id,spend,visits\n1,10,2\n2,12,3\n3,50,9\n4,55,8\n5,11,2\n6,52,9\n";
        let mut config = PipelineConfig::default();
        config.algorithm.set_k(2);
        let r = run(bytes, "n.csv", &config, &mut Silent).unwrap();
        assert!(category_heatmap(&r).is_none());
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.004), "<1%");
        assert_eq!(percent(0.855), "86%");
    }
}
