//! Segment profiles in the original units, with names: automatic ones that follow their segment from the
//! previous run, and the names the user pinned (matched to segments by their centres, Hungarian assignment).
//! A date segmented on is profiled as the days since it.

use super::edits::PinnedName;
use super::shown_values::shown_values;
use crate::engine::profile::{
    match_segments, profile_segments, CategoricalFeature, NumericFeature, ProfileParams, SegmentProfiles,
};
use crate::engine::table::{ColumnData, ColumnRole, Table};
use ndarray::Array2;

/// Profiles of the clustered rows (`rows[i]` is the table row of label `labels[i]`) on the feature columns
/// the segments were found on (`used`; empty: every feature column). A column left out of the segmentation
/// named segments it had no part in ("Slightly low seats" after the suggestion dropped seats).
#[allow(clippy::too_many_arguments)]
pub fn profiles(
    table: &Table,
    used: &[String],
    rows: &[usize],
    labels: &[i32],
    previous: Option<&SegmentProfiles>,
    pinned: &[PinnedName],
    purchase_words: bool,
    notes: &mut Vec<String>,
) -> Result<SegmentProfiles, String> {
    // the columns segmented on (a date among them only when listed: its role is ignore by default)
    let features: Vec<_> = table
        .columns
        .iter()
        .filter(|c| if used.is_empty() { c.role == ColumnRole::Feature } else { used.contains(&c.name) })
        .collect();
    let numeric_values: Vec<(String, Vec<f64>)> = features
        .iter()
        .filter_map(|c| shown_values(c).map(|(name, v)| (name, rows.iter().map(|&r| v[r]).collect())))
        .collect();
    let categorical_values: Vec<(String, Vec<u32>, Vec<String>)> = features
        .iter()
        .filter_map(|c| match &c.data {
            ColumnData::Categories { codes, levels } => {
                Some((c.name.clone(), rows.iter().map(|&r| codes[r]).collect(), levels.clone()))
            }
            _ => None,
        })
        .collect();
    let numeric: Vec<NumericFeature> =
        numeric_values.iter().map(|(name, values)| NumericFeature { name, values }).collect();
    let categorical: Vec<CategoricalFeature> = categorical_values
        .iter()
        .map(|(name, codes, levels)| CategoricalFeature { name, codes, levels })
        .collect();
    let input = crate::engine::profile::ProfileInput { numeric: &numeric, categorical: &categorical, labels };
    let mut profiles =
        profile_segments(&input, previous, &ProfileParams { purchase_words, ..ProfileParams::default() })
            .map_err(|e| e.to_string())?;
    apply_pinned(&mut profiles, pinned, notes);
    Ok(profiles)
}

/// Gives each pinned name to the segment whose centre matches it best.
fn apply_pinned(profiles: &mut SegmentProfiles, pinned: &[PinnedName], notes: &mut Vec<String>) {
    if pinned.is_empty() {
        return;
    }
    let features: Vec<String> = pinned[0].centre.keys().cloned().collect();
    let (labels, centroids) = profiles.centroids(&features);
    let pinned_centres = Array2::from_shape_fn((pinned.len(), features.len()), |(i, j)| {
        pinned[i].centre.get(&features[j]).copied().unwrap_or(f64::NAN)
    });
    let matches = match_segments(pinned_centres.view(), centroids.view());
    let mut taken = vec![false; pinned.len()];
    for (new_index, matched) in matches.iter().enumerate() {
        let Some(p) = *matched else { continue };
        if let Err(e) = profiles.rename(labels[new_index], &pinned[p].name) {
            notes.push(format!("The name \"{}\" could not be kept: {e}.", pinned[p].name));
        } else {
            taken[p] = true;
        }
    }
    for (_, name) in pinned.iter().enumerate().filter(|(p, _)| !taken[*p]) {
        notes.push(format!("The name \"{}\" was not used: no segment of this run matches it.", name.name));
    }
}

/// The centre of segment `label` as a pinned-name anchor (mean z-score per numeric feature).
pub fn centre_of(profiles: &SegmentProfiles, label: i32) -> std::collections::BTreeMap<String, f64> {
    profiles
        .segment(label)
        .map(|s| s.numeric.iter().filter_map(|n| n.z.map(|z| (n.feature.clone(), z))).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::engine::pipeline::{run, EvaluationConfig, PipelineConfig};
    use crate::engine::progress::Silent;

    #[test]
    fn segments_are_profiled_and_named_on_the_columns_they_were_found_on() {
        let mut config = PipelineConfig {
            evaluation: EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() },
            ..PipelineConfig::default()
        };
        config.prep.features = Some(vec!["Fresh".into(), "Milk".into()]);
        let bytes = include_bytes!("../../../public/sample/wholesale_customers.csv");
        let r = run(bytes, "wholesale_customers.csv", &config, &mut Silent).unwrap();
        for s in &r.profiles.segments {
            let names: Vec<&str> = s.numeric.iter().map(|n| n.feature.as_str()).collect();
            assert_eq!(names, ["Fresh", "Milk"]);
            assert!(s.categorical.is_empty());
            assert!(!s.name.to_lowercase().contains("grocery"), "{}", s.name);
        }
    }
}
