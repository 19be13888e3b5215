//! Writes every chart's SVG for a realistic example to `target/chart-gallery/` (light and dark), for
//! looking at; also checks each one is sane and carries its title.

use crate::charts_support;

use charts_support::crowded::*;
use charts_support::examples::*;
use charts_support::{assert_sane, elements, has_text, Area};
use segscope::charts::{
    bars, boxplot, clv, dendrogram, drift, heatmap, importance, kdistance, ksweep, rfm, silhouette, svg,
    weights, ChartError, Theme,
};
use std::path::PathBuf;

fn save(
    name: &str,
    title: &str,
    (w, h): (u32, u32),
    draw: &dyn Fn(&Area<'_>, &Theme) -> Result<(), ChartError>,
) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/chart-gallery");
    std::fs::create_dir_all(&dir).unwrap();
    for (suffix, theme) in [("light", Theme::light(1.0)), ("dark", Theme::dark(1.0))] {
        let svg = svg::render(w, h, |a| draw(a, &theme)).unwrap();
        assert_sane(&svg, w, h);
        assert!(has_text(&elements(&svg), title), "{name}: title {title:?} missing");
        std::fs::write(dir.join(format!("{name}-{suffix}.svg")), svg).unwrap();
    }
}

#[test]
fn gallery() {
    let b = boxes();
    save("boxplot", &b.title, (820, 460), &|a, t| boxplot::draw(a, &b, t));
    let d = dendro();
    save("dendrogram", &d.title, (820, 480), &|a, t| dendrogram::draw(a, &d, t));
    let k = kdist();
    save("kdistance", &k.title, (760, 440), &|a, t| kdistance::draw(a, &k, t));
    let w = weights_spec();
    save("weights", &w.title, (760, 420), &|a, t| weights::draw(a, &w, t));
    let i = importance_spec();
    save("importance", &i.title, (760, 440), &|a, t| importance::draw(a, &i, t));
    let r = rfm_counts();
    save("rfm-counts", &r.title, (760, 460), &|a, t| rfm::draw_counts(a, &r, t));
    let g = rfm_grid();
    save("rfm-grid", &g.title, (760, 520), &|a, t| rfm::draw_grid(a, &g, t));
    let h = clv_hist();
    save("clv-histogram", &h.title, (760, 420), &|a, t| clv::draw_histogram(a, &h, t));
    let al = alive();
    save("clv-alive", &al.title, (760, 480), &|a, t| clv::draw_alive(a, &al, t));
    let sh = shares();
    save("drift-shares", &sh.title, (760, 420), &|a, t| drift::draw_shares(a, &sh, t));
    let ps = psi();
    save("drift-psi", &ps.title, (760, 420), &|a, t| drift::draw_psi(a, &ps, t));
    let p = profile();
    save("heatmap-profile", &p.title, (900, 420), &|a, t| heatmap::draw(a, &p, t));
    let c = correlation();
    save("heatmap-correlation", &c.title, (760, 640), &|a, t| heatmap::draw(a, &c, t));
    let s = silhouettes();
    save("silhouette", &s.title, (800, 560), &|a, t| silhouette::draw(a, &s, t));
    let k = sweep();
    save("ksweep", &k.title, (960, 720), &|a, t| ksweep::draw(a, &k, t));
    let s = sizes();
    save("bars", &s.title, (640, 320), &|a, t| bars::draw(a, &s, t));
    let st = crate::stability::stability_spec();
    save("stability", &st.title, (760, 360), &|a, t| segscope::charts::stability::draw(a, &st, t));

    // Crowded variants: many segments, features and components on ordinary canvas sizes.
    save("ksweep-narrow", &k.title, (560, 900), &|a, t| ksweep::draw(a, &k, t));
    let p = crowded_profile();
    save("heatmap-crowded", &p.title, (900, 560), &|a, t| heatmap::draw(a, &p, t));
    let s = crowded_silhouettes();
    save("silhouette-crowded", &s.title, (800, 560), &|a, t| silhouette::draw(a, &s, t));
    let w = crowded_weights();
    save("weights-crowded", &w.title, (760, 420), &|a, t| weights::draw(a, &w, t));
    let b = crowded_boxes();
    save("boxplot-crowded", &b.title, (820, 460), &|a, t| boxplot::draw(a, &b, t));
}
