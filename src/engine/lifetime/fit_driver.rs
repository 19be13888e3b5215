//! The fitting recipe both models share: BFGS on log-parameters from lifetimes' start (all 0.1), and when
//! BFGS does not converge a Nelder–Mead restart followed by BFGS again; notes say what happened.

use super::optimize::{bfgs, nelder_mead, Minimum, ValueAndGradient};
use super::params::ValidFitParams;
use crate::engine::progress::{Cancelled, Monitor};

/// Minimises the mean negative log-likelihood `f` over log-parameters; returns the minimum and notes.
pub(crate) fn minimise(
    f: &ValueAndGradient,
    dims: usize,
    params: &ValidFitParams,
    stage: &str,
    monitor: &mut dyn Monitor,
) -> Result<(Minimum, Vec<String>), Cancelled> {
    let p = params.get();
    let start = vec![0.1; dims];
    let mut notes = Vec::new();
    let first = bfgs(f, &start, p.tolerance, p.max_iterations, stage, monitor)?;
    if first.converged {
        notes.push(format!("BFGS converged in {} iterations", first.iterations));
        return Ok((first, notes));
    }
    notes.push(format!(
        "BFGS stopped after {} iterations with gradient {}; restarted with Nelder–Mead",
        first.iterations,
        crate::engine::words::scientific(first.gradient_norm, 2)
    ));
    let value_only = |x: &[f64]| f(x).0;
    let from = if first.f.is_finite() { first.x.clone() } else { start };
    let simplex = nelder_mead(&value_only, &from, 1e-10, p.max_iterations.saturating_mul(5), stage, monitor)?;
    let polished = bfgs(f, &simplex.x, p.tolerance, p.max_iterations, stage, monitor)?;
    let best = if polished.f.is_finite() && polished.f <= simplex.f { polished } else { simplex };
    notes.push(if best.converged {
        "the restart converged".to_string()
    } else {
        "the fit did not converge: the parameters may sit on a flat ridge or run off to a bound; \
         try a small penalizer"
            .to_string()
    });
    Ok((best, notes))
}
