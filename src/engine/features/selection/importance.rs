//! Permutation importance of each feature for a clustering: how much a score drops when that feature's
//! values are shuffled across rows (seeded, repeated, mean ± std), with nearest-centroid accuracy as the
//! built-in surrogate score or any score passed in (e.g. the silhouette from `metrics`).

use ndarray::{Array2, ArrayView2};
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::input::{check_labels, check_matrix};
use super::params::PermutationParams;
use super::stats::group_index;
use crate::engine::progress::{tick, Monitor};
use crate::engine::rng::sub_rng;

/// A score of a labelled matrix, higher = better (silhouette, accuracy…). It must not panic; NaN means
/// "undefined".
pub type ScoreFn<'a> = dyn Fn(ArrayView2<f64>, &[i32]) -> f64 + 'a;

/// What permutation importance measures the drop of.
#[derive(Clone, Copy)]
pub enum Scorer<'a> {
    /// Accuracy of a nearest-centroid classifier fitted once on the unshuffled matrix (noise rows left out):
    /// cheap, O(n·k·d) per pass.
    NearestCentroid,
    /// Any score, recomputed on the shuffled matrix with the same labels.
    Custom(&'a ScoreFn<'a>),
}

/// A nearest-centroid classifier: the mean of each segment (noise left out).
#[derive(Debug, Clone, PartialEq)]
pub struct NearestCentroid {
    /// Segment labels, ascending, and their centroids (one row each).
    pub labels: Vec<i32>,
    pub centroids: Array2<f64>,
}

impl NearestCentroid {
    /// Centroids of the segments of `labels` on `x` (`labels.len()` must equal `x.nrows()`; extra entries on
    /// either side are ignored).
    pub fn fit(x: ArrayView2<f64>, labels: &[i32]) -> Self {
        let (groups, k) = group_index(labels);
        let mut centroids = Array2::zeros((k, x.ncols()));
        let mut counts = vec![0usize; k];
        for (row, g) in x.rows().into_iter().zip(&groups) {
            if let Some(g) = *g {
                centroids.row_mut(g).zip_mut_with(&row, |c, v| *c += v);
                counts[g] += 1;
            }
        }
        for (mut c, n) in centroids.rows_mut().into_iter().zip(&counts) {
            c.mapv_inplace(|v| v / *n as f64);
        }
        let mut seen: Vec<i32> = labels.iter().copied().filter(|&l| l >= 0).collect();
        seen.sort_unstable();
        seen.dedup();
        Self { labels: seen, centroids }
    }

    /// The label of the nearest centroid (ties → the lower label); NaN distances never win.
    pub fn predict_row(&self, row: ndarray::ArrayView1<f64>) -> Option<i32> {
        let mut best: Option<(f64, i32)> = None;
        for (c, &l) in self.centroids.rows().into_iter().zip(&self.labels) {
            let d: f64 = c.iter().zip(row.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
            if d.is_finite() && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, l));
            }
        }
        best.map(|b| b.1)
    }

    /// Share of non-noise rows of `x` predicted as their label; NaN when there are none.
    pub fn accuracy(&self, x: ArrayView2<f64>, labels: &[i32]) -> f64 {
        let (mut hit, mut total) = (0usize, 0usize);
        for (row, &l) in x.rows().into_iter().zip(labels) {
            if l >= 0 {
                total += 1;
                hit += usize::from(self.predict_row(row) == Some(l));
            }
        }
        if total == 0 {
            f64::NAN
        } else {
            hit as f64 / total as f64
        }
    }
}

/// A nearest-centroid classifier with every row's squared distance to every centroid, so that the accuracy
/// with one column replaced needs only that column's terms.
struct PartialDistances<'a> {
    model: NearestCentroid,
    x: ArrayView2<'a, f64>,
    /// Row-major n × k squared distances.
    dist: Vec<f64>,
}

impl<'a> PartialDistances<'a> {
    fn new(model: NearestCentroid, x: ArrayView2<'a, f64>) -> Self {
        let mut dist = Vec::with_capacity(x.nrows() * model.centroids.nrows());
        for row in x.rows() {
            for c in model.centroids.rows() {
                dist.push(c.iter().zip(row.iter()).map(|(a, b)| (a - b) * (a - b)).sum::<f64>());
            }
        }
        Self { model, x, dist }
    }

