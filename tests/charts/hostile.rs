//! Hostile input for every chart: empty specs, all-NaN data, a single point, zero segments, a single k,
//! infinities and extreme magnitudes. Degenerate input must draw the friendly "No data" panel (never an
//! error or a panic) in both themes and at scale 1 and 2; odd but drawable input must draw with finite,
//! on-canvas coordinates.

use crate::charts_support;

use charts_support::examples::*;
use charts_support::*;
use segscope::charts::{
    bars, boxplot, clv, dendrogram, drift, heatmap, importance, kdistance, ksweep, rfm, silhouette, weights,
};

const NAN: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;

fn no_data<F>(what: &str, draw: F)
where
    F: Fn(&Area<'_>, &segscope::charts::Theme) -> Result<(), segscope::charts::ChartError>,
{
    let svg = render_all(640, 400, draw);
    let els = elements(&svg);
    assert!(has_text(&els, "No data"), "{what}: expected No data, got {:?}", texts(&els));
    assert!(texts(&els).len() >= 3, "{what}: title, No data and a reason");
}

#[test]
fn bars_importance_rfm_and_psi_without_values_say_no_data() {
    let mut b = sizes();
    b.bars.clear();
    no_data("bars empty", |a, t| bars::draw(a, &b, t));
    b = sizes();
    b.bars.iter_mut().for_each(|x| x.value = NAN);
    no_data("bars NaN", |a, t| bars::draw(a, &b, t));
    let mut i = importance_spec();
    i.items.iter_mut().for_each(|x| x.score = NAN);
    no_data("importance NaN", |a, t| importance::draw(a, &i, t));
    i.items.clear();
    no_data("importance empty", |a, t| importance::draw(a, &i, t));
    let mut r = rfm_counts();
    r.counts.iter_mut().for_each(|c| c.1 = 0.0);
    no_data("rfm zero", |a, t| rfm::draw_counts(a, &r, t));
    r.counts.clear();
    no_data("rfm empty", |a, t| rfm::draw_counts(a, &r, t));
    let mut p = psi();
    p.features.iter_mut().for_each(|f| f.1 = INF);
    no_data("psi inf", |a, t| drift::draw_psi(a, &p, t));
    let mut s = shares();
    s.rows.clear();
    no_data("shares empty", |a, t| drift::draw_shares(a, &s, t));
}

#[test]
fn ksweep_with_one_k_no_k_or_no_values_says_no_data() {
    let mut k = sweep();
    k.ks = vec![3];
    no_data("single k", |a, t| ksweep::draw(a, &k, t));
    k.ks.clear();
    no_data("no k", |a, t| ksweep::draw(a, &k, t));
    k = sweep();
    k.metrics.iter_mut().for_each(|m| m.values = vec![Some(NAN); 9]);
    no_data("all NaN", |a, t| ksweep::draw(a, &k, t));
    k.metrics.clear();
    no_data("no metrics", |a, t| ksweep::draw(a, &k, t));
}

#[test]
fn silhouette_heatmap_and_boxplot_without_segments_say_no_data() {
    let mut s = silhouettes();
    s.segments.clear();
    no_data("silhouette no segments", |a, t| silhouette::draw(a, &s, t));
    s = silhouettes();
    s.values.iter_mut().for_each(|v| *v = NAN);
    no_data("silhouette NaN", |a, t| silhouette::draw(a, &s, t));
    s = silhouettes();
    s.values.truncate(1);
    no_data("silhouette one customer", |a, t| silhouette::draw(a, &s, t));
    let mut h = profile();
    h.rows.clear();
    no_data("heatmap no rows", |a, t| heatmap::draw(a, &h, t));
    h = profile();
    h.values.iter_mut().for_each(|v| *v = NAN);
    no_data("heatmap NaN", |a, t| heatmap::draw(a, &h, t));
    h = profile();
    h.cols.clear();
    no_data("heatmap no columns", |a, t| heatmap::draw(a, &h, t));
    let mut g = rfm_grid();
    g.counts = vec![0.0; 25];
    no_data("rfm grid empty", |a, t| rfm::draw_grid(a, &g, t));
    let mut b = boxes();
    b.groups.clear();
    no_data("boxplot no groups", |a, t| boxplot::draw(a, &b, t));
    assert!(boxplot::summarize(&[NAN, INF]).is_none());
}

#[test]
fn curves_trees_weights_and_clv_without_points_say_no_data() {
    let mut k = kdist();
    k.points.truncate(1);
    no_data("k-distance one point", |a, t| kdistance::draw(a, &k, t));
    k.points = vec![(NAN, 1.0), (2.0, INF)];
    no_data("k-distance NaN", |a, t| kdistance::draw(a, &k, t));
    let mut d = dendro();
    d.links.clear();
    no_data("dendrogram no links", |a, t| dendrogram::draw(a, &d, t));
    d = dendro();
    d.links.iter_mut().for_each(|l| l.height = NAN);
    no_data("dendrogram NaN", |a, t| dendrogram::draw(a, &d, t));
    let mut w = weights_spec();
    w.components.clear();
    no_data("weights empty", |a, t| weights::draw(a, &w, t));
    let mut h = clv_hist();
    h.values = vec![42.0];
    no_data("histogram one value", |a, t| clv::draw_histogram(a, &h, t));
    h.values = vec![-1.0, -2.0, NAN];
    no_data("log histogram of negatives", |a, t| clv::draw_histogram(a, &h, t));
    let mut al = alive();
    al.p_alive = vec![NAN; al.value.len()];
    no_data("alive NaN", |a, t| clv::draw_alive(a, &al, t));
    al.value.clear();
    no_data("alive empty", |a, t| clv::draw_alive(a, &al, t));
}

#[test]
fn odd_but_drawable_input_draws_on_canvas() {
    // Huge and tiny magnitudes, infinities mixed in, constant values, mismatched lengths.
    let mut b = sizes();
    b.bars[0].value = 1e12;
    b.bars[1].value = INF;
    b.bars[2].value = -3.0;
    let svg = render_all(640, 320, |a, t| bars::draw(a, &b, t));
    assert!(!has_text(&elements(&svg), "No data"));
    let mut k = sweep();
    k.metrics[0].values = vec![Some(1e-300); 9];
    k.metrics[1].values[0] = Some(INF);
    k.metrics[5].errors = vec![Some(INF); 9];
    k.suggested = Some(99);
    render_all(960, 720, |a, t| ksweep::draw(a, &k, t));
    let mut h = profile();
    h.values[0] = 1e300;
    h.values[1] = -INF;
    h.values.push(5.0);
    h.cell_note = vec!["x".into()];
    render_all(900, 420, |a, t| heatmap::draw(a, &h, t));
    let mut s = silhouettes();
    s.labels.truncate(10);
    s.max_bars = 0;
    render_all(640, 400, |a, t| silhouette::draw(a, &s, t));
    let mut al = alive();
    al.p_alive.truncate(500);
    al.alive_threshold = NAN;
    al.value_threshold = -5.0;
    al.max_points = 0;
    render_all(640, 400, |a, t| clv::draw_alive(a, &al, t));
    let mut h = clv_hist();
    h.values = vec![7.0; 100];
    h.log_x = false;
    h.bins = 0;
    render_all(640, 400, |a, t| clv::draw_histogram(a, &h, t));
    let mut w = weights_spec();
    w.threshold = NAN;
    w.components[0].weight = 5.0;
    render_all(640, 400, |a, t| weights::draw(a, &w, t));
    let mut d = dendro();
    d.cut_height = Some(INF);
    d.leaves.truncate(1);
    render_all(640, 400, |a, t| dendrogram::draw(a, &d, t));
    let mut bx = boxes();
    bx.groups.truncate(1);
    bx.max_outliers = 0;
    render_all(640, 400, |a, t| boxplot::draw(a, &bx, t));
    let mut sh = shares();
    sh.rows[0].training = 0.0;
    sh.rows[1].scored = NAN;
    render_all(640, 400, |a, t| drift::draw_shares(a, &sh, t));
    let mut kd = kdist();
    kd.knee = Some((NAN, 0.3));
    kd.eps = Some(-INF);
    render_all(640, 400, |a, t| kdistance::draw(a, &kd, t));
}

#[test]
fn small_canvases_error_or_draw_but_never_panic() {
    let (p, k, s, b) = (profile(), sweep(), silhouettes(), boxes());
    let (c, d, w, i) = (correlation(), dendro(), weights_spec(), importance_spec());
    let (h, al, sh, ps) = (clv_hist(), alive(), shares(), psi());
    let (kd, rg) = (kdist(), rfm_grid());
    for scale in [1.0, 2.0] {
        let t = segscope::charts::Theme::dark(scale);
        let px = |v: u32| (v as f64 * scale) as u32;
        // Below the minimum: an error that says why.
        for (w_, h_) in [(40, 30), (120, 80), (199, 400), (400, 139)] {
            let e = segscope::charts::svg::render(px(w_), px(h_), |a| heatmap::draw(a, &p, &t)).unwrap_err();
            assert!(e.to_string().contains("too small"), "{e}");
        }
        // At the minimum every chart draws.
        let (w_, h_) = (px(200), px(140));
        let r = |f: &dyn Fn(&Area<'_>) -> Result<(), segscope::charts::ChartError>| {
            let svg = segscope::charts::svg::render(w_, h_, f).expect("draws at the minimum size");
            assert_sane(&svg, w_, h_);
        };
        r(&|a| heatmap::draw(a, &p, &t));
        r(&|a| heatmap::draw(a, &c, &t));
        r(&|a| ksweep::draw(a, &k, &t));
        r(&|a| silhouette::draw(a, &s, &t));
        r(&|a| boxplot::draw(a, &b, &t));
        r(&|a| bars::draw(a, &sizes(), &t));
        r(&|a| dendrogram::draw(a, &d, &t));
        r(&|a| weights::draw(a, &w, &t));
        r(&|a| importance::draw(a, &i, &t));
        r(&|a| clv::draw_histogram(a, &h, &t));
        r(&|a| clv::draw_alive(a, &al, &t));
        r(&|a| drift::draw_shares(a, &sh, &t));
        r(&|a| drift::draw_psi(a, &ps, &t));
        r(&|a| kdistance::draw(a, &kd, &t));
        r(&|a| rfm::draw_grid(a, &rg, &t));
        r(&|a| rfm::draw_counts(a, &rfm_counts(), &t));
    }
}

#[test]
fn a_phone_width_cuts_long_names_to_fit_instead_of_past_the_left_edge() {
    // 360 px: the heatmap's row names and a legend's long segment names were drawn past x = 0
    let long = "Mostly channel 1 · High grocery · Low fresh · Region 3";
    let mut p = profile();
    p.rows = vec![long.to_string(); p.rows.len()];
    let svg = render_all(360, 320, |a, t| heatmap::draw(a, &p, t));
    let els = elements(&svg);
    let rows: Vec<&Element> =
        tagged(&els, "text").into_iter().filter(|e| e.text.starts_with("Mostly")).collect();
    assert!(!rows.is_empty());
    for e in rows {
        let text = unescape(&e.text);
        assert!(text.ends_with('…'), "{text:?} is cut");
        // right-aligned at x: its left end (at 0.52 em a character, 12 px) stays on the canvas
        let width = text.chars().count() as f64 * 0.52 * 12.0;
        assert!(e.num("x") - width >= 0.0, "{text:?} at x = {} runs off the left edge", e.num("x"));
    }
    // the map's legend: one entry per segment, and a title longer than the canvas
    let map = segscope::charts::scatter::ScatterSpec {
        title: "Segment map: 12,345 of 200,000 customers as dots, shaded by the density of all of them"
            .into(),
        x_label: "PC1".into(),
        y_label: "PC2".into(),
        x: (0..60).map(|i| (i % 7) as f32).collect(),
        y: (0..60).map(|i| (i % 5) as f32).collect(),
        labels: (0..60).map(|i| i % 3).collect(),
        legend: (0..3).map(|id| (id, format!("{long} {id}"))).collect(),
        max_points: 50_000,
        density: None,
    };
    let svg = render_all(360, 400, |a, t| segscope::charts::scatter::draw(a, &map, t).map(|_| ()));
    let els = elements(&svg);
    let cut: Vec<&Element> = tagged(&els, "text").into_iter().filter(|e| e.text.ends_with('…')).collect();
    assert_eq!(cut.len(), 4, "the title and the three names are cut: {:?}", texts(&els));
    for e in tagged(&els, "text").into_iter().filter(|e| e.text.starts_with("Mostly")) {
        let width = unescape(&e.text).chars().count() as f64 * 0.52 * 12.0;
        assert!(e.num("x") >= 0.0 && e.num("x") + width <= 360.0, "{:?} at {}", e.text, e.num("x"));
    }
    // the same map at a desktop width keeps the whole title
    let svg = render_all(900, 500, |a, t| segscope::charts::scatter::draw(a, &map, t).map(|_| ()));
    assert!(has_text(&elements(&svg), &map.title));
}

#[test]
fn a_far_off_customer_does_not_squash_the_map_into_a_corner() {
    use segscope::charts::scatter::{draw, ScatterSpec};
    // 499 customers within 0..1 on both axes and one at (40, 0.5), an income of 666,666 among ordinary ones
    let mut x: Vec<f32> = (0..499).map(|i| (i % 23) as f32 / 22.0).collect();
    let mut y: Vec<f32> = (0..499).map(|i| (i % 19) as f32 / 18.0).collect();
    x.push(40.0);
    y.push(0.5);
    let spec = ScatterSpec {
        title: "Segment map".into(),
        x_label: "PC1".into(),
        y_label: "PC2".into(),
        labels: (0..500).map(|i| i32::from(i >= 250)).collect(),
        legend: vec![(0, "A".into()), (1, "B".into())],
        max_points: 50_000,
        density: None,
        x,
        y,
    };
    let mut frame = None;
    let svg = render_light(800, 500, |a, t| draw(a, &spec, t).map(|f| frame = Some(f)));
    let frame = frame.unwrap();
    assert!(frame.x.end < 2.0 && frame.x.start > -1.0, "the frame holds the bulk: {:?}", frame.x);
    assert!(frame.y.start < 0.0 && frame.y.end > 1.0, "y has no far-off dot: {:?}", frame.y);
    let els = elements(&svg);
    assert!(has_text(&els, "1 far off, drawn on the edge"), "{:?}", texts(&els));
    let rings: Vec<&Element> = tagged(&els, "circle")
        .into_iter()
        .filter(|e| e.attr("fill") == "none" && !e.attr("stroke").is_empty())
        .collect();
    // the far-off dot, on the right edge at its own height (and the legend's ring)
    let (ex, ey) = frame.to_pixel(40.0, 0.5);
    assert_eq!(ex, frame.to_pixel(frame.x.end, 0.5).0);
    assert!(
        rings.iter().any(|e| (e.num("cx") - ex).abs() <= 1.0 && (e.num("cy") - ey).abs() <= 1.0),
        "a ring at ({ex}, {ey}): {rings:?}"
    );
    // hovering the ring finds that customer
    let hit = segscope::views::explore::nearest_point(&frame, &spec.x, &spec.y, ex, ey, 4.0);
    assert_eq!(hit, Some(499));
    // without the far-off customer the map spans all dots, with no ring
    let spec = ScatterSpec {
        x: spec.x[..499].to_vec(),
        y: spec.y[..499].to_vec(),
        labels: spec.labels[..499].to_vec(),
        ..spec
    };
    let els = elements(&render_light(800, 500, |a, t| draw(a, &spec, t).map(|_| ())));
    assert!(!texts(&els).iter().any(|t| t.contains("far off")));
}
