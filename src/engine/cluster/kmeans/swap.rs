//! Swap polish of the best k-means restart: J-means-style centre relocations (Hansen & Mladenović 2001,
//! "J-Means: a new local search heuristic for minimum sum of squares clustering").
//!
//! Lloyd and Hartigan only move rows between the clusters they have: a restart that put two centres on one
//! group and none on another stays there. A swap removes one centre, puts one on a data row, and descends again
//! (Lloyd or Hamerly passes, then Hartigan). Each round scores candidate rows, the row farthest from its centre
//! (weight × squared distance) and [`SCORED_PER_TRY`] × `t` rows drawn with probability ∝ weight × squared
//! distance, where `t = 2 + ⌊ln k⌋` as in greedy k-means++: for each, the centre whose removal costs least and
//! the resulting change in inertia under the current assignment (exact, from every row's nearest and second
//! nearest distances; O(n·d) per candidate). The `t + 1` best are descended from, best first; the first descent
//! that strictly lowers the inertia is kept and a new round starts. The polish stops when a round keeps nothing
//! or the pass budget is spent, so the inertia never rises. Draws come from the caller's stream (fit.rs uses
//! `sub_rng(seed, n_init)`, which no restart uses). `tests/engine/cluster_centroid_kmeans.rs::
//! inertia_matches_sklearn_k2_to_10` shows it taking mall k = 7 from 1.0019 × scikit-learn's inertia to its
//! optimum (117.0116), which our restarts from seed 0 had missed.
//!
//! Cost: a budget of passes equal to [`BUDGET_SHARE`] × what the restarts used together (Lloyd passes plus
//! Hartigan sweeps; k-means++ seeding not counted). Scoring a round is charged as 1 + ⌈candidates / k⌉ passes,
//! a round starts only when its scoring and one more pass fit, and each descent gets at most the budget left.
//! So the polish adds at most about half the restarts' work, whatever the data size: on the 27 reference cases
//! it used 18–50 % of the restarts' passes; on 100k × 8 blobs (native, 2 threads, median of 5) it took 12–42 %
//! of the restarts' wall time with n_init = 10 (k = 4, 8, 12), 47 % with one restart at k = 12, and nothing
//! with one restart at k = 8 (the budget of 2 passes does not cover a round).

use rayon::prelude::*;

use super::dense::{sq_dist, Dense, CHUNK};
use super::lloyd::Run;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::{EngineRng, Rng};

/// Polish budget as a share of the restarts' passes (Lloyd passes plus Hartigan sweeps, summed).
pub(crate) const BUDGET_SHARE: f64 = 0.5;
/// Relative gain a swap must bring to be kept: more than rounding, since a descent that lands back on the
/// same partition can differ in the last bits.
const MIN_GAIN: f64 = 1e-10;
/// Candidates scored per descent tried: scoring is O(n·d) per candidate, a descent several O(n·k·d) passes.
const SCORED_PER_TRY: usize = 4;

/// One kept swap.
pub(crate) struct Swap {
    /// The centre that was moved (0-based).
    pub centre: usize,
    /// The row it was moved to before the descent.
    pub row: usize,
    pub before: f64,
    pub after: f64,
}

/// What the polish did.
pub(crate) struct Polish {
    pub swaps: Vec<Swap>,
    /// Descents tried.
    pub trials: usize,
    /// Passes used, out of `budget`.
    pub passes: usize,
    pub budget: usize,
}

/// A descent from given centres with at most the given number of passes, told the current labels (so that it
/// may skip work when it lands on them): the run and the passes it used.
pub(crate) type Descent<'a> =
    dyn FnMut(Vec<f64>, usize, &[u32], &mut dyn Monitor) -> Result<(Run, usize), Cancelled> + 'a;

/// Polishes `best` in place (its inertia never rises). `rng` must be a stream of its own, not a restart's.
pub(crate) fn polish(
    data: &Dense,
    best: &mut Run,
    k: usize,
    budget: usize,
    rng: &mut EngineRng,
    monitor: &mut dyn Monitor,
    descend: &mut Descent,
) -> Result<Polish, Cancelled> {
    let mut out = Polish { swaps: Vec::new(), trials: 0, passes: 0, budget };
    let tries = 2 + (k as f64).ln() as usize;
    let draws = SCORED_PER_TRY * tries;
    monitor.progress("k-means polish", 0.0);
    // scoring is charged for every candidate it may draw; a round needs budget for at least one descent pass
    'rounds: while k > 1 && best.inertia > 0.0 && out.passes + scoring_passes(draws + 1, k) < budget {
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let cands = candidates(data, best, k, draws, rng);
        out.passes += scoring_passes(cands.len(), k);
        for (row, centre) in cands.into_iter().take(tries + 1) {
            if out.passes >= budget {
                break 'rounds;
            }
            monitor.progress("k-means polish", out.passes as f64 / budget as f64);
            let mut init = best.centres.clone();
            init[centre * data.d..(centre + 1) * data.d].copy_from_slice(data.row(row));
            let (run, used) = descend(init, budget - out.passes, &best.labels, &mut Quiet(&mut *monitor))?;
            out.trials += 1;
            out.passes += used;
            if run.inertia < best.inertia * (1.0 - MIN_GAIN) {
                out.swaps.push(Swap { centre, row, before: best.inertia, after: run.inertia });
                *best = run;
                continue 'rounds;
            }
        }
        break;
    }
    monitor.progress("k-means polish", 1.0);
    Ok(out)
}

