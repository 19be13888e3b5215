//! Charts that help choose the model: k-sweep panels, silhouette plot, k-distance curve, dendrogram and
//! mixture weights. Each renders natively to SVG in both themes and at scale 1 and 2; the tests count the
//! drawn marks the spec implies and check labels, legends and colours.

use crate::charts_support;

use charts_support::examples::*;
use charts_support::*;
use segscope::charts::{common, dendrogram, kdistance, ksweep, silhouette, weights};

// ---------- k sweep ----------

#[test]
fn ksweep_draws_one_titled_panel_per_metric_with_dots_lines_and_picks() {
    let spec = sweep();
    let svg = render_all(960, 720, |a, t| ksweep::draw(a, &spec, t));
    let els = elements(&svg);
    assert!(has_text(&els, "Choosing the number of segments"));
    for (name, dir) in [
        ("Inertia", "look for the bend"),
        ("Silhouette", "higher is better"),
        ("Davies–Bouldin", "lower is better"),
        ("BIC", "lower is better"),
        ("Stability (ARI)", "higher is better"),
    ] {
        assert!(has_text(&els, &format!("{name} — {dir}")), "panel title for {name}");
    }
    assert_eq!(texts(&els).iter().filter(|t| *t == "k (segments)").count(), 7, "an x label per panel");
    assert!(has_text(&els, "suggested k = 4") && has_text(&els, "criterion's own pick"));
    let accent = hex(common::accent(&segscope::charts::Theme::light(1.0)));
    let finite: usize = spec.metrics.iter().map(|m| m.values.iter().flatten().count()).sum();
    assert_eq!(finite, 61);
    assert_eq!(filled(&els, "circle", &accent).len(), finite, "one dot per finite value");
    // The BIC line is broken by its two missing values into two runs; every other panel is one run.
    let lines: Vec<_> =
        stroked(&els, &accent).into_iter().filter(|e| e.attr("stroke-width") == "2").collect();
    assert_eq!(lines.len(), 1 + 6 + 2, "legend line + 6 unbroken panels + BIC in two runs");
    let rings = els.iter().filter(|e| e.tag == "circle" && e.attr("stroke") == hex(ksweep::SUGGESTED_COLOUR));
    assert_eq!(rings.count(), 7 + 1, "each criterion's pick ringed, plus the legend ring");
    // Gap and stability carry error bars: 3 strokes (bar and two caps) per k.
    let muted = hex(segscope::charts::Theme::light(1.0).muted);
    let bars = els
        .iter()
        .filter(|e| e.tag == "polyline" && e.attr("stroke") == muted && e.attr("stroke-width") == "2");
    assert_eq!(bars.count(), 2 * 9 * 3);
    // The suggested-k line: vertical dashes in each panel, all at the same x within a panel.
    let dashes: Vec<Vec<(f64, f64)>> =
        stroked(&els, &hex(ksweep::SUGGESTED_COLOUR)).iter().map(|e| points(e)).collect();
    let vertical = dashes.iter().filter(|p| p.len() >= 2 && p[0].0 == p[p.len() - 1].0).count();
    assert!(vertical >= 7 * 5, "dashed vertical lines in all 7 panels, got {vertical} dashes");
}

#[test]
fn ksweep_grid_adapts_to_width_and_skips_empty_metrics() {
    let t = segscope::charts::Theme::light(1.0);
    assert_eq!(ksweep::grid(7, 960, &t), (3, 3));
    assert_eq!(ksweep::grid(7, 620, &t), (2, 4));
    assert_eq!(ksweep::grid(7, 300, &t), (1, 7));
    assert_eq!(ksweep::grid(1, 960, &t), (1, 1));
    let mut spec = sweep();
    spec.metrics[4].values = vec![None; 9];
    let svg = render_light(960, 720, |a, t| ksweep::draw(a, &spec, t));
    let els = elements(&svg);
    assert!(!has_text_containing(&els, "BIC"), "a metric without values gets no panel");
    assert_eq!(texts(&els).iter().filter(|t| *t == "k (segments)").count(), 6);
}

