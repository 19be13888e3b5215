//! Descriptive segment names from z-scores: "Very low spending · High income", "Mostly Female",
//! "Average customers" when nothing stands out, made unique within a run.
//!
//! Level words (|z| of the segment mean against the population, thresholds from [`ProfileParams`]):
//! `min_effect` ≤ |z| < `strong_effect` → "Slightly high/low", `strong_effect` ≤ |z| < `very_effect` →
//! "High/Low", |z| ≥ `very_effect` → "Very high/low". A categorical level is named ("Mostly Female") when it
//! is the majority of the segment and over-represented by at least `strong_effect` in indicator z.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::noun::feature_nouns;
use super::params::ProfileParams;
use super::stats::{CategoricalSummary, NumericSummary};

/// How a segment's mean compares with the population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    VeryLow,
    Low,
    SlightlyLow,
    SlightlyHigh,
    High,
    VeryHigh,
}

impl Level {
    /// The level of `z`, or None when |z| < `min_effect` (or z is not finite).
    pub fn of(z: f64, p: &ProfileParams) -> Option<Level> {
        let a = z.abs();
        if !a.is_finite() || a < p.min_effect {
            return None;
        }
        let high = z > 0.0;
        Some(match (a >= p.very_effect, a >= p.strong_effect, high) {
            (true, _, true) => Level::VeryHigh,
            (true, _, false) => Level::VeryLow,
            (false, true, true) => Level::High,
            (false, true, false) => Level::Low,
            (false, false, true) => Level::SlightlyHigh,
            (false, false, false) => Level::SlightlyLow,
        })
    }

    /// "Very low", "Low", "Slightly low", "Slightly high", "High", "Very high".
    pub fn words(self) -> &'static str {
        match self {
            Level::VeryLow => "Very low",
            Level::Low => "Low",
            Level::SlightlyLow => "Slightly low",
            Level::SlightlyHigh => "Slightly high",
            Level::High => "High",
            Level::VeryHigh => "Very high",
        }
    }
}

/// A feature that sets a segment apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distinguishing {
    pub feature: String,
    /// The z-score of the segment mean (numeric) or of the level's indicator (categorical).
    pub z: f64,
    pub level: Level,
    /// For a categorical feature, the level that dominates the segment.
    pub category: Option<String>,
    /// How it reads in a name: "High income", "Mostly Female".
    pub phrase: String,
}

/// Every distinguishing feature of a segment, strongest first (|z| descending, then input order):
/// numeric features with |z| ≥ `min_effect` (identifier columns never), and categorical levels that are the
/// segment's majority with indicator z ≥ `min_effect`. `binary[i]` says numeric feature `i` holds only 0
/// and 1 (a yes/no column, or a 0/1 one such as SeniorCitizen): its phrase gives the share of ones, "92%
/// senior citizen" (it read "Very high senior citizen").
pub fn distinguishing(
    numeric: &[NumericSummary],
    categorical: &[CategoricalSummary],
    binary: &[bool],
    p: &ProfileParams,
) -> Vec<Distinguishing> {
    let names: Vec<&str> = numeric
        .iter()
        .map(|s| s.feature.as_str())
        .chain(categorical.iter().map(|c| c.feature.as_str()))
        .collect();
    let mut nouns = feature_nouns(&names).into_iter();
    let mut out: Vec<Distinguishing> = Vec::new();
    for (i, s) in numeric.iter().enumerate() {
        let noun = nouns.next().flatten();
        let (Some(z), Some(noun)) = (s.z, noun) else { continue };
        if let Some(level) = Level::of(z, p) {
            let share = s.mean.filter(|_| binary.get(i).copied().unwrap_or(false));
            let purchase = p.purchase_words.then(|| super::purchase_words::phrase(&s.feature, level));
            let phrase = match share {
                Some(share) => format!("{} {noun}", percent(share)),
                None => purchase
                    .flatten()
                    .or_else(|| super::purchase_words::since_phrase(&s.feature, level))
                    .unwrap_or_else(|| format!("{} {noun}", level.words())),
            };
            out.push(Distinguishing { feature: s.feature.clone(), z, level, category: None, phrase });
        }
    }
    // how many categories of the file have each level (lowercased): a level several have needs its column
    let mut holders: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in categorical {
        let levels: HashSet<String> = c.levels.iter().map(|l| l.level.trim().to_lowercase()).collect();
        levels.into_iter().for_each(|l| *holders.entry(l).or_default() += 1);
    }
    for c in categorical {
        let Some(noun) = nouns.next().flatten() else { continue };
        // "Mostly" means at least half of the segment, blanks counted: a segment half blank and half "vip"
        // (its share among present values 1.0) was called "Mostly vip".
        let members = c.levels.iter().map(|l| l.count).sum::<usize>() + c.missing;
        for l in &c.levels {
            let name = l.level.trim();
            let most = l.share >= 0.5 && l.count * 2 >= members;
            let (Some(z), true) = (l.z, most && !name.is_empty()) else { continue };
            let Some(level) = Level::of(z, p).filter(|_| z > 0.0) else { continue };
            let all = l.count == members;
            let shared = holders.get(&name.to_lowercase()).is_some_and(|&n| n > 1);
            let phrase = if !name.chars().any(char::is_alphabetic) {
                format!("{} {noun} {name}", if all { "All" } else { "Mostly" })
            } else if shared || says_nothing_alone(name) {
                format!("{}: {} {name}", capitalised(&noun), if all { "all" } else { "mostly" })
            } else {
                format!("{} {name}", if all { "All" } else { "Mostly" })
            };
            out.push(Distinguishing {
                feature: c.feature.clone(),
                z,
                level,
                category: Some(name.into()),
                phrase,
            });
        }
    }
    // stable sort keeps input order among equal |z|
    out.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
    out
}

