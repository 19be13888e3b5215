//! The rows t-SNE embeds: checked (at least 2 rows, 1 column, finite values) and copied row-major.

use ndarray::ArrayView2;

use super::error::{Result, TsneError};

/// Finite rows, row-major: row i is `data[i*d..(i+1)*d]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// Number of rows.
    pub n: usize,
    /// Number of columns.
    pub d: usize,
    /// The values.
    pub data: Vec<f64>,
}

impl Rows {
    /// Checks and copies `x` (rows are samples).
    pub fn new(x: ArrayView2<f64>) -> Result<Rows> {
        let (n, d) = x.dim();
        if n < 2 || d == 0 {
            return Err(TsneError::TooFewRows { rows: n, cols: d });
        }
        if let Some(((row, col), &value)) = x.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Err(TsneError::NotFinite { row, col, value });
        }
        Ok(Rows { n, d, data: x.iter().copied().collect() })
    }

    /// Row i.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.d..(i + 1) * self.d]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2};

    #[test]
    fn rows_are_copied_in_row_major_order_even_from_a_transposed_view() {
        let x = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let t = x.t();
        let r = Rows::new(t).unwrap();
        assert_eq!((r.n, r.d), (3, 2));
        assert_eq!(r.row(1), &[2.0, 5.0]);
    }

    #[test]
    fn too_few_rows_or_columns() {
        assert_eq!(Rows::new(array![[1.0, 2.0]].view()), Err(TsneError::TooFewRows { rows: 1, cols: 2 }));
        assert_eq!(Rows::new(Array2::zeros((5, 0)).view()), Err(TsneError::TooFewRows { rows: 5, cols: 0 }));
    }

    #[test]
    fn non_finite_values_are_named() {
        let e = Rows::new(array![[1.0, 2.0], [f64::INFINITY, 0.0]].view()).unwrap_err();
        assert_eq!(e, TsneError::NotFinite { row: 1, col: 0, value: f64::INFINITY });
    }
}
