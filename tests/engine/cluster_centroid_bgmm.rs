//! Bayesian Gaussian mixture against scikit-learn on the real data (n_components = 10): the same effective
//! number of components and ARI ≥ 0.9 with scikit-learn's labels, for both weight priors; plus the
//! variational lower bound increasing, determinism and bad input.

use crate::cluster_centroid_support;

use cluster_centroid_support::{ari, expected, standardized};
use ndarray::array;
use segscope::engine::cluster::bayes_gmm::{BayesGmmError, BayesGmmParams, FittedBayesGmm, WeightPrior};
use segscope::engine::cluster::gmm::CovarianceType;
use segscope::engine::cluster::Predict;
use segscope::engine::progress::Silent;
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

/// For every reference run of `name`: (a) started from the k-means labels scikit-learn started from, the
/// same effective number of components and ARI ≥ 0.9 with scikit-learn's labels (in practice: identical
/// labels and iteration counts); (b) from our own k-means start (seed 0), a converged fit whose effective
/// number of components is printed next to scikit-learn's over its seeds 0..9. That number depends on the
/// start, for scikit-learn as for us (mall, tied, Dirichlet process: 6 to 10 over scikit-learn's seeds), so
/// (b) is reported, not asserted. `types`: the covariance types checked.
fn compare(name: &str, types: &[CovarianceType]) {
    let refs = expected("cluster_centroid_bgmm.json");
    let x = standardized(name);
    for run in refs[name]["runs"].as_array().unwrap() {
        let ty: CovarianceType = parse(&run["covariance_type"]);
        if !types.contains(&ty) {
            continue;
        }
        let prior: WeightPrior = parse(&run["prior_type"]);
        let sk_eff = run["effective_components"].as_u64().unwrap() as usize;
        let sk_labels: Vec<i32> = parse(&run["labels"]);
        let init: Vec<usize> = parse(&run["init_labels"]);
        let seeds: Vec<usize> = parse(&run["effective_components_seeds_0_9"]);
        let p = BayesGmmParams::new(10).with_covariance_type(ty).with_weight_prior(prior).with_max_iter(1000);
        let p = p.check().unwrap();
        let fit = p.fit_from_labels(x.view(), &init, &mut Silent).unwrap();
        let a = ari(&fit.labels, &sk_labels);
        let own = p.fit(x.view(), &mut Silent).unwrap();
        eprintln!(
            "{name} {prior:?} {ty:?}: from sklearn's start: effective {} (sklearn {sk_eff}), ARI {a:.4}, {} iterations \
             (sklearn {}); own start: effective {} (sklearn seeds {seeds:?})",
            fit.effective_components, fit.info.iterations, run["n_iter"], own.effective_components
        );
        assert_eq!(fit.effective_components, sk_eff, "{name} {prior:?} {ty:?}");
        assert!(a >= 0.9, "{name} {prior:?} {ty:?}: ARI {a}");
        assert!(fit.info.converged && own.info.converged);
        assert_eq!(fit.model.predict(x.view()), fit.labels);
    }
}

const ALL: [CovarianceType; 4] =
    [CovarianceType::Full, CovarianceType::Tied, CovarianceType::Diag, CovarianceType::Spherical];

#[test]
fn matches_sklearn_mall() {
    compare("mall", &ALL);
}

#[test]
fn matches_sklearn_wholesale_full_tied() {
    compare("wholesale", &ALL[..2]);
}

#[test]
fn matches_sklearn_wholesale_diag_spherical() {
    compare("wholesale", &ALL[2..]);
}

#[test]
fn lower_bound_increases_and_surplus_components_switch_off() {
    let x = standardized("mall");
    let mut prev = f64::NEG_INFINITY;
    for it in 1..15 {
        let p = BayesGmmParams::new(10).with_max_iter(it).with_tol(0.0).check().unwrap();
        let fit = p.fit(x.view(), &mut Silent).unwrap();
        assert!(fit.lower_bound >= prev - 1e-9 * prev.abs(), "iteration {it}: {} < {prev}", fit.lower_bound);
        prev = fit.lower_bound;
    }
    let fit = BayesGmmParams::new(10).check().unwrap().fit(x.view(), &mut Silent).unwrap();
    assert!(fit.effective_components < 10);
    assert!((fit.weights().iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn deterministic_restarts_differ_and_round_trip() {
    let x = standardized("wholesale");
    let p = BayesGmmParams::new(6).with_n_init(3).with_seed(4).check().unwrap();
    let (a, b) = (p.fit(x.view(), &mut Silent).unwrap(), p.fit(x.view(), &mut Silent).unwrap());
    assert_eq!(a.labels, b.labels);
    assert_eq!(a.model, b.model);
    let distinct: std::collections::BTreeSet<u64> =
        a.restart_lower_bounds.iter().map(|v| v.to_bits()).collect();
    assert!(distinct.len() > 1, "{:?}", a.restart_lower_bounds);
    let back: FittedBayesGmm = serde_json::from_str(&serde_json::to_string(&a.model).unwrap()).unwrap();
    assert_eq!(back.predict(x.view()), a.labels);
}

#[test]
fn bad_input_is_an_error() {
    let x = standardized("mall");
    let fit = |p: BayesGmmParams| p.check().unwrap().fit(x.view(), &mut Silent);
    assert!(matches!(
        fit(BayesGmmParams::new(2).with_degrees_of_freedom_prior(Some(1.5))),
        Err(BayesGmmError::BadDegreesOfFreedom { .. })
    ));
    assert!(matches!(
        fit(BayesGmmParams::new(2).with_mean_prior(Some(vec![0.0]))),
        Err(BayesGmmError::BadMeanPrior { expected: 3, got: 1 })
    ));
    assert!(matches!(
        fit(BayesGmmParams::new(2).with_covariance_prior(Some(vec![1.0; 9]))),
        Err(BayesGmmError::BadCovariancePrior { expected: 9, .. })
    ));
    let p = BayesGmmParams::new(3).check().unwrap();
    assert!(matches!(
        p.fit(array![[1.0], [2.0]].view(), &mut Silent),
        Err(BayesGmmError::TooManyComponents { .. })
    ));
    assert!(matches!(
        p.fit(array![[f64::NAN], [1.0], [2.0]].view(), &mut Silent),
        Err(BayesGmmError::NonFinite { .. })
    ));
}
