//! Isolation Forest (Liu, Ting & Zhou 2008) as scikit-learn builds it: each tree isolates a sub-sample of
//! `max_samples` rows drawn without replacement, splitting on a random non-constant feature at a uniform random
//! threshold, down to depth ⌈log₂ max_samples⌉; the score is −2^(−E[h(x)] / c(max_samples)).
//! Tree `t` draws from `sub_rng(seed, stream + t)`, so the forest is the same whatever the order of work;
//! logarithms and powers come from the `libm` crate, so scores are the same natively and in wasm32.

use serde::{Deserialize, Serialize};

use crate::engine::prep::error::Result;
use crate::engine::prep::neighbors::sample_rows;
use crate::engine::progress::{tick, Monitor};
use crate::engine::rng::{sub_rng, EngineRng, Rng};

const STREAM_TREES: u64 = 0x1F0_0000;
/// scikit-learn's `FEATURE_THRESHOLD`: a feature whose range in a node is below this is constant there.
const FEATURE_THRESHOLD: f64 = 1e-7;
const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;

/// c(n): the average path length of an unsuccessful search in a binary search tree of n points.
pub(crate) fn average_path_length(n: usize) -> f64 {
    match n {
        0 | 1 => 0.0,
        2 => 1.0,
        _ => {
            let n = n as f64;
            2.0 * (libm::log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n
        }
    }
}

/// One isolation tree, flat: node `i` is a leaf when `feature[i] < 0` (then `value[i]` is its path length,
/// depth + c(rows in leaf)); otherwise rows with `x[feature] <= value[i]` go to `left[i]`, the others to
/// `left[i] + 1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IsolationTree {
    pub feature: Vec<i32>,
    pub value: Vec<f64>,
    pub left: Vec<u32>,
}

impl IsolationTree {
    fn path_length(&self, row: &[f64]) -> f64 {
        let mut i = 0usize;
        loop {
            let f = self.feature[i];
            if f < 0 {
                return self.value[i];
            }
            let l = self.left[i] as usize;
            i = if row[f as usize] <= self.value[i] { l } else { l + 1 };
        }
    }
}

/// A fitted forest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IsolationForest {
    pub trees: Vec<IsolationTree>,
    /// The sub-sample size actually used (≤ rows).
    pub max_samples: usize,
}

fn build_tree(x: &[f64], d: usize, rows: Vec<usize>, max_depth: usize, rng: &mut EngineRng) -> IsolationTree {
    let mut t = IsolationTree { feature: vec![-1], value: vec![0.0], left: vec![0] };
    let mut stack = vec![(0usize, rows, 0usize)];
    while let Some((node, rows, depth)) = stack.pop() {
        let leaf_value = depth as f64 + average_path_length(rows.len());
        if depth >= max_depth || rows.len() < 2 {
            t.value[node] = leaf_value;
            continue;
        }
        // Draw features without replacement until one is not constant in this node.
        let mut candidates: Vec<usize> = (0..d).collect();
        let mut split = None;
        while !candidates.is_empty() {
            let k = rng.gen_range(0..candidates.len() as u64) as usize;
            let f = candidates.swap_remove(k);
            let (lo, hi) = rows.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &r| {
                (lo.min(x[r * d + f]), hi.max(x[r * d + f]))
            });
            if hi <= lo + FEATURE_THRESHOLD {
                continue;
            }
            let mut thr = lo + (hi - lo) * rng.gen::<f64>();
            if thr >= hi {
                thr = lo;
            }
            split = Some((f, thr));
            break;
        }
        let Some((f, thr)) = split else {
            t.value[node] = leaf_value;
            continue;
        };
        let (l, r): (Vec<usize>, Vec<usize>) = rows.into_iter().partition(|&row| x[row * d + f] <= thr);
        let left = t.feature.len();
        t.feature.extend([-1, -1]);
        t.value.extend([0.0, 0.0]);
        t.left.extend([0, 0]);
        t.feature[node] = f as i32;
        t.value[node] = thr;
        t.left[node] = left as u32;
        stack.push((left + 1, r, depth + 1));
        stack.push((left, l, depth + 1));
    }
    t
}

impl IsolationForest {
    /// Fits `n_trees` trees on the row-major `x` (`d` columns).
    pub(crate) fn fit(
        x: &[f64],
        d: usize,
        n_trees: usize,
        max_samples: usize,
        seed: u64,
        monitor: &mut dyn Monitor,
    ) -> Result<IsolationForest> {
        let n = x.len().checked_div(d).unwrap_or(0);
        let m = max_samples.min(n);
        // ⌈log₂ max(m, 2)⌉ in integers
        let max_depth = (u64::BITS - (m.max(2) as u64 - 1).leading_zeros()) as usize;
        let mut trees = Vec::with_capacity(n_trees);
        for t in 0..n_trees {
            tick(monitor, "prep: isolation forest", t, n_trees, 8)?;
            let stream = STREAM_TREES + t as u64;
            let rows = sample_rows(n, m, seed, stream);
            let mut rng = sub_rng(seed, stream ^ 0xFFFF_0000);
            trees.push(build_tree(x, d, rows, max_depth, &mut rng));
        }
        Ok(IsolationForest { trees, max_samples: m })
    }

    /// scikit-learn's `score_samples`: −2^(−mean path length / c(max_samples)); lower is more abnormal.
    pub(crate) fn score(&self, row: &[f64]) -> f64 {
        let total: f64 = self.trees.iter().map(|t| t.path_length(row)).sum();
        let mean = total / self.trees.len().max(1) as f64;
        let c = average_path_length(self.max_samples);
        if c == 0.0 {
            return -1.0;
        }
        -libm::pow(2.0, -mean / c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;

    #[test]
    fn path_length_constants() {
        assert_eq!(average_path_length(1), 0.0);
        assert_eq!(average_path_length(2), 1.0);
        // sklearn: _average_path_length([256]) = 10.244770920119917
        assert!((average_path_length(256) - 10.244_770_920_119_917).abs() < 1e-12);
    }

    #[test]
    fn isolates_a_far_point_and_is_seeded() {
        let mut x: Vec<f64> =
            (0..100).map(|i| ((i * 37) % 100) as f64 / 100.0).flat_map(|v| [v, 1.0 - v]).collect();
        x.extend([25.0, -25.0]);
        let f = IsolationForest::fit(&x, 2, 50, 64, 3, &mut Silent).unwrap();
        let far = f.score(&[25.0, -25.0]);
        let near = f.score(&[0.5, 0.5]);
        assert!(far < near, "far {far} near {near}");
        assert_eq!(f, IsolationForest::fit(&x, 2, 50, 64, 3, &mut Silent).unwrap());
    }
}
