//! Covariances in scikit-learn's four shapes, their precision Cholesky factors, and the factor form the
//! E-step uses. A covariance that is not positive definite (possible only with `reg_covar` ≈ 0 or degenerate
//! data) gets more diagonal regularisation instead of failing the fit, and the repair is reported.

use serde::{Deserialize, Serialize};

use super::linalg::{gram, precision_cholesky};
use super::params::CovarianceType;

/// Component covariances (or precision Cholesky factors) in scikit-learn's shapes; matrices are row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Covariances {
    /// One `d × d` matrix (flattened) per component.
    Full(Vec<Vec<f64>>),
    /// One `d × d` matrix (flattened) shared by all components.
    Tied(Vec<f64>),
    /// One length-`d` diagonal per component.
    Diag(Vec<Vec<f64>>),
    /// One variance per component.
    Spherical(Vec<f64>),
}

impl Covariances {
    /// The shape.
    pub fn covariance_type(&self) -> CovarianceType {
        match self {
            Covariances::Full(_) => CovarianceType::Full,
            Covariances::Tied(_) => CovarianceType::Tied,
            Covariances::Diag(_) => CovarianceType::Diag,
            Covariances::Spherical(_) => CovarianceType::Spherical,
        }
    }

    /// True when the shape fits `k` components of `d` features.
    pub fn fits(&self, k: usize, d: usize) -> bool {
        match self {
            Covariances::Full(m) => m.len() == k && m.iter().all(|c| c.len() == d * d),
            Covariances::Tied(m) => m.len() == d * d,
            Covariances::Diag(m) => m.len() == k && m.iter().all(|c| c.len() == d),
            Covariances::Spherical(v) => v.len() == k,
        }
    }

    /// The full `d × d` matrix of component `j` (row-major), whatever the shape.
    pub fn matrix(&self, j: usize, d: usize) -> Vec<f64> {
        let diag = |v: &dyn Fn(usize) -> f64| {
            let mut m = vec![0.0; d * d];
            (0..d).for_each(|i| m[i * d + i] = v(i));
            m
        };
        match self {
            Covariances::Full(m) => m[j].clone(),
            Covariances::Tied(m) => m.clone(),
            Covariances::Diag(m) => diag(&|i| m[j][i]),
            Covariances::Spherical(v) => diag(&|_| v[j]),
        }
    }
}

/// How one component turns `x − μ` into the whitened vector `y` with `‖y‖²` = Mahalanobis distance.
#[derive(Debug, Clone)]
pub(crate) enum Factor {
    /// Upper triangular `d × d` precision Cholesky `U`: `y = (x − μ) U`.
    Upper(Vec<f64>),
    /// Per-feature precision square roots: `y_i = (x_i − μ_i) p_i`.
    Diag(Vec<f64>),
}

/// Precision factors of every component and `log det U` (= −½ log det Σ).
#[derive(Debug, Clone)]
pub(crate) struct Precisions {
    pub factors: Vec<Factor>,
    pub log_det: Vec<f64>,
}

impl Precisions {
    /// Builds the E-step form from precision Cholesky factors stored in scikit-learn's shapes.
    pub fn from_cholesky(pc: &Covariances, k: usize, d: usize) -> Self {
        let upper = |u: &Vec<f64>| (Factor::Upper(u.clone()), (0..d).map(|i| u[i * d + i].ln()).sum::<f64>());
        let diag = |p: Vec<f64>| {
            let ld = p.iter().map(|v| v.ln()).sum::<f64>();
            (Factor::Diag(p), ld)
        };
        let (factors, log_det) = (0..k)
            .map(|j| match pc {
                Covariances::Full(m) => upper(&m[j]),
                Covariances::Tied(m) => upper(m),
                Covariances::Diag(m) => diag(m[j].clone()),
                Covariances::Spherical(v) => diag(vec![v[j]; d]),
            })
            .unzip();
        Self { factors, log_det }
    }
}

/// scikit-learn's `precisions_cholesky_` for `cov`, regularising any covariance that is not positive definite
/// by adding `reg × 10^t` (t = 1, 2, …) to its diagonal (diag/spherical: raising variances to at least `reg`,
/// or 1e-12 when `reg` is 0). Returns the factors and the number of repairs; `cov` is updated in place.
pub(crate) fn precision_factors(cov: &mut Covariances, d: usize, reg: f64) -> (Covariances, usize) {
    let (mut matrix_repairs, mut var_repairs) = (0, 0);
    let mut chol = |m: &mut Vec<f64>| -> Vec<f64> {
        let mut bump = reg.max(1e-12);
        for _ in 0..40 {
            if let Some(u) = precision_cholesky(m, d) {
                return u;
            }
            matrix_repairs += 1;
            bump *= 10.0;
            (0..d).for_each(|i| m[i * d + i] += bump);
        }
        // only reachable with non-finite entries: fall back to the identity
        let mut id = vec![0.0; d * d];
        (0..d).for_each(|i| id[i * d + i] = 1.0);
        *m = id.clone();
        id
    };
    let floor = reg.max(1e-12);
    let mut positive = |v: &mut f64| -> f64 {
        if !(*v > 0.0 && v.is_finite()) {
            var_repairs += 1;
            *v = floor;
        }
        1.0 / v.sqrt()
    };
    let pc = match cov {
        Covariances::Full(ms) => Covariances::Full(ms.iter_mut().map(&mut chol).collect()),
        Covariances::Tied(m) => Covariances::Tied(chol(m)),
        Covariances::Diag(ms) => {
            Covariances::Diag(ms.iter_mut().map(|m| m.iter_mut().map(&mut positive).collect()).collect())
        }
        Covariances::Spherical(v) => Covariances::Spherical(v.iter_mut().map(&mut positive).collect()),
    };
    (pc, matrix_repairs + var_repairs)
}

/// Precision matrices `U Uᵀ` (or `p²`) from precision Cholesky factors, in the same shapes.
pub fn precisions_from_cholesky(pc: &Covariances, d: usize) -> Covariances {
    match pc {
        Covariances::Full(m) => Covariances::Full(m.iter().map(|u| gram(u, d)).collect()),
        Covariances::Tied(u) => Covariances::Tied(gram(u, d)),
        Covariances::Diag(m) => {
            Covariances::Diag(m.iter().map(|p| p.iter().map(|v| v * v).collect()).collect())
        }
        Covariances::Spherical(v) => Covariances::Spherical(v.iter().map(|p| p * p).collect()),
    }
}

/// scikit-learn's `_n_parameters`: free parameters of a mixture of `k` components over `d` features.
pub fn n_parameters(ty: CovarianceType, k: usize, d: usize) -> usize {
    let cov = match ty {
        CovarianceType::Full => k * d * (d + 1) / 2,
        CovarianceType::Diag => k * d,
        CovarianceType::Tied => d * (d + 1) / 2,
        CovarianceType::Spherical => k,
    };
    cov + d * k + k - 1
}
