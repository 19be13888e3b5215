//! Clusterwise stability by the bootstrap (Hennig 2007, "Cluster-wise assessment of cluster stability",
//! as in fpc's `clusterboot`): draw the rows with replacement, re-cluster the draw, and for each original
//! segment C take the best Jaccard similarity |C* ∩ D| / |C* ∪ D| over the new segments D, where C* is C
//! restricted to the rows present in the draw (each row counted once). The mean over replicates is the
//! segment's stability. Hennig's reading (fpc `clusterboot`): a mean of 0.75 or more is a valid, stable
//! segment (0.85 or more highly stable); 0.6 to 0.75 indicates a pattern, but which rows belong to it is
//! doubtful; below 0.6 the segment should not be trusted; a replicate at or below 0.5 "dissolved" it.

use serde::{Deserialize, Serialize};

use super::error::Result;
use crate::engine::choose_k::Within;
use crate::engine::cluster::common::NOISE;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::{sub_rng, Rng};

/// Jaccard at or below which a replicate counts as dissolving the segment.
pub const DISSOLVED: f64 = 0.5;
/// Jaccard above which a replicate counts as recovering the segment.
pub const RECOVERED: f64 = 0.75;
/// Mean Jaccard from which a segment is stable (Hennig).
pub const STABLE: f64 = 0.75;
/// Mean Jaccard below which a segment should not be trusted (Hennig); between this and [`STABLE`] it is
/// doubtful.
pub const DOUBTFUL: f64 = 0.6;

/// Hennig's reading of a segment's mean bootstrap Jaccard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Mean Jaccard ≥ 0.75: a valid, stable segment.
    Stable,
    /// 0.6 ≤ mean Jaccard < 0.75: a pattern, but its exact members are doubtful.
    Doubtful,
    /// Mean Jaccard < 0.6: not to be trusted.
    Unstable,
}

impl Verdict {
    /// The reading of a mean Jaccard (`None` for a value that is not finite).
    pub fn of(jaccard: f64) -> Option<Verdict> {
        if !jaccard.is_finite() {
            None
        } else if jaccard >= STABLE {
            Some(Verdict::Stable)
        } else if jaccard >= DOUBTFUL {
            Some(Verdict::Doubtful)
        } else {
            Some(Verdict::Unstable)
        }
    }

    /// One word for reports and tables ("stable", "doubtful", "unstable").
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Stable => "stable",
            Verdict::Doubtful => "doubtful",
            Verdict::Unstable => "unstable",
        }
    }
}

/// Stability of one consensus segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentStability {
    /// The segment's label.
    pub segment: i32,
    /// Rows in the segment (within the co-association sample when sampled).
    pub size: usize,
    /// Mean best Jaccard over the replicates that contained the segment; `None` without replicates.
    pub jaccard: Option<f64>,
    /// Replicates with Jaccard ≤ 0.5.
    pub dissolved: usize,
    /// Replicates with Jaccard > 0.75.
    pub recovered: usize,
    /// Replicates that contained at least one of the segment's rows.
    pub replicates: usize,
}

/// The progress stage of the bootstrap.
const STAGE: &str = "consensus: stability";

/// Re-clusters a bootstrap draw (row indices, ascending, with repeats): one label per drawn row.
pub type Recluster<'a> = dyn FnMut(&[usize], &mut dyn Monitor) -> Result<Vec<i32>> + 'a;

