//! Matching the segments of a new run to those of the previous run, so that pinned names and colours stay
//! with their segment: a minimum-cost assignment (Hungarian algorithm) on squared distances between
//! standardized centroids.
//!
//! Written here rather than taken from `pathfinding::kuhn_munkres`, which needs integer (`Ord`) weights:
//! distances between centroids would have to be quantized. This is the O(n²·m) shortest-augmenting-path
//! form with potentials (Kuhn 1955, Munkres 1957; Jonker–Volgenant style), on f64.

use ndarray::ArrayView2;

/// The minimum-cost assignment of each row of `cost` (n × m, n ≤ m, all finite) to a distinct column.
/// Ties are broken towards lower column indices, so the result is deterministic.
fn assign_rows(cost: &[Vec<f64>], m: usize) -> Vec<usize> {
    let n = cost.len();
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; m + 1]);
    let (mut p, mut way) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            if j1 == 0 {
                break; // unreachable with finite costs; guards against an endless loop
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        }
    }
    let mut row_to_col = vec![usize::MAX; n];
    for (j, &i) in p.iter().enumerate().skip(1) {
        if i > 0 {
            row_to_col[i - 1] = j - 1;
        }
    }
    row_to_col
}

/// The minimum-cost matching between rows and columns of a rectangular cost matrix: for each row, its column,
/// or None when there are more rows than columns and the row is left out. Non-finite costs count as larger
/// than any finite one.
pub fn hungarian(cost: &[Vec<f64>], n_cols: usize) -> Vec<Option<usize>> {
    let n = cost.len();
    if n == 0 || n_cols == 0 {
        return vec![None; n];
    }
    let max = cost.iter().flatten().copied().filter(|c| c.is_finite()).fold(0.0f64, |a, c| a.max(c.abs()));
    let big = if max > 0.0 { max * 4.0 + 1.0 } else { 1.0 };
    let clean = |c: f64| if c.is_finite() { c } else { big };
    if n <= n_cols {
        let c: Vec<Vec<f64>> = cost
            .iter()
            .map(|r| (0..n_cols).map(|j| clean(r.get(j).copied().unwrap_or(f64::NAN))).collect())
            .collect();
        assign_rows(&c, n_cols).into_iter().map(|j| (j < n_cols).then_some(j)).collect()
    } else {
        let t: Vec<Vec<f64>> = (0..n_cols)
            .map(|j| (0..n).map(|i| clean(cost[i].get(j).copied().unwrap_or(f64::NAN))).collect())
            .collect();
        let mut out = vec![None; n];
        for (j, i) in assign_rows(&t, n).into_iter().enumerate() {
            if i < n {
                out[i] = Some(j);
            }
        }
        out
    }
}

/// For each new segment (row of `new_centroids`), the previous segment (row of `prev_centroids`) it continues,
/// by minimum total squared distance; None for new segments left over when there are more new than previous
/// ones. Centroids are in standardized units with the same columns; a column where either value is NaN is
/// left out of that distance. Different column counts, or no rows, give all None.
///
/// ```
/// use ndarray::array;
/// use segscope::engine::profile::match_segments;
/// let prev = array![[0.0, 0.0], [3.0, 3.0]];
/// let new = array![[3.1, 2.9], [9.0, -9.0], [0.1, 0.0]];
/// assert_eq!(match_segments(prev.view(), new.view()), vec![Some(1), None, Some(0)]);
/// ```
pub fn match_segments(prev_centroids: ArrayView2<f64>, new_centroids: ArrayView2<f64>) -> Vec<Option<usize>> {
    let (kp, kn) = (prev_centroids.nrows(), new_centroids.nrows());
    if prev_centroids.ncols() != new_centroids.ncols() || kp == 0 {
        return vec![None; kn];
    }
    let cost: Vec<Vec<f64>> = new_centroids
        .rows()
        .into_iter()
        .map(|a| {
            prev_centroids
                .rows()
                .into_iter()
                .map(|b| {
                    a.iter()
                        .zip(b.iter())
                        .filter(|(x, y)| x.is_finite() && y.is_finite())
                        .map(|(x, y)| (x - y) * (x - y))
                        .sum()
                })
                .collect()
        })
        .collect();
    hungarian(&cost, kp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Brute force over all permutations, for checking optimality.
    fn best_total(cost: &[Vec<f64>]) -> f64 {
        fn go(cost: &[Vec<f64>], i: usize, used: &mut Vec<bool>) -> f64 {
            if i == cost.len() {
                return 0.0;
            }
            let mut best = f64::INFINITY;
            for j in 0..used.len() {
                if !used[j] {
                    used[j] = true;
                    best = best.min(cost[i][j] + go(cost, i + 1, used));
                    used[j] = false;
                }
            }
            best
        }
        go(cost, 0, &mut vec![false; cost[0].len()])
    }

    #[test]
    fn optimal_on_random_square_and_rectangular_costs() {
        use rand::Rng;
        let mut r = crate::engine::rng::rng(11);
        for (n, m) in [(4, 4), (3, 5), (5, 5), (2, 6)] {
            for _ in 0..20 {
                let cost: Vec<Vec<f64>> =
                    (0..n).map(|_| (0..m).map(|_| r.gen_range(0.0..10.0)).collect()).collect();
                let a = hungarian(&cost, m);
                let total: f64 = a.iter().enumerate().map(|(i, j)| cost[i][j.unwrap()]).sum();
                assert!((total - best_total(&cost)).abs() < 1e-9);
                let mut cols: Vec<usize> = a.iter().map(|j| j.unwrap()).collect();
                cols.sort_unstable();
                cols.dedup();
                assert_eq!(cols.len(), n);
            }
        }
    }

    #[test]
    fn more_rows_than_columns_leaves_the_worst_out() {
        let cost = vec![vec![0.0, 5.0], vec![9.0, 9.0], vec![5.0, 0.0]];
        assert_eq!(hungarian(&cost, 2), vec![Some(0), None, Some(1)]);
    }

    #[test]
    fn permuted_centroids_map_back() {
        let prev = array![[0.0, 0.0], [5.0, 5.0], [-3.0, 4.0]];
        let new = array![[-3.0, 4.0], [0.0, 0.0], [5.0, 5.0]];
        assert_eq!(match_segments(prev.view(), new.view()), vec![Some(2), Some(0), Some(1)]);
    }

    #[test]
    fn degenerate_inputs() {
        let prev = array![[0.0, f64::NAN]];
        let new = array![[1.0, 2.0], [f64::NAN, f64::NAN]];
        assert_eq!(match_segments(prev.view(), new.view()).len(), 2);
        assert_eq!(match_segments(array![[1.0]].view(), new.view()), vec![None, None]);
        assert!(match_segments(prev.view(), ndarray::Array2::<f64>::zeros((0, 2)).view()).is_empty());
        assert_eq!(hungarian(&[vec![f64::NAN, 1.0]], 2), vec![Some(1)]);
    }
}
