//! Checks shared by every selection function: shapes agree and the prepared matrix is finite.

use ndarray::ArrayView2;

use super::error::{Result, SelectionError};

/// Checks that `x` has at least `min_rows` rows and one column and that every value is finite.
pub fn check_matrix(x: ArrayView2<f64>, min_rows: usize) -> Result<()> {
    if x.ncols() == 0 {
        return Err(SelectionError::NoFeatures);
    }
    if x.nrows() < min_rows {
        return Err(SelectionError::TooFewRows { rows: x.nrows(), needed: min_rows });
    }
    for ((row, column), &value) in x.indexed_iter() {
        if !value.is_finite() {
            return Err(SelectionError::NonFinite { row, column, value });
        }
    }
    Ok(())
}

/// Checks that there is one name per column of `x`.
pub fn check_names(x: ArrayView2<f64>, names: &[String]) -> Result<()> {
    if names.len() != x.ncols() {
        return Err(SelectionError::NamesMismatch { names: names.len(), columns: x.ncols() });
    }
    Ok(())
}

/// Checks that `labels` has one entry per row of `x`.
pub fn check_labels(x: ArrayView2<f64>, labels: &[i32]) -> Result<()> {
    if labels.len() != x.nrows() {
        return Err(SelectionError::RowsMismatch {
            what: "labels",
            expected: x.nrows(),
            found: labels.len(),
        });
    }
    Ok(())
}

/// Checks that `unscaled` has the shape of `x` (its values may be anything; NaN gives NaN statistics).
pub fn check_unscaled(x: ArrayView2<f64>, unscaled: ArrayView2<f64>) -> Result<()> {
    if unscaled.nrows() != x.nrows() {
        return Err(SelectionError::RowsMismatch {
            what: "the unscaled matrix",
            expected: x.nrows(),
            found: unscaled.nrows(),
        });
    }
    if unscaled.ncols() != x.ncols() {
        return Err(SelectionError::ColumnsMismatch { expected: x.ncols(), found: unscaled.ncols() });
    }
    Ok(())
}
