//! Business charts: RFM segment counts and the R × F grid, CLV histogram and P(alive) scatter, segment
//! share shift and PSI. Rendered natively to SVG in both themes and at scale 1 and 2.

use crate::charts_support;

use charts_support::examples::*;
use charts_support::*;
use segscope::charts::{clv, common, drift, heatmap, rfm, Theme};

// ---------- RFM ----------

#[test]
fn rfm_counts_use_the_fixed_segment_colours_with_counts_and_shares() {
    let spec = rfm_counts();
    let svg = render_all(760, 460, |a, t| rfm::draw_counts(a, &spec, t));
    let els = elements(&svg);
    let total: f64 = spec.counts.iter().map(|c| c.1).sum();
    for (name, n) in &spec.counts {
        let bars = filled(&els, "rect", &hex(rfm::rfm_colour(name)));
        assert_eq!(bars.len(), 1, "{name} in its fixed colour");
        let label = format!("{} ({})", common::fmt_count(*n as usize), common::fmt_percent(n / total));
        assert!(has_text(&els, &label), "{label}");
        assert!(has_text(&els, name));
    }
    assert_eq!(hex(rfm::rfm_colour("Champions")), "#117733");
    assert_eq!(hex(rfm::rfm_colour("Lost")), "#888888");
    // Bar lengths follow the counts.
    let w = |name: &str| filled(&els, "rect", &hex(rfm::rfm_colour(name)))[0].num("width");
    assert!(w("Lost") > w("Hibernating") && w("Hibernating") > w("Champions") && w("Champions") > w("New"));
}

#[test]
fn rfm_grid_is_a_5x5_count_heatmap_with_mean_monetary_notes() {
    let spec = rfm_grid();
    let svg = render_all(760, 520, |a, t| rfm::draw_grid(a, &spec, t));
    let els = elements(&svg);
    assert_eq!(tagged(&els, "rect").len(), 1 + 25 + heatmap::COLOURBAR_STEPS);
    for (i, &n) in spec.counts.iter().enumerate() {
        assert!(has_text(&els, &common::fmt_count(n as usize)), "count of cell {i}");
        let note = format!("avg €{}", common::fmt_value(spec.mean_monetary[i]));
        assert!(has_text(&els, &note), "{note}");
    }
    assert!(text_el(&els, "R 5").num("y") < text_el(&els, "R 1").num("y"), "most recent row on top");
    assert!(text_el(&els, "F 1").num("x") < text_el(&els, "F 5").num("x"));
    assert!(
        has_text(&els, "recency score (5 = most recent)")
            && has_text(&els, "frequency score (5 = most frequent)")
    );
    assert!(has_text(&els, "customers"));
    // The fullest cell is the darkest: the scale's top colour.
    let max = spec.counts.iter().cloned().fold(0.0, f64::max);
    let top = hex(segscope::charts::scale::Scale::Sequential { max: None }.colour(
        max,
        (0.0, max),
        &Theme::light(1.0),
    ));
    let darkest = filled(&els, "rect", &top);
    assert_eq!(darkest.len(), 1, "only that cell (colour-bar steps sit at their midpoints)");
    assert!(darkest[0].num("width") > 50.0);
}

// ---------- CLV ----------

#[test]
fn clv_histogram_bins_every_value_with_log_ticks() {
    let spec = clv_hist();
    let svg = render_all(760, 420, |a, t| clv::draw_histogram(a, &spec, t));
    let els = elements(&svg);
    let (bins, skipped) = clv::histogram(&spec.values, spec.bins, true);
    assert_eq!((bins.len(), skipped), (40, 0));
    assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 20_000);
    let accent = hex(common::accent(&Theme::light(1.0)));
    let nonempty = bins.iter().filter(|b| b.count > 0).count();
    assert_eq!(filled(&els, "rect", &accent).len(), nonempty + 1, "a bar per non-empty bin + legend");
    for t in ["0", "1", "10", "100", "1000"] {
        assert!(has_text(&els, t), "log tick {t}");
    }
    assert!(
        has_text(&els, "predicted CLV, next 12 months (€) — log scale") && has_text(&els, "20,000 customers")
    );
    // The tallest bar is the zero-value bin (every ninth customer).
    let tallest = filled(&els, "rect", &accent)
        .into_iter()
        .skip(1)
        .max_by(|a, b| a.num("height").total_cmp(&b.num("height")));
    let first =
        filled(&els, "rect", &accent).into_iter().skip(1).min_by(|a, b| a.num("x").total_cmp(&b.num("x")));
    assert_eq!(tallest.unwrap().num("x"), first.unwrap().num("x"));
    // Negative values cannot sit on a log axis: they are counted in the legend instead.
    let mut neg = spec.clone();
    neg.values.extend([-5.0, -1.0, f64::NAN]);
    let svg = render_light(760, 420, |a, t| clv::draw_histogram(a, &neg, t));
    assert!(has_text(&elements(&svg), "3 negative or missing, not shown"));
}

