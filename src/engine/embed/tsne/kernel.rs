//! The Student-t kernel of the map, w(d²) = (1 + d²/dof)^(−(dof + 1)/2) with dof = max(n_components − 1, 1),
//! and the factor u(d²) = (1 + d²/dof)^(−1) that the gradient carries.
//!
//! dC/dy_i = (2(dof + 1)/dof) Σ_j (p_ij − q_ij) u_ij (y_i − y_j). For dof = 1 (1-D and 2-D maps) u = w and
//! this is scikit-learn's formula; for dof = 2 (3-D maps) scikit-learn multiplies by w instead of u, which
//! is not the gradient of its KL divergence (`exact_gradient_matches_finite_differences` in gradient.rs
//! checks ours). So 3-D maps here follow the true gradient and differ from scikit-learn's.

/// The Student-t kernel with its degrees of freedom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kernel {
    /// Degrees of freedom (1 for 1-D and 2-D maps, 2 for 3-D maps).
    pub dof: f64,
}

impl Kernel {
    /// (w, u) for the squared distance `d2`: w = u^((dof + 1)/2) with u = dof / (dof + d²). The two exponents
    /// t-SNE uses are computed without `pow` (1 → u, 3/2 → u·√u; √ is correctly rounded everywhere);
    /// others go through `libm::pow`.
    #[inline(always)]
    pub fn weights(self, d2: f64) -> (f64, f64) {
        let u = self.dof / (self.dof + d2);
        let w = if self.dof == 1.0 {
            u
        } else if self.dof == 2.0 {
            u * u.sqrt()
        } else {
            libm::pow(u, (self.dof + 1.0) / 2.0)
        };
        (w, u)
    }

    /// The constant 2(dof + 1)/dof in front of the gradient.
    pub fn factor(self) -> f64 {
        2.0 * (self.dof + 1.0) / self.dof
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_match_the_formula() {
        for dof in [1.0, 2.0, 3.0] {
            for d2 in [0.0, 0.3, 4.0, 1e6] {
                let want = (1.0_f64 + d2 / dof).powf(-(dof + 1.0) / 2.0);
                let (w, u) = Kernel { dof }.weights(d2);
                assert!((w - want).abs() <= 1e-14 * want, "dof {dof} d2 {d2}: {w} vs {want}");
                assert!((u - 1.0 / (1.0 + d2 / dof)).abs() <= 1e-15);
            }
        }
        assert_eq!(Kernel { dof: 1.0 }.factor(), 4.0);
        assert_eq!(Kernel { dof: 2.0 }.factor(), 3.0);
    }
}