// ---------- silhouette ----------

fn big_silhouette(n: usize) -> silhouette::SilhouetteSpec {
    let mut s = silhouettes();
    let base = s.values.clone();
    let labels = s.labels.clone();
    s.values = (0..n).map(|i| base[i % base.len()]).collect();
    s.labels = (0..n).map(|i| labels[i % labels.len()]).collect();
    s
}

#[test]
fn silhouette_decimates_100k_customers_to_the_bar_cap_keeping_every_segment() {
    let spec = big_silhouette(100_000);
    // A tall chart: the bar cap applies.
    let tall = elements(&render_light(800, 4_000, |a, t| silhouette::draw(a, &spec, t)));
    let total: usize = (0..5).map(|id| filled(&tall, "rect", &seg_hex(id)).len()).sum();
    assert!(
        (silhouette::DEFAULT_MAX_BARS - 10..=silhouette::DEFAULT_MAX_BARS).contains(&total),
        "{total} bars"
    );
    // A usual chart: no more bars than pixel rows (thinner ones would be drawn over each other).
    let svg = render_all(800, 560, |a, t| silhouette::draw(a, &spec, t));
    let els = elements(&svg);
    let mut total = 0;
    for id in 0..5 {
        let n = filled(&els, "rect", &seg_hex(id)).len();
        // Each block keeps its shape: its share of the bars follows its share of the customers.
        let share = spec.labels.iter().filter(|&&l| l == id).count() as f64 / spec.labels.len() as f64;
        assert!(
            n >= 20 && n as f64 >= 0.9 * share * 550.0,
            "segment {id} ({share:.3}) keeps its shape with {n} bars"
        );
        total += n;
    }
    assert!((550..=560).contains(&total), "{total} bars for 560 pixel rows");
    // Segment sizes in the 100k sample: each block's name carries its exact count.
    let counts: Vec<usize> = (0..5).map(|id| spec.labels.iter().filter(|&&l| l == id).count()).collect();
    for (name, n) in NAMES.iter().zip(&counts) {
        assert!(has_text(&els, &format!("{name} ({})", common::fmt_count(*n))), "{name} labelled with {n}");
    }
    let mean = spec.values.iter().sum::<f64>() / spec.values.len() as f64;
    assert!(has_text(&els, &format!("mean silhouette = {mean:.2}")));
    assert!(
        !stroked(&els, &hex(segscope::charts::Theme::light(1.0).foreground)).is_empty(),
        "dashed mean line"
    );
}

#[test]
fn silhouette_ticks_thin_out_on_a_phone_instead_of_running_together() {
    let spec = silhouettes();
    let ticks = |width: u32| {
        let els = elements(&render_light(width, 420, |a, t| silhouette::draw(a, &spec, t)));
        texts(&els).iter().filter(|t| t.replace('−', "-").parse::<f64>().is_ok()).count()
    };
    let (phone, desktop) = (ticks(360), ticks(900));
    assert!((2..=4).contains(&phone), "{phone} tick labels at 360 px");
    assert!(desktop >= 6, "{desktop} tick labels at 900 px");
}

#[test]
fn silhouette_axis_title_takes_a_shorter_wording_when_long_names_leave_a_narrow_plot() {
    let mut spec = silhouettes();
    let title = |spec: &silhouette::SilhouetteSpec, width: u32| {
        let els = elements(&render_light(width, 420, |a, t| silhouette::draw(a, spec, t)));
        texts(&els).into_iter().find(|t| t.starts_with("silhouette")).unwrap_or_default()
    };
    assert_eq!(title(&spec, 900), "silhouette (−1 to 1; higher = better separated)");
    // segment names as long as the app's (three traits), on a half-width card: the full title ran off
    for (i, s) in spec.segments.iter_mut().enumerate() {
        s.1 = format!("High mnt wines {i} · High income · High mnt sweet products");
    }
    assert_eq!(title(&spec, 560), "silhouette (higher = better)");
    assert_eq!(title(&spec, 380), "silhouette");
}

