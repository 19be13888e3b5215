//! Input checks shared by every metric (finite data, one label per row) and label encoding.
//!
//! Labels are encoded like scikit-learn's `LabelEncoder`: the distinct values sorted ascending become
//! 0, 1, 2, … A label of −1 (the engine's noise label) is *just another label* here, exactly as in
//! scikit-learn; callers that want noise excluded must drop those rows before scoring.

use ndarray::ArrayView2;

use super::error::{MetricsError, Result};

/// Labels mapped to dense codes `0..n_labels`, with the size of each label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// One code per row, in `0..n_labels`.
    pub codes: Vec<usize>,
    /// Rows per code.
    pub counts: Vec<usize>,
    /// The original label of each code (ascending).
    pub classes: Vec<i32>,
}

impl Encoded {
    /// Number of distinct labels.
    pub fn n_labels(&self) -> usize {
        self.classes.len()
    }
}

/// Encodes `labels` as dense codes in ascending label order.
pub fn encode(labels: &[i32]) -> Encoded {
    let mut classes: Vec<i32> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    let mut counts = vec![0usize; classes.len()];
    let codes = labels
        .iter()
        .map(|l| {
            // classes holds every label, so the search always succeeds; 0 is never reached
            let c = classes.binary_search(l).unwrap_or(0);
            counts[c] += 1;
            c
        })
        .collect();
    Encoded { codes, counts, classes }
}

/// Checks that `x` has rows and columns, is finite, and has one label per row.
pub fn check_data(x: ArrayView2<f64>, labels: &[i32]) -> Result<()> {
    let (rows, cols) = x.dim();
    if rows == 0 {
        return Err(MetricsError::Empty);
    }
    if cols == 0 {
        return Err(MetricsError::NoColumns);
    }
    if labels.len() != rows {
        return Err(MetricsError::LengthMismatch { rows, labels: labels.len() });
    }
    check_finite(x)
}

/// Checks that every cell of `x` is finite, naming the first that is not.
pub fn check_finite(x: ArrayView2<f64>) -> Result<()> {
    for (row, r) in x.outer_iter().enumerate() {
        if let Some((column, &value)) = r.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(MetricsError::NonFinite { row, column, value });
        }
    }
    Ok(())
}

/// scikit-learn's `check_number_of_labels`: 2 ≤ labels ≤ rows − 1.
pub fn check_label_count(n_labels: usize, rows: usize) -> Result<()> {
    if n_labels < 2 || n_labels + 1 > rows {
        return Err(MetricsError::LabelCount { labels: n_labels, rows });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn encodes_in_ascending_label_order() {
        let e = encode(&[5, -1, 5, 2]);
        assert_eq!(e.classes, vec![-1, 2, 5]);
        assert_eq!(e.codes, vec![2, 0, 2, 1]);
        assert_eq!(e.counts, vec![1, 1, 2]);
    }

    #[test]
    fn rejects_empty_data() {
        let x = ndarray::Array2::<f64>::zeros((0, 2));
        assert_eq!(check_data(x.view(), &[]), Err(MetricsError::Empty));
    }

    #[test]
    fn rejects_no_columns() {
        let x = ndarray::Array2::<f64>::zeros((2, 0));
        assert_eq!(check_data(x.view(), &[0, 1]), Err(MetricsError::NoColumns));
    }

    #[test]
    fn rejects_length_mismatch() {
        let x = array![[0.0], [1.0]];
        assert_eq!(check_data(x.view(), &[0]), Err(MetricsError::LengthMismatch { rows: 2, labels: 1 }));
    }

    #[test]
    fn rejects_nan_naming_the_cell() {
        let x = array![[0.0, 1.0], [1.0, f64::NAN]];
        assert!(matches!(
            check_data(x.view(), &[0, 1]),
            Err(MetricsError::NonFinite { row: 1, column: 1, .. })
        ));
    }

    #[test]
    fn label_count_must_be_between_2_and_n_minus_1() {
        assert!(check_label_count(1, 5).is_err());
        assert!(check_label_count(5, 5).is_err());
        assert!(check_label_count(4, 5).is_ok());
        assert!(check_label_count(2, 3).is_ok());
        assert!(check_label_count(2, 2).is_err());
    }
}
