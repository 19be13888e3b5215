//! The model that scores new rows after a consensus: the centre (mean prepared row) of every consensus
//! segment, and nearest-centre assignment. Consensus segments come from co-association, which new rows do not
//! have; the nearest centre is the rule that needs nothing but the row, so its agreement with the consensus
//! on the training rows is measured and reported by the caller.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::error::{ConsensusError, Result};
use crate::engine::cluster::common::{Predict, NOISE};

/// Segment centres in the prepared feature space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedConsensus {
    /// One row per consensus segment (by its label); a segment without rows has an empty centre and never
    /// wins.
    pub centres: Vec<Vec<f64>>,
}

impl FittedConsensus {
    /// The centres of segments `0..k` of `labels` (one per row of `x`; −1 rows and rows with NaN/∞ are
    /// left out).
    pub fn from_labels(x: ArrayView2<f64>, labels: &[i32], k: usize) -> FittedConsensus {
        let d = x.ncols();
        let mut sums = vec![vec![0.0; d]; k];
        let mut counts = vec![0usize; k];
        for (row, &l) in x.outer_iter().zip(labels) {
            if l == NOISE || l as usize >= k || row.iter().any(|v| !v.is_finite()) {
                continue;
            }
            counts[l as usize] += 1;
            for (s, v) in sums[l as usize].iter_mut().zip(row) {
                *s += v;
            }
        }
        let centres = sums
            .into_iter()
            .zip(counts)
            .map(|(s, c)| if c == 0 { Vec::new() } else { s.into_iter().map(|v| v / c as f64).collect() })
            .collect();
        FittedConsensus { centres }
    }

    /// Number of features the model expects.
    pub fn n_features(&self) -> usize {
        self.centres.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The nearest centre of one row (ties → lower label); `None` when the row is not finite or no segment
    /// has a centre.
    pub fn nearest(&self, row: &[f64]) -> Option<usize> {
        if row.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let mut best: Option<(usize, f64)> = None;
        for (j, c) in self.centres.iter().enumerate().filter(|(_, c)| c.len() == row.len()) {
            let dist: f64 = c.iter().zip(row).map(|(a, b)| (a - b) * (a - b)).sum();
            if best.is_none_or(|(_, d)| dist < d) {
                best = Some((j, dist));
            }
        }
        best.map(|(j, _)| j)
    }

    /// Labels of new rows; an error when the column count differs, −1 for rows with NaN/∞.
    pub fn try_predict(&self, x: ArrayView2<f64>) -> Result<Vec<i32>> {
        if x.ncols() != self.n_features() {
            return Err(ConsensusError::FeatureMismatch { expected: self.n_features(), got: x.ncols() });
        }
        Ok(x.outer_iter()
            .map(|r| {
                let row: Vec<f64> = r.iter().copied().collect();
                self.nearest(&row).map_or(NOISE, |j| j as i32)
            })
            .collect())
    }
}

impl Predict for FittedConsensus {
    /// As [`FittedConsensus::try_predict`]; a column-count mismatch labels every row −1.
    fn predict(&self, x: ArrayView2<f64>) -> Vec<i32> {
        self.try_predict(x).unwrap_or_else(|_| vec![NOISE; x.nrows()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn centres_are_segment_means_and_rows_go_to_the_nearest() {
        let x = array![[0.0, 0.0], [0.0, 2.0], [10.0, 10.0], [12.0, 10.0], [f64::NAN, 1.0]];
        let m = FittedConsensus::from_labels(x.view(), &[0, 0, 1, 1, 1], 3);
        assert_eq!(m.centres, vec![vec![0.0, 1.0], vec![11.0, 10.0], vec![]]);
        assert_eq!(m.try_predict(x.view()).unwrap(), vec![0, 0, 1, 1, NOISE]);
        assert_eq!(m.predict(array![[9.0, 9.0]].view()), vec![1]);
    }

    #[test]
    fn a_column_mismatch_is_an_error() {
        let m = FittedConsensus { centres: vec![vec![0.0, 0.0]] };
        let err = m.try_predict(array![[1.0]].view()).unwrap_err();
        assert_eq!(err, ConsensusError::FeatureMismatch { expected: 2, got: 1 });
        assert_eq!(m.predict(array![[1.0]].view()), vec![NOISE]);
    }
}
