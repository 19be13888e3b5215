//! Segment profiles on real data: statistics against pandas (reference JSON from
//! `tests/reference/selection.py`), descriptive names on mall_customers / wholesale / cc_general with
//! scikit-learn's k-means labels, name and colour carry-over across re-runs, and hostile inputs.

use crate::selection_support as support;

use ndarray::array;
use segscope::engine::profile::{
    is_identifier_name, match_segments, profile_segments, CategoricalFeature, NumericFeature, ProfileInput,
    ProfileParams, SegmentProfiles,
};
use support::{close, floats, load, Fixture};

/// Raw columns of the fixture as owned vectors.
fn columns(f: &Fixture) -> Vec<Vec<f64>> {
    (0..f.features.len()).map(|j| f.raw.column(j).to_vec()).collect()
}

/// A categorical column of the CSV as codes + levels (levels in order of first appearance).
fn categorical(f: &Fixture, name: &str) -> (Vec<u32>, Vec<String>) {
    let c = f.headers.iter().position(|h| h == name).unwrap();
    let mut levels: Vec<String> = Vec::new();
    let codes = f
        .cells
        .iter()
        .map(|row| {
            let v = row[c].trim().to_string();
            match levels.iter().position(|l| *l == v) {
                Some(i) => i as u32,
                None => {
                    levels.push(v);
                    (levels.len() - 1) as u32
                }
            }
        })
        .collect();
    (codes, levels)
}

fn profile(f: &Fixture, cats: &[&str], labels: &[i32], prev: Option<&SegmentProfiles>) -> SegmentProfiles {
    let cols = columns(f);
    let numeric: Vec<NumericFeature> =
        f.features.iter().zip(&cols).map(|(n, v)| NumericFeature { name: n, values: v }).collect();
    let cat_data: Vec<(Vec<u32>, Vec<String>)> = cats.iter().map(|c| categorical(f, c)).collect();
    let categorical: Vec<CategoricalFeature> = cats
        .iter()
        .zip(&cat_data)
        .map(|(n, (codes, levels))| CategoricalFeature { name: n, codes, levels })
        .collect();
    let input = ProfileInput { numeric: &numeric, categorical: &categorical, labels };
    profile_segments(&input, prev, &ProfileParams::default()).unwrap()
}

fn z_of(p: &SegmentProfiles, label: i32, feature: &str) -> f64 {
    p.segment(label).unwrap().numeric.iter().find(|n| n.feature == feature).unwrap().z.unwrap()
}

#[test]
fn statistics_match_pandas() {
    for (name, cats) in
        [("mall", vec!["Gender"]), ("wholesale", vec!["Channel", "Region"]), ("cc_general", vec![])]
    {
        let f = load(name);
        let p = profile(&f, &cats, &f.labels, None);
        let want = &f.json["profile"];
        let mut worst: f64 = 0.0;
        for seg in want["segments"].as_array().unwrap() {
            let label = seg["label"].as_i64().unwrap() as i32;
            let got = p.segment(label).unwrap();
            assert_eq!(got.size as u64, seg["size"].as_u64().unwrap());
            for (key, values) in
                [("mean", floats(&seg["mean"])), ("median", floats(&seg["median"])), ("z", floats(&seg["z"]))]
            {
                for (j, e) in values.iter().enumerate() {
                    let n = &got.numeric[j];
                    let a = match key {
                        "mean" => n.mean,
                        "median" => n.median,
                        _ => n.z,
                    }
                    .unwrap();
                    assert!(close(a, *e, 1e-9, 1e-12), "{name} seg {label} {key}[{j}]: {a} vs {e}");
                    if *e != 0.0 {
                        worst = worst.max(((a - e) / e).abs());
                    }
                }
            }
        }
        println!("{name}: profile statistics max rel err {worst:e}");
        for seg in &p.segments {
            println!("{name} {} (n={}): {}", seg.label, seg.size, seg.name);
        }
    }
}

#[test]
fn mall_names_say_what_the_segments_are() {
    let f = load("mall");
    let p = profile(&f, &["Gender"], &f.labels, None);
    let (inc, sp) = ("Annual Income (k$)", "Spending Score (1-100)");
    // the rich who spend little, and the poorer who spend more, identified by their z-scores
    let rich_saver =
        p.segments.iter().find(|s| z_of(&p, s.label, inc) > 0.5 && z_of(&p, s.label, sp) < -0.5).unwrap();
    let name = rich_saver.name.to_lowercase();
    assert!(name.contains("high income") && name.contains("low spending"), "{}", rich_saver.name);
    let poor_spender =
        p.segments.iter().find(|s| z_of(&p, s.label, inc) < -0.5 && z_of(&p, s.label, sp) > 0.2).unwrap();
    let name = poor_spender.name.to_lowercase();
    assert!(name.contains("low income") && name.contains("high spending"), "{}", poor_spender.name);
}