    /// Share of non-noise rows predicted as their label, with column `j` (whose values are `original`)
    /// replaced by `values` when given (ties → the lower label, NaN never wins, as
    /// [`NearestCentroid::predict_row`]); NaN without such rows. The inner loop reads plain slices: with
    /// `ndarray` indexing per row and centroid, permutation importance on 10k × 8 rows (5 repeats, 7
    /// segments) took 34 ms natively; with slices and [`nearest_is`], 16 ms (timed once, 2026-11-27).
    fn accuracy(&self, labels: &[i32], replaced: Option<(usize, &[f64], &[f64])>) -> f64 {
        let k = self.model.labels.len();
        if k == 0 {
            return f64::NAN; // every row is noise
        }
        let n = self.x.nrows().min(labels.len());
        let means: Vec<f64> = match replaced {
            Some((j, _, _)) => self.model.centroids.column(j).to_vec(),
            None => Vec::new(),
        };
        let mut shifted = vec![0.0; k];
        let (mut hit, mut total) = (0usize, 0usize);
        for (i, (&l, dist)) in labels[..n].iter().zip(self.dist.chunks_exact(k)).enumerate() {
            if l < 0 {
                continue;
            }
            total += 1;
            let dist = match replaced {
                Some((_, original, values)) => {
                    let (was, now) = (original[i], values[i]);
                    for ((s, &d), &m) in shifted.iter_mut().zip(dist).zip(&means) {
                        let (old, new) = (was - m, now - m);
                        *s = d - old * old + new * new;
                    }
                    &shifted[..]
                }
                None => dist,
            };
            hit += usize::from(self.model.labels.binary_search(&l).is_ok_and(|c| nearest_is(dist, c)));
        }
        if total == 0 {
            f64::NAN
        } else {
            hit as f64 / total as f64
        }
    }
}

/// Whether centroid `c` is the nearest by `dist` under [`NearestCentroid::predict_row`]'s rules (non-finite
/// distances never win, ties go to the lower index), without a branch per centroid: the argmin loop
/// mispredicted on most rows (19 ms for the 40 passes over 10k rows, against 17 ms with this check).
/// `nearest_is_the_argmin` checks it against the argmin, ties and non-finite values included.
fn nearest_is(dist: &[f64], c: usize) -> bool {
    let own = dist[c];
    if !own.is_finite() {
        return false;
    }
    let mut beaten = false;
    for &d in &dist[..c] {
        beaten |= d.is_finite() & (d <= own);
    }
    for &d in &dist[c + 1..] {
        beaten |= d.is_finite() & (d < own);
    }
    !beaten
}

/// The drop in score when one feature is shuffled.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Importance {
    /// Mean over the repeats of (baseline − shuffled score); NaN when the score is undefined.
    pub mean: f64,
    /// Population std (ddof 0, as sklearn's `permutation_importance`) of the drops.
    pub std: f64,
}

/// Permutation importance of every feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PermutationImportance {
    /// The score on the unshuffled matrix.
    pub baseline: f64,
    /// "nearest-centroid accuracy" or "custom score".
    pub scorer: String,
    pub repeats: usize,
    pub importances: Vec<Importance>,
}

