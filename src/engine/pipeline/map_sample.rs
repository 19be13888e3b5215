//! Which customers the map shows when it cannot show them all: a seeded random sample stratified by segment —
//! each segment in proportion to its size (largest remainders), chosen at random within it — in row order.
//!
//! Why not every n-th row: a strided pick aliases with any periodic order in the file. A file whose rows cycle
//! through the segments (or are sorted in blocks) lost whole segments from the map that way (100k rows cycling
//! through 8 segments, every 2nd row: 4 segments never drawn). A plain random sample can miss a small segment.

use crate::engine::rng::sub_rng;
use std::collections::BTreeMap;

/// Stream of the sub-generators (one per segment, in label order).
const STREAM: u64 = 0x6d61_7073;

/// At most `max` row indices of `labels` (all of them when they fit), ascending, with every segment
/// represented in proportion to its size. Deterministic for a given `seed`.
pub fn stratified(labels: &[i32], max: usize, seed: u64) -> Vec<usize> {
    let n = labels.len();
    if n <= max {
        return (0..n).collect();
    }
    let mut groups: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, &l) in labels.iter().enumerate() {
        groups.entry(l).or_default().push(i);
    }
    // Hamilton apportionment: floors first, then one more to the largest remainders (ties: lower label).
    let exact: Vec<f64> = groups.values().map(|g| g.len() as f64 * max as f64 / n as f64).collect();
    let mut quota: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b))
    });
    let left = max.saturating_sub(quota.iter().sum());
    for &g in order.iter().take(left) {
        quota[g] += 1;
    }
    let mut out = Vec::with_capacity(max);
    for (k, (group, &q)) in groups.values().zip(&quota).enumerate() {
        let q = q.min(group.len());
        if q == group.len() {
            out.extend_from_slice(group);
        } else {
            let mut rng = sub_rng(seed, STREAM + k as u64);
            out.extend(rand::seq::index::sample(&mut rng, group.len(), q).into_iter().map(|i| group[i]));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cycling_through_segments_keeps_every_segment_in_proportion() {
        let labels: Vec<i32> = (0..100_000).map(|i| i % 8).collect();
        let s = stratified(&labels, 50_000, 0);
        assert_eq!(s.len(), 50_000);
        assert!(s.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
        for seg in 0..8 {
            assert_eq!(s.iter().filter(|&&i| labels[i] == seg).count(), 6_250, "segment {seg}");
        }
        assert_eq!(s, stratified(&labels, 50_000, 0), "seeded: the same sample every time");
        assert_ne!(s, stratified(&labels, 50_000, 1));
    }

    #[test]
    fn quotas_add_up_to_the_cap_and_small_segments_get_their_share() {
        let mut labels = vec![0; 9_000];
        labels.extend(vec![1; 990]);
        labels.extend(vec![-1; 10]);
        let s = stratified(&labels, 1_000, 3);
        assert_eq!(s.len(), 1_000);
        let count = |l: i32| s.iter().filter(|&&i| labels[i] == l).count();
        assert_eq!((count(0), count(1), count(-1)), (900, 99, 1));
        assert_eq!(stratified(&labels, 20_000, 3).len(), 10_000, "everyone when they fit");
        assert!(stratified(&[], 5, 0).is_empty());
        assert!(stratified(&[0, 1], 0, 0).is_empty());
    }
}
