//! The initial map: PCA scaled so that the first component has standard deviation 1e-4 (scikit-learn's
//! `init="pca"`), or seeded normal noise with standard deviation 1e-4 (`init="random"`).
//!
//! The PCA here is computed with plain loops rather than with `embed::Pca`, whose covariance goes through
//! ndarray's `dot` and so through matrixmultiply's FMA kernels on x86-64 (and not in wasm32): a last-bit
//! difference in the start would grow over 1,000 t-SNE iterations, and the map must be the same bit for bit
//! in the browser and the CLI. Signs follow scikit-learn's `svd_flip`: each component's largest-magnitude
//! loading is positive.

use super::super::eigen::leading_eigen;
use super::input::Rows;
use super::TsneInit;
use crate::engine::rng::{rng, EngineRng, Rng};

/// Standard deviation of the initial map.
const INIT_STD: f64 = 1e-4;

/// A standard normal draw by Box–Muller with `libm` (the same bits on every platform).
fn normal(r: &mut EngineRng) -> f64 {
    let u1 = 1.0 - r.gen::<f64>(); // (0, 1]
    let u2 = r.gen::<f64>();
    (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * u2)
}

/// The initial map of `rows` in `D` dimensions and notes on any fallback taken.
pub fn initial_map<const D: usize>(rows: &Rows, init: TsneInit, seed: u64) -> (Vec<[f64; D]>, Vec<String>) {
    let mut r = rng(seed);
    let mut notes = Vec::new();
    let mut y = vec![[0.0; D]; rows.n];
    let mut filled = 0;
    if init == TsneInit::Pca {
        let (mean, comps) = principal_axes(rows, D);
        for (i, yi) in y.iter_mut().enumerate() {
            for (c, axis) in comps.iter().enumerate() {
                yi[c] = rows.row(i).iter().zip(&mean).zip(axis).map(|((x, m), v)| (x - m) * v).sum();
            }
        }
        let m0 = y.iter().map(|v| v[0]).sum::<f64>() / rows.n as f64;
        let sd0 = (y.iter().map(|v| (v[0] - m0) * (v[0] - m0)).sum::<f64>() / rows.n as f64).sqrt();
        if sd0 > 0.0 && sd0.is_finite() && y.iter().all(|v| v.iter().all(|c| c.is_finite())) {
            let scale = INIT_STD / sd0;
            y.iter_mut().for_each(|v| v.iter_mut().for_each(|c| *c *= scale));
            filled = comps.len();
            if filled < D {
                notes.push(format!(
                    "the data have {} column(s), so map dimensions {}..{} start from seeded noise",
                    rows.d,
                    filled + 1,
                    D
                ));
            }
        } else {
            notes.push(
                "the principal components are degenerate (identical rows or overflowing values), so the map \
                 starts from seeded noise"
                    .into(),
            );
        }
    }
    for yi in y.iter_mut() {
        for c in yi.iter_mut().skip(filled) {
            *c = INIT_STD * normal(&mut r);
        }
    }
    (y, notes)
}

/// The column means and the first min(k, d) principal axes of the rows (unit vectors, by decreasing variance).
fn principal_axes(rows: &Rows, k: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let (n, d) = (rows.n, rows.d);
    let mean: Vec<f64> = (0..d).map(|j| (0..n).map(|i| rows.row(i)[j]).sum::<f64>() / n as f64).collect();
    let mut cov = vec![0.0; d * d];
    for i in 0..n {
        let x = rows.row(i);
        for a in 0..d {
            let xa = x[a] - mean[a];
            for b in a..d {
                cov[a * d + b] += xa * (x[b] - mean[b]);
            }
        }
    }
    for a in 0..d {
        for b in a..d {
            cov[b * d + a] = cov[a * d + b];
        }
    }
    let axes = leading_eigen(cov, d, k)
        .into_iter()
        .map(|(_, mut v)| {
            let mut imax = 0;
            for (i, c) in v.iter().enumerate() {
                if c.abs() > v[imax].abs() {
                    imax = i;
                }
            }
            if v[imax] < 0.0 {
                v.iter_mut().for_each(|c| *c = -*c);
            }
            v
        })
        .collect();
    (mean, axes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::embed::Pca;
    use crate::engine::rng::{rng, Rng};
    use ndarray::Array2;

    fn rows(n: usize, d: usize, seed: u64) -> Rows {
        let mut r = rng(seed);
        let data = (0..n * d).map(|t| r.gen::<f64>() * (1 + t % d) as f64).collect();
        Rows { n, d, data }
    }

    #[test]
    fn pca_init_is_the_scaled_projection_of_embed_pca() {
        let rs = rows(150, 4, 1);
        let (y, notes) = initial_map::<2>(&rs, TsneInit::Pca, 0);
        assert!(notes.is_empty());
        let x = Array2::from_shape_vec((150, 4), rs.data.clone()).unwrap();
        let t = Pca::fit(x.view(), 2).unwrap().transform(x.view());
        let m0 = t.column(0).mean().unwrap();
        let sd0 = (t.column(0).iter().map(|v| (v - m0).powi(2)).sum::<f64>() / 150.0).sqrt();
        for i in 0..150 {
            for c in 0..2 {
                assert!((y[i][c] - t[[i, c]] / sd0 * 1e-4).abs() < 1e-13, "{i} {c}");
            }
        }
        let m = y.iter().map(|v| v[0]).sum::<f64>() / 150.0;
        let sd = (y.iter().map(|v| (v[0] - m).powi(2)).sum::<f64>() / 150.0).sqrt();
        assert!((sd - 1e-4).abs() < 1e-16);
    }

    #[test]
    fn random_init_is_seeded_normal_noise() {
        let rs = rows(2000, 3, 2);
        let (a, _) = initial_map::<2>(&rs, TsneInit::Random, 7);
        let (b, _) = initial_map::<2>(&rs, TsneInit::Random, 7);
        let (c, _) = initial_map::<2>(&rs, TsneInit::Random, 8);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let sd = (a.iter().map(|v| v[1] * v[1]).sum::<f64>() / 2000.0).sqrt();
        assert!((sd - 1e-4).abs() < 5e-6, "{sd}");
    }

    #[test]
    fn missing_axes_and_constant_data_fall_back_to_noise() {
        let one_col = Rows { n: 30, d: 1, data: (0..30).map(|i| i as f64).collect() };
        let (y, notes) = initial_map::<2>(&one_col, TsneInit::Pca, 0);
        assert_eq!(notes.len(), 1);
        assert!(y.iter().all(|v| v[1] != 0.0));
        let constant = Rows { n: 30, d: 2, data: vec![5.0; 60] };
        let (y, notes) = initial_map::<2>(&constant, TsneInit::Pca, 0);
        assert_eq!(notes.len(), 1);
        assert!(y.iter().all(|v| v[0].is_finite() && v[0] != 0.0));
    }
}