/// Passes charged for scoring `m` candidates: the two nearest distances (one pass of k distances per row),
/// then one distance per row and candidate.
fn scoring_passes(m: usize, k: usize) -> usize {
    1 + m.div_ceil(k)
}

/// The round's candidate rows with the centre each would replace, best estimated change first: the row
/// farthest from its centre (weight × squared distance; lowest index on ties), then `draws` rows drawn with
/// probability ∝ weight × squared distance, without repeats and never a row that sits on its centre.
fn candidates(data: &Dense, run: &Run, k: usize, draws: usize, rng: &mut EngineRng) -> Vec<(usize, usize)> {
    let (d1, d2) = own_and_second(data, &run.centres, &run.labels, k);
    let cost: Vec<f64> = d1.iter().zip(&data.w).map(|(a, w)| a * w).collect();
    let far = (0..data.n).fold(0, |b, i| if cost[i] > cost[b] { i } else { b });
    let mut rows = vec![far];
    let mut acc = 0.0;
    let cum: Vec<f64> = cost
        .iter()
        .map(|c| {
            acc += c;
            acc
        })
        .collect();
    let total = acc;
    for _ in 0..draws {
        let v = rng.gen::<f64>() * total;
        let i = cum.partition_point(|&c| c < v).min(data.n - 1);
        if cost[i] > 0.0 && !rows.contains(&i) {
            rows.push(i);
        }
    }
    rows.retain(|&i| cost[i] > 0.0);
    let scores = removal_losses(data, run, k, &d1, &d2, &rows);
    let mut scored: Vec<(f64, usize, usize)> = rows
        .iter()
        .zip(&scores)
        .map(|(&row, s)| {
            let gain = s[k];
            let j = (0..k).fold(0, |b, j| if s[j] < s[b] { j } else { b });
            (gain + s[j], row, j)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0)); // stable: the farthest row first among equals
    scored.into_iter().map(|(_, row, j)| (row, j)).collect()
}

/// Per row: squared distance to its own centre and to the nearest other centre (∞ when k = 1).
fn own_and_second(data: &Dense, centres: &[f64], labels: &[u32], k: usize) -> (Vec<f64>, Vec<f64>) {
    let d = data.d;
    let pairs: Vec<(f64, f64)> = (0..data.n)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map(|i| {
            let (x, a) = (data.row(i), labels[i] as usize);
            let mut second = f64::INFINITY;
            for j in (0..k).filter(|&j| j != a) {
                second = second.min(sq_dist(x, &centres[j * d..(j + 1) * d]));
            }
            (sq_dist(x, &centres[a * d..(a + 1) * d]), second)
        })
        .collect();
    pairs.into_iter().unzip()
}

/// For each candidate row `c`: entries `0..k` hold the weighted change, on the rows of cluster `j`, of
/// losing centre `j` once a centre sits at `c`; entry `k` the (≤ 0) change of adding the centre at `c` with
/// every centre kept. The estimated change of swapping centre `j` to `c` is `s[k] + s[j]`. Summed per chunk,
/// then in chunk order.
fn removal_losses(
    data: &Dense,
    run: &Run,
    k: usize,
    d1: &[f64],
    d2: &[f64],
    rows: &[usize],
) -> Vec<Vec<f64>> {
    let m = rows.len();
    let parts: Vec<Vec<f64>> = (0..data.n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|chunk| {
            let mut s = vec![0.0; m * (k + 1)];
            for i in chunk * CHUNK..data.n.min((chunk + 1) * CHUNK) {
                let (x, w, a) = (data.row(i), data.w[i], run.labels[i] as usize);
                for (c, &r) in rows.iter().enumerate() {
                    let dn = sq_dist(x, data.row(r));
                    let kept = d1[i].min(dn);
                    s[c * (k + 1) + k] += w * (kept - d1[i]);
                    s[c * (k + 1) + a] += w * (d2[i].min(dn) - kept);
                }
            }
            s
        })
        .collect();
    let mut total = vec![0.0; m * (k + 1)];
    for p in &parts {
        total.iter_mut().zip(p).for_each(|(t, v)| *t += v);
    }
    total.chunks_exact(k + 1).map(<[f64]>::to_vec).collect()
}

/// Forwards cancellation and time but not progress, so that a descent does not report as a restart.
struct Quiet<'a>(&'a mut dyn Monitor);

