//! Greedy k-means++ seeding, as scikit-learn's `_kmeans_plusplus`: each new centre is the best of
//! `2 + ⌊ln k⌋` candidates drawn with probability proportional to weight × squared distance to the
//! nearest centre chosen so far (best = lowest resulting potential).

use rayon::prelude::*;

use super::dense::{sq_dist, Dense, CHUNK};
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::{EngineRng, Rng};

/// First index whose cumulative sum reaches `v` (numpy `searchsorted(side="left")`), clipped to the last.
fn search(cum: &[f64], v: f64) -> usize {
    cum.partition_point(|&c| c < v).min(cum.len() - 1)
}

fn cumsum(v: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut acc = 0.0;
    v.map(|x| {
        acc += x;
        acc
    })
    .collect()
}

/// `k` initial centres (row-major `k × d`) chosen from the rows of `data`. Needs `k ≤ data.n`.
pub(crate) fn kmeans_plus_plus(
    data: &Dense,
    k: usize,
    rng: &mut EngineRng,
    monitor: &mut dyn Monitor,
) -> Result<Vec<f64>, Cancelled> {
    let (n, d) = (data.n, data.d);
    let trials = 2 + (k as f64).ln() as usize;
    let mut centres = Vec::with_capacity(k * d);

    let cum_w = cumsum(data.w.iter().copied());
    let first = search(&cum_w, rng.gen::<f64>() * cum_w[n - 1]);
    centres.extend_from_slice(data.row(first));
    let mut closest: Vec<f64> =
        (0..n).into_par_iter().with_min_len(CHUNK).map(|i| sq_dist(data.row(i), data.row(first))).collect();
    let mut pot = weighted_sum(&closest, &data.w);

    for c in 1..k {
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let cum = cumsum(closest.iter().zip(&data.w).map(|(a, w)| a * w));
        let cand: Vec<usize> = (0..trials).map(|_| search(&cum, rng.gen::<f64>() * pot)).collect();
        // potential each candidate would leave, summed per chunk then in chunk order
        let parts: Vec<Vec<f64>> = closest
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(ch, cl)| {
                let mut p = vec![0.0; trials];
                for (o, &cd) in cl.iter().enumerate() {
                    let i = ch * CHUNK + o;
                    let x = data.row(i);
                    for (t, &ci) in cand.iter().enumerate() {
                        p[t] += data.w[i] * min(cd, sq_dist(x, data.row(ci)));
                    }
                }
                p
            })
            .collect();
        let pots: Vec<f64> = (0..trials).map(|t| parts.iter().map(|p| p[t]).sum()).collect();
        let best = (0..trials).fold(0, |b, t| if pots[t] < pots[b] { t } else { b });
        let chosen = cand[best];
        pot = pots[best];
        closest.par_chunks_mut(CHUNK).enumerate().for_each(|(ch, cl)| {
            for (o, cd) in cl.iter_mut().enumerate() {
                *cd = min(*cd, sq_dist(data.row(ch * CHUNK + o), data.row(chosen)));
            }
        });
        centres.extend_from_slice(data.row(chosen));
        monitor.progress("k-means++", c as f64 / k as f64);
    }
    Ok(centres)
}

/// `a.min(b)` for distances (never NaN, never −0): a comparison, where `f64::min` is a libm call in a wasm
/// build at opt-level "z".
#[inline(always)]
fn min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

fn weighted_sum(v: &[f64], w: &[f64]) -> f64 {
    let parts: Vec<f64> = v
        .par_chunks(CHUNK)
        .zip(w.par_chunks(CHUNK))
        .map(|(a, b)| a.iter().zip(b).map(|(x, y)| x * y).sum())
        .collect();
    parts.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use crate::engine::rng::rng;
    use ndarray::array;

    #[test]
    fn picks_distinct_far_apart_rows() {
        let x = array![[0.0, 0.0], [0.1, 0.0], [10.0, 10.0], [10.1, 10.0], [-10.0, 5.0], [-10.1, 5.0]];
        let data = Dense::new(x.view(), None).unwrap();
        let c = kmeans_plus_plus(&data, 3, &mut rng(1), &mut Silent).unwrap();
        let mut groups: Vec<i64> =
            c.chunks(2).map(|r| ((r[0] + data.mean[0]) / 5.0).round() as i64).collect();
        groups.sort();
        groups.dedup();
        assert_eq!(groups.len(), 3, "one centre per blob: {c:?}");
    }

    #[test]
    fn search_is_left_and_clipped() {
        let cum = [1.0, 2.0, 3.0];
        assert_eq!(search(&cum, 0.5), 0);
        assert_eq!(search(&cum, 1.0), 0);
        assert_eq!(search(&cum, 1.5), 1);
        assert_eq!(search(&cum, 9.0), 2);
    }
}
