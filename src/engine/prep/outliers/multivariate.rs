//! The detector across columns: z-scores the numeric and date features with the training mean and population
//! std, scores every row with Isolation Forest or LOF, and marks rows scoring below the fitted offset
//! (scikit-learn's `offset_`: the `contamination` quantile of the training scores, or the fixed "auto" offset).

use serde::{Deserialize, Serialize};

use super::iforest::IsolationForest;
use super::lof::Lof;
use super::params::{Contamination, Detector, MultivariateRule, RowAction};
use crate::engine::prep::error::Result;
use crate::engine::prep::frame::Frame;
use crate::engine::prep::stats::{mean_var, nonzero_scale, quantile_linear, sorted_present};
use crate::engine::progress::{tick, Monitor};

/// The fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum DetectorModel {
    IsolationForest(IsolationForest),
    Lof(Lof),
}

/// A fitted detector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedDetector {
    /// A label for reports ("isolation forest, contamination 0.05").
    pub rule: String,
    pub columns: Vec<String>,
    pub center: Vec<f64>,
    pub scale: Vec<f64>,
    pub model: DetectorModel,
    /// Rows scoring strictly below this are outliers.
    pub offset: f64,
    pub action: RowAction,
}

/// The multivariate step after fitting: a detector, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FittedMultivariate {
    Active(Box<FittedDetector>),
    Skipped { rule: String, reason: String },
}

fn label(rule: &MultivariateRule) -> String {
    let (name, c) = match &rule.detector {
        Detector::IsolationForest(p) => ("isolation forest", p.contamination),
        Detector::Lof(p) => ("local outlier factor", p.contamination),
    };
    match c {
        Contamination::Share(c) => format!("{name}, contamination {c}"),
        Contamination::Auto(_) => format!("{name}, contamination auto"),
    }
}

impl FittedDetector {
    fn z_rows(&self, frame: &Frame) -> Vec<f64> {
        let idx: Vec<Option<usize>> =
            self.columns.iter().map(|c| frame.cols.iter().position(|fc| &fc.name == c)).collect();
        let mut x = Vec::with_capacity(frame.n_rows() * idx.len());
        for r in 0..frame.n_rows() {
            for (c, j) in idx.iter().enumerate() {
                let v = j.map_or(self.center[c], |j| frame.cols[j].nums()[r]);
                x.push((v - self.center[c]) / self.scale[c]);
            }
        }
        x
    }

    /// The score of every frame row (lower = more abnormal).
    pub(crate) fn scores(&self, frame: &Frame, monitor: &mut dyn Monitor) -> Result<Vec<f64>> {
        let x = self.z_rows(frame);
        let d = self.columns.len();
        let n = frame.n_rows();
        let mut out = Vec::with_capacity(n);
        for r in 0..n {
            tick(monitor, "prep: outlier scores", r, n, 256)?;
            let row = &x[r * d..(r + 1) * d];
            out.push(match &self.model {
                DetectorModel::IsolationForest(f) => f.score(row),
                DetectorModel::Lof(l) => l.score(row),
            });
        }
        Ok(out)
    }

    /// Reference rows and the rows they were sampled from, when a cap applied.
    pub(crate) fn sampling(&self) -> Option<(usize, usize)> {
        match &self.model {
            DetectorModel::Lof(l) if l.reference_rows() < l.sampled_from => {
                Some((l.reference_rows(), l.sampled_from))
            }
            _ => None,
        }
    }
}

/// Fits the detector on the numeric and date features of `frame`; also returns the scores of the frame's rows
/// (so applying to the same frame need not score again).
pub(crate) fn fit(
    frame: &Frame,
    rule: &MultivariateRule,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<(FittedMultivariate, Option<Vec<f64>>)> {
    let label = label(rule);
    let cols: Vec<usize> = (0..frame.cols.len()).filter(|&j| frame.cols[j].kind.is_continuous()).collect();
    let skip =
        |reason: &str| Ok((FittedMultivariate::Skipped { rule: label.clone(), reason: reason.into() }, None));
    if cols.is_empty() {
        return skip("there is no numeric feature");
    }
    if frame.n_rows() < 2 {
        return skip("it needs at least 2 rows");
    }
    let mut center = Vec::new();
    let mut scale = Vec::new();
    for &j in &cols {
        let (mean, var, _) = mean_var(frame.cols[j].nums());
        center.push(mean);
        scale.push(nonzero_scale(var.sqrt()));
    }
    let mut det = FittedDetector {
        rule: label.clone(),
        columns: cols.iter().map(|&j| frame.cols[j].name.clone()).collect(),
        center,
        scale,
        model: DetectorModel::IsolationForest(IsolationForest { trees: vec![], max_samples: 0 }),
        offset: 0.0,
        action: rule.action,
    };
    let x = det.z_rows(frame);
    let d = cols.len();
    let (model, contamination, auto_offset, scores) = match &rule.detector {
        Detector::IsolationForest(p) => {
            let f = IsolationForest::fit(&x, d, p.n_trees, p.max_samples, seed, monitor)?;
            (DetectorModel::IsolationForest(f), p.contamination, -0.5, None)
        }
        Detector::Lof(p) => match Lof::fit(&x, d, p.n_neighbors, p.max_reference_rows, seed, monitor)? {
            Some((l, scores)) => (DetectorModel::Lof(l), p.contamination, -1.5, scores),
            None => return skip("it needs at least 2 rows"),
        },
    };
    det.model = model;
    let scores = match scores {
        Some(s) => s,
        None => det.scores(frame, monitor)?,
    };
    det.offset = match contamination {
        Contamination::Auto(_) => auto_offset,
        // np.percentile(scores, 100 * c): the quantile is c * 100 / 100, computed as numpy does
        Contamination::Share(c) => quantile_linear(&sorted_present(&scores), c * 100.0 / 100.0),
    };
    Ok((FittedMultivariate::Active(Box::new(det)), Some(scores)))
}
