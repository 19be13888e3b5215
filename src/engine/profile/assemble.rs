//! Builds the profiles of a run: statistics per segment, distinguishing features, names and colours, carrying
//! pinned names and colours over from the previous run's matched segments.

use std::collections::{BTreeMap, HashSet};

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::error::{ProfileError, Result};
use super::matching::match_segments;
use super::naming::{distinguishing, reserve, unique_name, Distinguishing};
use super::params::ProfileParams;
use super::stats::{
    categorical_summary, moments, z_score, CategoricalFeature, CategoricalSummary, Moments, NumericFeature,
    NumericSummary,
};
use crate::engine::cluster::common::NOISE;

/// What profiles are built from: the features of the clustered rows in original units, and their labels.
#[derive(Debug, Clone, Copy)]
pub struct ProfileInput<'a> {
    pub numeric: &'a [NumericFeature<'a>],
    pub categorical: &'a [CategoricalFeature<'a>],
    /// One label per row; any negative label is noise.
    pub labels: &'a [i32],
}

/// A numeric feature over the whole population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeaturePopulation {
    pub feature: String,
    pub moments: Moments,
}

/// Everything about one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfile {
    /// The clustering label (−1 for noise).
    pub label: i32,
    pub name: String,
    /// True when the user set or pinned the name: it stays with the segment across re-runs.
    pub pinned: bool,
    /// Stable colour index (None for noise): a continued segment keeps its colour.
    pub colour: Option<usize>,
    pub size: usize,
    /// Size over all rows (noise included).
    pub share: f64,
    pub numeric: Vec<NumericSummary>,
    pub categorical: Vec<CategoricalSummary>,
    /// The strongest distinguishing features, strongest first.
    pub distinguishing: Vec<Distinguishing>,
    /// The label of the previous run's segment this one continues, when matched.
    pub previous_label: Option<i32>,
}

/// The profiles of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfiles {
    pub n_rows: usize,
    pub population: Vec<FeaturePopulation>,
    /// Segments in label order, noise last.
    pub segments: Vec<SegmentProfile>,
}

impl SegmentProfiles {
    /// The segment with `label`.
    pub fn segment(&self, label: i32) -> Option<&SegmentProfile> {
        self.segments.iter().find(|s| s.label == label)
    }

    /// Renames a segment and pins the name, refusing an empty name or one another segment uses.
    pub fn rename(&mut self, label: i32, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ProfileError::EmptyName);
        }
        if self.segments.iter().any(|s| s.label != label && s.name.eq_ignore_ascii_case(name)) {
            return Err(ProfileError::DuplicateName(name.to_string()));
        }
        let s =
            self.segments.iter_mut().find(|s| s.label == label).ok_or(ProfileError::UnknownSegment(label))?;
        s.name = name.to_string();
        s.pinned = true;
        Ok(())
    }

    /// Pins or unpins a segment's current name.
    pub fn set_pinned(&mut self, label: i32, pinned: bool) -> Result<()> {
        let s =
            self.segments.iter_mut().find(|s| s.label == label).ok_or(ProfileError::UnknownSegment(label))?;
        s.pinned = pinned;
        Ok(())
    }

    /// The standardized centroids (segment-mean z-scores) of the non-noise segments on `features`, one row
    /// per segment in `segments` order (NaN where a z-score is undefined or the feature is absent), with
    /// their labels.
    pub fn centroids(&self, features: &[String]) -> (Vec<i32>, Array2<f64>) {
        let segs: Vec<&SegmentProfile> = self.segments.iter().filter(|s| s.label != NOISE).collect();
        let m = Array2::from_shape_fn((segs.len(), features.len()), |(i, j)| {
            segs[i].numeric.iter().find(|n| n.feature == features[j]).and_then(|n| n.z).unwrap_or(f64::NAN)
        });
        (segs.iter().map(|s| s.label).collect(), m)
    }
}

