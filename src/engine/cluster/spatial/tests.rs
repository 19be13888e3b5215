//! Checks the kd-tree against brute force on seeded data with duplicates and ties.

use super::*;
use crate::engine::rng::{rng, Rng};

fn data(n: usize, dim: usize, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    let mut v: Vec<f64> = (0..n * dim).map(|_| (r.gen_range(0..20) as f64) * 0.25).collect();
    // a block of exact duplicates
    for i in 0..n / 10 {
        let (src, dst) = (0, (i + 1) * dim);
        let row: Vec<f64> = v[src..src + dim].to_vec();
        v[dst..dst + dim].copy_from_slice(&row);
    }
    v
}

#[test]
fn radius_queries_match_brute_force() {
    let dim = 3;
    let x = data(500, dim, 1);
    let tree = KdTree::build(&x, dim);
    let mut stack = Vec::new();
    for r2 in [0.0, 0.0625, 0.5, 2.0, 100.0] {
        for i in (0..500).step_by(7) {
            let q = &x[i * dim..(i + 1) * dim];
            let mut brute: Vec<usize> =
                (0..500).filter(|&j| sq_dist(&x[j * dim..(j + 1) * dim], q) <= r2).collect();
            let mut got = Vec::new();
            tree.for_each_within(q, r2, &mut stack, |j| got.push(j));
            got.sort_unstable();
            brute.sort_unstable();
            assert_eq!(got, brute);
            assert_eq!(tree.count_within(q, r2, usize::MAX, &mut stack), brute.len());
            let capped = tree.count_within(q, r2, 3, &mut stack);
            assert!(capped >= brute.len().min(3));
        }
    }
}

#[test]
fn nearest_and_kth_match_brute_force() {
    let dim = 4;
    let x = data(400, dim, 2);
    let tree = KdTree::build(&x, dim);
    let (mut stack, mut heap) = (Vec::new(), Vec::new());
    for i in (0..400).step_by(5) {
        let q: Vec<f64> = x[i * dim..(i + 1) * dim].iter().map(|v| v + 0.1).collect();
        let mut d: Vec<(f64, usize)> =
            (0..400).map(|j| (sq_dist(&x[j * dim..(j + 1) * dim], &q), j)).collect();
        d.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(tree.nearest_within(&q, f64::INFINITY, &mut stack), Some((d[0].1, d[0].0)));
        assert_eq!(tree.nearest_within(&q, d[0].0 * 0.5, &mut stack), None);
        for k in [1, 2, 5, 17, 400] {
            assert_eq!(tree.kth_nearest_d2(&q, k, &mut heap, &mut stack), Some(d[k - 1].0));
        }
        assert_eq!(tree.kth_nearest_d2(&q, 401, &mut heap, &mut stack), None);
    }
}

#[test]
fn degenerate_trees_do_not_panic() {
    let empty = KdTree::build(&[], 3);
    let mut stack = Vec::new();
    assert!(empty.is_empty());
    assert_eq!(empty.count_within(&[0.0; 3], 1.0, 5, &mut stack), 0);
    assert_eq!(empty.nearest_within(&[0.0; 3], 1.0, &mut stack), None);
    let same = vec![1.5; 3 * 1000];
    let tree = KdTree::build(&same, 3);
    assert_eq!(tree.count_within(&[1.5; 3], 0.0, usize::MAX, &mut stack), 1000);
    assert_eq!(tree.nearest_within(&[1.5; 3], 0.0, &mut stack), Some((0, 0.0)));
    let zero_dim = KdTree::build(&[1.0, 2.0], 0);
    assert!(zero_dim.is_empty());
}