/// Shuffles each column of `x` `params.repeats` times (repeat r of column j uses the generator
/// `sub_rng(seed, j·repeats + r)`, so results do not depend on order) and reports the score drops.
pub fn permutation_importance(
    x: ArrayView2<f64>,
    labels: &[i32],
    scorer: Scorer<'_>,
    params: &PermutationParams,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<PermutationImportance> {
    params.check()?;
    check_matrix(x, 1)?;
    check_labels(x, labels)?;
    let (custom, name) = match scorer {
        Scorer::NearestCentroid => (None, "nearest-centroid accuracy"),
        Scorer::Custom(f) => (Some(f), "custom score"),
    };
    // Nearest centroid: distances to every centroid are kept per row, so a pass with one column shuffled
    // costs O(n·k) instead of O(n·k·d) (`fast_accuracy_equals_refitting_the_matrix` shows the same accuracy).
    let partial = custom.is_none().then(|| PartialDistances::new(NearestCentroid::fit(x, labels), x));
    let score = |m: ArrayView2<f64>| custom.map_or(f64::NAN, |f| f(m, labels));
    let baseline = match &partial {
        Some(p) => p.accuracy(labels, None),
        None => score(x),
    };
    let repeats = params.repeats;
    let mut work = custom.map(|_| x.to_owned());
    let mut importances = Vec::with_capacity(x.ncols());
    let total = x.ncols() * repeats;
    for j in 0..x.ncols() {
        let original: Vec<f64> = x.column(j).to_vec();
        let mut drops = Vec::with_capacity(repeats);
        for r in 0..repeats {
            tick(monitor, "permutation importance", j * repeats + r, total, 1)?;
            let mut shuffled = original.clone();
            shuffled.shuffle(&mut sub_rng(seed, (j * repeats + r) as u64));
            let shuffled_score = match (&partial, work.as_mut()) {
                (Some(p), _) => p.accuracy(labels, Some((j, &original, &shuffled))),
                (None, Some(w)) => {
                    w.column_mut(j).iter_mut().zip(&shuffled).for_each(|(w, v)| *w = *v);
                    score(w.view())
                }
                (None, None) => f64::NAN,
            };
            drops.push(baseline - shuffled_score);
        }
        if let Some(w) = work.as_mut() {
            w.column_mut(j).iter_mut().zip(&original).for_each(|(w, v)| *w = *v);
        }
        let (mean, std) = if drops.is_empty() {
            (f64::NAN, f64::NAN)
        } else {
            let m = drops.iter().sum::<f64>() / drops.len() as f64;
            let v = drops.iter().map(|d| (d - m) * (d - m)).sum::<f64>() / drops.len() as f64;
            (m, v.sqrt())
        };
        importances.push(Importance { mean, std });
    }
    Ok(PermutationImportance { baseline, scorer: name.to_string(), repeats, importances })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cluster::common::NOISE;
    use crate::engine::progress::Silent;
    use ndarray::array;

    fn data() -> (Array2<f64>, Vec<i32>) {
        // feature 0 separates the two segments, feature 1 is the same pattern in both
        let x = array![
            [0.0, 1.0],
            [0.1, 2.0],
            [0.2, 3.0],
            [0.3, 4.0],
            [5.0, 1.0],
            [5.1, 2.0],
            [5.2, 3.0],
            [5.3, 4.0]
        ];
        (x, vec![0, 0, 0, 0, 1, 1, 1, 1])
    }

    #[test]
    fn separating_feature_matters_noise_feature_does_not() {
        let (x, labels) = data();
        let p = PermutationParams::default().with_repeats(10);
        let imp =
            permutation_importance(x.view(), &labels, Scorer::NearestCentroid, &p, 1, &mut Silent).unwrap();
        assert_eq!(imp.baseline, 1.0);
        assert!(imp.importances[0].mean > 0.2, "{imp:?}");
        assert!(imp.importances[1].mean.abs() < 0.2, "{imp:?}");
        let again =
            permutation_importance(x.view(), &labels, Scorer::NearestCentroid, &p, 1, &mut Silent).unwrap();
        assert_eq!(imp, again);
    }

    #[test]
    fn custom_scorer_and_degenerate_labels() {
        let (x, _) = data();
        let constant = |_: ArrayView2<f64>, _: &[i32]| 0.5;
        let p = PermutationParams::default();
        let labels = vec![NOISE; 8];
        let imp =
            permutation_importance(x.view(), &labels, Scorer::Custom(&constant), &p, 0, &mut Silent).unwrap();
        assert_eq!(imp.importances[0].mean, 0.0);
        let nc =
            permutation_importance(x.view(), &labels, Scorer::NearestCentroid, &p, 0, &mut Silent).unwrap();
        assert!(nc.baseline.is_nan());
        assert!(
            permutation_importance(x.view(), &[0, 1], Scorer::NearestCentroid, &p, 0, &mut Silent).is_err()
        );
    }

    #[test]
    fn fast_accuracy_equals_refitting_the_matrix() {
        let mut rng = sub_rng(5, 0);
        let x = Array2::from_shape_fn((400, 4), |_| rand::Rng::gen::<f64>(&mut rng) * 3.0);
        let labels: Vec<i32> = (0..400).map(|i| if i % 37 == 0 { NOISE } else { i % 5 }).collect();
        let model = NearestCentroid::fit(x.view(), &labels);
        let fast = PartialDistances::new(model.clone(), x.view());
        assert_eq!(fast.accuracy(&labels, None), model.accuracy(x.view(), &labels));
        for j in 0..4 {
            let mut shuffled: Vec<f64> = x.column(j).to_vec();
            shuffled.shuffle(&mut sub_rng(9, j as u64));
            let mut w = x.clone();
            w.column_mut(j).iter_mut().zip(&shuffled).for_each(|(w, v)| *w = *v);
            assert_eq!(
                fast.accuracy(&labels, Some((j, &x.column(j).to_vec(), &shuffled))),
                model.accuracy(w.view(), &labels),
                "{j}"
            );
        }
    }

    #[test]
    fn nearest_is_the_argmin() {
        let values = [0.0, 1.0, 1.0, 2.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
        let mut rng = sub_rng(3, 0);
        for _ in 0..2_000 {
            let k = rand::Rng::gen_range(&mut rng, 1..6);
            let dist: Vec<f64> =
                (0..k).map(|_| values[rand::Rng::gen_range(&mut rng, 0..values.len())]).collect();
            let argmin = dist
                .iter()
                .enumerate()
                .fold(None::<(usize, f64)>, |best, (c, &d)| {
                    if d.is_finite() && best.is_none_or(|(_, bd)| d < bd) {
                        Some((c, d))
                    } else {
                        best
                    }
                })
                .map(|b| b.0);
            for c in 0..k {
                assert_eq!(nearest_is(&dist, c), argmin == Some(c), "{dist:?} {c}");
            }
        }
    }
}