#[test]
fn alive_scatter_shades_the_at_risk_corner_and_colours_its_customers() {
    let mut spec = alive();
    spec.max_points = 50_000;
    let svg = render_all(760, 480, |a, t| clv::draw_alive(a, &spec, t));
    let els = elements(&svg);
    let at_risk = spec.value.iter().zip(&spec.p_alive).filter(|(&v, &p)| v >= 100.0 && p < 0.3).count();
    assert!(at_risk > 50);
    assert_eq!(filled(&els, "circle", &hex(clv::AT_RISK_COLOUR)).len(), at_risk + 1, "+ legend dot");
    let accent = hex(common::accent(&Theme::light(1.0)));
    assert_eq!(filled_with(&els, "circle", &accent, "0.55").len(), spec.value.len() - at_risk);
    assert!(has_text(&els, &format!("at risk: {}", common::fmt_count(at_risk))));
    assert!(
        has_text(&els, "at risk")
            && has_text(&els, "P(alive)")
            && has_text(&els, "past spend (€) — log scale")
    );
    assert_eq!(filled_with(&els, "rect", &hex(clv::AT_RISK_COLOUR), "0.12").len(), 1, "one shaded region");
    // Thinning caps the dots.
    spec.max_points = 5_000;
    let svg = render_light(760, 480, |a, t| clv::draw_alive(a, &spec, t));
    assert_eq!(tagged(&elements(&svg), "circle").len(), 5_000 + 2);
}

/// The at-risk chart of a run shades exactly the customers its list names (ties at the value cut too), on the
/// list's own value basis.
#[test]
fn the_at_risk_chart_of_a_run_counts_the_customers_of_its_list() {
    use segscope::charts::ChartSpec;
    use segscope::engine::lifetime::ValueBasis;
    use segscope::engine::pipeline::{run, DataMode, PipelineConfig, TransactionsConfig};
    let log = std::fs::read("tests/data/cdnow_sample_transactions.csv").unwrap();
    for (basis, label) in [(ValueBasis::PastValue, "past value"), (ValueBasis::Clv, "CLV (discounted)")] {
        let mut t = TransactionsConfig::default();
        t.at_risk.value_basis = basis;
        let mut c = PipelineConfig::default();
        (c.evaluation.sweep, c.evaluation.selection) = (None, None);
        c.mode = DataMode::Transactions(Box::new(t));
        let report = run(&log, "cdnow.csv", &c, &mut segscope::engine::progress::Silent).unwrap();
        let life = report.transactions.as_ref().unwrap().lifetime.as_ref().unwrap();
        let list = life.at_risk.as_ref().unwrap();
        let Some((_, ChartSpec::Alive(spec))) = segscope::views::charts::lifetime_charts(&report) else {
            panic!("no at-risk chart")
        };
        assert!(spec.value_label.starts_with(label), "{basis:?}: {}", spec.value_label);
        let shaded = spec
            .value
            .iter()
            .zip(&spec.p_alive)
            .filter(|(&v, &p)| v >= spec.value_threshold && p < spec.alive_threshold)
            .count();
        assert!(list.customers.len() > 10, "{basis:?}: {}", list.sentence);
        assert_eq!(shaded, list.customers.len(), "{basis:?}: {}", list.sentence);
    }
}

// ---------- drift ----------

#[test]
fn share_shift_draws_training_hatched_and_scored_solid_per_segment() {
    let spec = shares();
    let svg = render_all(760, 420, |a, t| drift::draw_shares(a, &spec, t));
    let els = elements(&svg);
    assert!(
        has_text(&els, "training file")
            && has_text(&els, "scored file")
            && has_text(&els, "share of customers")
    );
    for r in &spec.rows {
        let c = seg_hex(r.segment);
        let solid = filled(&els, "rect", &c);
        let light = filled_with(&els, "rect", &c, "0.25");
        assert_eq!((solid.len(), light.len()), (1, 1), "{}", r.name);
        // Heights follow the shares (same axis).
        let ratio = solid[0].num("height") / light[0].num("height");
        assert!((ratio - r.scored / r.training).abs() < 0.05, "{}: {ratio}", r.name);
        assert!(stroked(&els, &c).len() > 3, "hatching in {}", r.name);
        assert!(has_text(&els, &r.name));
    }
    assert!(has_text(&els, "+3.0 pp") && has_text(&els, "−3.0 pp") && has_text(&els, "+4.0 pp"));
}

#[test]
fn psi_bars_are_coloured_by_level_with_moderate_and_major_guides() {
    let spec = psi();
    let svg = render_all(760, 420, |a, t| drift::draw_psi(a, &spec, t));
    let els = elements(&svg);
    let level = |v: f64| {
        if v >= 0.25 {
            2
        } else if v >= 0.1 {
            1
        } else {
            0
        }
    };
    for l in 0..3 {
        let n = spec.features.iter().filter(|f| level(f.1) == l).count();
        assert_eq!(filled(&els, "rect", &hex(drift::PSI_COLOURS[l])).len(), n + 1, "level {l} + legend");
    }
    assert!(has_text(&els, "moderate") && has_text(&els, "major"));
    assert!(
        has_text(&els, "stable (< 0.1)")
            && has_text(&els, "moderate shift (0.1–0.25)")
            && has_text(&els, "major shift (≥ 0.25)")
    );
    // Guides are vertical dashed lines at 0.1 and 0.25, and 0.25 lies 2.5 times as far from 0 as 0.1.
    let xs = |c| -> Vec<f64> {
        let v: Vec<f64> = stroked(&els, &hex(c)).iter().flat_map(|e| points(e)).map(|p| p.0).collect();
        v
    };
    let (m, j) = (xs(drift::PSI_COLOURS[1]), xs(drift::PSI_COLOURS[2]));
    assert!(m.windows(2).all(|w| w[0] == w[1]) && j.windows(2).all(|w| w[0] == w[1]));
    // Bars start at 0; the legend swatch comes first in the document, then the bars.
    let zero = filled(&els, "rect", &hex(drift::PSI_COLOURS[2]))[1].num("x");
    assert!(((j[0] - zero) / (m[0] - zero) - 2.5).abs() < 0.05, "guides at 0.1 and 0.25");
    let order: Vec<f64> = ["orders", "distinct_categories", "tenure_months"]
        .iter()
        .map(|f| text_el(&els, f).num("y"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "largest PSI on top");
}
