//! Seeded sampling of row indices without replacement, shared by the sampled silhouette, the k sweep and
//! consensus. The indices come back sorted so that per-row outputs stay in row order.

use crate::engine::rng::sub_rng;

/// `m` distinct row indices out of `0..n`, ascending, drawn with the engine RNG from `(seed, stream)`.
/// When `m >= n` all rows are returned.
pub fn sample_rows(n: usize, m: usize, seed: u64, stream: u64) -> Vec<usize> {
    if m >= n {
        return (0..n).collect();
    }
    let mut rng = sub_rng(seed, stream);
    let mut idx = rand::seq::index::sample(&mut rng, n, m).into_vec();
    idx.sort_unstable();
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_sorted_and_seeded() {
        let a = sample_rows(1000, 100, 3, 0);
        assert_eq!(a.len(), 100);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert!(a.iter().all(|&i| i < 1000));
        assert_eq!(a, sample_rows(1000, 100, 3, 0));
        assert_ne!(a, sample_rows(1000, 100, 4, 0));
    }

    #[test]
    fn all_rows_when_m_exceeds_n() {
        assert_eq!(sample_rows(3, 10, 0, 0), vec![0, 1, 2]);
        assert!(sample_rows(0, 10, 0, 0).is_empty());
    }
}
