//! View models of consensus clustering: the segment-stability chart, each segment's stability for the
//! segments table, and the members, sampling and scoring rule in words. Pure; natively tested.

use crate::charts::stability::{StabilityBar, StabilitySpec};
use crate::charts::ChartSpec;
use crate::engine::cluster::consensus::Verdict;
use crate::engine::pipeline::consensus::{ConsensusConfig, ConsensusExtras, ConsensusMember};
use crate::engine::pipeline::{AlgorithmConfig, Report};
use crate::views::charts::{colour_of, name_of};
use crate::views::format;

fn extras(report: &Report) -> Option<&ConsensusExtras> {
    report.extras.consensus.as_ref()
}

/// The segment-stability chart (segments in table order and colour); `None` unless the run was a consensus
/// with a bootstrap.
pub fn stability_chart(report: &Report) -> Option<ChartSpec> {
    let c = extras(report)?;
    if c.stability.is_empty() {
        return None;
    }
    let bars = report
        .profiles
        .segments
        .iter()
        .filter_map(|s| {
            let j = c.stability_of(s.label)?.jaccard?;
            Some(StabilityBar {
                label: name_of(report, s.label),
                jaccard: j,
                segment: colour_of(report, s.label),
            })
        })
        .collect();
    Some(ChartSpec::Stability(StabilitySpec {
        title: format!("Segment stability ({} bootstrap re-runs)", c.bootstrap_runs),
        bars,
        stable: c.stable_threshold,
        doubtful: c.doubtful_threshold,
    }))
}

/// True when the report carries per-segment stability (the segments table then shows a column).
pub fn has_stability(report: &Report) -> bool {
    extras(report).is_some_and(|c| !c.stability.is_empty())
}

/// A segment's stability in the segments table.
#[derive(Debug, Clone, PartialEq)]
pub struct StabilityCell {
    /// "0.82".
    pub value: String,
    /// "stable", "doubtful", "unstable".
    pub verdict: &'static str,
    /// "good", "fair" or "weak" (the CSS class).
    pub tone: &'static str,
    /// A sentence for the tooltip.
    pub help: String,
}

/// The stability of segment `label`, when measured.
pub fn stability_cell(report: &Report, label: i32) -> Option<StabilityCell> {
    let s = extras(report)?.stability_of(label)?;
    let (j, verdict) = (s.jaccard?, s.verdict?);
    let tone = match verdict {
        Verdict::Stable => "good",
        Verdict::Doubtful => "fair",
        Verdict::Unstable => "weak",
    };
    let help = format!(
        "Found again in {} of {} bootstrap re-runs (Jaccard above 0.75), dissolved in {} (0.5 or less).",
        s.recovered, s.replicates, s.dissolved
    );
    Some(StabilityCell { value: format!("{j:.2}"), verdict: verdict.word(), tone, help })
}

/// What the stability numbers mean, in one line.
pub const STABILITY_HELP: &str = "Stability: how often a segment is found again when the customers are \
     resampled and every member re-run (mean Jaccard, 0 to 1). From 0.75 it is stable; between 0.6 and 0.75 it \
     is a real pattern with doubtful edges; below 0.6 do not rely on it.";

/// What a config will fit, before it runs: "21 fits (k-means × 10, …), plus 420 for the stability re-runs."
pub fn cost(config: &ConsensusConfig) -> String {
    let runs = config.n_runs();
    let mut text = format!("{runs} fits ({})", config.describe());
    if config.bootstrap_runs > 0 {
        text.push_str(&format!(", plus {} for the stability re-runs", runs * config.bootstrap_runs));
    }
    text.push('.');
    text
}

/// The runs, how each member agrees with the consensus, and how many segments are stable.
pub fn summary(report: &Report) -> Option<String> {
    let c = extras(report)?;
    let members = c
        .members
        .iter()
        .filter(|m| m.mean_ari.is_finite())
        .map(|m| format!("{} {:.2}", m.member.label(), m.mean_ari))
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = format!("{} member runs", c.runs);
    if !members.is_empty() {
        text.push_str(&format!("; agreement with the consensus (adjusted Rand index): {members}"));
    }
    text.push('.');
    if !c.stability.is_empty() {
        let stable = c.stability.iter().filter(|s| s.verdict == Some(Verdict::Stable)).count();
        let unstable = c.stability.iter().filter(|s| s.verdict == Some(Verdict::Unstable)).count();
        text.push_str(&format!(" {stable} of {} segments are stable", c.stability.len()));
        if unstable > 0 {
            text.push_str(&format!(", {unstable} should not be relied on"));
        }
        text.push('.');
    }
    Some(text)
}