/// A category level that says nothing without its column: yes and no, none, unknown, other, and a "No …"
/// level. Telco's segments were "Mostly No · Mostly No internet service", Bank Marketing's "Mostly unknown";
/// they are now "Internet service: all No" and "Poutcome: mostly unknown".
fn says_nothing_alone(level: &str) -> bool {
    const WORDS: &[&str] = &[
        "yes", "no", "y", "n", "true", "false", "none", "unknown", "other", "others", "n/a", "na", "null",
        "missing", "-", "?", "0", "1",
    ];
    let l = level.trim().to_lowercase();
    WORDS.contains(&l.as_str()) || l.starts_with("no ") || l.starts_with("not ")
}

/// `s` with its first letter capitalised ("internet service" → "Internet service"; "NPS" stays).
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A share as a whole percent, never rounded to 0% or 100% when it is not.
fn percent(share: f64) -> String {
    let pct = (share * 100.0).round();
    if share > 0.0 && pct < 1.0 {
        "<1%".into()
    } else if share < 1.0 && pct > 99.0 {
        ">99%".into()
    } else {
        format!("{pct:.0}%")
    }
}

/// The name from the strongest features: up to `max_name_features + extra` phrases joined by " · ", or the
/// fallback followed by `extra` phrases when the strongest |z| is below `strong_effect`. Phrases repeating a
/// feature already named (two levels of one categorical column) are skipped.
pub fn compose(cands: &[Distinguishing], extra: usize, p: &ProfileParams) -> String {
    let strong = cands.first().is_some_and(|c| c.z.abs() >= p.strong_effect);
    let want = if strong { p.max_name_features + extra } else { extra };
    let mut parts: Vec<&str> = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    let mut levels: HashSet<&str> = HashSet::new();
    for c in cands {
        if parts.len() >= want {
            break;
        }
        // a phrase per feature, none twice (monetary_total and monetary_mean both read "Low monetary"), and a
        // level once (Telco's six add-on columns all "No internet service")
        let new_level = c.category.as_deref().is_none_or(|l| levels.insert(l));
        if used.insert(c.feature.as_str()) && !parts.contains(&c.phrase.as_str()) && new_level {
            parts.push(&c.phrase);
        }
    }
    let mut name = if strong { String::new() } else { p.fallback_name.clone() };
    for part in parts {
        if !name.is_empty() {
            name.push_str(" · ");
        }
        name.push_str(part);
    }
    name
}

/// Makes `name` unique against `taken` (case-insensitive) by adding " (2)", " (3)", … and records it.
pub fn reserve(name: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let mut i = 2;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{name} ({i})");
        i += 1;
    }
    taken.insert(candidate.to_lowercase());
    candidate
}

