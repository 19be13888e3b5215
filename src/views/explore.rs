//! View models of the Explore step: map axes and hover hit-testing, the hover tooltip, and the segment edits
//! (rename/pin, merge, split) as changes to the config. Pure; natively tested.

use crate::charts::scatter::Frame;
use crate::engine::lifetime::AtRiskParams;
use crate::engine::pipeline::profiles::centre_of;
use crate::engine::pipeline::{DataMode, MapReport, PinnedName, PipelineConfig, Report, SegmentEdit};
use crate::views::{charts, format};

/// The index of the axis called `name` in `map`, or `fallback` when there is none of that name.
pub fn axis_index(map: &MapReport, name: Option<&str>, fallback: usize) -> usize {
    name.and_then(|n| map.axes.iter().position(|(a, _)| a == n))
        .unwrap_or(fallback)
        .min(map.axes.len().saturating_sub(1))
}

/// The point nearest to pixel `(px, py)` (device pixels) within `max_dist` pixels, if any.
pub fn nearest_point(frame: &Frame, x: &[f32], y: &[f32], px: f64, py: f64, max_dist: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, (&xi, &yi)) in x.iter().zip(y).enumerate() {
        if !xi.is_finite() || !yi.is_finite() {
            continue;
        }
        let (qx, qy) = frame.to_pixel(xi as f64, yi as f64);
        let d2 = (qx - px).powi(2) + (qy - py).powi(2);
        if d2 <= max_dist * max_dist && best.is_none_or(|(_, b)| d2 < b) {
            best = Some((i, d2));
        }
    }
    best.map(|(i, _)| i)
}

/// True for map axes that are coordinates of an embedding (PCA, t-SNE), not features in original units.
pub fn is_embedding_axis(name: &str) -> bool {
    name.starts_with("PC") || name.starts_with("t-SNE") || name.starts_with('(')
}

/// What the tooltip of point `i` of the map shows: a title (customer id and segment) and (label, value) lines.
pub fn tooltip(
    report: &Report,
    i: usize,
    x_axis: usize,
    y_axis: usize,
) -> Option<(String, Vec<(String, String)>)> {
    let map = &report.map;
    let label = *map.labels.get(i)?;
    let who = match map.ids.as_ref().and_then(|ids| ids.get(i)) {
        Some(id) => format!("Customer {id}"),
        None => {
            format!("Row {}", map.points.get(i).and_then(|&p| report.rows.get(p)).map(|r| r + 2).unwrap_or(0))
        }
    };
    let mut lines = vec![("Segment".to_string(), charts::name_of(report, label))];
    let mut shown = Vec::new();
    for a in [x_axis, y_axis] {
        if let Some((name, values)) = map.axes.get(a) {
            if !shown.contains(&a) {
                lines.push((
                    name.clone(),
                    format::feature_value(name, values.get(i).copied().unwrap_or(f32::NAN) as f64),
                ));
                shown.push(a);
            }
        }
    }
    let features = map
        .axes
        .iter()
        .enumerate()
        .filter(|(a, (name, _))| !shown.contains(a) && !is_embedding_axis(name))
        .take(6);
    for (_, (name, values)) in features {
        lines.push((
            name.clone(),
            format::feature_value(name, values.get(i).copied().unwrap_or(f32::NAN) as f64),
        ));
    }
    Some((who, lines))
}

/// The feature the box plots show first: the one that separates the segments most (η²), else the first. A
/// column of two values (a 0/1 flag) comes only when there is nothing else: its boxes are flat lines, though
/// a flag that one segment is made of has the highest η² (AcceptedCmp2 on Customer Personality Analysis).
pub fn default_box_feature(report: &Report) -> Option<String> {
    let many_values =
        |name: &str| report.data.columns.iter().find(|c| c.name == name).is_none_or(|c| c.distinct > 2);
    let eta = |name: &str| {
        report
            .selection
            .as_ref()
            .and_then(|s| s.features.iter().find(|f| f.name == name))
            .and_then(|f| f.eta_squared)
            .filter(|v| v.is_finite())
            .unwrap_or(-1.0)
    };
    report
        .boxes
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            let key = |f: &str| (many_values(f), eta(f));
            let ((many_a, eta_a), (many_b, eta_b)) = (key(&a.feature), key(&b.feature));
            many_a.cmp(&many_b).then(eta_a.total_cmp(&eta_b)).then(j.cmp(i))
        })
        .map(|(_, b)| b.feature.clone())
}

