//! Segment edits the user made — merge two segments, split one (re-cluster inside it), pin a name — stored in
//! the config and replayed on every run. Replaying gives a [`FittedEdits`] that applies the same edits to new
//! customers when they are scored.

use super::algorithm::renumber;
use crate::engine::cluster::kmeans::{FittedKMeans, KMeansParams};
use crate::engine::cluster::{Predict, NOISE};
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng;
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One edit; segment numbers refer to the numbering after the edits before it (what the user saw).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum SegmentEdit {
    /// Segment `b` joins segment `a`.
    Merge { a: i32, b: i32 },
    /// Segment `segment` is re-clustered into `parts` segments (k-means).
    Split { segment: i32, parts: usize },
}

/// A name the user gave a segment. It follows the segment whose centre (mean z-score of each feature) is
/// nearest to `centre` in later runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinnedName {
    pub name: String,
    pub centre: BTreeMap<String, f64>,
}

/// The user's edits, replayed on every run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SegmentEdits {
    pub edits: Vec<SegmentEdit>,
    pub names: Vec<PinnedName>,
}

/// A replayed edit, with what is needed to apply it to new rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum FittedEdit {
    Merge { a: i32, b: i32, segment_of: Vec<i32> },
    Split { segment: i32, model: FittedKMeans, first_new: i32, segment_of: Vec<i32> },
}

/// Edits as applied to a run's segments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FittedEdits {
    pub steps: Vec<FittedEdit>,
}

impl FittedEdits {
    /// Applies the edits to segments `labels` of rows `x` (new customers, prepared like the training rows).
    pub fn apply(&self, x: ArrayView2<f64>, labels: &mut [i32]) {
        for step in &self.steps {
            match step {
                FittedEdit::Merge { a, b, segment_of } => {
                    for l in labels.iter_mut() {
                        if *l == *b {
                            *l = *a;
                        }
                    }
                    remap(labels, segment_of);
                }
                FittedEdit::Split { segment, model, first_new, segment_of } => {
                    let rows: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == *segment).collect();
                    if !rows.is_empty() {
                        let sub = select_rows(x, &rows);
                        for (&i, part) in rows.iter().zip(model.predict(sub.view())) {
                            labels[i] = if part == 0 { *segment } else { first_new + part - 1 };
                        }
                    }
                    remap(labels, segment_of);
                }
            }
        }
    }
}

fn remap(labels: &mut [i32], segment_of: &[i32]) {
    for l in labels.iter_mut() {
        if *l >= 0 {
            *l = segment_of.get(*l as usize).copied().unwrap_or(NOISE);
        }
    }
}

fn select_rows(x: ArrayView2<f64>, rows: &[usize]) -> Array2<f64> {
    Array2::from_shape_fn((rows.len(), x.ncols()), |(i, j)| x[[rows[i], j]])
}

/// Replays `edits` on `labels` (rows of `x`); an edit that no longer applies (its segment does not exist, or a
/// split of a segment too small) is skipped and explained in the returned notes.
pub fn replay(
    edits: &[SegmentEdit],
    x: ArrayView2<f64>,
    labels: &mut Vec<i32>,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<(FittedEdits, Vec<String>), Cancelled> {
    let mut fitted = FittedEdits::default();
    let mut notes = Vec::new();
    for (i, edit) in edits.iter().enumerate() {
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let n_segments = labels.iter().copied().max().unwrap_or(-1) + 1;
        let exists = |s: i32| s >= 0 && s < n_segments;
        match *edit {
            SegmentEdit::Merge { a, b } => {
                if !exists(a) || !exists(b) || a == b {
                    notes.push(format!(
                        "Merge of segments {} and {} skipped: they are not two segments of this run.",
                        a + 1,
                        b + 1
                    ));
                    continue;
                }
                for l in labels.iter_mut() {
                    if *l == b {
                        *l = a;
                    }
                }
                let (new, segment_of) = renumber(labels);
                *labels = new;
                fitted.steps.push(FittedEdit::Merge { a, b, segment_of });
                notes.push(format!("Segments {} and {} were merged (your edit).", a + 1, b + 1));
            }
            SegmentEdit::Split { segment, parts } => {
                let rows: Vec<usize> = (0..labels.len()).filter(|&r| labels[r] == segment).collect();
                if !exists(segment) || parts < 2 || rows.len() < parts {
                    notes.push(format!("Split of segment {} into {parts} skipped: it does not exist or has too few customers.", segment + 1));
                    continue;
                }
                let sub = select_rows(x, &rows);
                let params = KMeansParams::default()
                    .with_n_clusters(parts)
                    .with_seed(rng::sub_rng(seed, 1000 + i as u64).gen());
                let fit = match params.check().and_then(|p| p.fit(sub.view(), monitor)) {
                    Ok(f) => f,
                    Err(e) => {
                        notes.push(format!("Split of segment {} skipped: {e}.", segment + 1));
                        continue;
                    }
                };
                let first_new = n_segments;
                for (&r, &part) in rows.iter().zip(&fit.labels) {
                    labels[r] = if part == 0 { segment } else { first_new + part - 1 };
                }
                let (new, segment_of) = renumber(labels);
                *labels = new;
                fitted.steps.push(FittedEdit::Split { segment, model: fit.model, first_new, segment_of });
                notes.push(format!("Segment {} was split into {parts} (your edit).", segment + 1));
            }
        }
    }
    Ok((fitted, notes))
}

use rand::Rng;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use ndarray::array;

    fn data() -> (Array2<f64>, Vec<i32>) {
        let x = array![[0.0], [0.1], [10.0], [10.1], [20.0], [20.1], [30.0], [30.2]];
        (x, vec![0, 0, 0, 0, 1, 1, 2, 2])
    }

    #[test]
    fn merge_then_split_replays_on_new_rows() {
        let (x, mut labels) = data();
        let edits = vec![SegmentEdit::Merge { a: 1, b: 2 }, SegmentEdit::Split { segment: 1, parts: 2 }];
        let (fitted, notes) = replay(&edits, x.view(), &mut labels, 7, &mut Silent).unwrap();
        assert_eq!(notes.len(), 2, "{notes:?}");
        let groups: std::collections::BTreeSet<i32> = labels.iter().copied().collect();
        assert_eq!(groups.len(), 3);
        assert_eq!(labels[4], labels[5]);
        assert_ne!(labels[5], labels[6]);
        // New rows get the labels the training rows got.
        let mut base = vec![0, 0, 0, 0, 1, 1, 2, 2];
        fitted.apply(x.view(), &mut base);
        assert_eq!(base, labels);
    }

    #[test]
    fn edits_that_no_longer_apply_are_skipped_with_a_note() {
        let (x, mut labels) = data();
        let before = labels.clone();
        let edits = vec![SegmentEdit::Merge { a: 0, b: 9 }, SegmentEdit::Split { segment: 2, parts: 5 }];
        let (fitted, notes) = replay(&edits, x.view(), &mut labels, 0, &mut Silent).unwrap();
        assert!(fitted.steps.is_empty());
        assert_eq!(labels, before);
        assert!(notes[0].contains("skipped") && notes[1].contains("skipped"), "{notes:?}");
    }
}
