//! Unit tests: parameter rules, a naive O(n³) Lance–Williams reference, weights, hostile input, micro-clusters,
//! cuts, predict, cancel and the dendrogram layout.

use ndarray::Array2;

use super::tree::to_scipy;
use super::*;
use crate::engine::cluster::{Predict, NOISE};
use crate::engine::progress::{Monitor, Silent};
use crate::engine::rng::{rng, Rng};

const ALL: [Linkage; 4] = [Linkage::Ward, Linkage::Complete, Linkage::Average, Linkage::Single];

fn blobs(n: usize, dim: usize, seed: u64) -> Array2<f64> {
    let mut r = rng(seed);
    Array2::from_shape_fn((n, dim), |(i, _)| (i % 3) as f64 * 4.0 + r.gen_range(-1.0..1.0))
}

/// Textbook agglomeration: merge the globally closest pair, Lance–Williams update of a full matrix.
#[allow(clippy::needless_range_loop)] // index loops read like the textbook
fn naive_heights(x: &Array2<f64>, linkage: Linkage) -> Vec<f64> {
    let n = x.nrows();
    let mut d = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..n {
            d[i][j] =
                x.row(i).iter().zip(x.row(j).iter()).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
        }
    }
    let mut size = vec![1.0; n];
    let mut alive = vec![true; n];
    let mut out = Vec::new();
    for _ in 1..n {
        let mut best = (f64::INFINITY, 0, 0);
        for i in 0..n {
            for j in i + 1..n {
                if alive[i] && alive[j] && d[i][j] < best.0 {
                    best = (d[i][j], i, j);
                }
            }
        }
        let (h, a, b) = best;
        out.push(h);
        for k in 0..n {
            if alive[k] && k != a && k != b {
                let (da, db, na, nb, nk) = (d[a][k], d[b][k], size[a], size[b], size[k]);
                let v = match linkage {
                    Linkage::Single => da.min(db),
                    Linkage::Complete => da.max(db),
                    Linkage::Average => (na * da + nb * db) / (na + nb),
                    Linkage::Ward => {
                        let t = na + nb + nk;
                        (((na + nk) * da * da + (nb + nk) * db * db - nk * h * h) / t).sqrt()
                    }
                };
                d[b][k] = v;
                d[k][b] = v;
            }
        }
        size[b] += size[a];
        alive[a] = false;
    }
    out.sort_by(f64::total_cmp);
    out
}

#[test]
fn heights_equal_a_naive_lance_williams_agglomeration() {
    let x = blobs(60, 3, 1);
    for l in ALL {
        let fit = HierarchicalParams::default()
            .with_linkage(l)
            .check()
            .unwrap()
            .fit(x.view(), &mut Silent)
            .unwrap();
        let want = naive_heights(&x, l);
        for (m, w) in fit.model.merges.iter().zip(&want) {
            assert!((m.height - w).abs() <= 1e-10 * w.max(1.0), "{l:?}: {} vs {w}", m.height);
        }
        assert!(fit.model.merges.windows(2).all(|w| w[0].height <= w[1].height));
        assert!(fit.model.merges.iter().all(|m| m.a < m.b));
        assert_eq!(fit.model.merges.last().unwrap().size, 60);
    }
}

#[test]
fn weighted_ward_equals_ward_on_repeated_rows() {
    let centres = blobs(12, 2, 5);
    let weights: Vec<f64> = (0..12).map(|i| (1 + i % 4) as f64).collect();
    let mut repeated = Vec::new();
    for (i, w) in weights.iter().enumerate() {
        for _ in 0..*w as usize {
            repeated.extend(centres.row(i).iter().copied());
        }
    }
    let flat: Vec<f64> = centres.iter().copied().collect();
    let weighted = to_scipy(super::ward::ward(&flat, 2, &weights, &mut Silent).unwrap(), 12);
    let rows = repeated.len() / 2;
    let full = to_scipy(super::ward::ward(&repeated, 2, &vec![1.0; rows], &mut Silent).unwrap(), rows);
    let nonzero: Vec<f64> = full.iter().map(|m| m.height).filter(|&h| h > 0.0).collect();
    assert_eq!(nonzero.len(), weighted.len());
    for (a, b) in weighted.iter().zip(&nonzero) {
        assert!((a.height - b).abs() <= 1e-12 * b, "{} vs {b}", a.height);
    }
}

