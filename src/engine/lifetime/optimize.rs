//! Unconstrained minimisation for the lifetime models' likelihoods: BFGS with an Armijo backtracking line
//! search on an analytic gradient, and a Nelder–Mead simplex as a derivative-free fallback.
//!
//! Written here rather than using `argmin`: argmin's executor reads a wall clock (`web_time`/`instant`), which
//! the engine may not do (time comes only from the Monitor), and cancellation would have to be threaded through
//! its observers. The problems are 3–4 dimensional and smooth; these ~150 lines are tested below on Rosenbrock
//! and a quadratic, and end to end against lifetimes' fitted parameters (`tests/lifetime_cdnow.rs`).

use crate::engine::progress::{Cancelled, Monitor};

/// A function returning its value and gradient at a point.
pub type ValueAndGradient<'a> = dyn Fn(&[f64]) -> (f64, Vec<f64>) + 'a;

/// The outcome of a minimisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub f: f64,
    pub iterations: usize,
    pub converged: bool,
    /// Largest absolute gradient component at `x` (NaN after Nelder–Mead).
    pub gradient_norm: f64,
}

/// Minimises `f` (returning value and gradient) from `x0` by BFGS; stops when every gradient component is
/// below `gtol` (scipy's criterion), when the function stops decreasing, or after `max_iter` iterations.
/// A non-finite value counts as "too far" in the line search.
pub fn bfgs(
    f: &ValueAndGradient,
    x0: &[f64],
    gtol: f64,
    max_iter: usize,
    stage: &str,
    monitor: &mut dyn Monitor,
) -> Result<Minimum, Cancelled> {
    let n = x0.len();
    let mut x = x0.to_vec();
    let (mut fx, mut g) = f(&x);
    let mut h = identity(n);
    let inf_norm = |g: &[f64]| g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let mut iterations = 0;
    let mut converged = fx.is_finite() && inf_norm(&g) < gtol;
    while !converged && iterations < max_iter && fx.is_finite() {
        monitor.progress(stage, iterations as f64 / max_iter as f64);
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        iterations += 1;
        let mut p: Vec<f64> = (0..n).map(|i| -dot(&h[i], &g)).collect();
        let mut slope = dot(&p, &g);
        if slope.is_nan() || slope >= 0.0 {
            h = identity(n);
            p = g.iter().map(|v| -v).collect();
            slope = dot(&p, &g);
        }
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let xn: Vec<f64> = x.iter().zip(&p).map(|(a, d)| a + step * d).collect();
            let (fxn, gn) = f(&xn);
            if fxn.is_finite() && gn.iter().all(|v| v.is_finite()) && fxn <= fx + 1e-4 * step * slope {
                accepted = Some((xn, fxn, gn));
                break;
            }
            step *= 0.5;
        }
        let Some((xn, fxn, gn)) = accepted else { break };
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let stalled = (fx - fxn).abs() <= 1e-15 * fx.abs().max(1.0);
        x = xn;
        fx = fxn;
        g = gn;
        converged = inf_norm(&g) < gtol || stalled && inf_norm(&g) < gtol.sqrt();
        if stalled && !converged {
            break;
        }
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            update_inverse_hessian(&mut h, &s, &y, sy);
        }
    }
    Ok(Minimum { gradient_norm: inf_norm(&g), x, f: fx, iterations, converged })
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n).map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect()).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s).
fn update_inverse_hessian(h: &mut [Vec<f64>], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| dot(&h[i], y)).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

