//! [`Prepared`]: the clean feature matrix and what goes with it, assembled from the working frame after
//! encoding and scaling.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::encode::{self, Encoded, FittedEncoding};
use super::error::PrepError;
use super::frame::{FeatureKind, Frame, FrameCol};
use super::report::{Action, PrepReport, Step};
use super::scale::{FittedScale, Scaling};
use std::collections::BTreeMap;

/// Categorical features kept as codes (not in the matrix), for k-prototypes.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoricalBlock {
    /// Feature names, one per column of `codes`.
    pub names: Vec<String>,
    /// Per feature, its levels; the last is [`encode::OTHER_LEVEL`] (grouped and unseen values).
    pub levels: Vec<Vec<String>>,
    /// Codes, one row per kept table row (aligned with [`Prepared::rows`]), one column per feature.
    pub codes: Array2<u32>,
}

/// The output of preprocessing.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// One row per kept table row, one column per entry of `feature_names`. Finite: ±∞ inputs are treated as
    /// missing and every missing cell is filled. (One exception: Yeo-Johnson of a new value far beyond the
    /// training range — scipy's λ bounds are safe up to 20 × the training maximum — can overflow.)
    pub matrix: Array2<f64>,
    pub feature_names: Vec<String>,
    /// The table rows that survived, ascending: matrix row i ↔ table row `rows[i]`.
    pub rows: Vec<usize>,
    /// Table rows flagged as outliers (action "flag"), ascending; all are in `rows`.
    pub flagged: Vec<usize>,
    /// Unencoded categorical features, when the config keeps some raw.
    pub categorical: Option<CategoricalBlock>,
    pub report: PrepReport,
}

/// One output column of the fitted pipeline and its scaler.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedOutput {
    pub name: String,
    pub scale: Option<FittedScale>,
}

/// An unscaled output column; `encoded` is true for boolean, one-hot, ordinal and indicator columns.
pub(crate) struct OutCol {
    pub name: String,
    pub values: Vec<f64>,
    pub encoded: bool,
}

/// Encodes the frame into output columns (table order, indicators last) and a raw block. The numeric values
/// and indicators are moved out of the frame, not copied: at a million rows each copy of the features would
/// hold tens of MB more at the peak of preprocessing (only the rows, names and categories stay behind).
pub(crate) fn encode_all(
    frame: &mut Frame,
    encodings: &BTreeMap<String, FittedEncoding>,
    report: &mut PrepReport,
) -> (Vec<OutCol>, Option<CategoricalBlock>) {
    let mut out = Vec::new();
    let mut raw_names = Vec::new();
    let mut raw_levels = Vec::new();
    let mut raw_codes: Vec<Vec<u32>> = Vec::new();
    let n = frame.n_rows();
    let take = |col: &mut FrameCol| col.nums_mut().map(std::mem::take).unwrap_or_default();
    for col in &mut frame.cols {
        match col.kind {
            FeatureKind::Numeric | FeatureKind::Date { .. } => {
                out.push(OutCol { name: col.name.clone(), values: take(col), encoded: false })
            }
            FeatureKind::Boolean => {
                out.push(OutCol { name: col.name.clone(), values: take(col), encoded: true })
            }
            FeatureKind::Categorical => {
                let Some(enc) = encodings.get(&col.name) else { continue };
                match encode::apply(enc, col, report) {
                    Encoded::Columns(cols) => {
                        for (name, values) in enc.output_names(&col.name).into_iter().zip(cols) {
                            out.push(OutCol { name, values, encoded: true });
                        }
                    }
                    Encoded::Raw(codes) => {
                        if let FittedEncoding::Raw { levels, .. } = enc {
                            raw_levels.push(levels.clone());
                        }
                        raw_names.push(col.name.clone());
                        raw_codes.push(codes);
                    }
                }
            }
        }
    }
    for (name, values) in std::mem::take(&mut frame.indicators) {
        out.push(OutCol { name, values, encoded: true });
    }
    let block = (!raw_names.is_empty()).then(|| {
        let codes = Array2::from_shape_fn((n, raw_codes.len()), |(i, j)| raw_codes[j][i]);
        CategoricalBlock { names: raw_names, levels: raw_levels, codes }
    });
    (out, block)
}

/// Fits a scaler per output column: `scale` for numeric and date columns, and for encoded ones too when
/// `scale_encoded`.
pub(crate) fn fit_scalers(out: &[OutCol], scale: Scaling, scale_encoded: bool) -> Vec<FittedOutput> {
    out.iter()
        .map(|o| FittedOutput {
            name: o.name.clone(),
            scale: if o.encoded && !scale_encoded { None } else { FittedScale::fit(scale, &o.values) },
        })
        .collect()
}

/// Largest magnitude a prepared value may have: squared distances over hundreds of features stay finite.
const LARGEST_PREPARED: f64 = 1e100;

/// Refuses an output column whose scaled values would be non-finite or beyond [`LARGEST_PREPARED`] (values
/// of 1e299 overflow the standard scaler's variance, which then leaves them unscaled, and every distance and
/// inertia after it is infinite), naming the column and its largest input value.
pub(crate) fn check_magnitudes(out: &[OutCol], outputs: &[FittedOutput]) -> Result<(), PrepError> {
    for (o, spec) in out.iter().zip(outputs) {
        let scaled = |x: f64| spec.scale.as_ref().map_or(x, |s| s.apply(x));
        let too_large = |v: f64| !v.is_finite() || v.abs() > LARGEST_PREPARED;
        let bad = o.values.iter().any(|&x| !x.is_nan() && too_large(scaled(x)));
        if bad {
            let largest = o.values.iter().filter(|x| !x.is_nan()).fold(0.0_f64, |m, x| m.max(x.abs()));
            return Err(PrepError::TooLarge { column: o.name.clone(), largest });
        }
    }
    Ok(())
}

/// Scales the output columns and builds the [`Prepared`] value (each column is freed once it is in the
/// matrix).
pub(crate) fn finish(
    frame: Frame,
    out: Vec<OutCol>,
    categorical: Option<CategoricalBlock>,
    outputs: &[FittedOutput],
    mut flagged: Vec<usize>,
    mut report: PrepReport,
) -> Prepared {
    let n = frame.n_rows();
    let mut matrix = Array2::zeros((n, out.len()));
    let mut feature_names = Vec::with_capacity(out.len());
    for ((j, o), spec) in out.into_iter().enumerate().zip(outputs) {
        let mut column = matrix.column_mut(j);
        match &spec.scale {
            Some(s) => {
                column.iter_mut().zip(&o.values).for_each(|(m, &x)| *m = s.apply(x));
                let (center, scale) = s.center_scale();
                report.push(
                    Step::Scale,
                    Some(&o.name),
                    Action::Scaled { method: s.name().into(), center, scale },
                );
            }
            None => column.iter_mut().zip(&o.values).for_each(|(m, &x)| *m = x),
        }
        feature_names.push(o.name);
    }
    flagged.sort_unstable();
    flagged.dedup();
    flagged.retain(|r| frame.rows.binary_search(r).is_ok());
    report.rows_out = n;
    report.features_in = frame.cols.iter().map(|c| c.name.clone()).collect();
    report.features_out = feature_names.clone();
    // the file lines were only for the sentences; the report is kept with every cached run (8 MB at 1M rows)
    report.lines = Vec::new();
    Prepared { matrix, feature_names, rows: frame.rows, flagged, categorical, report }
}
