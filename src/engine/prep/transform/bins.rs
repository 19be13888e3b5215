//! Quantile binning as scikit-learn 1.9's `KBinsDiscretizer(strategy="quantile", encode="ordinal")`: edges at
//! the `averaged_inverted_cdf` percentiles `linspace(0, 100, n_bins + 1)`, edges closer than 1e-8 merged, bin =
//! number of inner edges ≤ x. (scikit-learn subsamples to 200 000 rows before fitting; this uses every row.)

use crate::engine::prep::stats::{quantile_averaged_inverted_cdf, sorted_present};

/// The bin edges of `xs` (NaN ignored) for `n_bins` quantile bins; at least two edges.
pub(crate) fn fit_edges(xs: &[f64], n_bins: usize) -> Vec<f64> {
    let sorted = sorted_present(xs);
    if sorted.is_empty() {
        return vec![0.0, 0.0];
    }
    // np.linspace(0, 100, n_bins + 1): i * (100 / n_bins), the last set to 100 exactly; then q / 100.
    let step = 100.0 / n_bins as f64;
    let raw: Vec<f64> = (0..=n_bins)
        .map(|i| if i == n_bins { 100.0 } else { i as f64 * step })
        .map(|p| quantile_averaged_inverted_cdf(&sorted, p / 100.0))
        .collect();
    let mut edges = vec![raw[0]];
    for w in raw.windows(2) {
        if w[1] - w[0] > 1e-8 {
            edges.push(w[1]);
        }
    }
    if edges.len() == 1 {
        edges.push(raw[0]);
    }
    edges
}

/// The bin of `x`: how many inner edges are ≤ `x` (`np.searchsorted(edges[1:-1], x, side="right")`).
pub(crate) fn bin_of(edges: &[f64], x: f64) -> f64 {
    let inner = &edges[1..edges.len() - 1];
    inner.partition_point(|&e| e <= x) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartile_bins() {
        let xs: Vec<f64> = (1..=8).map(f64::from).collect();
        // KBinsDiscretizer(4, strategy="quantile").fit([[1]..[8]]).bin_edges_ = [1, 2.5, 4.5, 6.5, 8]
        let e = fit_edges(&xs, 4);
        assert_eq!(e, vec![1.0, 2.5, 4.5, 6.5, 8.0]);
        let bins: Vec<f64> = xs.iter().map(|&x| bin_of(&e, x)).collect();
        assert_eq!(bins, vec![0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0]);
    }

    #[test]
    fn constant_column_gives_one_bin() {
        let e = fit_edges(&[5.0, 5.0, 5.0], 3);
        assert_eq!(e, vec![5.0, 5.0]);
        assert_eq!(bin_of(&e, 7.0), 0.0);
    }
}