impl Monitor for Quiet<'_> {
    fn progress(&mut self, _stage: &str, _fraction: f64) {}
    fn cancelled(&self) -> bool {
        self.0.cancelled()
    }
    fn now_ms(&self) -> f64 {
        self.0.now_ms()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cluster::kmeans::dense::{assign, inertia};
    use crate::engine::cluster::kmeans::lloyd::run;
    use crate::engine::cluster::kmeans::params::KMeansAlgorithm;
    use crate::engine::progress::Silent;
    use crate::engine::rng::rng;
    use ndarray::Array2;

    /// Three tight groups on a line (near 0, 10 and 20), five rows each.
    fn groups() -> Dense {
        let v: Vec<f64> =
            [0.0, 10.0, 20.0].iter().flat_map(|&c| [-0.4, -0.2, 0.0, 0.2, 0.4].map(|o| c + o)).collect();
        Dense::new(Array2::from_shape_vec((15, 1), v).unwrap().view(), None).unwrap()
    }

    /// A Lloyd run (no Hartigan) from `centres`, in the data's centred coordinates.
    fn lloyd(data: &Dense, centres: Vec<f64>, max: usize) -> Result<(Run, usize), Cancelled> {
        let r = run(data, centres, 3, max, 0.0, KMeansAlgorithm::Lloyd, &mut Silent, (0, 1))?;
        let used = r.iterations;
        Ok((r, used))
    }

    /// Two centres on the first group and one between the others: a Lloyd fixed point one swap from the best.
    fn stuck(data: &Dense) -> Run {
        let m = data.mean[0];
        lloyd(data, vec![-0.2 - m, 0.2 - m, 15.0 - m], 100).unwrap().0
    }

    #[test]
    fn a_swap_frees_a_stuck_centre() {
        let data = groups();
        let mut best = stuck(&data);
        let before = best.inertia;
        let pol =
            polish(&data, &mut best, 3, 100, &mut rng(0), &mut Silent, &mut |c, m, _, _| lloyd(&data, c, m))
                .unwrap();
        assert!(!pol.swaps.is_empty());
        assert!(best.inertia < before / 100.0, "{} vs {before}", best.inertia);
        assert!((best.inertia - 3.0 * 0.4).abs() < 1e-9, "one centre per group: {}", best.inertia);
        assert!(pol.passes <= pol.budget);
    }

    #[test]
    fn no_budget_no_change_and_an_optimum_stays() {
        let data = groups();
        let mut best = stuck(&data);
        let before = (best.inertia, best.labels.clone());
        let pol =
            polish(&data, &mut best, 3, 0, &mut rng(0), &mut Silent, &mut |c, m, _, _| lloyd(&data, c, m))
                .unwrap();
        assert_eq!((pol.trials, pol.swaps.len()), (0, 0));
        assert_eq!((best.inertia, best.labels.clone()), before);
        let m = data.mean[0];
        let mut opt = lloyd(&data, vec![-m, 10.0 - m, 20.0 - m], 100).unwrap().0;
        let at = opt.inertia;
        let pol =
            polish(&data, &mut opt, 3, 1000, &mut rng(0), &mut Silent, &mut |c, m, _, _| lloyd(&data, c, m))
                .unwrap();
        assert!(pol.swaps.is_empty());
        assert_eq!(opt.inertia, at);
        assert!(pol.passes < 1000, "a round without gain ends the polish");
    }

    #[test]
    fn cancel_stops_the_polish() {
        struct Stop;
        impl Monitor for Stop {
            fn progress(&mut self, _: &str, _: f64) {}
            fn cancelled(&self) -> bool {
                true
            }
        }
        let data = groups();
        let mut best = stuck(&data);
        let r =
            polish(&data, &mut best, 3, 100, &mut rng(0), &mut Stop, &mut |c, m, _, _| lloyd(&data, c, m));
        assert!(matches!(r, Err(Cancelled)));
    }

    /// The estimated change of each (row, centre) swap is the exact change of the inertia when every row
    /// goes to its nearest remaining centre, before any descent.
    #[test]
    fn swap_estimate_is_exact_before_descent() {
        let x =
            Array2::from_shape_fn((40, 2), |(i, j)| ((i * 7 + j * 13) % 17) as f64 + (i % 3) as f64 * 0.3);
        let w: Vec<f64> = (0..40).map(|i| 1.0 + (i % 4) as f64).collect();
        let data = Dense::new(x.view(), Some(&w)).unwrap();
        let k = 3;
        let init = data.x[..k * 2].to_vec();
        let mut best = run(&data, init, k, 50, 0.0, KMeansAlgorithm::Lloyd, &mut Silent, (0, 1)).unwrap();
        assign(&data, &best.centres, &mut best.labels);
        let (d1, d2) = own_and_second(&data, &best.centres, &best.labels, k);
        let rows: Vec<usize> = (0..40).step_by(5).collect();
        let scores = removal_losses(&data, &best, k, &d1, &d2, &rows);
        for (r, s) in rows.iter().zip(&scores) {
            for j in 0..k {
                let mut c = best.centres.clone();
                c[j * 2..j * 2 + 2].copy_from_slice(data.row(*r));
                let mut labels = best.labels.clone();
                assign(&data, &c, &mut labels);
                let exact = inertia(&data, &c, &labels) - inertia(&data, &best.centres, &best.labels);
                assert!((s[k] + s[j] - exact).abs() < 1e-9, "row {r} centre {j}: {} vs {exact}", s[k] + s[j]);
            }
        }
    }
}
