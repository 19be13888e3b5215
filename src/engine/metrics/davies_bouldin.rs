//! Davies–Bouldin index, scikit-learn's `davies_bouldin_score`: the mean over clusters of the worst
//! (s_i + s_j) / d(c_i, c_j), where s_i is the mean distance of cluster i's points to its centroid.
//! Lower is better; 0 when all s_i or all centroid distances are ≈ 0 (|v| ≤ 1e-8, numpy's `allclose`);
//! pairs of coinciding centroids are skipped. −1 is an ordinary label.
//! Comparing every pair of centroids is O(labels²·d), so at most [`MAX_LABELS`] distinct labels are accepted
//! (an error above; a segmentation with more segments than that is not one to score).

use ndarray::ArrayView2;

use super::error::{MetricsError, Result};
use super::input::{check_data, check_label_count, encode};
use super::scatter::{centroids, sq_dist};

/// Cap on distinct labels (the centroid pairs are O(labels²)).
pub const MAX_LABELS: usize = 20_000;

/// numpy's `allclose(v, 0)` absolute tolerance, used by scikit-learn's degenerate-case check.
const ATOL: f64 = 1e-8;

/// scikit-learn's Davies–Bouldin score; errors unless 2 ≤ labels ≤ n − 1 and the data is finite.
pub fn davies_bouldin(x: ArrayView2<f64>, labels: &[i32]) -> Result<f64> {
    check_data(x, labels)?;
    let enc = encode(labels);
    let k = enc.n_labels();
    check_label_count(k, x.nrows())?;
    if k > MAX_LABELS {
        return Err(MetricsError::TooManyLabels { labels: k, max: MAX_LABELS });
    }
    let c = centroids(x, &enc);
    let mut intra = vec![0.0; k];
    for (row, &code) in x.outer_iter().zip(&enc.codes) {
        intra[code] += sq_dist(row.iter(), c.row(code).iter()).sqrt();
    }
    for (s, &cnt) in intra.iter_mut().zip(&enc.counts) {
        *s /= cnt as f64;
    }
    let cd = |i: usize, j: usize| sq_dist(c.row(i).iter(), c.row(j).iter()).sqrt();
    let all_centroids_close = (0..k).all(|i| (0..k).all(|j| cd(i, j).abs() <= ATOL));
    if intra.iter().all(|s| s.abs() <= ATOL) || all_centroids_close {
        return Ok(0.0);
    }
    let total: f64 = (0..k)
        .map(|i| {
            (0..k)
                .filter(|&j| j != i)
                .map(|j| {
                    let d = cd(i, j);
                    if d == 0.0 {
                        0.0
                    } else {
                        (intra[i] + intra[j]) / d
                    }
                })
                .fold(0.0, f64::max)
        })
        .sum();
    Ok(total / k as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn by_hand() {
        let x = array![[0.0], [2.0], [10.0], [14.0]];
        // s = 1, 2; centroid distance 11; both clusters score 3/11
        assert!((davies_bouldin(x.view(), &[0, 0, 1, 1]).unwrap() - 3.0 / 11.0).abs() < 1e-15);
    }

    #[test]
    fn tight_clusters_give_zero() {
        let x = array![[0.0], [0.0], [1.0], [1.0]];
        assert_eq!(davies_bouldin(x.view(), &[0, 0, 1, 1]).unwrap(), 0.0);
    }

    #[test]
    fn coinciding_centroids_are_skipped() {
        let x = array![[-1.0], [1.0], [-2.0], [2.0], [10.0], [11.0]];
        // clusters 0 and 1 share centroid 0: their pair is skipped, each scores against cluster 2
        let got = davies_bouldin(x.view(), &[0, 0, 1, 1, 2, 2]).unwrap();
        let want = ((1.0 + 0.5) / 10.5 + (2.0 + 0.5) / 10.5 + (2.0 + 0.5) / 10.5) / 3.0;
        assert!((got - want).abs() < 1e-15);
    }

    #[test]
    fn too_many_labels_is_an_error() {
        let n = MAX_LABELS + 2;
        let x = ndarray::Array2::<f64>::zeros((n, 1));
        let labels: Vec<i32> = (0..n as i32).map(|i| i.min(MAX_LABELS as i32)).collect();
        assert_eq!(
            davies_bouldin(x.view(), &labels),
            Err(MetricsError::TooManyLabels { labels: MAX_LABELS + 1, max: MAX_LABELS })
        );
    }

    #[test]
    fn n_labels_equal_to_n_is_an_error() {
        let x = array![[0.0], [1.0]];
        assert_eq!(davies_bouldin(x.view(), &[0, 1]), Err(MetricsError::LabelCount { labels: 2, rows: 2 }));
    }
}
