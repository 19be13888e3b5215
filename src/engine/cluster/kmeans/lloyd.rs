//! One k-means run from given centres: Lloyd passes (optionally with Hamerly bounds) until the labels stop
//! changing or the summed squared centroid shift is within tolerance, then a final assignment and inertia,
//! as scikit-learn's `_kmeans_single_lloyd`.

use super::dense::{assign, assign_and_sum, finish_centres, inertia, shifts, Dense};
use super::hamerly::Bounds;
use super::params::KMeansAlgorithm;
use crate::engine::progress::{Cancelled, Monitor};

/// The outcome of one run.
pub(crate) struct Run {
    pub centres: Vec<f64>,
    pub labels: Vec<u32>,
    pub inertia: f64,
    pub iterations: usize,
    pub converged: bool,
    pub relocations: usize,
}

/// Where this run sits in the whole fit, for progress: `(restart, n_init)`.
pub(crate) type Slot = (usize, usize);

/// Runs Lloyd's algorithm from `centres` (`k × d`, centred coordinates).
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    data: &Dense,
    mut centres: Vec<f64>,
    k: usize,
    max_iter: usize,
    tol: f64,
    algorithm: KMeansAlgorithm,
    monitor: &mut dyn Monitor,
    slot: Slot,
) -> Result<Run, Cancelled> {
    let d = data.d;
    let mut labels = vec![u32::MAX; data.n];
    let mut bounds = match algorithm {
        KMeansAlgorithm::Hamerly => Some(Bounds::new(data.n)),
        KMeansAlgorithm::Lloyd => None,
    };
    let (mut strict, mut converged, mut iterations, mut relocations) = (false, false, 0, 0);
    for it in 0..max_iter {
        monitor.progress("k-means", (slot.0 as f64 + it as f64 / max_iter as f64) / slot.1 as f64);
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let sums = match bounds.as_mut() {
            Some(b) => b.assign_and_sum(data, &centres, k, &mut labels),
            None => assign_and_sum(data, &centres, k, &mut labels),
        };
        let changed = sums.changed;
        let (new, rel) = finish_centres(data, &centres, sums, &labels);
        relocations += rel;
        let shift = shifts(&centres, &new, d);
        if let Some(b) = bounds.as_mut() {
            b.moved(&shift, &labels);
        }
        centres = new;
        iterations = it + 1;
        if changed == 0 {
            strict = true;
            converged = true;
            break;
        }
        if shift.iter().map(|s| s * s).sum::<f64>() <= tol {
            converged = true;
            break;
        }
    }
    if !strict {
        // labels must match the final centres
        assign(data, &centres, &mut labels);
    }
    let inertia = inertia(data, &centres, &labels);
    Ok(Run { centres, labels, inertia, iterations, converged, relocations })
}
