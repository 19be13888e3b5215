//! The ranked selection table: every statistic per feature, a suggested action (keep / drop) with its
//! reason in words, and the suggested feature set that the UI applies in one click.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::importance::{permutation_importance, Importance, Scorer};
use super::input::{check_labels, check_matrix, check_names, check_unscaled};
use super::laplacian::{laplacian_scores, LaplacianScores};
use super::params::SelectionParams;
use super::prune::{correlation_prune, near_constant, spreads, Spread};
use super::stats::{pearson_matrix, separation};
use super::wording::{explain, Reason};
use crate::engine::progress::Monitor;

/// What the selection table is computed from.
#[derive(Clone, Copy)]
pub struct SelectionInput<'a> {
    /// The prepared (imputed, scaled) feature matrix the clustering sees; must be finite.
    pub x: ArrayView2<'a, f64>,
    /// One name per column of `x`.
    pub names: &'a [String],
    /// The same features in original units (imputed), to judge variance; NaN values are skipped.
    pub unscaled: Option<ArrayView2<'a, f64>>,
    /// Segment labels of the rows (−1 = noise), to judge separation and permutation importance.
    pub labels: Option<&'a [i32]>,
    /// The score whose drop permutation importance measures.
    pub scorer: Scorer<'a>,
    /// Laplacian scores already computed for `x` with the same params and seed (they do not depend on the
    /// labels, so a re-run with other segments can reuse them); `None` computes them.
    pub laplacian: Option<&'a LaplacianScores>,
}

/// Keep or drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Keep,
    Drop,
}

/// The strongest correlation of a feature with another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrongestCorrelation {
    pub with: String,
    pub r: f64,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureAssessment {
    pub name: String,
    /// Column index in the input.
    pub index: usize,
    /// 1-based position in the table: kept features first (best separation, else best Laplacian score).
    pub rank: usize,
    pub spread: Spread,
    pub strongest_correlation: Option<StrongestCorrelation>,
    /// Laplacian score (lower = preserves locality better); None for a constant feature.
    pub laplacian_score: Option<f64>,
    /// ANOVA F between segments (None without labels, when undefined, or infinite).
    pub f_statistic: Option<f64>,
    pub p_value: Option<f64>,
    pub eta_squared: Option<f64>,
    pub permutation_importance: Option<Importance>,
    pub action: Action,
    pub reason: Reason,
    /// The reason in words ("drop: correlated 0.93 with Grocery, which varies more …").
    pub explanation: String,
}

/// The ranked table and the suggested feature set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectionReport {
    /// Every feature, ranked.
    pub features: Vec<FeatureAssessment>,
    /// Features to keep, in input order: what "apply" sets.
    pub suggested: Vec<String>,
    /// Features to drop, in input order.
    pub dropped: Vec<String>,
    /// Heat-kernel width and neighbours of the Laplacian score.
    pub laplacian_t: f64,
    pub laplacian_k: usize,
    /// The permutation-importance baseline score and what it is.
    pub permutation_baseline: Option<f64>,
    pub permutation_scorer: Option<String>,
    /// Plain-language notes (sampling, the basis of variance…).
    pub notes: Vec<String>,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Builds the ranked selection table. Cost: O(n·d²) for correlations, the Laplacian score's O(m²·d) on at
