//! Validated row-major data for the mixtures, and the fixed chunking their parallel passes share.

use ndarray::ArrayView2;

use super::error::{GmmError, Result};

/// Rows per parallel work item. Fixed: per-chunk sums are combined in chunk order, so results do not depend
/// on the number of threads.
pub(crate) const CHUNK: usize = 1024;

/// Finite, non-empty, row-major `n × d` data.
pub(crate) struct Rows {
    pub x: Vec<f64>,
    pub n: usize,
    pub d: usize,
}

impl Rows {
    /// Copies `x` after checking it is non-empty and finite.
    pub fn new(x: ArrayView2<f64>) -> Result<Self> {
        let (n, d) = x.dim();
        if n == 0 || d == 0 {
            return Err(GmmError::EmptyData { rows: n, cols: d });
        }
        let mut flat = Vec::with_capacity(n * d);
        for (row, r) in x.outer_iter().enumerate() {
            for (col, &value) in r.iter().enumerate() {
                if !value.is_finite() {
                    return Err(GmmError::NonFinite { row, col, value });
                }
                flat.push(value);
            }
        }
        Ok(Self { x: flat, n, d })
    }

    /// Like [`Rows::new`] but also requires `d` columns.
    pub fn with_width(x: ArrayView2<f64>, d: usize) -> Result<Self> {
        if x.ncols() != d {
            return Err(GmmError::FeatureMismatch { expected: d, got: x.ncols() });
        }
        Self::new(x)
    }

    /// Row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.d..(i + 1) * self.d]
    }
}