#[test]
fn silhouette_draws_every_customer_when_small_and_orders_blocks_top_down() {
    let spec = silhouette::SilhouetteSpec {
        title: "Silhouette".into(),
        values: vec![0.5, 0.7, f64::NAN, 0.2, -0.1, 0.3, 0.9, f64::INFINITY],
        labels: vec![0, 0, 0, 1, 1, 1, -1, 1],
        segments: vec![(0, "A".into()), (1, "B".into())],
        mean: None,
        max_bars: 3_000,
        sizes: Vec::new(),
    };
    let svg = render_all(600, 400, |a, t| silhouette::draw(a, &spec, t));
    let els = elements(&svg);
    let a = filled(&els, "rect", &seg_hex(0));
    let b = filled(&els, "rect", &seg_hex(1));
    assert_eq!((a.len(), b.len()), (2, 3), "finite values of listed segments only");
    assert!(filled(&els, "rect", &seg_hex(-1)).is_empty(), "noise is not listed, so not drawn");
    let top = |v: &[&Element]| v.iter().map(|e| e.num("y")).fold(f64::INFINITY, f64::min);
    assert!(top(&a) < top(&b), "the first listed segment is on top");
    // The negative value's bar starts left of zero: its x is left of the others' common x.
    let left = b.iter().map(|e| e.num("x")).fold(f64::INFINITY, f64::min);
    assert!(left < a[0].num("x"));
    assert!(has_text(&els, "A (2)") && has_text(&els, "B (3)"));
    // (0.5 + 0.7 + 0.2 − 0.1 + 0.3) / 5: unlisted noise and non-finite values are left out.
    assert!(has_text(&els, "mean silhouette = 0.32"), "{:?}", texts(&els));
}

#[test]
fn silhouette_names_of_small_neighbouring_segments_do_not_overlap() {
    // The bundled sample's default k = 4: 299, 127, 10 and 4 customers. The two small blocks are a few pixels
    // tall, so names centred on them were drawn over each other.
    let sizes = [299usize, 127, 10, 4];
    let labels: Vec<i32> =
        sizes.iter().enumerate().flat_map(|(id, &n)| std::iter::repeat_n(id as i32, n)).collect();
    let spec = silhouette::SilhouetteSpec {
        title: "Silhouette by segment".into(),
        values: (0..labels.len()).map(|i| noise(i) - 0.2).collect(),
        labels,
        segments: (0..4).map(|i| (i, format!("Segment {}", i + 1))).collect(),
        mean: None,
        max_bars: silhouette::DEFAULT_MAX_BARS,
        sizes: Vec::new(),
    };
    for (w, h) in [(540, 380), (400, 300)] {
        let svg = render_all(w, h, |a, t| silhouette::draw(a, &spec, t));
        let els = elements(&svg);
        let ys: Vec<f64> =
            (0..4).map(|i| text_el(&els, &format!("Segment {} ({})", i + 1, sizes[i])).num("y")).collect();
        for pair in ys.windows(2) {
            assert!(pair[1] - pair[0] >= 12.0, "{w}×{h}: names 12 px apart at least, top to bottom: {ys:?}");
        }
        // Every name stays beside the plot, above the x axis's tick labels.
        let ticks = els.iter().filter(|e| e.tag == "text" && unescape(&e.text) == "0.5").map(|e| e.num("y"));
        let axis = ticks.fold(f64::INFINITY, f64::min);
        assert!(ys[3] < axis, "{w}×{h}: the last name {} is above the tick labels at {axis}", ys[3]);
    }
}

// ---------- k-distance ----------