/// How the agreement matrix was built for `n` customers: exact, or on a sample above the cap.
pub fn sampling_note(report: &Report) -> Option<String> {
    let c = extras(report)?;
    let n = report.n_used;
    Some(if c.sampled {
        format!(
            "{} customers is above the limit of {} for comparing every pair, so the agreement was measured on \
             a seeded sample of {}; the other customers joined the segment they agree with most.",
            format::thousands(n as f64),
            format::thousands(c.sample_cap as f64),
            format::thousands(c.sample_size as f64)
        )
    } else {
        format!(
            "Exact: every pair of the {} customers is compared (exact up to {}; above, a seeded sample).",
            format::thousands(n as f64),
            format::thousands(c.sample_cap as f64)
        )
    })
}

/// How new customers are scored, with the share of these customers the rule reproduces.
pub fn scoring_note(report: &Report) -> Option<String> {
    let c = extras(report)?;
    Some(format!(
        "New customers join the nearest segment centre; that rule puts {} of these customers in their \
         consensus segment.",
        format::percent(c.centre_agreement)
    ))
}

/// The members offered: (member, one-line explanation).
pub const MEMBERS: [(ConsensusMember, &str); 3] = [
    (ConsensusMember::Kmeans, "Round groups around centres; one start per seed."),
    (ConsensusMember::Gmm, "Elliptical groups of any orientation; one start per seed."),
    (
        ConsensusMember::Hierarchical,
        "Merges customers bottom-up (Ward); the same every time, so it runs once.",
    ),
];

/// `config` with `member` switched on or off, or `None` when that would break a rule (no members, or fewer
/// than two runs), so the switch can be disabled.
pub fn with_member(config: &ConsensusConfig, member: ConsensusMember, on: bool) -> Option<ConsensusConfig> {
    let mut c = config.clone();
    c.members.retain(|&m| m != member);
    if on {
        c.members.push(member);
        c.members.sort();
    }
    c.check().is_ok().then_some(c)
}

