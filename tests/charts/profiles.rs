//! Charts that describe segments: the profile and correlation heatmaps, box plots by segment, feature
//! importance and segment sizes. Rendered natively to SVG in both themes and at scale 1 and 2.

use crate::charts_support;

use charts_support::examples::*;
use charts_support::*;
use segscope::charts::scale::Scale;
use segscope::charts::{bars, boxplot, common, heatmap, importance, Theme};

// ---------- heatmaps ----------

/// Cell rectangles: everything but the background, the colour bar and the row swatches.
fn cells(els: &[Element], w: f64) -> Vec<&Element> {
    els.iter().filter(|e| e.tag == "rect" && e.num("width") > 16.0 && e.num("width") < w / 2.0).collect()
}

#[test]
fn profile_heatmap_has_a_cell_per_segment_and_feature_a_colour_bar_and_swatches() {
    let spec = profile();
    let svg = render_all(900, 420, |a, t| heatmap::draw(a, &spec, t));
    let els = elements(&svg);
    let rects = tagged(&els, "rect");
    assert_eq!(rects.len(), 1 + 5 * 9 + heatmap::COLOURBAR_STEPS + 5, "background, cells, bar, swatches");
    assert_eq!(cells(&els, 900.0).len(), 45);
    for id in 0..5 {
        assert_eq!(filled(&els, "rect", &seg_hex(id)).len(), 1, "row swatch of segment {id}");
        assert!(has_text(&els, NAMES[id as usize]));
    }
    assert!(has_text(&els, "z-score"));
    // Long feature names are rotated and cut with an ellipsis; short ones are whole.
    assert!(has_text(&els, "orders") && has_text_containing(&els, "…"));
    assert!(els.iter().any(|e| e.tag == "text" && e.attr("transform").starts_with("rotate(270")));
    // Every value is printed with its sign; values beyond ±2.5 take the end colours.
    for (i, &z) in spec.values.iter().enumerate() {
        let label = if z > 0.0 { format!("+{z:.1}") } else { format!("{z:.1}").replace('-', "−") };
        assert!(has_text(&els, &label), "cell {i} shows {label}");
    }
    let t = Theme::light(1.0);
    let hot = hex(Scale::Diverging { limit: 2.5 }.colour(9.0, (-2.5, 2.5), &t));
    let n_hot = spec.values.iter().filter(|&&z| z >= 2.5).count();
    assert!(n_hot > 0);
    assert_eq!(cells(&els, 900.0).iter().filter(|e| e.attr("fill") == hot).count(), n_hot);
    assert!(has_text(&els, "≥ 2.5") && has_text(&els, "≤ −2.5"), "the clamped ends say so");
}

#[test]
fn category_shares_write_each_share_and_colour_it_by_its_difference_from_everyone() {
    let segments = [(0, "Loyal".to_string()), (1, "New".to_string())];
    let levels = ["Gender: Female".to_string(), "Gender: Male".to_string()];
    let shares = ["80%", "20%", "30%", "70%"].map(String::from).to_vec();
    let spec =
        heatmap::category_shares("Categories", &segments, &levels, shares, vec![40.0, -40.0, -9.0, 9.0]);
    let svg = render_all(700, 320, |a, t| heatmap::draw(a, &spec, t));
    let els = elements(&svg);
    assert_eq!(cells(&els, 700.0).len(), 4);
    for share in ["80%", "20%", "30%", "70%"] {
        assert!(has_text(&els, share), "{share} is written in its cell");
    }
    assert!(has_text(&els, "Gender: Female") && has_text(&els, "points vs all"));
    let t = Theme::light(1.0);
    let scale = Scale::Diverging { limit: 50.0 };
    let (more, less) =
        (hex(scale.colour(40.0, (-50.0, 50.0), &t)), hex(scale.colour(-40.0, (-50.0, 50.0), &t)));
    assert_eq!(cells(&els, 700.0).iter().filter(|e| e.attr("fill") == more).count(), 1);
    assert_eq!(cells(&els, 700.0).iter().filter(|e| e.attr("fill") == less).count(), 1);
}

#[test]
fn category_columns_with_long_names_keep_their_levels() {
    // Customer Personality Analysis' categories: cut at the end, every level read "Marital_Status…"
    let levels: Vec<String> = ["Graduation", "PhD", "Master", "Married", "Together", "Single", "Divorced"]
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}: {l}", if i < 3 { "Education_Level" } else { "Marital_Status" }))
        .collect();
    let segments = [(0, "Loyal".to_string()), (1, "New".to_string())];
    let shares = vec!["10%".to_string(); 2 * levels.len()];
    let spec =
        heatmap::category_shares("Categories", &segments, &levels, shares, vec![5.0; 2 * levels.len()]);
    let svg = render_all(520, 300, |a, t| heatmap::draw(a, &spec, t));
    let els = elements(&svg);
    let labels: Vec<&str> = els
        .iter()
        .filter(|e| e.tag == "text" && e.attr("transform").starts_with("rotate(270"))
        .map(|e| e.text.as_str())
        .filter(|t| t.contains(": ") || !t.contains(' '))
        .collect();
    for level in ["PhD", "Master", "Married", "Together", "Single", "Divorced"] {
        assert!(labels.iter().any(|l| l.ends_with(level)), "{level} is named: {labels:?}");
    }
    assert!(labels.iter().any(|l| l.contains('…')), "the names were cut: {labels:?}");
}