/// The first of `compose(cands, 0)`, `compose(cands, 1)`, … that is not taken, else the longest one made
/// unique with a number; recorded in `taken`.
pub fn unique_name(cands: &[Distinguishing], p: &ProfileParams, taken: &mut HashSet<String>) -> String {
    let mut last = String::new();
    for extra in 0..=cands.len() {
        let name = compose(cands, extra, p);
        if name == last {
            continue;
        }
        if !taken.contains(&name.to_lowercase()) {
            taken.insert(name.to_lowercase());
            return name;
        }
        last = name;
    }
    reserve(&last, taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(feature: &str, z: f64) -> NumericSummary {
        NumericSummary { feature: feature.into(), mean: Some(0.0), median: Some(0.0), z: Some(z), missing: 0 }
    }

    #[test]
    fn level_thresholds() {
        let p = ProfileParams::default();
        assert_eq!(Level::of(0.1, &p), None);
        assert_eq!(Level::of(-0.3, &p), Some(Level::SlightlyLow));
        assert_eq!(Level::of(0.5, &p), Some(Level::High));
        assert_eq!(Level::of(-1.2, &p), Some(Level::VeryLow));
        assert_eq!(Level::of(f64::NAN, &p), None);
    }

    #[test]
    fn names_from_the_strongest_features() {
        let p = ProfileParams::default();
        let s = [
            num("Age", 0.07),
            num("Annual Income (k$)", 0.97),
            num("Spending Score (1-100)", -1.3),
            num("CUST_ID", 3.0),
        ];
        let c = distinguishing(&s, &[], &[], &p);
        assert_eq!(compose(&c, 0, &p), "Very low spending · High income");
        let quiet = [num("Age", 0.3), num("Fresh", 0.1)];
        let c = distinguishing(&quiet, &[], &[], &p);
        assert_eq!(compose(&c, 0, &p), "Average customers");
        assert_eq!(compose(&c, 1, &p), "Average customers · Slightly high age");
    }

    #[test]
    fn features_that_shorten_alike_read_apart_and_a_phrase_is_said_once() {
        let p = ProfileParams::default();
        let s = [num("MonthlyCharges", 1.3), num("TotalCharges", 0.6), num("tenure", 0.5)];
        let c = distinguishing(&s, &[], &[], &p);
        let phrases: Vec<&str> = c.iter().map(|d| d.phrase.as_str()).collect();
        assert_eq!(phrases, ["Very high monthly charges", "High total charges", "High tenure"]);
        // two features with one phrase (purchase words can give one) name it once
        let twice = [c[0].clone(), Distinguishing { feature: "other".into(), ..c[0].clone() }, c[2].clone()];
        assert_eq!(compose(&twice, 0, &p), "Very high monthly charges · High tenure");
    }

    #[test]
    fn a_zero_one_column_is_named_by_its_share_of_ones() {
        let p = ProfileParams::default();
        let senior = |mean: f64, z: f64| NumericSummary { mean: Some(mean), ..num("SeniorCitizen", z) };
        let c = distinguishing(&[senior(0.92, 2.1), num("tenure", -0.6)], &[], &[true, false], &p);
        assert_eq!(compose(&c, 0, &p), "92% senior citizen · Low tenure");
        let c = distinguishing(&[senior(0.003, -0.9)], &[], &[true], &p);
        assert_eq!(c[0].phrase, "<1% senior citizen");
        let c = distinguishing(&[senior(0.996, 0.9)], &[], &[true], &p);
        assert_eq!(c[0].phrase, ">99% senior citizen");
    }

    #[test]
    fn mostly_counts_the_blanks() {
        use super::super::stats::{CategoricalSummary, LevelShare};
        let p = ProfileParams::default();
        let tags = |vip: usize, missing: usize| CategoricalSummary {
            feature: "Tags".into(),
            levels: vec![LevelShare {
                level: "vip".into(),
                count: vip,
                share: 1.0,
                population_share: 0.3,
                z: Some(3.0),
            }],
            missing,
        };
        let half_blank = distinguishing(&[], &[tags(756, 792)], &[], &p);
        assert!(half_blank.is_empty(), "{half_blank:?}");
        let mostly = distinguishing(&[], &[tags(900, 300)], &[], &p);
        assert_eq!(mostly[0].phrase, "Mostly vip");
    }

    #[test]
    fn a_level_that_says_nothing_alone_names_its_column_and_is_said_once() {
        use super::super::stats::{CategoricalSummary, LevelShare};
        let p = ProfileParams::default();
        let cat = |feature: &str, level: &str, count: usize| CategoricalSummary {
            feature: feature.into(),
            levels: vec![LevelShare {
                level: level.into(),
                count,
                share: count as f64 / 100.0,
                population_share: 0.2,
                z: Some(2.0 + count as f64 / 100.0),
            }],
            missing: 100 - count,
        };
        let c = [
            cat("InternetService", "No", 100),
            cat("OnlineSecurity", "No internet service", 99),
            cat("OnlineBackup", "No internet service", 98),
            cat("gender", "Female", 60),
        ];
        let d = distinguishing(&[], &c, &[], &p);
        let phrases: Vec<&str> = d.iter().map(|x| x.phrase.as_str()).collect();
        assert_eq!(
            phrases,
            [
                "Internet service: all No",
                "Online security: mostly No internet service",
                "Online backup: mostly No internet service",
                "Mostly Female"
            ]
        );
        assert_eq!(
            compose(&d, 0, &p),
            "Internet service: all No · Online security: mostly No internet service · Mostly Female"
        );
    }

    #[test]
    fn names_are_made_unique() {
        let p = ProfileParams::default();
        let mut taken = HashSet::new();
        let c = distinguishing(&[num("Age", 0.3)], &[], &[], &p);
        assert_eq!(unique_name(&c, &p, &mut taken), "Average customers");
        assert_eq!(unique_name(&c, &p, &mut taken), "Average customers · Slightly high age");
        assert_eq!(unique_name(&c, &p, &mut taken), "Average customers · Slightly high age (2)");
        assert_eq!(unique_name(&[], &p, &mut taken), "Average customers (2)");
    }
}
