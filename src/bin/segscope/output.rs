//! What the CLI writes: a compact JSON report of a run, and a short summary for a terminal.

use segscope::engine::cluster::consensus::Verdict;
use segscope::engine::cluster::FitInfo;
use segscope::engine::features::rfm::TransactionMapping;
use segscope::engine::pipeline::consensus::ConsensusExtras;
use segscope::engine::pipeline::{Metrics, PipelineConfig, Report, Timing};
use segscope::engine::prep::Action;
use segscope::engine::table::RowIssue;
use segscope::engine::words;
use segscope::views::skew;
use serde::Serialize;
use std::collections::BTreeMap;

/// One segment in report.json.
#[derive(Serialize)]
pub struct CliSegment {
    /// The segment's number as in the labelled CSV and the app: from 1 (the largest), −1 for noise.
    pub segment: i32,
    pub name: String,
    pub size: usize,
    pub share: f64,
    /// Mean of each feature column, in the original units.
    pub means: BTreeMap<String, Option<f64>>,
    pub medians: BTreeMap<String, Option<f64>>,
    /// Mean z-score of each feature against all customers.
    pub z: BTreeMap<String, Option<f64>>,
    /// Consensus: mean bootstrap Jaccard of the segment (0..1), and its reading (stable ≥ 0.75, doubtful
    /// 0.6–0.75, unstable < 0.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability_verdict: Option<Verdict>,
}

/// report.json.
#[derive(Serialize)]
pub struct CliReport<'a> {
    pub source: &'a str,
    pub algorithm: &'a str,
    pub n_rows: usize,
    pub n_used: usize,
    pub n_clusters: usize,
    pub n_noise: usize,
    /// Customers outlier handling "flag" marked (kept and clustered; `outlier` = yes in the labelled CSV).
    pub n_flagged: usize,
    pub features: &'a [String],
    pub metrics: &'a Metrics,
    pub segments: Vec<CliSegment>,
    pub fit: &'a FitInfo,
    /// Consensus: member runs, sampling and the stability of every segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusExtras>,
    /// The feature suggestion, as the app's Features step gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_suggestion: Option<CliSuggestion>,
    pub suggested_k: Option<usize>,
    pub suggested_k_reason: Option<&'a str>,
    pub notes: &'a [String],
    /// How the file was read: "customers" (one row per customer) or "transactions" (a log, with its mapping).
    pub mode: CliMode<'a>,
    /// Problem rows and cells in the file (the first ones; `data_issues_total` counts them all), and what
    /// the reader noted (separator, encoding, formats, skipped lines).
    pub data_issues: &'a [RowIssue],
    pub data_issues_total: usize,
    pub data_notes: &'a [String],
    /// What preparation did, a sentence per action (filled, clipped, left out, encoded, scaled).
    pub prep_notes: Vec<&'a str>,
    pub timings: &'a [Timing],
    pub config: &'a PipelineConfig,
}

impl<'a> CliReport<'a> {
    pub fn new(r: &'a Report) -> Self {
        let segments = r
            .profiles
            .segments
            .iter()
            .map(|s| CliSegment {
                segment: number(s.label),
                name: s.name.clone(),
                size: s.size,
                share: s.share,
                means: s.numeric.iter().map(|n| (n.feature.clone(), n.mean)).collect(),
                medians: s.numeric.iter().map(|n| (n.feature.clone(), n.median)).collect(),
                z: s.numeric.iter().map(|n| (n.feature.clone(), n.z)).collect(),
                stability: stability(r, s.label).and_then(|x| x.jaccard),
                stability_verdict: stability(r, s.label).and_then(|x| x.verdict),
            })
            .collect();
        CliReport {
            source: r.source(),
            algorithm: &r.algorithm,
            n_rows: r.n_rows,
            n_used: r.n_used,
            n_clusters: r.n_clusters,
            n_noise: r.n_noise,
            n_flagged: r.flagged.len(),
            features: &r.features,
            metrics: &r.metrics,
            segments,
            fit: &r.fit,
            // its stability readings count segments from 1 too (they said 0–3 beside segments 1–4)
            consensus: r.extras.consensus.clone().map(|mut c| {
                c.stability.iter_mut().for_each(|s| s.segment = number(s.segment));
                c
            }),
            feature_suggestion: CliSuggestion::new(r),
            suggested_k: r.sweep.as_ref().map(|s| s.suggestion.k),
            suggested_k_reason: r.sweep.as_ref().map(|s| s.suggestion.reason.as_str()),
            notes: &r.notes,
            mode: match &r.transactions {
                Some(t) => CliMode::Transactions { mapping: &t.mapping },
                None => CliMode::Customers,
            },
            data_issues: &r.data.issues,
            data_issues_total: r.data.issues_total,
            data_notes: &r.data.notes,
            prep_notes: r.prep.entries.iter().map(|e| e.sentence.as_str()).collect(),
            timings: &r.timings,
            config: &r.config,
        }
    }
}

/// How `run` read the file.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CliMode<'a> {
    Customers,
    Transactions { mapping: &'a TransactionMapping },
}

/// The feature suggestion: the columns to leave out and every ranked feature with its reason.
#[derive(Serialize)]
pub struct CliSuggestion {
    /// Source columns the suggestion leaves out (one-hot levels mapped back to their column).
    pub drop: Vec<String>,
    /// The features it keeps: `--features` with these applies the suggestion.
    pub keep: Vec<String>,
    pub features: Vec<CliRankedFeature>,
}

