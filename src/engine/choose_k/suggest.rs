//! The rule that turns the scored sweep into one suggested k with its reason (documented in the module doc).

use super::gap::gap_choice;
use super::kneedle::kneedle_decreasing_convex;
use super::result::{AlgorithmSweep, KScore, Picks, Suggestion};
use crate::engine::words::and_list;

/// The k with the best value of `f` (highest if `max`, else lowest); ties go to the smaller k.
fn best_by(scores: &[KScore], f: impl Fn(&KScore) -> Option<f64>, max: bool) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for s in scores {
        if let Some(v) = f(s).filter(|v| v.is_finite()) {
            let better = match best {
                None => true,
                Some((_, b)) => (max && v > b) || (!max && v < b),
            };
            if better {
                best = Some((s.k, v));
            }
        }
    }
    best.map(|b| b.0)
}

/// Each criterion's own pick.
pub fn picks(scores: &[KScore], gap_at_1: Option<(f64, f64)>) -> Picks {
    let mut ks: Vec<usize> = Vec::new();
    let mut gaps = Vec::new();
    if let Some(g) = gap_at_1 {
        ks.push(1);
        gaps.push(Some(g));
    }
    for s in scores {
        ks.push(s.k);
        gaps.push(s.gap.zip(s.gap_se));
    }
    let gap = gap_choice(&ks, &gaps);
    // the inertia curve over the swept k (starting it at k = 1 makes Kneedle favour the first, largest
    // drop: on the blob benchmark it found the true k 10/60 times from k = 1, 23/60 from k_min)
    let xk: Vec<f64> = scores.iter().map(|s| s.k as f64).collect();
    let yk: Vec<f64> = scores.iter().map(|s| s.inertia).collect();
    let elbow = kneedle_decreasing_convex(&xk, &yk).map(|i| scores[i].k);
    let all_bic = !scores.is_empty() && scores.iter().all(|s| s.bic.is_some());
    Picks {
        silhouette: best_by(scores, |s| s.silhouette, true),
        calinski_harabasz: best_by(scores, |s| s.calinski_harabasz, true),
        davies_bouldin: best_by(scores, |s| s.davies_bouldin, false),
        gap,
        elbow,
        bic: if all_bic { best_by(scores, |s| s.bic, false) } else { None },
        stability: best_by(scores, |s| s.stability, true),
    }
}

/// Stability (mean subsample ARI) from which a k counts as stable.
pub const STABLE: f64 = 0.75;
/// Stability below which a k is not suggested while any candidate reaches it (Hennig's "dissolved").
pub const UNSTABLE: f64 = 0.5;