#[test]
fn kdistance_draws_the_curve_knee_and_eps_line() {
    let mut spec = kdist();
    spec.points.push((f64::NAN, 1.0));
    let n = spec.points.len() - 1;
    let svg = render_all(760, 440, |a, t| kdistance::draw(a, &spec, t));
    let els = elements(&svg);
    assert!(has_text(&els, "Choosing eps"));
    assert!(has_text(&els, "distance to the 5th nearest neighbour"));
    assert!(has_text(&els, "customers, sorted by that distance"));
    assert!(has_text(&els, "suggested eps = 0.48"), "{:?}", texts(&els));
    assert!(has_text(&els, "current eps = 0.50"));
    let accent = hex(common::accent(&segscope::charts::Theme::light(1.0)));
    let curve: Vec<_> = stroked(&els, &accent).into_iter().filter(|e| points(e).len() > 2).collect();
    assert_eq!(curve.len(), 1);
    assert_eq!(points(curve[0]).len(), n, "every finite point, none of the NaN one");
    assert_eq!(filled(&els, "circle", &hex(kdistance::KNEE_COLOUR)).len(), 1, "one knee dot");
    let eps = stroked(&els, &hex(kdistance::EPS_COLOUR));
    assert!(eps.len() > 10, "a dashed line");
    // The first two strokes are the legend's dashed mark.
    let ys: std::collections::BTreeSet<i64> =
        eps.iter().skip(2).flat_map(|e| points(e)).map(|p| p.1 as i64).collect();
    assert_eq!(ys.len(), 1, "the eps line is horizontal");
}

// ---------- dendrogram ----------

#[test]
fn dendrogram_draws_every_merge_coloured_by_segment_with_leaves_and_cut() {
    let spec = dendro();
    let svg = render_all(820, 480, |a, t| dendrogram::draw(a, &spec, t));
    let els = elements(&svg);
    let shapes: Vec<_> = els.iter().filter(|e| e.tag == "polyline" && points(e).len() == 4).collect();
    assert_eq!(shapes.len(), spec.links.len(), "one ⊓ per merge");
    for id in 0..3 {
        let links = spec.links.iter().filter(|l| l.segment == Some(id)).count();
        let drawn = shapes.iter().filter(|e| e.attr("stroke") == seg_hex(id)).count();
        assert_eq!(drawn, links, "segment {id}'s merges in its colour");
        let leaves = spec.leaves.iter().filter(|l| l.segment == Some(id)).count();
        assert_eq!(filled(&els, "rect", &seg_hex(id)).len(), leaves, "segment {id}'s leaf markers");
    }
    let above = spec.links.iter().filter(|l| l.segment.is_none()).count();
    assert_eq!(above, 2);
    for leaf in &spec.leaves {
        assert!(has_text(&els, &leaf.label), "leaf label {}", leaf.label);
    }
    assert!(has_text(&els, "cut at 7 → 3 segments") && has_text(&els, "merge distance (Ward)"));
    let cut = stroked(&els, &hex(dendrogram::CUT_COLOUR));
    // The first two strokes are the legend's dashed mark.
    let ys: std::collections::BTreeSet<i64> =
        cut.iter().skip(2).flat_map(|e| points(e)).map(|p| p.1 as i64).collect();
    assert_eq!(ys.len(), 1, "the cut is one horizontal line");
    // The cut sits between the highest merge below it (4.6) and the lowest above it (9.5).
    // Merges are drawn in spec order; a ⊓'s second point is at its merge height.
    let y_of = |h: f64| points(shapes[spec.links.iter().position(|l| l.height == h).unwrap()])[1].1;
    let y_cut = *ys.iter().next().unwrap() as f64;
    assert!(y_of(9.5) < y_cut && y_cut < y_of(4.6), "cut between merge heights");
}

// ---------- mixture weights ----------