/// Profiles the segments of `input.labels`. With `previous`, segments are matched to the previous run's
/// ([`match_segments`] on the numeric features both runs share) and keep their colour, and their name when
/// it was pinned. Noise is named `params.noise_name`; other names are generated and unique within the run.
pub fn profile_segments(
    input: &ProfileInput<'_>,
    previous: Option<&SegmentProfiles>,
    params: &ProfileParams,
) -> Result<SegmentProfiles> {
    let p = params.check()?;
    let n = input.labels.len();
    for f in input.numeric {
        if f.values.len() != n {
            return Err(ProfileError::RowsMismatch {
                feature: f.name.into(),
                expected: n,
                found: f.values.len(),
            });
        }
    }
    for f in input.categorical {
        if f.codes.len() != n {
            return Err(ProfileError::RowsMismatch {
                feature: f.name.into(),
                expected: n,
                found: f.codes.len(),
            });
        }
    }
    let mut groups: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, &l) in input.labels.iter().enumerate() {
        groups.entry(if l < 0 { NOISE } else { l }).or_default().push(i);
    }
    let all: Vec<usize> = (0..n).collect();
    // 0/1 columns: named by their share of ones
    let binary: Vec<bool> =
        input.numeric.iter().map(|f| f.values.iter().all(|&x| x.is_nan() || x == 0.0 || x == 1.0)).collect();
    let population: Vec<FeaturePopulation> = input
        .numeric
        .iter()
        .map(|f| FeaturePopulation { feature: f.name.into(), moments: moments(f.values, 0..n) })
        .collect();

    let mut segments: Vec<SegmentProfile> = Vec::with_capacity(groups.len());
    let mut candidates: Vec<Vec<Distinguishing>> = Vec::with_capacity(groups.len());
    // label order with noise (−1, first in the map) moved last
    let order =
        groups.iter().filter(|(l, _)| **l != NOISE).chain(groups.iter().filter(|(l, _)| **l == NOISE));
    for (&label, rows) in order {
        let numeric: Vec<NumericSummary> = input
            .numeric
            .iter()
            .zip(&population)
            .map(|(f, pop)| {
                let m = moments(f.values, rows.iter().copied());
                NumericSummary {
                    feature: f.name.into(),
                    mean: m.mean,
                    median: m.median,
                    z: z_score(m.mean, &pop.moments),
                    missing: m.missing,
                }
            })
            .collect();
        let categorical: Vec<CategoricalSummary> =
            input.categorical.iter().map(|f| categorical_summary(f, rows, &all)).collect();
        let cands =
            if label == NOISE { Vec::new() } else { distinguishing(&numeric, &categorical, &binary, &p) };
        segments.push(SegmentProfile {
            label,
            name: String::new(),
            pinned: false,
            colour: None,
            size: rows.len(),
            share: if n > 0 { rows.len() as f64 / n as f64 } else { 0.0 },
            numeric,
            categorical,
            distinguishing: cands.iter().take(p.max_distinguishing).cloned().collect(),
            previous_label: None,
        });
        candidates.push(cands);
    }
    let mut out = SegmentProfiles { n_rows: n, population, segments };
    carry_over(&mut out, previous);
    assign_names(&mut out, &candidates, &p);
    Ok(out)
}

/// Matches segments to the previous run's, copying pinned names and colours, and gives every other
/// non-noise segment the smallest colour index not yet used.
fn carry_over(out: &mut SegmentProfiles, previous: Option<&SegmentProfiles>) {
    if let Some(prev) = previous {
        let shared: Vec<String> = out
            .population
            .iter()
            .map(|f| f.feature.clone())
            .filter(|f| prev.population.iter().any(|g| &g.feature == f))
            .collect();
        if !shared.is_empty() {
            let (prev_labels, prev_c) = prev.centroids(&shared);
            let (new_labels, new_c) = out.centroids(&shared);
            for (new_label, m) in new_labels.iter().zip(match_segments(prev_c.view(), new_c.view())) {
                let (Some(m), Some(seg)) = (m, out.segments.iter_mut().find(|s| s.label == *new_label))
                else {
                    continue;
                };
                let Some(old) = prev.segment(prev_labels[m]) else { continue };
                seg.previous_label = Some(old.label);
                seg.colour = old.colour;
                if old.pinned {
                    seg.name = old.name.clone();
                    seg.pinned = true;
                }
            }
        }
    }
    let mut used: HashSet<usize> = out.segments.iter().filter_map(|s| s.colour).collect();
    let mut next = 0;
    for s in out.segments.iter_mut().filter(|s| s.label != NOISE && s.colour.is_none()) {
        while used.contains(&next) {
            next += 1;
        }
        s.colour = Some(next);
        used.insert(next);
    }
}

/// Names: pinned names kept (numbered if two clash), noise gets `noise_name`, the rest generated from their
/// candidates, the largest segments first so that they get the shortest names.
fn assign_names(out: &mut SegmentProfiles, candidates: &[Vec<Distinguishing>], p: &ProfileParams) {
    let mut taken: HashSet<String> = HashSet::new();
    taken.insert(p.noise_name.to_lowercase());
    for s in out.segments.iter_mut().filter(|s| s.pinned && s.label != NOISE) {
        s.name = reserve(&s.name, &mut taken);
    }
    let mut order: Vec<usize> = (0..out.segments.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(out.segments[i].size), out.segments[i].label));
    for i in order {
        let s = &mut out.segments[i];
        if s.label == NOISE {
            s.name = p.noise_name.clone();
            s.pinned = false;
        } else if !s.pinned {
            s.name = unique_name(&candidates[i], p, &mut taken);
        }
    }
}