/// (criterion name, its pick, its weight) for the voting criteria, in the order they are cited.
fn ballots(p: &Picks) -> [(&'static str, Option<usize>, f64); 6] {
    [
        ("Calinski–Harabasz", p.calinski_harabasz, 2.0),
        ("gap statistic", p.gap, 2.0),
        ("BIC", p.bic, 2.0),
        ("silhouette", p.silhouette, 1.0),
        ("Davies–Bouldin", p.davies_bouldin, 1.0),
        ("inertia elbow", p.elbow, 1.0),
    ]
}

/// The suggestion for one algorithm: the weighted vote of the criteria times the stability (module doc).
pub fn suggest(scores: &[KScore], picks: &Picks) -> Suggestion {
    let score = |k: usize| scores.iter().find(|s| s.k == k);
    let votes: Vec<(&str, usize, f64)> = ballots(picks)
        .into_iter()
        .filter_map(|(n, k, w)| k.filter(|&k| score(k).is_some()).map(|k| (n, k, w)))
        .collect();
    let mut candidates: Vec<usize> = votes.iter().map(|v| v.1).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let stability = |k: usize| score(k).and_then(|s| s.stability);
    let not_dissolved: Vec<usize> =
        candidates.iter().copied().filter(|&k| stability(k).is_none_or(|s| s >= UNSTABLE)).collect();
    let eligible = if not_dissolved.is_empty() { candidates } else { not_dissolved };
    let weight =
        |k: usize| votes.iter().filter(|v| v.1 == k).map(|v| v.2).sum::<f64>() * stability(k).unwrap_or(1.0);
    let silhouette = |k: usize| score(k).and_then(|s| s.silhouette).unwrap_or(f64::NEG_INFINITY);
    let better = |a: usize, b: usize| (weight(a), silhouette(a)) > (weight(b), silhouette(b));
    let fallback = picks.stability.or_else(|| scores.first().map(|s| s.k)).unwrap_or(0);
    let k = eligible.iter().copied().fold(None, |best: Option<usize>, k| match best {
        Some(b) if !better(k, b) => Some(b),
        _ => Some(k),
    });
    let k = k.unwrap_or(fallback);
    let supported_by: Vec<String> = votes.iter().filter(|v| v.1 == k).map(|v| v.0.to_string()).collect();
    Suggestion { k, reason: reason(k, score(k), picks), supported_by }
}

/// The reason in words: who points at k (with the silhouette's value), how stable it is, who disagrees.
fn reason(k: usize, s: Option<&KScore>, picks: &Picks) -> String {
    let support: Vec<&str> = ballots(picks).iter().filter(|b| b.1 == Some(k)).map(|b| b.0).collect();
    let mut text = if support.is_empty() {
        format!("no criterion peaks inside the range; {k} is the most stable k")
    } else {
        let silhouette =
            s.and_then(|s| s.silhouette).map(|v| format!(" (silhouette {v:.2})")).unwrap_or_default();
        let verb = if support.len() == 1 { "points" } else { "point" };
        format!("{} {verb} to {k}{silhouette}", and_list(&support))
    };
    match s.and_then(|s| s.stability) {
        Some(st) if st >= STABLE => text.push_str(&format!(" and stability is {st:.2}")),
        Some(st) if st >= UNSTABLE => {
            text.push_str(&format!(" but stability is only {st:.2}: the segments are only moderately reproducible"))
        }
        Some(st) => text.push_str(&format!(
            " but stability is {st:.2}: no candidate is stable, read the segments as a convenient partition rather \
             than natural groups"
        )),
        None => {}
    }
    let others: Vec<String> = ballots(picks)
        .iter()
        .filter_map(|&(name, pick, _)| match pick {
            Some(1) => Some(format!("the {name} sees no cluster structure (k = 1)")),
            Some(p) if p != k => Some(format!("{name} points to {p}")),
            _ => None,
        })
        .collect();
    if !others.is_empty() {
        text.push_str(&format!("; {}", others.join(", ")));
    }
    text
}

/// The overall suggestion: the k most algorithms suggest (ties: the higher stability at that k, then the
/// first algorithm), with each algorithm's suggestion in the reason.
pub fn combine(algorithms: &[AlgorithmSweep]) -> Suggestion {
    match algorithms {
        [] => Suggestion { k: 0, reason: "no algorithm was swept".into(), supported_by: Vec::new() },
        [one] => one.suggestion.clone(),
        many => {
            let stab = |a: &AlgorithmSweep| {
                a.scores.iter().find(|s| s.k == a.suggestion.k).and_then(|s| s.stability).unwrap_or(0.0)
            };
            let count = |k: usize| many.iter().filter(|a| a.suggestion.k == k).count();
            let mut best = &many[0];
            for a in &many[1..] {
                let (ca, cb) = (count(a.suggestion.k), count(best.suggestion.k));
                if ca > cb || (ca == cb && stab(a) > stab(best)) {
                    best = a;
                }
            }
            let k = best.suggestion.k;
            let each: Vec<String> = many
                .iter()
                .map(|a| format!("{} suggests {} ({})", a.algorithm, a.suggestion.k, a.suggestion.reason))
                .collect();
            let agree: Vec<String> =
                many.iter().filter(|a| a.suggestion.k == k).map(|a| a.algorithm.clone()).collect();
            Suggestion { k, reason: each.join("; "), supported_by: agree }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scores for k = 2..=6 with the given silhouettes and stabilities (other criteria absent).
    fn table(sil: [f64; 5], stab: [f64; 5]) -> Vec<KScore> {
        (0..5)
            .map(|i| KScore {
                k: i + 2,
                n_segments: i + 2,
                fit_seed: 0,
                inertia: 100.0 / (i + 1) as f64,
                silhouette: Some(sil[i]),
                silhouette_sampled: false,
                calinski_harabasz: None,
                davies_bouldin: None,
                bic: None,
                gap: None,
                gap_se: None,
                stability: Some(stab[i]),
                stability_sd: None,
            })
            .collect()
    }

    #[test]
    fn unanimous_criteria_win_and_are_named() {
        let scores = table([0.3, 0.6, 0.4, 0.3, 0.2], [1.0, 0.93, 0.8, 0.7, 0.6]);
        let p = Picks { silhouette: Some(3), calinski_harabasz: Some(3), gap: Some(3), ..Default::default() };
        let s = suggest(&scores, &p);
        assert_eq!(s.k, 3);
        assert_eq!(s.supported_by, vec!["Calinski–Harabasz", "gap statistic", "silhouette"]);
        assert_eq!(
            s.reason,
            "Calinski–Harabasz, gap statistic and silhouette point to 3 (silhouette 0.60) and stability is 0.93"
        );
    }

    #[test]
    fn variance_ratio_and_gap_outweigh_silhouette_and_db() {
        // nearby groups: silhouette and DB prefer merging them (4), CH and gap see them apart (5)
        let scores = table([0.3, 0.5, 0.72, 0.69, 0.4], [1.0, 1.0, 1.0, 1.0, 0.8]);
        let p = Picks {
            silhouette: Some(4),
            davies_bouldin: Some(4),
            calinski_harabasz: Some(5),
            gap: Some(5),
            elbow: Some(3),
            ..Default::default()
        };
        let s = suggest(&scores, &p);
        assert_eq!(s.k, 5);
        assert!(s.reason.contains("silhouette points to 4"), "{}", s.reason);
        assert!(s.reason.contains("inertia elbow points to 3"), "{}", s.reason);
    }

    #[test]
    fn an_unstable_k_loses_to_a_stable_one() {
        let scores = table([0.5, 0.4, 0.3, 0.3, 0.3], [0.95, 0.9, 0.45, 0.6, 0.6]);
        // k = 4 has three heavy votes but dissolves on subsamples
        let p = Picks {
            calinski_harabasz: Some(4),
            gap: Some(4),
            davies_bouldin: Some(4),
            silhouette: Some(2),
            ..Default::default()
        };
        let s = suggest(&scores, &p);
        assert_eq!(s.k, 2);
        // a less stable k still wins when its support is much larger
        let scores = table([0.5, 0.4, 0.3, 0.3, 0.3], [0.95, 0.9, 0.6, 0.6, 0.6]);
        let s = suggest(&scores, &p);
        assert_eq!(s.k, 4);
        assert!(s.reason.contains("only moderately reproducible"), "{}", s.reason);
    }

    #[test]
    fn gap_of_one_is_reported_and_no_pick_falls_back_to_stability() {
        let scores = table([0.3, 0.3, 0.3, 0.3, 0.3], [0.7, 0.9, 0.6, 0.5, 0.4]);
        let p = Picks { gap: Some(1), stability: Some(3), ..Default::default() };
        let s = suggest(&scores, &p);
        assert_eq!(s.k, 3);
        assert!(
            s.reason.starts_with("no criterion peaks inside the range; 3 is the most stable k"),
            "{}",
            s.reason
        );
        assert!(s.reason.contains("the gap statistic sees no cluster structure (k = 1)"), "{}", s.reason);
    }

    #[test]
    fn picks_follow_each_criterion() {
        let mut scores = table([0.3, 0.6, 0.4, 0.3, 0.2], [1.0, 0.9, 0.8, 0.7, 0.6]);
        for (s, (ch, db)) in
            scores.iter_mut().zip([(10.0, 1.0), (30.0, 0.5), (20.0, 0.4), (15.0, 0.9), (12.0, 1.2)])
        {
            s.calinski_harabasz = Some(ch);
            s.davies_bouldin = Some(db);
            s.bic = Some(-(s.k as f64 - 5.0).abs());
        }
        scores[3].inertia = 100.0 / 3.5; // keep the inertia decreasing
        let p = picks(&scores, None);
        assert_eq!((p.silhouette, p.calinski_harabasz, p.davies_bouldin), (Some(3), Some(3), Some(4)));
        assert_eq!((p.bic, p.stability, p.gap), (Some(2), Some(2), None));
        assert!(p.elbow.is_some());
    }
}
