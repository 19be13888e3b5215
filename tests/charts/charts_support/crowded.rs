//! Crowded variants of the examples: twelve segments, thirty features or components.

use super::examples::{boxes, noise, silhouettes, weights_spec, FEATURES, NAMES};
use segscope::charts::{boxplot, heatmap, silhouette, weights};

/// Twelve segments with longer names.
pub fn crowded_segments() -> Vec<(i32, String)> {
    (0..12).map(|i| (i, format!("{} cohort {}", NAMES[i as usize % 5], i + 1))).collect()
}

pub fn crowded_profile() -> heatmap::HeatmapSpec {
    let features: Vec<String> = (0..30).map(|i| format!("{}_{}", FEATURES[i % 9], i / 9)).collect();
    let z = (0..12 * 30).map(|i| (noise(i * 5) - 0.5) * 5.0).collect();
    heatmap::profile("Segment profiles (z-scores)", &crowded_segments(), &features, z)
}

pub fn crowded_silhouettes() -> silhouette::SilhouetteSpec {
    let mut s = silhouettes();
    s.labels = (0..s.values.len()).map(|i| (i % 12) as i32).collect();
    s.segments = crowded_segments();
    s
}

pub fn crowded_weights() -> weights::WeightsSpec {
    let mut w = weights_spec();
    w.components = (0..30)
        .map(|i| weights::Component {
            label: format!("component {}", i + 1),
            weight: 0.3 * 0.8f64.powi(i),
            segment: Some(i),
        })
        .collect();
    w
}

pub fn crowded_boxes() -> boxplot::BoxPlotSpec {
    let mut b = boxes();
    b.groups = crowded_segments()
        .into_iter()
        .map(|(id, name)| {
            let values: Vec<f64> =
                (0..500).map(|i| 20.0 * (id + 1) as f64 * noise(i * 3 + id as usize) + 5.0).collect();
            boxplot::BoxGroup { segment: id, name, stats: boxplot::summarize(&values).unwrap() }
        })
        .collect();
    b
}