#[test]
fn each_parameter_rule_has_its_error() {
    let p = HierarchicalParams::default;
    assert_eq!(p().with_k(0).check().unwrap_err(), HierarchicalError::InvalidK { k: 0 });
    for t in [-1.0, f64::NAN, f64::INFINITY] {
        let e = p().with_cut(Cut::Distance(t)).check().unwrap_err();
        assert!(matches!(e, HierarchicalError::InvalidThreshold { .. }), "{e}");
    }
    assert_eq!(
        p().with_n_micro(1).check().unwrap_err(),
        HierarchicalError::InvalidMicroClusters { n_micro: 1 }
    );
    assert_eq!(
        p().with_micro_iterations(0).check().unwrap_err(),
        HierarchicalError::InvalidMicroIterations { micro_iterations: 0 }
    );
    assert!(matches!(
        p().with_max_rows_ward_single(100).check().unwrap_err(),
        HierarchicalError::CapBelowMicro { cap_name: "max_rows_ward_single", cap: 100, n_micro: 2000 }
    ));
    assert!(matches!(
        p().with_max_rows_pairwise(20_000).check().unwrap_err(),
        HierarchicalError::PairwiseCapTooLarge { cap: 20_000, .. }
    ));
    assert_eq!(
        p().with_k(0).check().unwrap_err().to_string(),
        "the number of segments k must be >= 1, got 0"
    );
}

