//! The ranked selection table and greedy forward selection on real data: which features are suggested for
//! dropping and why, permutation importance of a pure-noise feature, and forward selection on
//! mall_customers picking income and spending (the pair with the best-known cluster structure).

use crate::selection_support as support;

use ndarray::{concatenate, Array2, ArrayView2, Axis};
use rand::Rng;
use segscope::engine::features::selection::{
    forward_select, select_features, Action, ForwardParams, LaplacianParams, Reason, Scorer, SelectionInput,
    SelectionParams, SelectionReport,
};
use segscope::engine::progress::Silent;
use segscope::engine::rng::rng;
use support::load;

fn report(name: &str) -> SelectionReport {
    // a 2000-row cap keeps the cc_general Laplacian score quick in the dev profile
    let params = SelectionParams::default().with_laplacian(LaplacianParams::default().with_max_rows(2000));
    let f = load(name);
    let input = SelectionInput {
        x: f.scaled.view(),
        names: &f.features,
        unscaled: Some(f.imputed.view()),
        labels: Some(&f.labels),
        scorer: Scorer::NearestCentroid,
        laplacian: None,
    };
    select_features(&input, &params, &mut Silent).unwrap()
}

fn row<'a>(
    r: &'a SelectionReport,
    name: &str,
) -> &'a segscope::engine::features::selection::FeatureAssessment {
    r.features.iter().find(|f| f.name == name).unwrap()
}

#[test]
fn correlated_pairs_drop_the_feature_that_varies_less() {
    // wholesale: Grocery ~ Detergents_Paper (r 0.92); the latter has the larger coefficient of variation
    let r = report("wholesale");
    let g = row(&r, "Grocery");
    assert_eq!(g.action, Action::Drop);
    assert!(matches!(&g.reason, Reason::Correlated { with, .. } if with == "Detergents_Paper"));
    assert!(g.explanation.starts_with("drop: correlated 0.92 with Detergents_Paper"), "{}", g.explanation);
    assert_eq!(row(&r, "Detergents_Paper").action, Action::Keep);
    assert!(!r.suggested.contains(&"Grocery".to_string()) && r.dropped == vec!["Grocery".to_string()]);

    // cc_general: PURCHASES ~ ONEOFF_PURCHASES (r 0.92)
    let r = report("cc_general");
    let p = row(&r, "PURCHASES");
    assert!(
        matches!(&p.reason, Reason::Correlated { with, .. } if with == "ONEOFF_PURCHASES"),
        "{}",
        p.explanation
    );
    for f in &r.features {
        println!("{:>2} {:<34} {:?} {}", f.rank, f.name, f.action, f.explanation);
    }
    assert!(r.notes.iter().any(|n| n.contains("sample of 2000 of 8950 rows")));
}

#[test]
fn mall_keeps_every_feature_and_ranks_by_separation() {
    let r = report("mall");
    assert_eq!(r.suggested.len(), 3);
    assert!(r.features.iter().all(|f| f.explanation.starts_with("keep: separates segments")));
    // η² from the reference: spending 0.79 > income 0.70 > age 0.67
    let order: Vec<&str> = r.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(order, ["Spending Score (1-100)", "Annual Income (k$)", "Age"]);
    assert!(r.features.iter().all(|f| f.permutation_importance.is_some_and(|i| i.mean > 0.05)));
    let json = serde_json::to_string(&r).unwrap();
    let back: SelectionReport = serde_json::from_str(&json).unwrap();
    assert_eq!((back.suggested, back.features.len()), (r.suggested.clone(), 3));
    assert_eq!(
        back.features[0].reason,
        Reason::Separates { eta_squared: back.features[0].eta_squared.unwrap() }
    );
}

