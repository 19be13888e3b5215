//! The small dense linear algebra the mixtures need: Cholesky factorisation and the inverse of a lower
//! triangular matrix (for scikit-learn's "precision Cholesky"). Written here because LAPACK bindings do not
//! build for wasm32; matrices are row-major `d × d` slices and `d` is small (the number of features).

/// Lower Cholesky factor `L` of the symmetric matrix `a` (`a = L Lᵀ`), or `None` if `a` is not
/// (numerically) positive definite. Only the lower triangle of `a` is read.
pub fn cholesky(a: &[f64], d: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..=i {
            let mut s = a[i * d + j];
            for t in 0..j {
                s -= l[i * d + t] * l[j * d + t];
            }
            if i == j {
                if !(s > 0.0 && s.is_finite()) {
                    return None;
                }
                l[i * d + i] = s.sqrt();
            } else {
                l[i * d + j] = s / l[j * d + j];
            }
        }
    }
    Some(l)
}

/// Inverse of a lower triangular matrix with a non-zero diagonal (forward substitution on the identity);
/// the result is lower triangular.
pub fn lower_inverse(l: &[f64], d: usize) -> Vec<f64> {
    let mut inv = vec![0.0; d * d];
    for c in 0..d {
        // solve L y = e_c; y is zero above row c
        for i in c..d {
            let mut s = if i == c { 1.0 } else { 0.0 };
            for t in c..i {
                s -= l[i * d + t] * inv[t * d + c];
            }
            inv[i * d + c] = s / l[i * d + i];
        }
    }
    inv
}

/// Transpose of a `d × d` matrix.
pub fn transpose(a: &[f64], d: usize) -> Vec<f64> {
    let mut t = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..d {
            t[j * d + i] = a[i * d + j];
        }
    }
    t
}

/// scikit-learn's precision Cholesky of a covariance: `(L⁻¹)ᵀ`, upper triangular, so that
/// `precision = U Uᵀ` and `‖(x − μ) U‖²` is the squared Mahalanobis distance. `None` if not positive definite.
pub fn precision_cholesky(cov: &[f64], d: usize) -> Option<Vec<f64>> {
    cholesky(cov, d).map(|l| transpose(&lower_inverse(&l, d), d))
}

/// `U Uᵀ`, the matrix a (precision) Cholesky factor stands for.
pub fn gram(u: &[f64], d: usize) -> Vec<f64> {
    let mut m = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..d {
            m[i * d + j] = (0..d).map(|t| u[i * d + t] * u[j * d + t]).sum();
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matmul(a: &[f64], b: &[f64], d: usize) -> Vec<f64> {
        let mut m = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                m[i * d + j] = (0..d).map(|t| a[i * d + t] * b[t * d + j]).sum();
            }
        }
        m
    }

    #[test]
    fn cholesky_reconstructs() {
        let a = [4.0, 2.0, 0.6, 2.0, 2.0, 0.5, 0.6, 0.5, 3.0];
        let l = cholesky(&a, 3).unwrap();
        let back = matmul(&l, &transpose(&l, 3), 3);
        back.iter().zip(&a).for_each(|(x, y)| assert!((x - y).abs() < 1e-12));
    }

    #[test]
    fn not_positive_definite_is_none() {
        assert!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
        assert!(cholesky(&[0.0], 1).is_none());
        assert!(cholesky(&[f64::NAN], 1).is_none());
    }

    #[test]
    fn precision_cholesky_inverts_covariance() {
        let a = [4.0, 2.0, 0.6, 2.0, 2.0, 0.5, 0.6, 0.5, 3.0];
        let u = precision_cholesky(&a, 3).unwrap();
        let prec = gram(&u, 3);
        let id = matmul(&a, &prec, 3);
        for i in 0..3 {
            for j in 0..3 {
                assert!((id[i * 3 + j] - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12);
            }
            for j in 0..i {
                assert_eq!(u[i * 3 + j], 0.0, "upper triangular");
            }
        }
    }
}
