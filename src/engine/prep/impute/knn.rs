//! k-NN imputation as scikit-learn's `KNNImputer` (nan_euclidean distance, uniform weights, donors are training
//! rows where the column is present, receivers with no comparable donor get the column mean), with an optional
//! z-scoring of the distance columns and a cap on the reference rows.
//!
//! Cost: receivers × reference rows × columns. The reference rows are capped at
//! [`super::KnnParams::max_reference_rows`] (default 20 000); above the cap a seeded sample is used and reported.

use serde::{Deserialize, Serialize};

use super::params::KnnParams;
use crate::engine::prep::error::Result;
use crate::engine::prep::frame::{FeatureKind, Frame};
use crate::engine::prep::neighbors::{nan_euclidean, sample_rows, KBest};
use crate::engine::prep::stats::{mean_var, nonzero_scale};
use crate::engine::progress::{tick, Monitor};

/// The RNG stream of the reference sample.
const STREAM_KNN_SAMPLE: u64 = 0x4B4E_4E00;

/// What k-NN imputation keeps from training: the reference rows (raw values, NaN = missing) over the distance
/// columns, and how distances are scaled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedKnn {
    /// The numeric, date and boolean features distances are measured on, in frame order.
    pub columns: Vec<String>,
    /// Per column: subtracted before measuring (0 unless standardised).
    pub center: Vec<f64>,
    /// Per column: divided by before measuring (1 unless standardised).
    pub scale: Vec<f64>,
    /// Per column: the training mean, for receivers with no comparable donor.
    pub fallback: Vec<f64>,
    /// Reference rows, row-major (`reference.len() / columns.len()` rows).
    #[serde(with = "crate::engine::prep::serde_nan")]
    pub reference: Vec<f64>,
    pub n_neighbors: usize,
    /// How many training rows the reference set was drawn from (equal to its size when not sampled).
    pub sampled_from: usize,
}

/// Fits on the frame positions where `keep` is true.
pub(crate) fn fit(frame: &Frame, keep: &[bool], params: &KnnParams, seed: u64) -> FittedKnn {
    let dist_cols: Vec<usize> =
        (0..frame.cols.len()).filter(|&j| frame.cols[j].kind != FeatureKind::Categorical).collect();
    let kept: Vec<usize> = (0..frame.n_rows()).filter(|&i| keep[i]).collect();
    let chosen: Vec<usize> = sample_rows(kept.len(), params.max_reference_rows, seed, STREAM_KNN_SAMPLE)
        .into_iter()
        .map(|i| kept[i])
        .collect();
    let mut center = Vec::new();
    let mut scale = Vec::new();
    let mut fallback = Vec::new();
    for &j in &dist_cols {
        let vals: Vec<f64> = kept.iter().map(|&i| frame.cols[j].nums()[i]).collect();
        let (mean, var, _) = mean_var(&vals);
        fallback.push(if mean.is_nan() { 0.0 } else { mean });
        if params.standardize {
            center.push(if mean.is_nan() { 0.0 } else { mean });
            scale.push(nonzero_scale(var.sqrt()));
        } else {
            center.push(0.0);
            scale.push(1.0);
        }
    }
    let mut reference = Vec::with_capacity(chosen.len() * dist_cols.len());
    for &i in &chosen {
        reference.extend(dist_cols.iter().map(|&j| frame.cols[j].nums()[i]));
    }
    FittedKnn {
        columns: dist_cols.iter().map(|&j| frame.cols[j].name.clone()).collect(),
        center,
        scale,
        fallback,
        reference,
        n_neighbors: params.n_neighbors,
        sampled_from: kept.len(),
    }
}

/// Per target column: cells filled, and how many of those got the mean because no donor was comparable.
pub(crate) struct KnnCounts {
    pub filled: Vec<usize>,
    pub fallback: Vec<usize>,
}