/// The pinned name that currently names segment `label`, if the user pinned it (index into `names`).
pub fn pinned_index(config: &PipelineConfig, report: &Report, label: i32) -> Option<usize> {
    let seg = report.profiles.segment(label)?;
    if !seg.pinned {
        return None;
    }
    config.segments.names.iter().position(|p| p.name == seg.name)
}

/// Gives segment `label` the name `name` and pins it (it follows the segment in later runs).
pub fn rename(config: &mut PipelineConfig, report: &Report, label: i32, name: &str) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    let centre = centre_of(&report.profiles, label);
    match pinned_index(config, report, label) {
        Some(i) => config.segments.names[i] = PinnedName { name: name.to_string(), centre },
        None => {
            config.segments.names.retain(|p| p.name != name);
            config.segments.names.push(PinnedName { name: name.to_string(), centre });
        }
    }
}

/// Pins segment `label`'s current name, or unpins it when it is pinned.
pub fn toggle_pin(config: &mut PipelineConfig, report: &Report, label: i32) {
    match pinned_index(config, report, label) {
        Some(i) => {
            config.segments.names.remove(i);
        }
        None => {
            if let Some(seg) = report.profiles.segment(label) {
                let name = seg.name.clone();
                rename(config, report, label, &name);
            }
        }
    }
}

/// Adds a merge of segment `b` into `a` (no-op for the same segment).
pub fn merge(config: &mut PipelineConfig, a: i32, b: i32) {
    if a != b && a >= 0 && b >= 0 {
        config.segments.edits.push(SegmentEdit::Merge { a: a.min(b), b: a.max(b) });
    }
}

/// Adds a split of `segment` into `parts` segments.
pub fn split(config: &mut PipelineConfig, segment: i32, parts: usize) {
    if segment >= 0 && parts >= 2 {
        config.segments.edits.push(SegmentEdit::Split { segment, parts });
    }
}

/// An edit in words (segment numbers as shown: 1-based).
pub fn describe(edit: &SegmentEdit) -> String {
    match edit {
        SegmentEdit::Merge { a, b } => format!("Merge segment {} into segment {}", b + 1, a + 1),
        SegmentEdit::Split { segment, parts } => format!("Split segment {} into {parts}", segment + 1),
    }
}

/// Segments that can be edited: (label, "N · name", size), noise excluded.
pub fn segment_choices(report: &Report) -> Vec<(i32, String, usize)> {
    report
        .profiles
        .segments
        .iter()
        .filter(|s| s.label >= 0)
        .map(|s| (s.label, format!("{} · {}", s.label + 1, s.name), s.size))
        .collect()
}

/// The at-risk thresholds of `config` for editing. When the config lets the data mode be detected, the mode
/// the run resolved (`resolved`, from `Report::config`) is written into it first; `None` outside transaction mode.
pub fn at_risk_mut<'a>(config: &'a mut PipelineConfig, resolved: &DataMode) -> Option<&'a mut AtRiskParams> {
    if !matches!(config.mode, DataMode::Transactions(_)) {
        if let DataMode::Transactions(_) = resolved {
            config.mode = resolved.clone();
        }
    }
    match &mut config.mode {
        DataMode::Transactions(t) => Some(&mut t.at_risk),
        _ => None,
    }
}

