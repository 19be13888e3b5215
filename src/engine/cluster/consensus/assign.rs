//! Segments from the runs' labels alone: the rule for noise, consensus on a set of rows, and the assignment
//! of rows left out of the co-association sample.
//!
//! Assignment rule (above the cap): a row outside the sample joins the consensus segment with which it has
//! the highest *mean co-association*, i.e. Σ_runs (sampled members of the segment sharing its run label)
//! / segment size — the same average-linkage criterion that built the segments, computed in O(runs·k) per
//! row from per-run label/segment counts, without any distance. Ties go to the lower segment number; a row
//! sharing no run label with any sampled member gets −1 (reported in the notes).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::coassoc::{condensed_dissimilarity, gather};
use super::cut::average_linkage_cut;
use crate::engine::cluster::common::NOISE;

/// True when row `i` is noise in more than half of the runs (such rows get the consensus label −1).
pub fn mostly_noise(runs: &[Vec<i32>], i: usize) -> bool {
    2 * runs.iter().filter(|r| r[i] == NOISE).count() > runs.len()
}

/// Consensus labels of `rows` (repeats allowed): −1 for mostly-noise rows, the others by average linkage on
/// 1 − co-association cut at `k` (fewer if fewer rows remain).
pub fn consensus_on(runs: &[Vec<i32>], rows: &[usize], k: usize) -> Vec<i32> {
    let kept: Vec<usize> = rows.iter().copied().filter(|&i| !mostly_noise(runs, i)).collect();
    let m = kept.len();
    let g = gather(runs, &kept);
    let mut dis = condensed_dissimilarity(&g, m, runs.len());
    let cut = average_linkage_cut(&mut dis, m, k.min(m));
    let mut it = cut.into_iter();
    rows.iter().map(|&i| if mostly_noise(runs, i) { NOISE } else { it.next().unwrap_or(NOISE) }).collect()
}

/// Labels for all `n` rows given the consensus labels of the (ascending) `sample` rows.
/// Returns the labels and the number of rows that could not be assigned.
pub fn assign_rest(
    runs: &[Vec<i32>],
    sample: &[usize],
    sample_labels: &[i32],
    k: usize,
) -> (Vec<i32>, usize) {
    let n = runs[0].len();
    let mut size = vec![0f64; k];
    // per run: run label → how many sampled members of each consensus segment carry it
    let mut counts: Vec<BTreeMap<i32, Vec<f64>>> = vec![BTreeMap::new(); runs.len()];
    for (&i, &s) in sample.iter().zip(sample_labels) {
        if s == NOISE {
            continue;
        }
        size[s as usize] += 1.0;
        for (r, run) in runs.iter().enumerate() {
            if run[i] != NOISE {
                counts[r].entry(run[i]).or_insert_with(|| vec![0.0; k])[s as usize] += 1.0;
            }
        }
    }
    let mut in_sample = vec![None; n];
    for (&i, &s) in sample.iter().zip(sample_labels) {
        in_sample[i] = Some(s);
    }
    let labels: Vec<i32> = (0..n)
        .into_par_iter()
        .map(|i| {
            if let Some(s) = in_sample[i] {
                return s;
            }
            if mostly_noise(runs, i) {
                return NOISE;
            }
            let mut score = vec![0.0; k];
            for (r, run) in runs.iter().enumerate() {
                if let Some(c) = counts[r].get(&run[i]) {
                    for (s, v) in score.iter_mut().zip(c) {
                        *s += v;
                    }
                }
            }
            let mut best = (NOISE, 0.0);
            for (s, (&v, &sz)) in score.iter().zip(&size).enumerate() {
                if sz > 0.0 && v / sz > best.1 {
                    best = (s as i32, v / sz);
                }
            }
            best.0
        })
        .collect();
    let unassigned =
        (0..n).filter(|&i| labels[i] == NOISE && in_sample[i].is_none() && !mostly_noise(runs, i)).count();
    (labels, unassigned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_majority_rule() {
        let runs = vec![vec![-1, 0], vec![-1, -1], vec![0, 0]];
        assert!(mostly_noise(&runs, 0));
        assert!(!mostly_noise(&runs, 1));
    }

    #[test]
    fn consensus_on_rows_with_noise() {
        let runs = vec![vec![0, 0, 1, 1, -1], vec![5, 5, 6, 6, -1], vec![0, 0, 0, 1, 2]];
        let l = consensus_on(&runs, &[0, 1, 2, 3, 4], 2);
        assert_eq!(l[4], NOISE);
        assert_eq!(l[0], l[1]);
        assert_eq!(l[2], l[3]);
        assert_ne!(l[0], l[2]);
    }

    #[test]
    fn rest_joins_the_segment_of_its_run_labels() {
        // rows 0..4 sampled: segments {0,1} and {2,3}; row 4 shares run labels with 2 and 3; row 5 with nobody
        let runs = vec![vec![0, 0, 1, 1, 1, 9], vec![3, 3, 4, 4, 4, 8]];
        let (labels, unassigned) = assign_rest(&runs, &[0, 1, 2, 3], &[0, 0, 1, 1], 2);
        assert_eq!(labels, vec![0, 0, 1, 1, 1, NOISE]);
        assert_eq!(unassigned, 1);
    }
}