#[test]
fn noise_and_constant_features_are_dropped_with_reasons() {
    let f = load("mall");
    let n = f.scaled.nrows();
    let mut g = rng(5);
    let noise = Array2::from_shape_fn((n, 1), |_| g.gen_range(-1.7..1.7));
    let constant = Array2::from_elem((n, 1), 0.0);
    let x = concatenate(Axis(1), &[f.scaled.view(), noise.view(), constant.view()]).unwrap();
    let unscaled =
        concatenate(Axis(1), &[f.imputed.view(), (&noise + 10.0).view(), (&constant + 3.0).view()]).unwrap();
    let mut names = f.features.clone();
    names.extend(["Noise".to_string(), "Constant".to_string()]);
    let input = SelectionInput {
        x: x.view(),
        names: &names,
        unscaled: Some(unscaled.view()),
        labels: Some(&f.labels),
        scorer: Scorer::NearestCentroid,
        laplacian: None,
    };
    let r = select_features(&input, &SelectionParams::default(), &mut Silent).unwrap();
    let noise_row = row(&r, "Noise");
    assert_eq!(noise_row.action, Action::Drop, "{}", noise_row.explanation);
    assert!(noise_row.explanation.starts_with("drop: hardly differs between segments"));
    let imp = noise_row.permutation_importance.unwrap();
    assert!(imp.mean.abs() < 0.05, "{imp:?}");
    let c = row(&r, "Constant");
    assert_eq!(c.explanation, "drop: constant (variance 0)");
    assert_eq!(r.suggested.len(), 3);
    assert_eq!(r.features.last().unwrap().action, Action::Drop);
}

/// Plain Lloyd k-means with k-means++ seeding, best of 4 runs (test helper; the engine's k-means lives
/// elsewhere).
fn kmeans(x: ArrayView2<f64>, k: usize, seed: u64) -> Vec<i32> {
    let n = x.nrows();
    let d2 = |a: ndarray::ArrayView1<f64>, b: ndarray::ArrayView1<f64>| -> f64 {
        a.iter().zip(b.iter()).map(|(p, q)| (p - q) * (p - q)).sum()
    };
    let mut best = (f64::INFINITY, vec![0; n]);
    for run in 0..4 {
        let mut g = segscope::engine::rng::sub_rng(seed, run);
        let mut centres = vec![x.row(g.gen_range(0..n)).to_owned()];
        while centres.len() < k {
            let w: Vec<f64> = (0..n)
                .map(|i| centres.iter().map(|c| d2(x.row(i), c.view())).fold(f64::INFINITY, f64::min))
                .collect();
            let total: f64 = w.iter().sum();
            let mut t = g.gen_range(0.0..total.max(1e-300));
            let mut pick = n - 1;
            for (i, wi) in w.iter().enumerate() {
                if t < *wi {
                    pick = i;
                    break;
                }
                t -= wi;
            }
            centres.push(x.row(pick).to_owned());
        }
        let mut labels = vec![0usize; n];
        for _ in 0..100 {
            for (i, label) in labels.iter_mut().enumerate() {
                *label = (0..k)
                    .min_by(|&a, &b| {
                        d2(x.row(i), centres[a].view()).total_cmp(&d2(x.row(i), centres[b].view()))
                    })
                    .unwrap();
            }
            let mut moved = false;
            for (c, centre) in centres.iter_mut().enumerate() {
                let members: Vec<usize> = (0..n).filter(|&i| labels[i] == c).collect();
                if members.is_empty() {
                    continue;
                }
                let mean = x.select(Axis(0), &members).mean_axis(Axis(0)).unwrap();
                moved |= d2(mean.view(), centre.view()) > 1e-18;
                *centre = mean;
            }
            if !moved {
                break;
            }
        }
        let inertia: f64 = (0..n).map(|i| d2(x.row(i), centres[labels[i]].view())).sum();
        if inertia < best.0 {
            best = (inertia, labels.iter().map(|&l| l as i32).collect());
        }
    }
    best.1
}