/// Fills the missing cells of the frame columns `targets` (names in `knn.columns`). Distances use the values as
/// they were before any filling.
pub(crate) fn apply(
    frame: &mut Frame,
    knn: &FittedKnn,
    targets: &[String],
    monitor: &mut dyn Monitor,
) -> Result<KnnCounts> {
    let d = knn.columns.len();
    let n_ref = knn.reference.len().checked_div(d).unwrap_or(0);
    let pos = |name: &String| knn.columns.iter().position(|c| c == name);
    let frame_idx: Vec<Option<usize>> =
        knn.columns.iter().map(|c| frame.cols.iter().position(|fc| &fc.name == c)).collect();
    let tpos: Vec<usize> = targets.iter().filter_map(pos).collect();
    let mut counts = KnnCounts { filled: vec![0; tpos.len()], fallback: vec![0; tpos.len()] };
    let z = |v: f64, c: usize| (v - knn.center[c]) / knn.scale[c];
    let refs_z: Vec<f64> = knn.reference.iter().enumerate().map(|(i, &v)| z(v, i % d.max(1))).collect();
    let value_at = |frame: &Frame, row: usize, c: usize| match frame_idx[c] {
        Some(j) => frame.cols[j].nums()[row],
        None => f64::NAN,
    };
    let receivers: Vec<usize> =
        (0..frame.n_rows()).filter(|&r| tpos.iter().any(|&c| value_at(frame, r, c).is_nan())).collect();
    let mut writes: Vec<(usize, usize, f64)> = Vec::new();
    for (step, &r) in receivers.iter().enumerate() {
        tick(monitor, "prep: k-NN imputation", step, receivers.len(), 64)?;
        let q: Vec<f64> = (0..d).map(|c| z(value_at(frame, r, c), c)).collect();
        // the target columns missing in this row, each with its own donors: reference rows where it is present
        let missing: Vec<(usize, usize)> = tpos
            .iter()
            .enumerate()
            .filter(|&(_, &c)| value_at(frame, r, c).is_nan())
            .map(|(t, &c)| (t, c))
            .collect();
        let mut best: Vec<KBest> = missing.iter().map(|_| KBest::new(knn.n_neighbors)).collect();
        for j in 0..n_ref {
            let dist = nan_euclidean(&q, &refs_z[j * d..(j + 1) * d]);
            if dist.is_nan() {
                continue;
            }
            for ((_, c), b) in missing.iter().zip(best.iter_mut()) {
                if !knn.reference[j * d + c].is_nan() {
                    b.offer(dist, j);
                }
            }
        }
        for ((t, c), b) in missing.into_iter().zip(best) {
            let near = b.into_sorted();
            let value = if near.is_empty() {
                counts.fallback[t] += 1;
                knn.fallback[c]
            } else {
                near.iter().map(|&(_, j)| knn.reference[j * d + c]).sum::<f64>() / near.len() as f64
            };
            counts.filled[t] += 1;
            writes.push((r, c, value));
        }
    }
    for (r, c, value) in writes {
        if let Some(j) = frame_idx[c] {
            if let Some(v) = frame.cols[j].nums_mut() {
                v[r] = value;
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prep::frame::{FrameCol, Values};
    use crate::engine::progress::Silent;

    fn frame(a: Vec<f64>, b: Vec<f64>) -> Frame {
        let col =
            |n: &str, v| FrameCol { name: n.into(), kind: FeatureKind::Numeric, values: Values::Num(v) };
        Frame { rows: (0..a.len()).collect(), cols: vec![col("a", a), col("b", b)], indicators: vec![] }
    }

    #[test]
    fn averages_nearest_donors() {
        let nan = f64::NAN;
        let mut f = frame(vec![1.0, 2.0, 10.0, 1.5], vec![10.0, 20.0, 100.0, nan]);
        let p = KnnParams::default().with_n_neighbors(2).with_standardize(false);
        let knn = fit(&f, &[true; 4], &p, 0);
        let counts = apply(&mut f, &knn, &["b".into()], &mut Silent).unwrap();
        assert_eq!(counts.filled, vec![1]);
        assert_eq!(f.cols[1].nums()[3], 15.0);
    }

    #[test]
    fn fewer_rows_than_neighbours() {
        let mut f = frame(vec![1.0, f64::NAN], vec![f64::NAN, 4.0]);
        let knn = fit(&f, &[true; 2], &KnnParams::default(), 0);
        let counts = apply(&mut f, &knn, &["a".into(), "b".into()], &mut Silent).unwrap();
        // no shared coordinate between the two rows: both cells fall back to the column mean
        assert_eq!(counts.fallback, vec![1, 1]);
        assert_eq!(f.cols[0].nums(), &[1.0, 1.0]);
        assert_eq!(f.cols[1].nums(), &[4.0, 4.0]);
    }
}
