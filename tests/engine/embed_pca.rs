//! The map's PCA against scikit-learn (`tests/reference/embed_pca.py`): the standardized wholesale spend
//! columns (6 features, diagonalised whole) and a wide matrix given by a formula (150 features, whose three
//! leading components come from subspace iteration).

use ndarray::Array2;
use segscope::engine::embed::Pca;
use serde_json::Value;

fn expected() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/expected/embed_pca.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// Compares a fit with sklearn's: variances and ratios to 1e-9 (relative), components to 1e-7.
fn check(name: &str, x: &Array2<f64>, want: &Value) {
    let pca = Pca::fit(x.view(), 3).unwrap();
    let close = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol * b.abs().max(1e-300);
    for (i, (&got, want)) in
        pca.explained_variance.iter().zip(numbers(&want["explained_variance"])).enumerate()
    {
        assert!(close(got, want, 1e-9), "{name}: variance {i}: {got} vs {want}");
    }
    for (i, (&got, want)) in
        pca.explained_variance_ratio.iter().zip(numbers(&want["explained_variance_ratio"])).enumerate()
    {
        assert!(close(got, want, 1e-9), "{name}: ratio {i}: {got} vs {want}");
    }
    for (i, (got, want)) in pca.components.iter().zip(want["components"].as_array().unwrap()).enumerate() {
        let want = numbers(want);
        let worst = got.iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        assert!(worst < 1e-7, "{name}: component {i} differs by {worst}");
    }
}

#[test]
fn standardized_wholesale_spend_matches_scikit_learn() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/wholesale_customers.csv"))
            .unwrap();
    let rows: Vec<Vec<f64>> =
        text.lines().skip(1).map(|l| l.split(',').skip(2).map(|v| v.parse().unwrap()).collect()).collect();
    let (n, d) = (rows.len(), 6);
    let mut x = Array2::from_shape_fn((n, d), |(i, j)| rows[i][j]);
    for mut column in x.columns_mut() {
        let mean = column.mean().unwrap();
        let sd = (column.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
        column.mapv_inplace(|v| (v - mean) / sd);
    }
    check("wholesale", &x, &expected()["wholesale_standardized"]);
}

#[test]
fn a_wide_matrix_matches_scikit_learn() {
    let x = Array2::from_shape_fn((300, 150), |(i, j)| {
        let (i, j) = (i as f64, j as f64);
        (0.37 * i * (j % 7.0 + 1.0) + 1.3 * j).sin() * (1.0 + j % 5.0) + 0.1 * (0.011 * i * j).cos()
    });
    check("wide", &x, &expected()["wide_formula"]);
}