#[test]
fn names_are_unique_and_mention_an_extreme_feature() {
    let params = ProfileParams::default();
    for (name, cats) in
        [("mall", vec!["Gender"]), ("wholesale", vec!["Channel", "Region"]), ("cc_general", vec![])]
    {
        let f = load(name);
        let p = profile(&f, &cats, &f.labels, None);
        let mut names: Vec<String> = p.segments.iter().map(|s| s.name.to_lowercase()).collect();
        assert!(names.iter().all(|n| !n.trim().is_empty()));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), p.segments.len(), "{name}: duplicate names");
        for s in &p.segments {
            let strongest = s.numeric.iter().filter_map(|n| n.z).fold(0.0f64, |a, z| a.max(z.abs()));
            if strongest >= 0.5 {
                let ok = s
                    .distinguishing
                    .iter()
                    .any(|d| d.z.abs() >= 0.5 && d.category.is_none() && s.name.contains(&d.phrase));
                assert!(ok, "{name} segment {}: {:?} names no feature with |z| >= 0.5", s.label, s.name);
            } else {
                assert!(s.name.starts_with(&params.fallback_name), "{name} segment {}: {}", s.label, s.name);
            }
            assert!(s.distinguishing.iter().all(|d| !is_identifier_name(&d.feature)), "{}", s.name);
        }
    }
}

#[test]
fn pinned_names_and_colours_follow_a_relabelled_segment() {
    let f = load("mall");
    let mut first = profile(&f, &[], &f.labels, None);
    first.rename(1, "Affluent savers").unwrap();
    assert!(first.rename(2, "affluent savers").is_err());
    let colour_of_1 = first.segment(1).unwrap().colour;
    // the same clustering with permuted label numbers
    let relabelled: Vec<i32> = f.labels.iter().map(|l| (l + 2) % 5).collect();
    let second = profile(&f, &[], &relabelled, Some(&first));
    let moved = second.segment(3).unwrap();
    assert_eq!(moved.name, "Affluent savers");
    assert!(moved.pinned);
    assert_eq!(moved.previous_label, Some(1));
    assert_eq!(moved.colour, colour_of_1);
    for s in &second.segments {
        let old = first.segment((s.label + 3) % 5).unwrap();
        assert_eq!(s.previous_label, Some(old.label));
        assert_eq!(s.colour, old.colour);
        if !old.pinned {
            assert_eq!(
                s.name, old.name,
                "unpinned names are regenerated, and the same data gives the same name"
            );
        }
    }
}

#[test]
fn a_new_extra_segment_is_not_matched() {
    let f = load("mall");
    let first = profile(&f, &[], &f.labels, None);
    // split segment 0 by age into 0 and a new segment 5
    let ages = f.raw.column(0).to_vec();
    let split: Vec<i32> =
        f.labels.iter().zip(&ages).map(|(&l, &a)| if l == 0 && a >= 60.0 { 5 } else { l }).collect();
    let second = profile(&f, &[], &split, Some(&first));
    let unmatched: Vec<i32> =
        second.segments.iter().filter(|s| s.previous_label.is_none()).map(|s| s.label).collect();
    assert_eq!(
        unmatched.len(),
        1,
        "{:?}",
        second.segments.iter().map(|s| s.previous_label).collect::<Vec<_>>()
    );
    let fresh = second.segment(unmatched[0]).unwrap();
    assert_eq!(fresh.colour, Some(5));
    let mut matched: Vec<i32> = second.segments.iter().filter_map(|s| s.previous_label).collect();
    matched.sort_unstable();
    assert_eq!(matched, vec![0, 1, 2, 3, 4]);

    let prev = array![[0.0, 0.0], [3.0, 3.0]];
    let new = array![[3.1, 2.9], [9.0, -9.0], [0.1, 0.0]];
    assert_eq!(match_segments(prev.view(), new.view()), vec![Some(1), None, Some(0)]);
}

#[test]
fn hostile_inputs_give_profiles_not_panics() {
    let params = ProfileParams::default();
    let constant = [2.0, 2.0, 2.0, 2.0];
    let with_nan = [1.0, f64::NAN, 3.0, f64::NAN];
    let numeric = [
        NumericFeature { name: "Const", values: &constant },
        NumericFeature { name: "Gappy", values: &with_nan },
    ];
    for labels in [vec![0, 0, 0, 0], vec![-1, -1, -1, -1], vec![0, -1, 1, -7], vec![3, 3, 9, 9]] {
        let input = ProfileInput { numeric: &numeric, categorical: &[], labels: &labels };
        let p = profile_segments(&input, None, &params).unwrap();
        assert!(p.segments.iter().all(|s| !s.name.is_empty()));
        if labels.iter().all(|&l| l < 0) {
            assert_eq!(p.segments.len(), 1);
            assert_eq!(p.segments[0].name, "Unassigned (noise)");
            assert_eq!(p.segments[0].colour, None);
        }
        assert!(p.segments.iter().all(|s| s.numeric[0].z.is_none()));
        let again = profile_segments(&input, Some(&p), &params).unwrap();
        assert_eq!(again.segments.len(), p.segments.len());
    }
    let empty = ProfileInput { numeric: &[], categorical: &[], labels: &[] };
    assert!(profile_segments(&empty, None, &params).unwrap().segments.is_empty());
    let short = [NumericFeature { name: "x", values: &[1.0] }];
    let bad = ProfileInput { numeric: &short, categorical: &[], labels: &[0, 1] };
    assert!(profile_segments(&bad, None, &params).is_err());
    let json = serde_json::to_string(
        &profile_segments(
            &ProfileInput { numeric: &numeric, categorical: &[], labels: &[0, 0, 1, 1] },
            None,
            &params,
        )
        .unwrap(),
    )
    .unwrap();
    let back: SegmentProfiles = serde_json::from_str(&json).unwrap();
    assert_eq!(back.segments.len(), 2);
}
