//! The gap statistic (Tibshirani, Walther & Hastie 2001): how much tighter the clusters are than those of
//! structureless data. Reference sets are drawn uniformly in the bounding box of the (sampled) data, seeded;
//! Gap(k) = mean_b log W*_kb − log W_k, s_k = sd_b(log W*_kb)·√(1 + 1/B), with W the within-cluster sum of
//! squares; the chosen k is the smallest with Gap(k) ≥ Gap(k+1) − s_{k+1}.

use ndarray::{Array2, ArrayView2};

use crate::engine::metrics::within_sum_of_squares;
use crate::engine::rng::{sub_rng, Rng};

/// `b` data sets shaped like `x`, uniform in its per-column [min, max] box, from `seed`.
pub fn reference_sets(x: ArrayView2<f64>, b: usize, seed: u64) -> Vec<Array2<f64>> {
    let bounds: Vec<(f64, f64)> = x
        .columns()
        .into_iter()
        .map(|c| {
            let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        })
        .collect();
    (0..b)
        .map(|i| {
            let mut r = sub_rng(seed, i as u64);
            Array2::from_shape_fn(x.dim(), |(_, j)| {
                let (lo, hi) = bounds[j];
                lo + (hi - lo) * r.gen::<f64>()
            })
        })
        .collect()
}

/// ln W for a labelling, or `None` when W is 0 (every cluster a single point or duplicates) or undefined.
pub fn log_w(x: ArrayView2<f64>, labels: &[i32]) -> Option<f64> {
    let w = within_sum_of_squares(x, labels).ok()?;
    (w > 0.0).then(|| w.ln())
}

/// (Gap, s) from the data's ln W and the references' ln W*; `None` if any reference is undefined.
pub fn gap_and_se(log_w_data: f64, ref_log_w: &[Option<f64>]) -> Option<(f64, f64)> {
    let v: Vec<f64> = ref_log_w.iter().copied().collect::<Option<Vec<f64>>>()?;
    if v.is_empty() {
        return None;
    }
    let b = v.len() as f64;
    let mean = v.iter().sum::<f64>() / b;
    let sd = (v.iter().map(|l| (l - mean) * (l - mean)).sum::<f64>() / b).sqrt();
    Some((mean - log_w_data, sd * (1.0 + 1.0 / b).sqrt()))
}

/// Tibshirani's rule over ascending, consecutive `ks`: the smallest k with Gap(k) ≥ Gap(k+1) − s_{k+1}.
/// `None` when no k qualifies (the gap still rises at the end of the range) or values are missing.
pub fn gap_choice(ks: &[usize], gap: &[Option<(f64, f64)>]) -> Option<usize> {
    (0..ks.len().saturating_sub(1)).find_map(|i| {
        let (g, _) = gap[i]?;
        let (g1, s1) = gap[i + 1]?;
        (ks[i + 1] == ks[i] + 1 && g >= g1 - s1).then_some(ks[i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn references_stay_in_the_box_and_are_seeded() {
        let x = array![[0.0, 10.0], [1.0, 12.0], [0.5, 11.0]];
        let r = reference_sets(x.view(), 3, 7);
        assert_eq!(r.len(), 3);
        for s in &r {
            assert_eq!(s.dim(), (3, 2));
            assert!(s.column(0).iter().all(|&v| (0.0..=1.0).contains(&v)));
            assert!(s.column(1).iter().all(|&v| (10.0..=12.0).contains(&v)));
        }
        assert_eq!(r, reference_sets(x.view(), 3, 7));
        assert_ne!(r[0], r[1]);
    }

    #[test]
    fn gap_and_se_by_hand() {
        let (g, s) = gap_and_se(1.0, &[Some(2.0), Some(4.0)]).unwrap();
        assert_eq!(g, 2.0);
        assert!((s - 1.0 * (1.5f64).sqrt()).abs() < 1e-15);
        assert_eq!(gap_and_se(1.0, &[Some(2.0), None]), None);
    }

    #[test]
    fn rule_takes_the_first_k_not_beaten_by_the_next() {
        let ks = [1, 2, 3, 4];
        let gap = [Some((0.1, 0.05)), Some((0.5, 0.05)), Some((0.9, 0.05)), Some((0.88, 0.05))];
        assert_eq!(gap_choice(&ks, &gap), Some(3));
        let rising = [Some((0.1, 0.01)), Some((0.5, 0.01)), Some((0.9, 0.01)), Some((1.3, 0.01))];
        assert_eq!(gap_choice(&ks, &rising), None);
    }

    #[test]
    fn zero_within_ss_has_no_log() {
        let x = array![[1.0], [1.0], [2.0]];
        assert_eq!(log_w(x.view(), &[0, 0, 1]), None);
        assert!(log_w(x.view(), &[0, 0, 0]).is_some());
    }
}