/// most `params.laplacian.max_rows` rows, and `d × repeats` scorings for permutation importance.
pub fn select_features(
    input: &SelectionInput<'_>,
    params: &SelectionParams,
    monitor: &mut dyn Monitor,
) -> Result<SelectionReport> {
    let params = params.check()?;
    let x = input.x;
    check_matrix(x, 2)?;
    check_names(x, input.names)?;
    if let Some(u) = input.unscaled {
        check_unscaled(x, u)?;
    }
    if let Some(l) = input.labels {
        check_labels(x, l)?;
    }
    let d = x.ncols();
    let names = input.names;
    let mut notes = Vec::new();

    monitor.progress("feature selection", 0.0);
    let spread = spreads(x, input.unscaled);
    if input.unscaled.is_none() {
        notes.push("variance measured on the prepared (scaled) matrix; pass the unscaled values to compare features in their own units".into());
    }
    let constant: Vec<bool> =
        spread.iter().map(|s| near_constant(s, params.variance_threshold, params.min_relative_std)).collect();
    let r = pearson_matrix(x);
    let eligible: Vec<bool> = constant.iter().map(|c| !c).collect();
    let correlated = correlation_prune(&r, &spread, &eligible, params.correlation_threshold);
    let computed;
    let lap = match input.laplacian {
        Some(l) if l.scores.len() == d => l,
        _ => {
            computed = laplacian_scores(x, &params.laplacian, params.seed, monitor)?;
            &computed
        }
    };
    if lap.sampled {
        notes.push(format!(
            "Laplacian score computed on a seeded sample of {} of {} rows",
            lap.rows_used,
            x.nrows()
        ));
    }
    let lap_rank = ranks(&lap.scores);
    let sep = input.labels.map(|l| separation(x, l));
    let perm = match input.labels {
        Some(l) if params.permutation.repeats > 0 => {
            Some(permutation_importance(x, l, input.scorer, &params.permutation, params.seed, monitor)?)
        }
        _ => None,
    };

    let mut rows: Vec<FeatureAssessment> = (0..d)
        .map(|j| {
            let strongest = (0..d)
                .filter(|&o| o != j && r[[j, o]].is_finite())
                .max_by(|&a, &b| r[[j, a]].abs().total_cmp(&r[[j, b]].abs()).then(b.cmp(&a)))
                .map(|o| StrongestCorrelation { with: names[o].clone(), r: r[[j, o]] });
            let s = sep.as_ref().map(|s| s[j]);
            let eta = s.and_then(|s| finite(s.eta_squared));
            let reason = if constant[j] {
                Reason::NearConstant { variance: spread[j].variance, relative_std: spread[j].relative_std }
            } else if let Some(c) = correlated[j] {
                Reason::Correlated {
                    with: names[c.partner].clone(),
                    r: c.r,
                    own: spread[j],
                    partner: spread[c.partner],
                }
            } else if let Some(eta) = eta {
                if eta < params.min_eta_squared {
                    Reason::NoSeparation { eta_squared: eta }
                } else {
                    Reason::Separates { eta_squared: eta }
                }
            } else if let (Some(score), Some(rank)) = (finite(lap.scores[j]), lap_rank[j]) {
                Reason::LocalStructure { laplacian_score: score, rank, of: d }
            } else {
                Reason::NoIssue
            };
            FeatureAssessment {
                name: names[j].clone(),
                index: j,
                rank: 0,
                spread: spread[j],
                strongest_correlation: strongest,
                laplacian_score: finite(lap.scores[j]),
                f_statistic: s.and_then(|s| finite(s.f)),
                p_value: s.and_then(|s| finite(s.p_value)),
                eta_squared: eta,
                permutation_importance: perm
                    .as_ref()
                    .map(|p| p.importances[j])
                    .filter(|i| i.mean.is_finite() && i.std.is_finite()),
                action: if reason.drops() { Action::Drop } else { Action::Keep },
                explanation: String::new(),
                reason,
            }
        })
        .collect();

    // never suggest an empty feature set: keep the best of the features dropped for a weak reason
    if rows.iter().all(|f| f.action == Action::Drop) {
        if let Some(best) = rows
            .iter_mut()
            .filter(|f| matches!(f.reason, Reason::NoSeparation { .. } | Reason::Correlated { .. }))
            .max_by(|a, b| a.eta_squared.unwrap_or(0.0).total_cmp(&b.eta_squared.unwrap_or(0.0)))
        {
            best.reason = Reason::LastResort { eta_squared: best.eta_squared };
            best.action = Action::Keep;
        }
    }
    for f in &mut rows {
        f.explanation = explain(&f.reason);
    }
    let suggested = rows.iter().filter(|f| f.action == Action::Keep).map(|f| f.name.clone()).collect();
    let dropped = rows.iter().filter(|f| f.action == Action::Drop).map(|f| f.name.clone()).collect();
    rows.sort_by(|a, b| {
        let keep = |f: &FeatureAssessment| f.action != Action::Keep;
        keep(a)
            .cmp(&keep(b))
            .then(b.eta_squared.unwrap_or(-1.0).total_cmp(&a.eta_squared.unwrap_or(-1.0)))
            .then(
                a.laplacian_score
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.laplacian_score.unwrap_or(f64::INFINITY)),
            )
            .then(a.index.cmp(&b.index))
    });
    for (i, f) in rows.iter_mut().enumerate() {
        f.rank = i + 1;
    }
    monitor.progress("feature selection", 1.0);
    Ok(SelectionReport {
        features: rows,
        suggested,
        dropped,
        laplacian_t: lap.t,
        laplacian_k: lap.k_neighbours,
        permutation_baseline: perm.as_ref().and_then(|p| finite(p.baseline)),
        permutation_scorer: perm.map(|p| p.scorer),
        notes,
    })
}

/// 1-based ranks of the finite values, ascending (ties → lower index first); None for NaN.
fn ranks(v: &[f64]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..v.len()).filter(|&i| v[i].is_finite()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
    let mut out = vec![None; v.len()];
    for (rank, i) in order.into_iter().enumerate() {
        out[i] = Some(rank + 1);
    }
    out
}
