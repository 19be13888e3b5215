//! Greedy forward selection: start empty, repeatedly add the feature whose addition gives the best score of
//! a re-clustering, and stop when the score no longer improves (after a minimum number of features).
//!
//! Cost: up to d·(d+1)/2 clusterings plus scorings — the caller's clustering and score set the price
//! (pass a capped or sampled silhouette); progress is reported and cancel is checked before each one.

use ndarray::{ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::importance::ScoreFn;
use super::input::{check_matrix, check_names};
use super::params::ForwardParams;
use crate::engine::progress::{tick, Monitor};

/// A clustering of a matrix: one label per row (−1 = noise). It must not panic.
pub type ClusterFn<'a> = dyn Fn(ArrayView2<f64>) -> Vec<i32> + 'a;

/// One candidate set tried at a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    /// Column index in the input.
    pub index: usize,
    /// The score of the selected features plus this one; None when the score was undefined (NaN) or the
    /// clustering returned the wrong number of labels.
    pub score: Option<f64>,
}

/// One step of the selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForwardStep {
    pub added: String,
    pub index: usize,
    /// Score of the set after adding it.
    pub score: f64,
    /// Every candidate tried at this step, in column order.
    pub candidates: Vec<Candidate>,
}

/// The result of greedy forward selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForwardSelection {
    /// The selected features, in the order they were added.
    pub selected: Vec<String>,
    pub selected_indices: Vec<usize>,
    /// The score of the selected set (NaN when nothing could be scored).
    pub score: f64,
    pub steps: Vec<ForwardStep>,
    /// Why it stopped, in words.
    pub stopped: String,
}

/// Greedy forward selection over the columns of `x` maximising `score(x_S, cluster(x_S))`.
pub fn forward_select(
    x: ArrayView2<f64>,
    names: &[String],
    cluster: &ClusterFn<'_>,
    score: &ScoreFn<'_>,
    params: &ForwardParams,
    monitor: &mut dyn Monitor,
) -> Result<ForwardSelection> {
    params.check()?;
    check_matrix(x, 1)?;
    check_names(x, names)?;
    let d = x.ncols();
    let max = params.max_features.unwrap_or(d).min(d);
    let evaluations = (0..max).map(|s| d - s).sum::<usize>().max(1);
    let mut done = 0;
    let mut selected: Vec<usize> = Vec::new();
    let mut current = f64::NAN;
    let mut steps = Vec::new();
    let stopped = loop {
        if selected.len() >= max {
            break if max == d {
                "every feature was added".to_string()
            } else {
                format!("reached max_features ({max})")
            };
        }
        let mut candidates = Vec::new();
        for c in (0..d).filter(|c| !selected.contains(c)) {
            tick(monitor, "forward selection", done, evaluations, 1)?;
            done += 1;
            let mut cols = selected.clone();
            cols.push(c);
            cols.sort_unstable();
            let sub = x.select(Axis(1), &cols);
            let labels = cluster(sub.view());
            let s = if labels.len() == x.nrows() { score(sub.view(), &labels) } else { f64::NAN };
            candidates.push(Candidate {
                name: names[c].clone(),
                index: c,
                score: s.is_finite().then_some(s),
            });
        }
        let best = candidates.iter().filter_map(|c| c.score.map(|s| (s, c.index))).fold(
            None,
            |b: Option<(f64, usize)>, (s, i)| match b {
                Some((bs, _)) if bs >= s => b,
                _ => Some((s, i)),
            },
        );
        let Some((best_score, best_index)) = best else {
            break "no candidate feature gave a defined score".to_string();
        };
        if selected.len() >= params.min_features && best_score <= current + params.min_improvement {
            break format!(
                "adding {} would give {:.4}, not more than {:.4} + {} (the current score plus min_improvement)",
                names[best_index], best_score, current, params.min_improvement
            );
        }
        selected.push(best_index);
        current = best_score;
        steps.push(ForwardStep {
            added: names[best_index].clone(),
            index: best_index,
            score: best_score,
            candidates,
        });
    };
    Ok(ForwardSelection {
        selected: selected.iter().map(|&i| names[i].clone()).collect(),
        selected_indices: selected,
        score: current,
        steps,
        stopped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::Silent;
    use ndarray::array;

    fn names(d: usize) -> Vec<String> {
        (0..d).map(|i| format!("f{i}")).collect()
    }

    #[test]
    fn adds_the_best_feature_then_stops() {
        let x = array![[0.0, 1.0, 3.0], [0.0, 2.0, 1.0], [9.0, 1.0, 2.0], [9.0, 2.0, 3.0]];
        // cluster by the sign of the first selected column's deviation; score favours sets containing f0
        let cluster = |m: ArrayView2<f64>| {
            let mean = m.column(0).mean().unwrap_or(0.0);
            m.column(0).iter().map(|&v| i32::from(v > mean)).collect::<Vec<_>>()
        };
        let score = |m: ArrayView2<f64>, _: &[i32]| if m.ncols() == 1 { m[[3, 0]] } else { m[[3, 0]] - 1.0 };
        let p = ForwardParams::default().with_min_features(1);
        let r = forward_select(x.view(), &names(3), &cluster, &score, &p, &mut Silent).unwrap();
        assert_eq!(r.selected, vec!["f0"]);
        assert_eq!(r.score, 9.0);
        assert_eq!(r.steps[0].candidates.len(), 3);
        assert!(r.stopped.contains("not more than"));
    }

    #[test]
    fn undefined_scores_and_bad_clusterings_do_not_panic() {
        let x = array![[1.0, 2.0], [3.0, 4.0]];
        let nan = |_: ArrayView2<f64>, _: &[i32]| f64::NAN;
        let short = |_: ArrayView2<f64>| vec![0];
        let r = forward_select(x.view(), &names(2), &short, &nan, &ForwardParams::default(), &mut Silent)
            .unwrap();
        assert!(r.selected.is_empty() && r.score.is_nan());
        let all = |m: ArrayView2<f64>| vec![0; m.nrows()];
        let count = |m: ArrayView2<f64>, _: &[i32]| m.ncols() as f64;
        let r = forward_select(x.view(), &names(2), &all, &count, &ForwardParams::default(), &mut Silent)
            .unwrap();
        assert_eq!(r.selected.len(), 2);
        assert_eq!(r.stopped, "every feature was added");
        assert!(forward_select(x.view(), &names(1), &all, &count, &ForwardParams::default(), &mut Silent)
            .is_err());
    }
}