/// Hennig's clusterwise Jaccard for the segments of `labels` (length m, −1 = not in a segment), with
/// `recluster(draw)` returning one label per drawn row.
pub fn clusterwise_jaccard(
    labels: &[i32],
    k: usize,
    runs: usize,
    seed: u64,
    recluster: &mut Recluster<'_>,
    monitor: &mut dyn Monitor,
) -> Result<Vec<SegmentStability>> {
    let m = labels.len();
    let mut size = vec![0usize; k];
    for &l in labels.iter().filter(|&&l| l != NOISE) {
        size[l as usize] += 1;
    }
    let mut sum = vec![0.0; k];
    let (mut dissolved, mut recovered, mut replicates) = (vec![0; k], vec![0; k], vec![0; k]);
    for b in 0..runs {
        let (lo, hi) = (b as f64 / runs as f64, (b + 1) as f64 / runs as f64);
        monitor.progress(STAGE, lo);
        if monitor.cancelled() {
            return Err(Cancelled.into());
        }
        let mut r = sub_rng(seed, b as u64);
        let mut draw: Vec<usize> = (0..m).map(|_| r.gen_range(0..m)).collect();
        draw.sort_unstable();
        // the replicate's own progress (its re-fits) fills its slice of this stage
        let new = recluster(&draw, &mut Within::new(monitor, STAGE, lo, hi))?;
        // each drawn row once, with the label of its first copy
        let mut present: Vec<(usize, i32)> = Vec::new();
        for (&i, &l) in draw.iter().zip(&new) {
            if present.last().is_none_or(|&(p, _)| p != i) {
                present.push((i, l));
            }
        }
        let n_new = new.iter().copied().filter(|&l| l != NOISE).max().map_or(0, |l| l as usize + 1);
        let mut d_size = vec![0usize; n_new];
        for &(_, l) in &present {
            if l != NOISE {
                d_size[l as usize] += 1;
            }
        }
        for c in 0..k {
            let mut inter = vec![0usize; n_new];
            let mut c_star = 0;
            for &(i, l) in &present {
                if labels[i] == c as i32 {
                    c_star += 1;
                    if l != NOISE {
                        inter[l as usize] += 1;
                    }
                }
            }
            if c_star == 0 {
                continue;
            }
            let best = (0..n_new)
                .map(|d| inter[d] as f64 / (c_star + d_size[d] - inter[d]) as f64)
                .fold(0.0, f64::max);
            sum[c] += best;
            replicates[c] += 1;
            dissolved[c] += usize::from(best <= DISSOLVED);
            recovered[c] += usize::from(best > RECOVERED);
        }
    }
    monitor.progress(STAGE, 1.0);
    Ok((0..k)
        .map(|c| SegmentStability {
            segment: c as i32,
            size: size[c],
            jaccard: (replicates[c] > 0).then(|| sum[c] / replicates[c] as f64),
            dissolved: dissolved[c],
            recovered: recovered[c],
            replicates: replicates[c],
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;

    #[test]
    fn a_method_that_returns_the_truth_is_perfectly_stable() {
        let labels = vec![0, 0, 0, 1, 1, 1, NOISE];
        let truth = labels.clone();
        let mut same = |draw: &[usize], _: &mut dyn Monitor| Ok(draw.iter().map(|&i| truth[i]).collect());
        let s = clusterwise_jaccard(&labels, 2, 10, 1, &mut same, &mut Silent).unwrap();
        assert!(s.iter().all(|x| x.jaccard == Some(1.0) && x.dissolved == 0));
        assert_eq!(s[0].size, 3);
    }

    #[test]
    fn verdicts_follow_hennig_s_thresholds() {
        assert_eq!(Verdict::of(0.9), Some(Verdict::Stable));
        assert_eq!(Verdict::of(0.75), Some(Verdict::Stable));
        assert_eq!(Verdict::of(0.7), Some(Verdict::Doubtful));
        assert_eq!(Verdict::of(0.6), Some(Verdict::Doubtful));
        assert_eq!(Verdict::of(0.59), Some(Verdict::Unstable));
        assert_eq!(Verdict::of(f64::NAN), None);
        assert_eq!(Verdict::Doubtful.word(), "doubtful");
    }

    #[test]
    fn a_method_that_merges_everything_halves_jaccard() {
        let labels = vec![0, 0, 0, 0, 1, 1, 1, 1];
        let mut merge = |draw: &[usize], _: &mut dyn Monitor| Ok(vec![0; draw.len()]);
        let s = clusterwise_jaccard(&labels, 2, 20, 2, &mut merge, &mut Silent).unwrap();
        for x in &s {
            let j = x.jaccard.unwrap();
            assert!(j > 0.3 && j < 0.7, "{j}");
        }
    }
}
