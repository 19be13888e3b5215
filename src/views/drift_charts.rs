//! The scoring step's charts: segment shares against training, and the features that drifted most.

use crate::charts::drift;
use crate::charts::ChartSpec;
use crate::engine::pipeline::{FeatureDrift, ScoreReport};

/// Features the drift chart shows at most (the largest PSI first).
const MAX_DRIFT_BARS: usize = 10;

/// Segment shares, training against the scored file, and PSI per feature.
pub fn drift_charts(score: &ScoreReport) -> (ChartSpec, ChartSpec) {
    let rows = score
        .shift
        .iter()
        .map(|s| drift::ShareRow {
            segment: s.colour.map(|c| c as i32).unwrap_or(s.id),
            name: s.name.clone(),
            training: s.training_share,
            scored: s.scored_share,
        })
        .collect();
    let shares = ChartSpec::ShareShift(drift::ShareShiftSpec {
        title: "Segment shares: training vs new customers".into(),
        rows,
    });
    (shares, ChartSpec::Psi(psi_spec(&score.drift)))
}

/// The largest drifts, each with its label (with 38 features the labels thinned to one bar in six; ten at
/// the chart's height get a label each).
fn psi_spec(drift: &[FeatureDrift]) -> drift::PsiSpec {
    let mut features: Vec<(String, f64)> = drift.iter().map(|d| (d.feature.clone(), d.psi)).collect();
    features.sort_by(|a, b| b.1.total_cmp(&a.1));
    features.truncate(MAX_DRIFT_BARS);
    let title = if features.len() < drift.len() {
        format!("Feature drift (PSI): the {} largest of {}", features.len(), drift.len())
    } else {
        "Feature drift (population stability index)".into()
    };
    drift::PsiSpec { title, features, moderate: 0.1, major: 0.25, sorted: true }
}

#[cfg(test)]
mod tests {
    use crate::engine::pipeline::FeatureDrift;

    #[test]
    fn the_drift_chart_shows_the_largest_drifts_each_with_its_label() {
        let drift: Vec<FeatureDrift> = (0..20)
            .map(|i| FeatureDrift {
                feature: format!("f{i}"),
                psi: f64::from(i) / 40.0,
                level: String::new(),
            })
            .collect();
        let psi = super::psi_spec(&drift);
        assert_eq!(psi.features.len(), 10);
        assert_eq!(psi.features[0].0, "f19");
        assert!(psi.title.ends_with("the 10 largest of 20"), "{}", psi.title);
        assert_eq!(super::psi_spec(&drift[..3]).title, "Feature drift (population stability index)");
    }
}
