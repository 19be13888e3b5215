//! Centroids and sums of squares from a labelling: the within-cluster sum of squares (k-means "inertia",
//! scikit-learn's definition: a sum, not linfa's per-sample mean) and what Calinski–Harabasz and
//! Davies–Bouldin are built on.

use ndarray::{Array2, ArrayView2};

use super::error::Result;
use super::input::{check_data, encode, Encoded};

/// Mean of each label's rows (`n_labels × d`, in encoded label order).
pub(crate) fn centroids(x: ArrayView2<f64>, enc: &Encoded) -> Array2<f64> {
    let mut c = Array2::<f64>::zeros((enc.n_labels(), x.ncols()));
    for (row, &code) in x.outer_iter().zip(&enc.codes) {
        let mut target = c.row_mut(code);
        target += &row;
    }
    for (mut row, &cnt) in c.outer_iter_mut().zip(&enc.counts) {
        row /= cnt as f64;
    }
    c
}

/// Squared Euclidean distance between two equally long slices-like iterators.
pub(crate) fn sq_dist<'a>(a: impl Iterator<Item = &'a f64>, b: impl Iterator<Item = &'a f64>) -> f64 {
    a.zip(b).map(|(u, v)| (u - v) * (u - v)).sum()
}

/// Σ over rows of the squared distance to their label's centroid (−1 is an ordinary label here).
/// With one label this is the total sum of squares.
pub fn within_sum_of_squares(x: ArrayView2<f64>, labels: &[i32]) -> Result<f64> {
    check_data(x, labels)?;
    let enc = encode(labels);
    let c = centroids(x, &enc);
    Ok(x.outer_iter().zip(&enc.codes).map(|(row, &code)| sq_dist(row.iter(), c.row(code).iter())).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn within_ss_by_hand() {
        let x = array![[0.0, 0.0], [2.0, 0.0], [10.0, 1.0], [10.0, 3.0], [10.0, 5.0]];
        // label 0: centroid (1,0), SS 2; label 1: centroid (10,3), SS 8
        assert_eq!(within_sum_of_squares(x.view(), &[0, 0, 1, 1, 1]).unwrap(), 10.0);
    }

    #[test]
    fn one_label_gives_total_ss() {
        let x = array![[1.0], [3.0]];
        assert_eq!(within_sum_of_squares(x.view(), &[-1, -1]).unwrap(), 2.0);
    }

    #[test]
    fn nan_is_an_error() {
        let x = array![[1.0], [f64::INFINITY]];
        assert!(within_sum_of_squares(x.view(), &[0, 0]).is_err());
    }
}