/// Minimises `f` from `x0` with a Nelder–Mead simplex (reflection 1, expansion 2, contraction ½, shrink ½;
/// initial steps 5% of each coordinate, 0.00025 for zeros, as scipy); stops when the simplex's values and
/// points agree within `tol`, or after `max_iter` iterations. Non-finite values rank last.
pub fn nelder_mead(
    f: &dyn Fn(&[f64]) -> f64,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
    stage: &str,
    monitor: &mut dyn Monitor,
) -> Result<Minimum, Cancelled> {
    let n = x0.len();
    let value = |x: &[f64]| {
        let v = f(x);
        if v.is_nan() {
            f64::INFINITY
        } else {
            v
        }
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = vec![(x0.to_vec(), value(x0))];
    for i in 0..n {
        let mut x = x0.to_vec();
        x[i] = if x[i] != 0.0 { x[i] * 1.05 } else { 0.00025 };
        let fx = value(&x);
        simplex.push((x, fx));
    }
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iter {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let spread_f = simplex.iter().map(|p| (p.1 - simplex[0].1).abs()).fold(0.0, f64::max);
        let spread_x = simplex
            .iter()
            .flat_map(|p| p.0.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        if spread_f <= tol && spread_x <= tol {
            converged = true;
            break;
        }
        if iterations % 16 == 0 {
            monitor.progress(stage, iterations as f64 / max_iter as f64);
            if monitor.cancelled() {
                return Err(Cancelled);
            }
        }
        iterations += 1;
        let centroid: Vec<f64> =
            (0..n).map(|j| simplex[..n].iter().map(|p| p.0[j]).sum::<f64>() / n as f64).collect();
        let along = |t: f64| -> Vec<f64> {
            centroid.iter().zip(&simplex[n].0).map(|(c, w)| c + t * (c - w)).collect()
        };
        let xr = along(1.0);
        let fr = value(&xr);
        if fr < simplex[0].1 {
            let xe = along(2.0);
            let fe = value(&xe);
            simplex[n] = if fe < fr { (xe, fe) } else { (xr, fr) };
        } else if fr < simplex[n - 1].1 {
            simplex[n] = (xr, fr);
        } else {
            let (xc, fc) = if fr < simplex[n].1 {
                let xc = along(0.5);
                let fc = value(&xc);
                (xc, fc)
            } else {
                let xc = along(-0.5);
                let fc = value(&xc);
                (xc, fc)
            };
            if fc < simplex[n].1.min(fr) {
                simplex[n] = (xc, fc);
            } else {
                let best = simplex[0].0.clone();
                for p in simplex.iter_mut().skip(1) {
                    p.0 = best.iter().zip(&p.0).map(|(b, x)| b + 0.5 * (x - b)).collect();
                    p.1 = value(&p.0);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (x, fx) = simplex.swap_remove(0);
    Ok(Minimum { x, f: fx, iterations, converged, gradient_norm: f64::NAN })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;

    fn rosenbrock(x: &[f64]) -> (f64, Vec<f64>) {
        let (a, b) = (x[0], x[1]);
        let f = (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
        (f, vec![-2.0 * (1.0 - a) - 400.0 * a * (b - a * a), 200.0 * (b - a * a)])
    }

    #[test]
    fn bfgs_finds_rosenbrock_minimum() {
        let m = bfgs(&rosenbrock, &[-1.2, 1.0], 1e-8, 500, "t", &mut Silent).unwrap();
        assert!(m.converged, "{m:?}");
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6, "{m:?}");
    }

    #[test]
    fn bfgs_backs_off_from_non_finite_regions() {
        // f = x - ln x has its minimum at 1 and is undefined for x <= 0
        let f = |x: &[f64]| (x[0] - x[0].ln(), vec![1.0 - 1.0 / x[0]]);
        let m = bfgs(&f, &[5.0], 1e-10, 200, "t", &mut Silent).unwrap();
        assert!((m.x[0] - 1.0).abs() < 1e-8, "{m:?}");
    }

    #[test]
    fn nelder_mead_finds_rosenbrock_minimum() {
        let f = |x: &[f64]| rosenbrock(x).0;
        let m = nelder_mead(&f, &[-1.2, 1.0], 1e-10, 5000, "t", &mut Silent).unwrap();
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4, "{m:?}");
    }

    struct CancelNow;
    impl Monitor for CancelNow {
        fn progress(&mut self, _: &str, _: f64) {}
        fn cancelled(&self) -> bool {
            true
        }
    }

    #[test]
    fn both_stop_on_cancel() {
        assert_eq!(bfgs(&rosenbrock, &[-1.2, 1.0], 1e-8, 500, "t", &mut CancelNow), Err(Cancelled));
        let f = |x: &[f64]| rosenbrock(x).0;
        assert_eq!(nelder_mead(&f, &[-1.2, 1.0], 1e-8, 500, "t", &mut CancelNow), Err(Cancelled));
    }
}