/// Exact mean silhouette (singletons score 0, as sklearn).
fn silhouette(x: ArrayView2<f64>, labels: &[i32]) -> f64 {
    let n = x.nrows();
    let k = labels.iter().copied().max().unwrap_or(0) as usize + 1;
    let mut total = 0.0;
    for i in 0..n {
        let mut sums = vec![0.0; k];
        let mut counts = vec![0usize; k];
        for j in 0..n {
            let d: f64 =
                x.row(i).iter().zip(x.row(j).iter()).map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt();
            sums[labels[j] as usize] += d;
            counts[labels[j] as usize] += 1;
        }
        let own = labels[i] as usize;
        if counts[own] <= 1 {
            continue;
        }
        let a = sums[own] / (counts[own] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != own && counts[c] > 0)
            .map(|c| sums[c] / counts[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if b.is_finite() {
            total += (b - a) / a.max(b);
        }
    }
    total / n as f64
}

#[test]
fn forward_selection_on_mall_picks_income_and_spending() {
    let f = load("mall");
    let cluster = |m: ArrayView2<f64>| kmeans(m, 5, 42);
    let r = forward_select(
        f.scaled.view(),
        &f.features,
        &cluster,
        &silhouette,
        &ForwardParams::default(),
        &mut Silent,
    )
    .unwrap();
    for s in &r.steps {
        println!("+ {} -> {:.4}", s.added, s.score);
    }
    println!("stopped: {}", r.stopped);
    let mut first_two = r.selected[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, ["Annual Income (k$)", "Spending Score (1-100)"]);
    assert!(r.score > 0.5, "{}", r.score);
    assert_eq!(r.selected.len(), 2, "adding Age lowers the silhouette: {}", r.stopped);
}

#[test]
fn hostile_inputs_give_errors_or_reports_not_panics() {
    use segscope::engine::features::selection::SelectionError;
    let names: Vec<String> = vec!["a".into(), "b".into()];
    let p = SelectionParams::default();
    let run = |x: &Array2<f64>, labels: Option<&[i32]>, unscaled: Option<&Array2<f64>>| {
        let input = SelectionInput {
            x: x.view(),
            names: &names,
            unscaled: unscaled.map(|u| u.view()),
            labels,
            scorer: Scorer::NearestCentroid,
            laplacian: None,
        };
        select_features(&input, &p, &mut Silent)
    };
    let one_row = Array2::zeros((1, 2));
    assert!(matches!(run(&one_row, None, None), Err(SelectionError::TooFewRows { .. })));
    let mut with_nan = ndarray::array![[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]];
    with_nan[[1, 1]] = f64::NAN;
    assert!(matches!(run(&with_nan, None, None), Err(SelectionError::NonFinite { row: 1, column: 1, .. })));
    assert!(matches!(run(&one_row, Some(&[0]), None), Err(SelectionError::TooFewRows { .. })));

    // every feature constant: all are dropped (the keep-one rule only revives features dropped for a weak reason)
    let constant = Array2::from_elem((4, 2), 1.0);
    let r = run(&constant, Some(&[0, 0, 1, 1]), None).unwrap();
    assert!(r.features.iter().all(|f| f.action == Action::Drop));
    // all noise, one segment, a NaN in the unscaled values
    let x = ndarray::array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]];
    let mut u = x.clone() + 5.0;
    u[[0, 0]] = f64::NAN;
    for labels in [[-1, -1, -1, -1], [0, 0, 0, 0], [0, 1, -1, 1]] {
        let r = run(&x, Some(&labels), Some(&u)).unwrap();
        assert_eq!(r.features.len(), 2);
        assert!(!r.suggested.is_empty());
    }
    assert!(matches!(run(&x, Some(&[0, 1]), None), Err(SelectionError::RowsMismatch { .. })));
    let bad_u = Array2::zeros((4, 3));
    assert!(matches!(run(&x, None, Some(&bad_u)), Err(SelectionError::ColumnsMismatch { .. })));
}
