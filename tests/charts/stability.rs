//! The segment-stability chart of a consensus: one bar per measured segment in its colour, bar lengths on a
//! fixed 0..1 axis, the 0.6 and 0.75 reference lines across every bar, the reading past each bar, and
//! "No data" when nothing was measured.

use crate::charts_support;

use charts_support::*;
use segscope::charts::stability::{self, StabilityBar, StabilitySpec, DOUBTFUL_COLOUR, STABLE_COLOUR};

/// A realistic consensus result: five segments from very stable to dissolving, one not measured.
pub fn stability_spec() -> StabilitySpec {
    let bars = [
        ("Loyal big spenders", 0.93),
        ("Occasional buyers", 0.81),
        ("New customers", 0.69),
        ("Bargain hunters", 0.52),
        ("Lapsed", f64::NAN),
    ];
    StabilitySpec {
        title: "Segment stability (20 bootstrap re-runs)".into(),
        bars: bars
            .iter()
            .enumerate()
            .map(|(i, &(n, j))| StabilityBar { label: n.into(), jaccard: j, segment: i as i32 })
            .collect(),
        stable: 0.75,
        doubtful: 0.6,
    }
}

#[test]
fn one_bar_per_measured_segment_as_long_as_its_stability() {
    let spec = stability_spec();
    let svg = render_all(760, 360, |a, t| stability::draw(a, &spec, t));
    let els = elements(&svg);
    let widths: Vec<f64> = (0..4).map(|i| filled(&els, "rect", &seg_hex(i))[0].num("width")).collect();
    assert!(filled(&els, "rect", &seg_hex(4)).is_empty(), "the unmeasured segment has no bar");
    for (i, w) in widths.iter().enumerate() {
        let want = spec.bars[i].jaccard / spec.bars[0].jaccard;
        assert!((w / widths[0] - want).abs() < 0.02, "bar {i}: {w} vs {}", widths[0]);
    }
    for (text, name) in [("0.93 · stable", "Loyal big spenders"), ("0.69 · doubtful", "New customers")] {
        assert!(has_text(&els, text) && has_text(&els, name), "{text}");
    }
    assert!(has_text(&els, "0.52 · unstable") && !has_text(&els, "Lapsed"));
    assert!(
        text_el(&els, "Loyal big spenders").num("y") < text_el(&els, "Bargain hunters").num("y"),
        "top first"
    );
}

#[test]
fn reference_lines_sit_at_0_6_and_0_75_of_a_0_to_1_axis() {
    let spec = stability_spec();
    let svg = render_light(760, 360, |a, t| stability::draw(a, &spec, t));
    let els = elements(&svg);
    let x_of = |c| {
        let xs: Vec<f64> = stroked(&els, &hex(c))
            .iter()
            .flat_map(|e| points(e))
            .filter(|p| p.1 > 60.0) // the legend sample is at the top
            .map(|p| p.0)
            .collect();
        assert!(xs.len() > 4, "dashes drawn");
        assert!(xs.iter().all(|x| (x - xs[0]).abs() < 0.5), "a vertical line: {xs:?}");
        xs[0]
    };
    let (doubtful, stable) = (x_of(DOUBTFUL_COLOUR), x_of(STABLE_COLOUR));
    let bar = filled(&els, "rect", &seg_hex(0))[0];
    let (x0, w) = (bar.num("x"), bar.num("width"));
    let unit = w / 0.93; // pixels per unit of Jaccard
    assert!((doubtful - (x0 + 0.6 * unit)).abs() < 1.5, "{doubtful} vs {}", x0 + 0.6 * unit);
    assert!((stable - (x0 + 0.75 * unit)).abs() < 1.5, "{stable} vs {}", x0 + 0.75 * unit);
    assert!(has_text(&els, "1.0") || has_text(&els, "1"), "the axis reaches 1: {:?}", texts(&els));
    assert!(has_text(&els, "0.75: stable from here") && has_text(&els, "0.6: below, not to be trusted"));
}

#[test]
fn nothing_measured_draws_no_data() {
    let mut spec = stability_spec();
    spec.bars.retain(|b| !b.jaccard.is_finite());
    assert_no_data(&render_light(480, 260, |a, t| stability::draw(a, &spec, t)));
    spec.bars.clear();
    assert_no_data(&render_light(480, 260, |a, t| stability::draw(a, &spec, t)));
}
