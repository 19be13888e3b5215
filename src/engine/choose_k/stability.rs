//! Resampling stability of a clustering at one k (in the spirit of Ben-Hur, Elisseeff & Guyon 2002 and
//! Lange et al. 2004): fit B seeded subsamples of a fixed fraction of the rows (without replacement; the
//! same subsamples for every k), then average the adjusted Rand index of every pair of fits over the rows
//! the pair has in common. 1 = the same segments whatever the sample; near 0 = arbitrary.

use crate::engine::metrics::{adjusted_rand_index, sample::sample_rows};

/// `b` sorted row subsets of `round(fraction·m)` rows (at least 2) out of `0..m`.
pub fn subsamples(m: usize, b: usize, fraction: f64, seed: u64) -> Vec<Vec<usize>> {
    let size = ((fraction * m as f64).round() as usize).clamp(2.min(m), m);
    (0..b).map(|i| sample_rows(m, size, seed, i as u64)).collect()
}

/// Mean and standard deviation of the pairwise ARI between fits, on common rows. `labels[i]` labels the
/// rows `subs[i]` in order. Pairs with fewer than 2 common rows are skipped; `None` if none remain.
pub fn pairwise_agreement(subs: &[Vec<usize>], labels: &[Vec<i32>]) -> Option<(f64, f64)> {
    let mut aris = Vec::new();
    for i in 0..subs.len() {
        for j in i + 1..subs.len() {
            let (a, b) = common_labels(&subs[i], &labels[i], &subs[j], &labels[j]);
            if a.len() >= 2 {
                if let Ok(v) = adjusted_rand_index(&a, &b) {
                    aris.push(v);
                }
            }
        }
    }
    if aris.is_empty() {
        return None;
    }
    let n = aris.len() as f64;
    let mean = aris.iter().sum::<f64>() / n;
    let sd = (aris.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt();
    Some((mean, sd))
}

/// The two fits' labels on the rows both subsets contain (both subsets ascending).
fn common_labels(ra: &[usize], la: &[i32], rb: &[usize], lb: &[i32]) -> (Vec<i32>, Vec<i32>) {
    let (mut i, mut j) = (0, 0);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    while i < ra.len() && j < rb.len() {
        match ra[i].cmp(&rb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                a.push(la[i]);
                b.push(lb[j]);
                i += 1;
                j += 1;
            }
        }
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsamples_have_the_fraction_and_differ() {
        let s = subsamples(100, 3, 0.8, 1);
        assert!(s.iter().all(|v| v.len() == 80));
        assert_ne!(s[0], s[1]);
        assert_eq!(s, subsamples(100, 3, 0.8, 1));
        assert_eq!(subsamples(3, 1, 0.1, 0)[0].len(), 2);
    }

    #[test]
    fn agreement_on_common_rows() {
        let subs = vec![vec![0, 1, 2, 3], vec![1, 2, 3, 4]];
        // rows 1..=3 in common: [0,1,1] vs [5,7,7] → identical partitions
        let labels = vec![vec![0, 0, 1, 1], vec![5, 7, 7, 9]];
        assert_eq!(pairwise_agreement(&subs, &labels), Some((1.0, 0.0)));
        let disjoint = vec![vec![0, 1], vec![2, 3]];
        assert_eq!(pairwise_agreement(&disjoint, &[vec![0, 1], vec![0, 1]]), None);
    }
}