/// What transaction mode says about its lifetime models: why there are none, what the fitted ones could not
/// give (no spend model, so no CLV; no at-risk list) and what a fit at the model's boundary means.
pub fn lifetime_notes(report: &Report) -> Vec<String> {
    let Some(t) = report.transactions.as_ref() else { return Vec::new() };
    t.lifetime_note.iter().chain(t.lifetime.iter().flat_map(|l| &l.notes)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame { x: 0.0..10.0, y: 0.0..10.0, px: (0, 100), py: (0, 100) }
    }

    #[test]
    fn hit_testing_finds_the_nearest_point_within_reach() {
        let (x, y) = (vec![1.0, 5.0, 5.2, f32::NAN], vec![1.0, 5.0, 5.0, 5.0]);
        // (5, 5) is at pixel (50, 50); (5.2, 5) at (52, 50).
        assert_eq!(nearest_point(&frame(), &x, &y, 51.5, 50.0, 6.0), Some(2));
        assert_eq!(nearest_point(&frame(), &x, &y, 49.0, 51.0, 6.0), Some(1));
        // (1, 1) is at pixel (10, 90).
        assert_eq!(nearest_point(&frame(), &x, &y, 10.0, 91.0, 6.0), Some(0));
        assert_eq!(nearest_point(&frame(), &x, &y, 80.0, 20.0, 6.0), None);
        assert_eq!(nearest_point(&frame(), &[], &[], 0.0, 0.0, 6.0), None);
    }

    #[test]
    fn axes_resolve_by_name_with_a_fallback() {
        let map = MapReport {
            axes: vec![("PC1".into(), vec![]), ("PC2".into(), vec![]), ("Fresh".into(), vec![])],
            ..MapReport::default()
        };
        assert_eq!(axis_index(&map, Some("Fresh"), 0), 2);
        assert_eq!(axis_index(&map, Some("t-SNE 1"), 1), 1);
        assert_eq!(axis_index(&map, None, 7), 2);
        assert!(is_embedding_axis("t-SNE 2") && is_embedding_axis("PC1 (38% of variance)"));
        assert!(!is_embedding_axis("Fresh"));
    }

    #[test]
    fn edits_are_recorded_in_order() {
        let mut c = PipelineConfig::default();
        merge(&mut c, 3, 1);
        merge(&mut c, 2, 2);
        split(&mut c, 0, 3);
        split(&mut c, 0, 1);
        assert_eq!(
            c.segments.edits,
            vec![SegmentEdit::Merge { a: 1, b: 3 }, SegmentEdit::Split { segment: 0, parts: 3 }]
        );
        assert_eq!(describe(&c.segments.edits[0]), "Merge segment 4 into segment 2");
        assert_eq!(describe(&c.segments.edits[1]), "Split segment 1 into 3");
    }

    #[test]
    fn a_young_log_says_its_lifetime_fit_is_at_the_boundary() {
        use crate::engine::progress::Silent;
        // the CDNOW sample's first month in weeks: BG/NBD fits a = 5e-7 (almost no one drops out)
        let log = include_str!("../../tests/data/cdnow_sample_transactions.csv");
        let young: String = log
            .lines()
            .filter(|l| l.split(',').nth(1).is_some_and(|d| d <= "1997-01-31" || d == "date"))
            .fold(String::new(), |acc, l| acc + l + "\n");
        let mut c = PipelineConfig::default();
        c.evaluation.sweep = None;
        c.evaluation.selection = None;
        let mut weekly = crate::engine::pipeline::TransactionsConfig::default();
        weekly.rfm.period = crate::engine::features::rfm::PeriodUnit::Week;
        c.mode = DataMode::Transactions(Box::new(weekly));
        let report = crate::engine::pipeline::run(young.as_bytes(), "young.csv", &c, &mut Silent).unwrap();
        assert!(report.transactions.is_some(), "read as a transaction log");
        let notes = lifetime_notes(&report);
        assert!(notes.iter().any(|n| n.contains("almost no one stop buying")), "{notes:?}");
        let customers = include_bytes!("../../tests/data/mall_customers.csv");
        c.mode = DataMode::Auto;
        let plain = crate::engine::pipeline::run(customers, "mall.csv", &c, &mut Silent).unwrap();
        assert!(lifetime_notes(&plain).is_empty());
    }

    #[test]
    fn box_plots_open_on_an_amount_not_on_the_flag_that_splits_the_segments() {
        use crate::engine::progress::Silent;
        // k = 2 splits on the flag (η² = 1); spend also differs a little between the two
        let rows: String = (0..200)
            .map(|i| format!("{},{},{}\n", i % 2, 40 + (i * 7) % 23 + 3 * (i % 2), (i * 13) % 17))
            .collect();
        let csv = format!("member,spend,visits\n{rows}");
        let mut c = PipelineConfig::default();
        c.evaluation.sweep = None;
        c.algorithm.set_k(2);
        c.mode = DataMode::Customers;
        let report = crate::engine::pipeline::run(csv.as_bytes(), "flag.csv", &c, &mut Silent).unwrap();
        let eta = |name: &str| {
            report.selection.as_ref().unwrap().features.iter().find(|f| f.name == name).unwrap().eta_squared
        };
        assert!(eta("member").unwrap() > eta("spend").unwrap(), "the flag separates most");
        assert!(report.boxes.iter().any(|b| b.feature == "member"));
        assert_eq!(default_box_feature(&report).as_deref(), Some("spend"));
    }

    #[test]
    fn rename_pin_merge_and_split_replay_in_a_run() {
        use crate::engine::progress::Silent;
        let bytes = include_bytes!("../../tests/data/mall_customers.csv");
        let mut c = PipelineConfig::default();
        c.evaluation.sweep = None;
        c.evaluation.selection = None;
        let run =
            |c: &PipelineConfig| crate::engine::pipeline::run(bytes, "mall.csv", c, &mut Silent).unwrap();
        let first = run(&c);
        assert_eq!(first.n_clusters, 4);
        rename(&mut c, &first, 1, "  Big spenders ");
        let second = run(&c);
        let named = second.profiles.segments.iter().find(|s| s.name == "Big spenders").expect("renamed");
        assert!(named.pinned);
        assert_eq!(pinned_index(&c, &second, named.label), Some(0));
        rename(&mut c, &second, named.label, "Top");
        assert_eq!(c.segments.names.len(), 1);
        let third = run(&c);
        let top = third.profiles.segments.iter().find(|s| s.name == "Top").unwrap().label;
        toggle_pin(&mut c, &third, top);
        assert!(c.segments.names.is_empty());
        toggle_pin(&mut c, &third, 0);
        assert_eq!(c.segments.names.len(), 1);
        merge(&mut c, 0, 1);
        assert_eq!(run(&c).n_clusters, 3);
        split(&mut c, 0, 2);
        let last = run(&c);
        assert_eq!(last.n_clusters, 4);
        assert_eq!(segment_choices(&last).len(), 4);
        let first_box = default_box_feature(&last).unwrap();
        assert!(last.boxes.iter().any(|b| b.feature == first_box));
        let (who, lines) = tooltip(&last, 0, 0, 1).unwrap();
        assert!(who.starts_with("Customer "), "{who}");
        assert_eq!(lines[0].0, "Segment");
        assert!(lines.len() >= 3, "{lines:?}");
    }

    #[test]
    fn at_risk_edits_resolve_the_mode_first() {
        let mut c = PipelineConfig::default();
        assert!(at_risk_mut(&mut c, &DataMode::Customers).is_none());
        let resolved = DataMode::Transactions(Box::default());
        at_risk_mut(&mut c, &resolved).unwrap().top_share = 0.1;
        match &c.mode {
            DataMode::Transactions(t) => assert_eq!(t.at_risk.top_share, 0.1),
            other => panic!("{other:?}"),
        }
        at_risk_mut(&mut c, &DataMode::Auto).unwrap().p_alive_below = 0.3;
        assert!(
            matches!(&c.mode, DataMode::Transactions(t) if t.at_risk.p_alive_below == 0.3 && t.at_risk.top_share == 0.1)
        );
    }

    #[test]
    fn map_axes_with_missing_values_cross_the_worker_boundary() {
        let map = MapReport { axes: vec![("Fresh".into(), vec![1.0, f32::NAN])], ..MapReport::default() };
        let back: MapReport = serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
        assert_eq!(back.axes[0].1[0], 1.0);
        assert!(back.axes[0].1[1].is_nan());
    }
}
