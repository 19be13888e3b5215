//! Tests of `evaluate`: the outlier-segment note, noise left out of the quality metrics, capped suggestions.

use super::*;
use crate::engine::progress::Silent;
use crate::engine::rng::{sub_rng, Rng};

#[test]
fn outlier_segments_are_named_only_when_they_are_a_few_far_off_customers() {
    let note = outlier_segments(&[197, 1, 1, 1], false).unwrap();
    assert!(note.starts_with("3 segments hold under 1% of the customers each (1, 1 and 1 of 200)"), "{note}");
    assert!(note.ends_with("or try DBSCAN, which marks such customers as noise."), "{note}");
    let dbscan = outlier_segments(&[197, 1, 1, 1], true).unwrap();
    assert!(!dbscan.contains("try DBSCAN") && dbscan.contains("minimum number of neighbours"), "{dbscan}");
    assert!(outlier_segments(&[150, 50], false).is_none());
    assert!(outlier_segments(&[8_000, 900, 50], false).unwrap().starts_with("1 segment holds under 1%"));
    // many small segments together are a real pattern, not a few outliers
    assert!(outlier_segments(&[90, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], false).is_none());
}

#[test]
fn noise_is_left_out_of_the_quality_metrics() {
    let mut r = sub_rng(5, 0);
    // two tight groups and a few scattered points marked as noise (as DBSCAN marks them)
    let labels: Vec<i32> = (0..60).map(|i| if i % 10 == 9 { -1 } else { i % 2 }).collect();
    let x = Array2::from_shape_fn((60, 2), |(i, _)| match labels[i] {
        -1 => r.gen::<f64>() * 40.0 - 20.0,
        l => l as f64 * 10.0 + r.gen::<f64>(),
    });
    let params = SilhouetteParams::default();
    let mut notes = Vec::new();
    let extras = ClusterExtras::default();
    let (with_noise, plot) = metrics(x.view(), &labels, &extras, &params, None, &mut Silent, &mut notes);
    let kept: Vec<usize> = (0..60).filter(|&i| labels[i] != -1).collect();
    let clustered: Vec<i32> = kept.iter().map(|&i| labels[i]).collect();
    let x_kept = x.select(Axis(0), &kept);
    let (alone, _) = metrics(x_kept.view(), &clustered, &extras, &params, None, &mut Silent, &mut Vec::new());
    assert_eq!(with_noise.silhouette, alone.silhouette);
    assert_eq!(with_noise.davies_bouldin, alone.davies_bouldin);
    assert_eq!(with_noise.calinski_harabasz, alone.calinski_harabasz);
    assert!(with_noise.silhouette.unwrap() > 0.9, "the groups are tight: {:?}", with_noise.silhouette);
    assert!(plot.unwrap().segments.iter().all(|(s, _)| *s != -1), "no noise bar");
    assert!(notes.iter().any(|n| n.contains("54 customers in segments; the 6 marked as noise")), "{notes:?}");
    assert!(silhouette_job(x.view(), &labels, &params).is_none(), "computed here, not split");
}

#[test]
fn above_the_cap_suggestions_use_a_seeded_sample_and_say_so() {
    let n = 900;
    let mut r = sub_rng(3, 0);
    let labels: Vec<i32> = (0..n).map(|i| (i % 3) as i32).collect();
    let x = Array2::from_shape_fn((n, 3), |(i, j)| match j {
        0 => labels[i] as f64 * 4.0 + r.gen::<f64>(),
        1 => (labels[i] % 2) as f64 * 3.0 + r.gen::<f64>(),
        _ => r.gen::<f64>(),
    });
    let names: Vec<String> = ["spend", "visits", "noise"].map(String::from).to_vec();
    let params = SelectionParams::default();
    let run = |cap: usize| {
        let cache = RefCell::new(None);
        suggestions(x.view(), &names, &[], &labels, &params, 0, &cache, cap, &mut Silent).unwrap()
    };
    let full = run(n);
    let capped = run(300);
    let note = "computed on a random sample of 300 of the 900 customers";
    assert!(!full.notes.iter().any(|s| s.contains("random sample")), "{:?}", full.notes);
    assert!(capped.notes.iter().any(|s| s.contains(note)), "{:?}", capped.notes);
    assert_eq!(capped, run(300));
    let order = |rep: &SelectionReport| rep.features.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(order(&capped), order(&full));
    assert_eq!(capped.suggested, full.suggested);
}
