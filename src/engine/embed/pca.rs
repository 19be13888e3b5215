//! Principal component analysis by symmetric eigendecomposition of the covariance matrix (`embed::eigen`:
//! cyclic Jacobi, or subspace iteration for the leading components of wide data).
//!
//! Written here rather than taken from linfa-reduction because that crate's PCA needs LAPACK-free
//! truncated SVD features we cannot build for wasm32 and reports no explained-variance ratios.
//! Signs are fixed so that each component's largest-magnitude loading is positive (deterministic maps).

use super::eigen::leading_eigen;
use ndarray::{Array1, Array2, ArrayView2, Axis};

/// Errors from fitting a PCA.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PcaError {
    #[error("pca needs at least 1 row and 1 column, got {rows} × {cols}")]
    Empty { rows: usize, cols: usize },
    #[error("pca needs finite values; row {row}, column {col} is {value}")]
    NotFinite { row: usize, col: usize, value: f64 },
}

/// A fitted PCA: the mean, the components (rows, by decreasing variance) and their variances.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pca {
    pub mean: Vec<f64>,
    /// `components[i]` is the i-th principal axis (unit length, `d` entries).
    pub components: Vec<Vec<f64>>,
    /// Variance along each component (divided by n − 1, as scikit-learn).
    pub explained_variance: Vec<f64>,
    /// Share of the total variance along each component.
    pub explained_variance_ratio: Vec<f64>,
}

impl Pca {
    /// Fits up to `n_components` components of `x` (rows are samples).
    pub fn fit(x: ArrayView2<f64>, n_components: usize) -> Result<Pca, PcaError> {
        let (n, d) = x.dim();
        if n == 0 || d == 0 {
            return Err(PcaError::Empty { rows: n, cols: d });
        }
        if let Some(((row, col), &value)) = x.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Err(PcaError::NotFinite { row, col, value });
        }
        let mean = x.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(d));
        let centred = &x - &mean;
        let denom = if n > 1 { (n - 1) as f64 } else { 1.0 };
        let cov = centred.t().dot(&centred) / denom;
        let total: f64 = (0..d).map(|j| cov[[j, j]]).sum();
        let cov: Vec<f64> = cov.iter().copied().collect();
        let k = n_components.min(d);
        let mut components = Vec::with_capacity(k);
        let mut explained_variance = Vec::with_capacity(k);
        for (value, mut v) in leading_eigen(cov, d, k) {
            let (imax, _) = v.iter().enumerate().fold((0, 0.0_f64), |best, (i, &c)| {
                if c.abs() > best.1 + 1e-12 {
                    (i, c.abs())
                } else {
                    best
                }
            });
            if v[imax] < 0.0 {
                v.iter_mut().for_each(|c| *c = -*c);
            }
            components.push(v);
            explained_variance.push(value.max(0.0));
        }
        let explained_variance_ratio =
            explained_variance.iter().map(|v| if total > 0.0 { v / total } else { 0.0 }).collect();
        Ok(Pca { mean: mean.to_vec(), components, explained_variance, explained_variance_ratio })
    }

    /// Projects rows of `x` onto the components: an `n × k` matrix.
    pub fn transform(&self, x: ArrayView2<f64>) -> Array2<f64> {
        let (n, d) = x.dim();
        let k = self.components.len();
        let mut out = Array2::zeros((n, k));
        for (i, row) in x.outer_iter().enumerate() {
            for (c, comp) in self.components.iter().enumerate() {
                let mut s = 0.0;
                for j in 0..d.min(comp.len()) {
                    s += (row[j] - self.mean[j]) * comp[j];
                }
                out[[i, c]] = s;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn recovers_the_main_axis_of_a_line() {
        let x = array![[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]];
        let p = Pca::fit(x.view(), 2).unwrap();
        let c = &p.components[0];
        assert!((c[0] - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
        assert!((c[1] - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
        assert!((p.explained_variance_ratio[0] - 1.0).abs() < 1e-12);
        let t = p.transform(x.view());
        assert!((t[[3, 0]] - t[[0, 0]] - 3.0 * 2f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn hostile_inputs_are_errors() {
        assert!(matches!(Pca::fit(Array2::zeros((0, 3)).view(), 2), Err(PcaError::Empty { .. })));
        assert!(matches!(Pca::fit(array![[f64::NAN]].view(), 1), Err(PcaError::NotFinite { .. })));
        let single = Pca::fit(array![[1.0, 2.0]].view(), 2).unwrap();
        assert_eq!(single.explained_variance, vec![0.0, 0.0]);
    }
}
