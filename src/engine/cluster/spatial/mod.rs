//! Neighbour search for the density and linkage algorithms: a static kd-tree on squared Euclidean distance.

mod kdtree;
#[cfg(test)]
mod tests;

pub use kdtree::{sq_dist, KdTree};

use ndarray::ArrayView2;

/// Copies `x` into a row-major vector, or returns the (row, column) of the first non-finite value.
pub fn flatten_finite(x: ArrayView2<f64>) -> Result<Vec<f64>, (usize, usize)> {
    let mut out = Vec::with_capacity(x.len());
    for (i, row) in x.outer_iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            if !v.is_finite() {
                return Err((i, j));
            }
            out.push(v);
        }
    }
    Ok(out)
}