#[test]
fn params_serde_form() {
    let p: HierarchicalParams =
        serde_json::from_str(r#"{"linkage":"average","cut":{"distance":1.5}}"#).unwrap();
    assert_eq!(p, HierarchicalParams::default().with_linkage(Linkage::Average).with_cut(Cut::Distance(1.5)));
    assert!(serde_json::from_str::<HierarchicalParams>(r#"{"method":"ward"}"#).is_err());
}

#[test]
fn hostile_inputs() {
    let fit = |x: &Array2<f64>, l: Linkage, k: usize| {
        HierarchicalParams::default().with_linkage(l).with_k(k).check().unwrap().fit(x.view(), &mut Silent)
    };
    for l in ALL {
        let one = Array2::from_elem((1, 2), 3.0);
        let f = fit(&one, l, 1).unwrap();
        assert_eq!((f.labels.clone(), f.model.merges.len()), (vec![0], 0));
        assert_eq!(f.model.dendrogram(30).leaves.len(), 1);
        assert_eq!(fit(&one, l, 2).unwrap_err(), HierarchicalError::TooManySegments { k: 2, leaves: 1 });
        let same = Array2::from_elem((40, 3), 1.0);
        let f = fit(&same, l, 3).unwrap();
        assert!(f.model.merges.iter().all(|m| m.height == 0.0));
        assert_eq!(f.labels.iter().max(), Some(&2));
        let mut x = blobs(30, 2, 2);
        assert_eq!(fit(&x, l, 31).unwrap_err(), HierarchicalError::TooManySegments { k: 31, leaves: 30 });
        assert_eq!(fit(&x, l, 30).unwrap().labels, (0..30).collect::<Vec<i32>>());
        x[[4, 1]] = f64::NAN;
        assert_eq!(fit(&x, l, 2).unwrap_err(), HierarchicalError::NonFinite { row: 4, column: 1 });
        assert_eq!(fit(&Array2::zeros((0, 2)), l, 2).unwrap_err(), HierarchicalError::NoRows);
        assert_eq!(fit(&Array2::zeros((5, 0)), l, 2).unwrap_err(), HierarchicalError::NoFeatures);
    }
}

#[test]
fn distance_cut_follows_sklearn_threshold_rule() {
    let x = blobs(50, 2, 3);
    let f = HierarchicalParams::default().check().unwrap().fit(x.view(), &mut Silent).unwrap();
    let h: Vec<f64> = f.model.merges.iter().map(|m| m.height).collect();
    let t = h[h.len() - 3]; // heights ≥ t: the last three merges → 4 segments
    let by_distance = f.labels_for(Cut::Distance(t)).unwrap();
    assert_eq!(by_distance, f.labels_for(Cut::K(4)).unwrap());
    assert_eq!(f.labels_for(Cut::Distance(0.0)).unwrap().len(), 50);
    assert_eq!(f.labels_for(Cut::Distance(1e9)).unwrap(), vec![0; 50]);
}

#[test]
fn micro_clusters_above_the_cap_are_deterministic_and_weighted() {
    let x = blobs(600, 2, 4);
    for l in ALL {
        let p = HierarchicalParams::default()
            .with_linkage(l)
            .with_k(3)
            .with_n_micro(40)
            .with_max_rows_ward_single(100)
            .with_max_rows_pairwise(100);
        let a = p.check().unwrap().fit(x.view(), &mut Silent).unwrap();
        let b = p.check().unwrap().fit(x.view(), &mut Silent).unwrap();
        assert_eq!(a, b);
        assert!(a.model.micro && a.info.notes.iter().any(|s| s.contains("micro-clusters")));
        let map = a.row_leaf.as_ref().unwrap();
        assert!(map.iter().zip(&a.labels).all(|(&leaf, &lab)| a.model.leaf_labels[leaf] == lab));
        assert_eq!(a.model.leaf_rows.iter().sum::<usize>(), 600);
        assert_eq!(a.model.dendrogram(0).leaves.iter().map(|l| l.rows).sum::<usize>(), 600);
        // three well separated blobs are found
        let true_labels: Vec<i32> = (0..600).map(|i| i % 3).collect();
        let mut pairs: Vec<(i32, i32)> = a.labels.iter().copied().zip(true_labels).collect();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), 3, "{l:?}");
    }
}

#[test]
fn predict_nearest_centroid() {
    let x = blobs(90, 2, 6);
    let f = HierarchicalParams::default().with_k(3).check().unwrap().fit(x.view(), &mut Silent).unwrap();
    let c = Array2::from_shape_vec((3, 2), f.model.segments.centroids.clone()).unwrap();
    assert_eq!(f.model.predict(c.view()), vec![0, 1, 2]);
    assert_eq!(f.model.predict(x.view()), f.labels);
    assert_eq!(f.model.predict(Array2::from_elem((1, 2), f64::NAN).view()), vec![NOISE]);
    assert!(matches!(
        f.model.try_predict(Array2::zeros((1, 5)).view()),
        Err(HierarchicalError::FeatureMismatch { .. })
    ));
    let json = serde_json::to_string(&f.model).unwrap();
    assert_eq!(serde_json::from_str::<HierarchicalModel>(&json).unwrap(), f.model);
}

struct CancelAt(usize, usize);
impl Monitor for CancelAt {
    fn progress(&mut self, _: &str, _: f64) {
        self.1 += 1;
    }
    fn cancelled(&self) -> bool {
        self.1 > self.0
    }
}

#[test]
fn cancel_stops_every_linkage() {
    let x = blobs(400, 2, 7);
    for l in ALL {
        let e =
            HierarchicalParams::default().with_linkage(l).check().unwrap().fit(x.view(), &mut CancelAt(2, 0));
        assert!(matches!(e, Err(HierarchicalError::Cancelled(_))), "{l:?}");
    }
}

#[test]
fn dendrogram_layout_of_a_small_tree() {
    // leaves 0, 1 at distance 1; leaf 2 joins at 4
    let x = Array2::from_shape_vec((3, 1), vec![0.0, 1.0, 5.0]).unwrap();
    let f = HierarchicalParams::default()
        .with_linkage(Linkage::Single)
        .check()
        .unwrap()
        .fit(x.view(), &mut Silent);
    let d = f.unwrap().model.dendrogram(0);
    let ids: Vec<usize> = d.leaves.iter().map(|l| l.node).collect();
    assert_eq!(ids, vec![2, 0, 1]);
    assert_eq!(d.links[0], DendrogramLink { x: [15.0, 15.0, 25.0, 25.0], y: [0.0, 1.0, 1.0, 0.0] });
    assert_eq!(d.links[1], DendrogramLink { x: [5.0, 5.0, 20.0, 20.0], y: [0.0, 4.0, 4.0, 1.0] });
    assert_eq!(d.max_height, 4.0);
}
