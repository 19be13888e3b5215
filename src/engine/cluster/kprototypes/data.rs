//! Mixed data for k-prototypes: numeric rows plus categorical codes re-indexed per column to 0..levels,
//! and the mixed dissimilarity. [`MISSING`] categorical cells never count as a mismatch.

use ndarray::{ArrayView2, Axis};

use super::params::{KPrototypesError, Result};

/// The categorical code meaning "missing": contributes 0 to any distance and is never a mode.
pub const MISSING: u32 = u32::MAX;

/// Validated mixed data.
pub(crate) struct Mixed {
    pub n: usize,
    /// Row-major `n × p` numeric values.
    pub num: Vec<f64>,
    pub p: usize,
    /// Row-major `n × m` dense category indices (`MISSING` kept).
    pub cat: Vec<u32>,
    pub m: usize,
    /// Per categorical column: original code of each dense index.
    pub levels: Vec<Vec<u32>>,
}

impl Mixed {
    pub fn new(numeric: ArrayView2<f64>, categorical: ArrayView2<u32>) -> Result<Self> {
        let (n, p) = numeric.dim();
        let (nc, m) = categorical.dim();
        if n != nc {
            return Err(KPrototypesError::RowMismatch { numeric: n, categorical: nc });
        }
        if n == 0 || p + m == 0 {
            return Err(KPrototypesError::EmptyData { rows: n, numeric: p, categorical: m });
        }
        let mut num = Vec::with_capacity(n * p);
        for (row, r) in numeric.outer_iter().enumerate() {
            for (col, &value) in r.iter().enumerate() {
                if !value.is_finite() {
                    return Err(KPrototypesError::NonFinite { row, col, value });
                }
                num.push(value);
            }
        }
        let mut levels = Vec::with_capacity(m);
        let mut cat = vec![MISSING; n * m];
        for (j, col) in categorical.axis_iter(Axis(1)).enumerate() {
            let mut lv: Vec<u32> = col.iter().copied().filter(|&c| c != MISSING).collect();
            lv.sort_unstable();
            lv.dedup();
            for (i, &c) in col.iter().enumerate() {
                if c != MISSING {
                    cat[i * m + j] = lv.binary_search(&c).expect("level present") as u32;
                }
            }
            levels.push(lv);
        }
        Ok(Self { n, num, p, cat, m, levels })
    }

    pub fn num_row(&self, i: usize) -> &[f64] {
        &self.num[i * self.p..(i + 1) * self.p]
    }

    pub fn cat_row(&self, i: usize) -> &[u32] {
        &self.cat[i * self.m..(i + 1) * self.m]
    }

    /// Half the mean population standard deviation of the numeric columns (Huang's suggestion), or 1 when
    /// that is 0 (no numeric columns or all constant).
    pub fn default_gamma(&self) -> f64 {
        if self.p == 0 {
            return 1.0;
        }
        let n = self.n as f64;
        let sd: f64 = (0..self.p)
            .map(|j| {
                let mean = (0..self.n).map(|i| self.num[i * self.p + j]).sum::<f64>() / n;
                ((0..self.n).map(|i| (self.num[i * self.p + j] - mean).powi(2)).sum::<f64>() / n).sqrt()
            })
            .sum::<f64>()
            / self.p as f64;
        if sd > 0.0 {
            0.5 * sd
        } else {
            1.0
        }
    }
}

/// Squared Euclidean distance of the numeric parts plus γ × the number of categorical mismatches
/// (missing on either side never mismatches).
#[inline]
pub(crate) fn dissim(xn: &[f64], xc: &[u32], cn: &[f64], cc: &[u32], gamma: f64) -> f64 {
    let num: f64 = xn.iter().zip(cn).map(|(a, b)| (a - b) * (a - b)).sum();
    let mism = xc.iter().zip(cc).filter(|(a, b)| **a != MISSING && **b != MISSING && a != b).count();
    num + gamma * mism as f64
}
