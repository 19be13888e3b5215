//! DBSCAN against scikit-learn on the real data: labels identical element-wise (numbering and noise included),
//! the same core points, and predict on the training rows reproducing the core points' labels.

use crate::cluster_density_support;

use cluster_density_support::{dataset, expected, ints};
use segscope::engine::cluster::dbscan::{k_distances, DbscanParams};
use segscope::engine::cluster::Predict;
use segscope::engine::progress::Silent;

#[test]
fn mall_labels_identical_to_sklearn() {
    assert_eq!(check("mall"), 4);
}

#[test]
fn wholesale_labels_identical_to_sklearn() {
    assert_eq!(check("wholesale"), 3);
}

#[test]
fn cc_general_labels_identical_to_sklearn() {
    assert_eq!(check("cc"), 4);
}

/// Runs every reference setting of one dataset; returns how many were checked.
fn check(name: &str) -> usize {
    let reference = expected("cluster_density_dbscan.json");
    let mut checked = 0;
    {
        let x = dataset(name);
        let runs = reference[name]["runs"].as_array().unwrap();
        assert!(runs.len() >= 3);
        for run in runs {
            let eps = run["eps"].as_f64().unwrap();
            let ms = run["min_samples"].as_u64().unwrap() as usize;
            let fit = DbscanParams::default().with_eps(eps).with_min_samples(ms).check().unwrap();
            let fit = fit.fit(x.view(), &mut Silent).unwrap();
            let want = ints(&run["labels"]);
            let got: Vec<i64> = fit.labels.iter().map(|&l| l as i64).collect();
            let diff = got.iter().zip(&want).filter(|(a, b)| a != b).count();
            assert_eq!(diff, 0, "{name} eps={eps} min_samples={ms}: {diff} labels differ");
            let core: Vec<i64> = (0..x.nrows()).filter(|&i| fit.is_core[i]).map(|i| i as i64).collect();
            assert_eq!(core, ints(&run["core"]), "{name} eps={eps}: core points");
            assert_eq!(fit.n_clusters as u64, run["n_clusters"].as_u64().unwrap());
            assert_eq!(fit.n_noise as u64, run["n_noise"].as_u64().unwrap());
            // predict on the training rows: core points get their own label
            let pred = fit.model.predict(x.view());
            for (i, (p, l)) in pred.iter().zip(&fit.labels).enumerate() {
                if fit.is_core[i] {
                    assert_eq!(p, l, "{name} eps={eps}: predict row {i}");
                } else {
                    // a border row is within eps of a core point, so it is never predicted noise
                    assert_eq!(*p == -1, *l == -1, "{name} eps={eps}: predict row {i}");
                }
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn core_points_are_exactly_those_with_k_distance_within_eps() {
    // the k-distance convention (the row counts itself) agrees with DBSCAN's core rule
    let x = dataset("mall");
    let reference = expected("cluster_density_dbscan.json");
    for run in reference["mall"]["runs"].as_array().unwrap() {
        let eps = run["eps"].as_f64().unwrap();
        let ms = run["min_samples"].as_u64().unwrap() as usize;
        let kd = k_distances(x.view(), ms, &mut Silent).unwrap();
        let n_core = kd.iter().filter(|&&d| d <= eps).count();
        assert_eq!(n_core, ints(&run["core"]).len());
    }
}