/// The consensus config of `algorithm`, if it is one.
pub fn config(algorithm: &AlgorithmConfig) -> Option<&ConsensusConfig> {
    match algorithm {
        AlgorithmConfig::Consensus(c) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pipeline::consensus::{MemberAgreement, SegmentStabilityReading};
    use crate::engine::pipeline::{run, EvaluationConfig, PipelineConfig};
    use crate::engine::profile::SegmentProfile;
    use crate::engine::progress::Silent;

    /// A real consensus run on the bundled sample (few runs, no bootstrap), with hand-made stability.
    fn report() -> Report {
        let config = PipelineConfig {
            algorithm: AlgorithmConfig::Consensus(
                ConsensusConfig::default().with_n_clusters(3).with_seeds(2).with_bootstrap_runs(0),
            ),
            evaluation: EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() },
            ..PipelineConfig::default()
        };
        let bytes = include_bytes!("../../public/sample/wholesale_customers.csv");
        let mut r = run(bytes, "wholesale_customers.csv", &config, &mut Silent).expect("consensus run");
        assert!(r.extras.consensus.as_ref().is_some_and(|c| c.stability.is_empty() && !c.sampled));
        assert_eq!(stability_chart(&r), None, "no bootstrap, no chart");
        r.n_used = 9_000;
        r.extras.consensus = Some(ConsensusExtras {
            runs: 21,
            members: vec![MemberAgreement { member: ConsensusMember::Kmeans, runs: 10, mean_ari: 0.9 }],
            sampled: true,
            sample_cap: 3_000,
            sample_size: 3_000,
            bootstrap_runs: 20,
            stability: vec![reading(0, 0.91, Verdict::Stable), reading(1, 0.4, Verdict::Unstable)],
            stable_threshold: 0.75,
            doubtful_threshold: 0.6,
            centre_agreement: 0.962,
        });
        r
    }

    fn reading(segment: i32, j: f64, verdict: Verdict) -> SegmentStabilityReading {
        SegmentStabilityReading {
            segment,
            jaccard: Some(j),
            verdict: Some(verdict),
            dissolved: 2,
            recovered: 15,
            replicates: 20,
        }
    }

    #[test]
    fn chart_has_a_bar_per_measured_segment_in_table_order() {
        let r = report();
        let Some(ChartSpec::Stability(s)) = stability_chart(&r) else { panic!("a stability chart") };
        let measured: Vec<i32> = r
            .profiles
            .segments
            .iter()
            .map(|p: &SegmentProfile| p.label)
            .filter(|&l| l == 0 || l == 1)
            .collect();
        assert_eq!(s.bars.len(), measured.len());
        assert_eq!((s.stable, s.doubtful), (0.75, 0.6));
        assert!(s.title.contains("20 bootstrap"));
        assert!(has_stability(&r));
        let mut plain = r.clone();
        plain.extras.consensus = None;
        assert_eq!(stability_chart(&plain), None);
        assert!(!has_stability(&plain) && summary(&plain).is_none());
    }

    #[test]
    fn cells_notes_and_summary_read_well() {
        let r = report();
        let cell = stability_cell(&r, 0).unwrap();
        assert_eq!((cell.value.as_str(), cell.verdict, cell.tone), ("0.91", "stable", "good"));
        assert!(cell.help.contains("15 of 20"), "{}", cell.help);
        assert_eq!(stability_cell(&r, 1).unwrap().tone, "weak");
        assert_eq!(stability_cell(&r, 7), None);
        let s = summary(&r).unwrap();
        let start = "21 member runs; agreement with the consensus (adjusted Rand index): k-means 0.90.";
        assert!(s.starts_with(start) && s.contains("1 of 2"), "{s}");
        assert!(s.contains("1 should not be relied on"), "{s}");
        let note = sampling_note(&r).unwrap();
        assert!(note.contains("9,000") && note.contains("3,000") && note.contains("sample"), "{note}");
        assert!(scoring_note(&r).unwrap().contains("96"), "{:?}", scoring_note(&r));
    }

    #[test]
    fn the_html_report_has_the_stability_section() {
        let r = report();
        let html = crate::views::html::report_html(&r);
        assert!(html.contains("<h2>Consensus and stability</h2>") && html.contains("Segment stability (20"));
        let mut plain = r.clone();
        plain.extras.consensus = None;
        assert!(!crate::views::html::report_html(&plain).contains("Consensus and stability"));
    }

    #[test]
    fn the_cost_counts_every_fit() {
        let c = ConsensusConfig::default();
        let want = "21 fits (k-means × 10, Gaussian mixture × 10, Ward hierarchical × 1), plus 420 for the \
                    stability re-runs.";
        assert_eq!(cost(&c), want);
        let few = c.with_seeds(2).with_bootstrap_runs(0);
        assert_eq!(cost(&few), "5 fits (k-means × 2, Gaussian mixture × 2, Ward hierarchical × 1).");
    }

    #[test]
    fn member_switches_keep_the_config_valid() {
        let all = ConsensusConfig::default();
        let no_gmm = with_member(&all, ConsensusMember::Gmm, false).unwrap();
        assert_eq!(no_gmm.members, vec![ConsensusMember::Kmeans, ConsensusMember::Hierarchical]);
        let back = with_member(&no_gmm, ConsensusMember::Gmm, true).unwrap();
        assert_eq!(back.members, all.members, "the order stays the listed one");
        let ward_only = with_member(&no_gmm, ConsensusMember::Kmeans, false);
        assert_eq!(ward_only, None, "Ward alone is a single run");
        let one_seed =
            all.clone().with_seeds(1).with_members(vec![ConsensusMember::Kmeans, ConsensusMember::Gmm]);
        assert_eq!(with_member(&one_seed, ConsensusMember::Gmm, false), None);
        assert!(with_member(&one_seed, ConsensusMember::Hierarchical, true).is_some());
    }
}