#[test]
fn correlation_heatmap_is_square_and_hides_cell_text_when_cells_are_small() {
    let spec = correlation();
    let svg = render_all(760, 640, |a, t| heatmap::draw(a, &spec, t));
    let els = elements(&svg);
    assert_eq!(cells(&els, 760.0).len(), 144);
    assert_eq!(texts(&els).iter().filter(|t| *t == "+1.00").count(), 12, "the diagonal");
    assert!(has_text(&els, "Pearson r") && has_text(&els, "1") && has_text(&els, "−1"));
    assert!(!has_text_containing(&els, "≥"), "r is never clamped");
    // 40 features on a small canvas: no cell text, labels thinned, and everything stays on the canvas.
    let names: Vec<String> = (0..40).map(|i| format!("feature_number_{i}")).collect();
    let r: Vec<f64> =
        (0..1600).map(|i| if i % 41 == 0 { 1.0 } else { ((i * 7 % 13) as f64 - 6.0) / 6.0 }).collect();
    let big = heatmap::correlation("Many features", &names, r);
    let svg = render_all(500, 400, |a, t| heatmap::draw(a, &big, t));
    let els = elements(&svg);
    assert_eq!(tagged(&els, "rect").len(), 1 + 1600 + heatmap::COLOURBAR_STEPS);
    assert!(!has_text(&els, "+1.00"), "no text in tiny cells");
    let row_labels = texts(&els).iter().filter(|t| t.starts_with("feature_number")).count();
    assert!((20..80).contains(&row_labels), "labels thinned, got {row_labels}");
}

#[test]
fn heatmap_missing_cells_are_empty_not_errors() {
    let mut spec = profile();
    spec.values[3] = f64::NAN;
    spec.values.truncate(40);
    let svg = render_all(900, 420, |a, t| heatmap::draw(a, &spec, t));
    let els = elements(&svg);
    let grid = hex(Theme::light(1.0).grid);
    let empty = cells(&els, 900.0).into_iter().filter(|e| e.attr("fill") == grid).count();
    assert_eq!(empty, 1 + 5, "the NaN cell and the 5 missing entries");
    assert_eq!(texts(&els).iter().filter(|t| *t == "–").count(), 6);
}

// ---------- box plots ----------

#[test]
fn boxplot_draws_one_box_per_segment_with_capped_outliers() {
    let mut spec = boxes();
    spec.max_outliers = 12;
    let svg = render_all(820, 460, |a, t| boxplot::draw(a, &spec, t));
    let els = elements(&svg);
    assert!(has_text(&els, "average basket value (€)") && has_text(&els, "Average basket value by segment"));
    for g in &spec.groups {
        let c = seg_hex(g.segment);
        assert_eq!(filled_with(&els, "rect", &c, "0.35").len(), 1, "one box body for {}", g.name);
        let outline =
            els.iter().filter(|e| e.tag == "rect" && e.attr("stroke") == c && e.attr("fill") == "none");
        assert_eq!(outline.count(), 1);
        let dots = els.iter().filter(|e| e.tag == "circle" && e.attr("stroke") == c).count();
        assert_eq!(dots, g.stats.outliers.len().min(12), "outliers of {} capped", g.name);
        assert!(g.stats.n_outliers > 12);
        assert!(has_text(&els, &g.name) && has_text(&els, "n = 2,000"));
    }
    let fg = hex(Theme::light(1.0).foreground);
    assert_eq!(stroked(&els, &fg).len(), 5, "one median line per box");
    // Box bodies are ordered by segment left to right and the median lies inside its box.
    let bodies: Vec<_> =
        spec.groups.iter().map(|g| filled_with(&els, "rect", &seg_hex(g.segment), "0.35")[0]).collect();
    assert!(bodies.windows(2).all(|w| w[0].num("x") < w[1].num("x")));
    for (b, m) in bodies.iter().zip(stroked(&els, &fg)) {
        let y = points(m)[0].1;
        assert!(y >= b.num("y") && y <= b.num("y") + b.num("height"));
    }
}