#[test]
fn weights_colour_effective_components_by_segment_and_the_rest_grey() {
    let spec = weights_spec();
    let svg = render_all(760, 420, |a, t| weights::draw(a, &spec, t));
    let els = elements(&svg);
    for (i, c) in spec.components.iter().enumerate() {
        if c.weight >= 0.01 {
            let legend = usize::from(i == 0);
            assert_eq!(filled(&els, "rect", &seg_hex(i as i32)).len(), 1 + legend, "component {i}");
        }
    }
    assert_eq!(filled(&els, "rect", &hex(weights::NEGLIGIBLE_COLOUR)).len(), 4 + 1, "4 grey bars + legend");
    assert!(
        has_text(&els, "effective (≥ 1%): 7, in segment colours") && has_text(&els, "negligible (< 1%): 4")
    );
    assert!(has_text(&els, "1% threshold") && has_text(&els, "31%"));
    let thr = stroked(&els, &hex(weights::THRESHOLD_COLOUR));
    // The first two strokes are the legend's dashed mark.
    let ys: std::collections::BTreeSet<i64> =
        thr.iter().skip(2).flat_map(|e| points(e)).map(|p| p.1 as i64).collect();
    assert_eq!(ys.len(), 1, "the threshold is horizontal");
    // Sorted: bar tops (y) rise monotonically left to right.
    let mut bars: Vec<_> = els
        .iter()
        .filter(|e| e.tag == "rect" && e.num("height") > 0.0 && e.num("width") < 100.0 && e.num("y") > 60.0)
        .map(|e| (e.num("x"), e.num("y")))
        .collect();
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(bars.windows(2).all(|w| w[0].1 <= w[1].1), "{bars:?}");
}

// ---------- device pixel ratio ----------

#[test]
fn scale_two_doubles_every_size_and_keeps_every_mark() {
    use segscope::charts::{svg, Theme};
    let spec = sweep();
    let one = svg::render(960, 720, |a| ksweep::draw(a, &spec, &Theme::light(1.0))).unwrap();
    let two = svg::render(1920, 1440, |a| ksweep::draw(a, &spec, &Theme::light(2.0))).unwrap();
    let (e1, e2) = (elements(&one), elements(&two));
    let title = |els: &[Element]| text_el(els, "Choosing the number of segments").num("font-size");
    assert!((title(&e2) / title(&e1) - 2.0).abs() < 1e-9, "font sizes scale");
    let radii = |els: &[Element]| -> Vec<f64> { tagged(els, "circle").iter().map(|e| e.num("r")).collect() };
    assert_eq!(radii(&e1).len(), radii(&e2).len(), "same marks");
    assert!(radii(&e1).iter().zip(radii(&e2)).all(|(a, b)| (b / a - 2.0).abs() < 0.35), "radii scale");
    assert_eq!(texts(&e1), texts(&e2), "same labels");
}

#[test]
fn silhouette_labels_give_each_segments_size_when_the_values_are_a_sample_of_it() {
    // the report keeps at most a few thousand quantiles of a segment: a 2,292-customer one read "(2,000)"
    let mut spec = silhouettes();
    spec.sizes = (0..spec.segments.len()).map(|i| 2_292 + i).collect();
    let els = elements(&render_light(800, 560, |a, t| silhouette::draw(a, &spec, t)));
    for i in 0..spec.segments.len() {
        let size = format!("({})", segscope::charts::format::fmt_count(2_292 + i));
        assert!(texts(&els).iter().any(|t| t.ends_with(&size)), "{size} in {:?}", texts(&els));
    }
}

#[test]
fn a_mean_ari_with_its_spread_stays_at_or_under_one() {
    // stability 0.97 ± 0.1: the bar used to reach 1.07 and the axis 1.2, past what an ARI can be
    let m = ksweep::Metric {
        name: "Stability (mean ARI)".into(),
        direction: ksweep::Direction::HigherIsBetter,
        values: vec![Some(0.88), Some(0.97), Some(0.80)],
        errors: vec![Some(0.05), Some(0.1), Some(0.08)],
        pick: Some(3),
        ceiling: Some(1.0),
    };
    let svg = render_light(480, 320, |a, t| ksweep::draw_panel(a, &[2, 3, 4], &m, Some(3), t));
    let ticks: Vec<f64> =
        texts(&elements(&svg)).iter().filter_map(|t| t.replace('−', "-").parse().ok()).collect();
    // (2, 3 and 4 are the k axis)
    assert!(ticks.iter().all(|&t| t <= 1.0 || t >= 2.0), "y ticks past 1: {ticks:?}");
    assert!(ticks.contains(&1.0), "{ticks:?}");
}