/// One ranked feature of the suggestion.
#[derive(Serialize)]
pub struct CliRankedFeature {
    pub rank: usize,
    pub name: String,
    pub drop: bool,
    pub reason: String,
}

impl CliSuggestion {
    fn new(r: &Report) -> Option<CliSuggestion> {
        let keep = segscope::views::selection::suggested_features(r)?;
        let features = segscope::views::selection::rows(r)
            .into_iter()
            .map(|row| CliRankedFeature { rank: row.rank, name: row.name, drop: row.drop, reason: row.why })
            .collect();
        Some(CliSuggestion { drop: segscope::views::selection::suggested_drops(r), keep, features })
    }
}

/// The consensus stability of segment `label`, when measured.
fn stability(
    r: &Report,
    label: i32,
) -> Option<&segscope::engine::pipeline::consensus::SegmentStabilityReading> {
    r.extras.consensus.as_ref()?.stability_of(label)
}

/// A few lines for a human at a terminal.
pub fn summary(r: &Report) -> String {
    let mut lines = vec![format!(
        "{}: {} segments ({}) among {} of {} customers, on {} features",
        r.source(),
        r.n_clusters,
        r.algorithm,
        r.n_used,
        r.n_rows,
        r.n_features()
    )];
    if let Some(t) = &r.transactions {
        lines.push(format!(
            "  read as a transaction log ({} lines → {} customers): {}; --mode customers reads one row per \
             customer",
            r.data.n_rows,
            r.n_rows,
            t.mapping.describe()
        ));
        // the rules that left lines or customers out, and what looks wrong in the log
        let f = &t.features;
        let applied = f.rules.iter().filter(|r| r.rows > 0).map(|r| format!("  note: {}", r.sentence));
        lines.extend(applied);
        if f.customers_without_purchases > 0 {
            lines.push(format!(
                "  note: {} only lines these rules left out, and not segmented",
                words::count(f.customers_without_purchases, "customer had", "customers had")
            ));
        }
        lines.extend(f.warnings.iter().map(|w| format!("  warning: {w}")));
        // why there is no P(alive) or CLV (the purchase model's fit refused, say)
        lines.extend(t.lifetime_note.iter().map(|n| format!("  note: {n}")));
    }
    // rows read as customers although their customer ids repeat (an orders table without dates)
    use segscope::engine::pipeline::data::{ONE_ROW, ONE_ROW_AS_SET};
    if r.transactions.is_none() && ![ONE_ROW, ONE_ROW_AS_SET].contains(&r.data.mode_note.as_str()) {
        lines.push(format!("  note: {}", r.data.mode_note));
    }
    if let Some(first) = r.data.issues.first() {
        lines.push(format!(
            "  note: {} in the file (the first: line {}{}: {}); `segscope inspect` lists them",
            words::count(r.data.issues_total, "problem row or cell", "problem rows or cells"),
            first.line,
            first.column.as_ref().map(|c| format!(", column {c:?}")).unwrap_or_default(),
            segscope::views::format::issue(&first.kind)
        ));
    }
    // how the file was read (a totals row left out, decimal commas, a generated header, …)
    for n in &r.data.notes {
        lines.push(format!("  note: {n}"));
    }
    // why fewer customers were segmented than the file has
    for e in &r.prep.entries {
        if matches!(
            e.action,
            Action::BlankRows { .. } | Action::DroppedRows { .. } | Action::RemovedOutliers { .. }
        ) {
            lines.push(format!("  note: {}", e.sentence));
        }
    }
    if let Some(s) = r.metrics.silhouette {
        lines.push(format!("  silhouette {s:.3}"));
    }
    // the names' column is as wide as the longest name (up to 80 characters), so the sizes line up
    let width = r.profiles.segments.iter().map(|s| s.name.chars().count()).max().unwrap_or(0).clamp(24, 80);
    for s in &r.profiles.segments {
        let mut line =
            format!("  {:>3}  {:<width$} {:>7} ({:.1}%)", number(s.label), s.name, s.size, s.share * 100.0);
        if let Some((j, v)) = stability(r, s.label).and_then(|x| Some((x.jaccard?, x.verdict?))) {
            line.push_str(&format!("  stability {j:.2} ({})", v.word()));
        }
        lines.push(line);
    }
    if let Some(sweep) = &r.sweep {
        lines.push(format!("  suggested k = {}: {}", sweep.suggestion.k, sweep.suggestion.reason));
    }
    if let Some(s) = CliSuggestion::new(r).filter(|s| !s.drop.is_empty()) {
        lines.push(format!(
            "  suggested features: leave out {} (reasons in --report); apply with --features {}",
            s.drop.join(", "),
            shell_word(&s.keep.join(","))
        ));
    }
    for n in &r.notes {
        lines.push(format!("  note: {n}"));
    }
    if let Some(h) = skew::hint(r, &r.config) {
        let flags: Vec<String> = h
            .columns
            .iter()
            .map(|(c, _)| format!("--transform {}", shell_word(&format!("{c}=log1p"))))
            .collect();
        lines.push(format!("  hint: {} Add {}", skew::sentence(&h), flags.join(" ")));
    }
    lines.join("\n")
}

/// `word` quoted for a POSIX shell when it holds anything but letters, digits and `_ . = - /`.
fn shell_word(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric() || "_.=-/,".contains(c)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A segment's number in everything the CLI writes, as in the labelled CSV: from 1, noise −1.
pub fn number(label: i32) -> i32 {
    if label == segscope::engine::cluster::NOISE {
        label
    } else {
        label + 1
    }
}
