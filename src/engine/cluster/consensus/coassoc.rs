//! The co-association matrix of several labelings: for each pair of rows, the fraction of runs in which
//! they share a segment. Noise (−1) shares a segment with nothing, not even other noise.
//! Stored condensed (upper triangle, row-major, as kodama and scipy expect) as the dissimilarity
//! 1 − co-association; O(m²) memory, so callers keep m within the documented cap.

use rayon::prelude::*;

use crate::engine::cluster::common::NOISE;

/// Labels of the chosen rows, row-major (`rows.len() × runs`), for cache-friendly pair comparisons.
pub fn gather(runs: &[Vec<i32>], rows: &[usize]) -> Vec<i32> {
    let mut out = Vec::with_capacity(rows.len() * runs.len());
    for &i in rows {
        out.extend(runs.iter().map(|r| r[i]));
    }
    out
}

/// The condensed dissimilarity 1 − co-association between the `m` rows of `gathered` (`m × runs`).
pub fn condensed_dissimilarity(gathered: &[i32], m: usize, runs: usize) -> Vec<f64> {
    let mut dis = vec![0.0; m * m.saturating_sub(1) / 2];
    let mut slices = Vec::with_capacity(m);
    let mut rest: &mut [f64] = &mut dis;
    for i in 0..m {
        let (head, tail) = rest.split_at_mut(m - 1 - i);
        slices.push(head);
        rest = tail;
    }
    let inv = 1.0 / runs as f64;
    slices.into_par_iter().enumerate().for_each(|(i, row)| {
        let li = &gathered[i * runs..(i + 1) * runs];
        for (o, out) in row.iter_mut().enumerate() {
            let j = i + 1 + o;
            let lj = &gathered[j * runs..(j + 1) * runs];
            let shared = li.iter().zip(lj).filter(|(a, b)| a == b && **a != NOISE).count();
            *out = 1.0 - shared as f64 * inv;
        }
    });
    dis
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_of_runs_sharing_a_segment() {
        let runs = vec![vec![0, 0, 1, -1], vec![0, 1, 1, -1]];
        let g = gather(&runs, &[0, 1, 2, 3]);
        let d = condensed_dissimilarity(&g, 4, 2);
        // pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
        assert_eq!(d, vec![0.5, 1.0, 1.0, 0.5, 1.0, 1.0]);
    }

    #[test]
    fn repeated_rows_share_their_segments() {
        let runs = vec![vec![3, 4], vec![3, -1]];
        let g = gather(&runs, &[0, 0, 1]);
        assert_eq!(condensed_dissimilarity(&g, 3, 2), vec![0.0, 1.0, 1.0]);
    }
}
