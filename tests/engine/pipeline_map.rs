//! The pipeline's map: PCA by default; t-SNE axes first when asked for, on at most t-SNE's row cap of
//! customers (the cap itself is unit-tested in `engine::pipeline::explore`).

use segscope::engine::pipeline::{run, MapMethod, PipelineConfig};
use segscope::engine::progress::Silent;

fn wholesale() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/sample/wholesale_customers.csv")).unwrap()
}

#[test]
fn default_map_is_pca_of_every_customer() {
    let report = run(&wholesale(), "w.csv", &PipelineConfig::default(), &mut Silent).unwrap();
    assert!(report.map.axes[0].0.starts_with("PC1"), "{:?}", report.map.axes[0].0);
    assert_eq!(report.map.labels.len(), 440);
    assert!(report.map.axes.iter().all(|(_, v)| v.len() == 440));
}

#[test]
fn tsne_map_comes_first_and_separates_segments() {
    let mut config = PipelineConfig::default();
    config.map.method = MapMethod::Tsne;
    let report = run(&wholesale(), "w.csv", &config, &mut Silent).unwrap();
    let names: Vec<&str> = report.map.axes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(&names[..2], ["t-SNE 1", "t-SNE 2"]);
    assert!(names[2].starts_with("PC1"));
    let (x, y) = (&report.map.axes[0].1, &report.map.axes[1].1);
    assert!(x.iter().chain(y).all(|v| v.is_finite()));
    // Same-segment neighbours: the nearest other point on the t-SNE map mostly shares the segment.
    let n = x.len();
    let same = (0..n)
        .filter(|&i| {
            let j = (0..n)
                .filter(|&j| j != i)
                .min_by(|&a, &b| {
                    let d = |k: usize| (x[k] - x[i]).powi(2) + (y[k] - y[i]).powi(2);
                    d(a).total_cmp(&d(b))
                })
                .unwrap();
            report.map.labels[i] == report.map.labels[j]
        })
        .count();
    assert!(same as f64 / n as f64 > 0.8, "only {same} of {n} nearest neighbours share a segment");
    let again = run(&wholesale(), "w.csv", &config, &mut Silent).unwrap();
    assert_eq!(again.map.axes[0].1, report.map.axes[0].1, "a seeded t-SNE map is deterministic");
}

#[test]
fn a_sampled_map_shades_the_density_of_every_customer() {
    let mut config = PipelineConfig::default();
    config.map.max_points = 100;
    let report = run(&wholesale(), "w.csv", &config, &mut Silent).unwrap();
    let map = &report.map;
    assert_eq!((map.labels.len(), map.n_total), (100, 440));
    let density = map.density.as_ref().expect("a sampled map carries the density of all customers");
    assert_eq!(density.axes.len(), map.axes.len());
    for ((name, shown), bins) in map.axes.iter().zip(&density.axes) {
        let b = bins.as_ref().unwrap_or_else(|| panic!("{name}: no density"));
        assert_eq!(b.codes.len(), report.labels.len(), "{name}: one code per clustered customer");
        // The range of everyone contains the shown customers.
        assert!(shown.iter().all(|&v| b.lo <= v && v <= b.hi), "{name}");
        assert!(b.codes.iter().all(|&c| (c as usize) < segscope::engine::embed::bins::BINS), "{name}");
    }
    assert!(map.notes.iter().any(|n| n.contains("draws 100 of 440 customers as dots")), "{:?}", map.notes);
    // Everyone shown: no density needed.
    let full = run(&wholesale(), "w.csv", &PipelineConfig::default(), &mut Silent).unwrap();
    assert!(full.map.density.is_none());
}

#[test]
fn tsne_axes_have_no_density_of_everyone() {
    let mut config = PipelineConfig::default();
    config.map.method = MapMethod::Tsne;
    config.map.max_points = 200;
    let report = run(&wholesale(), "w.csv", &config, &mut Silent).unwrap();
    let density = report.map.density.as_ref().unwrap();
    assert!(density.axes[0].is_none() && density.axes[1].is_none(), "t-SNE places only the shown customers");
    assert!(density.axes[2].is_some(), "PC1 of everyone");
}
