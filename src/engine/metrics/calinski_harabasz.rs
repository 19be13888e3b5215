//! Calinski–Harabasz index (variance ratio criterion), scikit-learn's `calinski_harabasz_score`:
//! [between-cluster dispersion / (k − 1)] / [within-cluster dispersion / (n − k)], 1.0 when the
//! within-cluster dispersion is 0. Higher is better. −1 is an ordinary label.

use ndarray::ArrayView2;

use super::error::Result;
use super::input::{check_data, check_label_count, encode};
use super::scatter::{centroids, sq_dist};

/// scikit-learn's Calinski–Harabasz score; errors unless 2 ≤ labels ≤ n − 1 and the data is finite.
pub fn calinski_harabasz(x: ArrayView2<f64>, labels: &[i32]) -> Result<f64> {
    check_data(x, labels)?;
    let enc = encode(labels);
    let (n, k) = (x.nrows(), enc.n_labels());
    check_label_count(k, n)?;
    let c = centroids(x, &enc);
    let mean = x.sum_axis(ndarray::Axis(0)) / n as f64;
    let extra: f64 =
        c.outer_iter().zip(&enc.counts).map(|(ck, &cnt)| cnt as f64 * sq_dist(ck.iter(), mean.iter())).sum();
    let intra: f64 =
        x.outer_iter().zip(&enc.codes).map(|(row, &code)| sq_dist(row.iter(), c.row(code).iter())).sum();
    Ok(if intra == 0.0 { 1.0 } else { extra * (n - k) as f64 / (intra * (k - 1) as f64) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::metrics::MetricsError;
    use ndarray::array;

    #[test]
    fn by_hand() {
        let x = array![[0.0], [2.0], [10.0], [12.0]];
        // centroids 1, 11; mean 6; extra = 2·25 + 2·25 = 100; intra = 4; (100·2)/(4·1) = 50
        assert_eq!(calinski_harabasz(x.view(), &[0, 0, 1, 1]).unwrap(), 50.0);
    }

    #[test]
    fn zero_within_dispersion_gives_one() {
        let x = array![[0.0], [0.0], [1.0], [1.0]];
        assert_eq!(calinski_harabasz(x.view(), &[0, 0, 1, 1]).unwrap(), 1.0);
    }

    #[test]
    fn one_label_is_an_error() {
        let x = array![[0.0], [1.0]];
        assert_eq!(
            calinski_harabasz(x.view(), &[4, 4]),
            Err(MetricsError::LabelCount { labels: 1, rows: 2 })
        );
    }
}