#[test]
fn boxplot_summaries_follow_numpy_and_skip_groups_without_values() {
    // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [25, 50, 75]) = [1.75, 3.5, 5.25]
    let s = boxplot::summarize(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, f64::NAN]).unwrap();
    assert_eq!((s.q1, s.median, s.q3, s.n, s.n_missing), (1.75, 3.5, 5.25, 8, 1));
    assert_eq!((s.whisker_low, s.whisker_high, s.n_outliers), (1.0, 9.0, 0));
    let mut spec = boxes();
    spec.groups[1].stats.q1 = f64::NAN;
    let svg = render_light(820, 460, |a, t| boxplot::draw(a, &spec, t));
    let els = elements(&svg);
    assert!(filled_with(&els, "rect", &seg_hex(1), "0.35").is_empty(), "the broken group is left out");
    assert_eq!(filled_with(&els, "rect", &seg_hex(2), "0.35").len(), 1);
}

// ---------- importance ----------

#[test]
fn importance_sorts_bars_and_marks_drop_suggestions_hatched_with_a_legend() {
    let spec = importance_spec();
    let svg = render_all(760, 440, |a, t| importance::draw(a, &spec, t));
    let els = elements(&svg);
    assert!(
        has_text(&els, "kept")
            && has_text(&els, "suggested to drop")
            && has_text(&els, "± 1 standard deviation")
    );
    assert!(has_text(&els, "permutation importance (drop in silhouette)"));
    let accent = hex(common::accent(&Theme::light(1.0)));
    let kept = spec.items.iter().filter(|i| !i.suggested_drop).count();
    let dropped = spec.items.len() - kept;
    assert_eq!(filled(&els, "rect", &accent).len(), kept + 1, "kept bars + legend swatch");
    assert_eq!(filled_with(&els, "rect", &hex(importance::DROP_COLOUR), "0.22").len(), dropped);
    // Hatching: extra strokes in the drop colour, beyond the bar outlines.
    assert!(stroked(&els, &hex(importance::DROP_COLOUR)).len() > dropped);
    // Highest score on top: the feature labels run in descending score order.
    let ys: Vec<f64> = ["recency_days", "orders", "total_spend", "returns_rate"]
        .iter()
        .map(|f| text_el(&els, f).num("y"))
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
    let muted = hex(Theme::light(1.0).muted);
    let bars = els
        .iter()
        .filter(|e| e.tag == "polyline" && e.attr("stroke") == muted && e.attr("stroke-width") == "2");
    assert_eq!(bars.count(), 3 * spec.items.len() + 1, "an error bar per feature + the legend line");
    assert!(has_text(&els, "−0.005"), "a negative score is annotated");
}

#[test]
fn importance_caps_the_number_of_bars_and_says_how_many_are_hidden() {
    let items = (0..50)
        .map(|i| importance::Importance {
            feature: format!("f{i}"),
            score: i as f64,
            error: None,
            suggested_drop: false,
        })
        .collect();
    let spec = importance::ImportanceSpec {
        title: "Many".into(),
        score_label: "η²".into(),
        items,
        sorted: true,
        max_items: 20,
    };
    let svg = render_all(700, 500, |a, t| importance::draw(a, &spec, t));
    let els = elements(&svg);
    assert_eq!(filled(&els, "rect", &hex(common::accent(&Theme::light(1.0)))).len(), 20 + 1);
    assert!(has_text(&els, "30 more not shown") && has_text(&els, "f49") && !has_text(&els, "f29"));
}

// ---------- segment sizes ----------

#[test]
fn size_bars_have_integer_ticks_no_stray_tick_and_the_first_bar_on_top() {
    let spec = sizes();
    let svg = render_all(640, 320, |a, t| bars::draw(a, &spec, t));
    let els = elements(&svg);
    for (i, b) in spec.bars.iter().enumerate() {
        assert_eq!(filled(&els, "rect", &seg_hex(i as i32)).len(), 1, "bar {}", b.label);
        assert!(has_text(&els, &format!("{}", b.value)));
    }
    let ticks: Vec<String> =
        texts(&els).into_iter().filter(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.')).collect();
    assert!(ticks.contains(&"1000".to_string()), "{ticks:?}");
    assert!(ticks.iter().all(|t| !t.ends_with(".0")), "count ticks are integers: {ticks:?}");
    // Every short axis stroke (a tick) is vertical: the value axis has ticks, the label axis none.
    let muted = hex(Theme::light(1.0).muted);
    for e in stroked(&els, &muted) {
        let p = points(e);
        let len = (p[1].0 - p[0].0).abs() + (p[1].1 - p[0].1).abs();
        assert!(len > 20.0 || p[0].0 == p[1].0, "stray horizontal tick {p:?}");
    }
    let y = |id: i32| filled(&els, "rect", &seg_hex(id))[0].num("y");
    assert!(y(0) < y(1) && y(1) < y(4), "first bar on top");
}
