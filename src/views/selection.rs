//! The Features step's view model: which columns can be features and which are used, the ranked suggestion
//! table with every score formatted, and the suggestion mapped back from matrix columns (one-hot levels,
//! missing indicators) to the source columns the feature list names. Pure.

use super::format;
use super::schema::capitalise;
use crate::engine::features::selection::Action as Suggest;
use crate::engine::pipeline::{PipelineConfig, Report};
use crate::engine::prep::{Action, PrepReport};

/// The source column of matrix column `matrix` ("Gender_Female" → "Gender", "Age_missing" → "Age").
pub fn source_of(prep: &PrepReport, matrix: &str) -> String {
    if prep.features_in.iter().any(|f| f == matrix) {
        return matrix.to_string();
    }
    for e in &prep.entries {
        let hit = match &e.action {
            Action::OneHot { columns, .. } => columns.iter().any(|c| c == matrix),
            Action::MissingIndicator { name, .. } => name == matrix,
            _ => false,
        };
        if let (true, Some(c)) = (hit, &e.column) {
            return c.clone();
        }
    }
    // Longest source name that prefixes the matrix column ("Region_other").
    prep.features_in
        .iter()
        .filter(|f| matrix.starts_with(&format!("{f}_")))
        .max_by_key(|f| f.len())
        .cloned()
        .unwrap_or_else(|| matrix.to_string())
}

/// The source columns the suggestion keeps, in feature order; `None` without a suggestion. k-prototypes'
/// categorical features are kept: the suggestion is scored on the matrix, which does not hold them (it
/// proposed dropping every one of them, and the run then failed for want of a category).
pub fn suggested_features(report: &Report) -> Option<Vec<String>> {
    let s = report.selection.as_ref()?;
    let keep: Vec<String> = report
        .prep
        .features_in
        .iter()
        .filter(|f| {
            report.categorical_features.contains(f)
                || s.suggested.iter().any(|m| &source_of(&report.prep, m) == *f)
        })
        .cloned()
        .collect();
    (!keep.is_empty()).then_some(keep)
}

/// The source columns the suggestion drops, in feature order.
pub fn suggested_drops(report: &Report) -> Vec<String> {
    match suggested_features(report) {
        Some(keep) => report.prep.features_in.iter().filter(|f| !keep.contains(f)).cloned().collect(),
        None => Vec::new(),
    }
}

/// A column that can be a feature, and whether it is used.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub name: String,
    pub used: bool,
}

/// Columns that can be features (not text, identifiers or the id column), in table order for one row per
/// customer, derived features first for transactions; `used` follows the config's list when it has one.
pub fn candidates(config: &PipelineConfig, report: &Report) -> Vec<Candidate> {
    let p = &report.prep;
    let unused_but_possible = p.entries.iter().filter_map(|e| match (&e.action, &e.column) {
        (Action::Skipped { reason }, Some(c))
            if reason.contains("not in the feature list") || reason.contains("marked ignore") =>
        {
            Some(c.clone())
        }
        _ => None,
    });
    let mut names: Vec<String> = p.features_in.clone();
    names.extend(unused_but_possible);
    if report.transactions.is_none() {
        let order: Vec<&str> = report.data.columns.iter().map(|c| c.name.as_str()).collect();
        names.sort_by_key(|n| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
    }
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let used = match &config.prep.features {
                Some(list) => list.contains(&name),
                None => p.features_in.contains(&name),
            };
            Candidate { name, used }
        })
        .collect()
}

/// Turns feature `name` on or off, starting from the features the last run used; the last feature cannot be
/// turned off.
pub fn toggle(config: &mut PipelineConfig, report: &Report, name: &str, on: bool) {
    let mut list = config.prep.features.clone().unwrap_or_else(|| report.prep.features_in.clone());
    list.retain(|f| f != name);
    if on {
        list.push(name.to_string());
        let order: Vec<String> = candidates(config, report).into_iter().map(|c| c.name).collect();
        list.sort_by_key(|n| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
    }
    if !list.is_empty() {
        config.prep.features = Some(list);
    }
}

/// One row of the ranked table, formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionRow {
    pub rank: usize,
    pub name: String,
    pub drop: bool,
    pub eta_squared: String,
    pub f: String,
    pub p: String,
    pub laplacian: String,
    pub importance: String,
    pub correlation: String,
    pub why: String,
}

fn p_value(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "< 0.001".into(),
        Some(p) if p.is_finite() => format!("{p:.3}"),
        _ => "–".into(),
    }
}

/// The ranked table.
pub fn rows(report: &Report) -> Vec<SuggestionRow> {
    let Some(s) = &report.selection else { return Vec::new() };
    s.features
        .iter()
        .map(|f| {
            let why = f.explanation.split_once(": ").map(|(_, w)| w).unwrap_or(&f.explanation);
            SuggestionRow {
                rank: f.rank,
                name: f.name.clone(),
                drop: f.action == Suggest::Drop,
                eta_squared: format::metric(f.eta_squared, 2),
                f: f.f_statistic.map(format::number).unwrap_or_else(|| "–".into()),
                p: p_value(f.p_value),
                laplacian: format::metric(f.laplacian_score, 3),
                importance: match &f.permutation_importance {
                    Some(i) if i.mean.is_finite() => format!("{:.3} ± {:.3}", i.mean, i.std),
                    _ => "–".into(),
                },
                correlation: match &f.strongest_correlation {
                    Some(c) => format!("{:.2} with {}", c.r, c.with),
                    None => "–".into(),
                },
                why: capitalise(why),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prep::{ReportEntry, Step};

    fn prep() -> PrepReport {
        let onehot = Action::OneHot {
            columns: vec!["Region_East".into(), "Region_other".into()],
            grouped: vec!["North".into()],
            unseen: 0,
        };
        PrepReport {
            rows_in: 3,
            rows_out: 3,
            lines: vec![],
            features_in: vec!["Age".into(), "Region".into(), "Region_Code".into()],
            features_out: vec![],
            entries: vec![
                ReportEntry {
                    step: Step::Encode,
                    column: Some("Region".into()),
                    action: onehot,
                    sentence: String::new(),
                },
                ReportEntry {
                    step: Step::Missing,
                    column: Some("Age".into()),
                    action: Action::MissingIndicator { name: "Age_missing".into(), cells: 2 },
                    sentence: String::new(),
                },
            ],
        }
    }

    #[test]
    fn matrix_columns_map_to_their_source() {
        let p = prep();
        assert_eq!(source_of(&p, "Region_East"), "Region");
        assert_eq!(source_of(&p, "Region_other"), "Region");
        assert_eq!(source_of(&p, "Region_Code"), "Region_Code");
        assert_eq!(source_of(&p, "Age_missing"), "Age");
        assert_eq!(source_of(&p, "Region_Code_x"), "Region_Code", "longest prefix wins");
        assert_eq!(source_of(&p, "Other"), "Other");
    }

    #[test]
    fn p_values_read_well() {
        assert_eq!(p_value(Some(1e-9)), "< 0.001");
        assert_eq!(p_value(Some(0.0421)), "0.042");
        assert_eq!(p_value(None), "–");
    }

    #[test]
    fn suggestion_candidates_and_toggles_on_the_sample() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/sample/wholesale_customers.csv"))
                .expect("sample");
        let mut config = PipelineConfig::default();
        config.evaluation.sweep = None;
        let report =
            crate::engine::pipeline::run(&bytes, "w.csv", &config, &mut crate::engine::progress::Silent)
                .expect("runs");
        let all: Vec<String> = candidates(&config, &report).into_iter().map(|c| c.name).collect();
        assert_eq!(all.len(), 8, "{all:?}");
        assert_eq!(all[0], "Channel");
        let keep = suggested_features(&report).expect("a suggestion");
        assert!(keep.iter().all(|k| all.contains(k)));
        assert_eq!(keep.len() + suggested_drops(&report).len(), 8);
        toggle(&mut config, &report, "Milk", false);
        assert_eq!(config.prep.features.as_ref().map(Vec::len), Some(7));
        assert!(!candidates(&config, &report).iter().any(|c| c.name == "Milk" && c.used));
        toggle(&mut config, &report, "Milk", true);
        assert_eq!(config.prep.features.as_deref(), Some(&all[..]), "back in table order");
        let r = rows(&report);
        assert_eq!(r.len(), report.features.len());
        assert!(r.iter().all(|x| !x.why.starts_with("keep") && !x.why.starts_with("drop")));
    }

    /// k-prototypes on the sample, Channel and Region as categories: the suggestion never drops them (it
    /// proposed dropping both, and the run then failed for want of a category).
    #[test]
    fn the_suggestion_keeps_k_prototypes_categories() {
        use crate::engine::cluster::kprototypes::KPrototypesParams;
        use crate::engine::pipeline::AlgorithmConfig;
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/sample/wholesale_customers.csv"))
                .expect("sample");
        let mut config = PipelineConfig {
            algorithm: AlgorithmConfig::Kprototypes(KPrototypesParams::default().with_n_clusters(3)),
            ..PipelineConfig::default()
        };
        config.evaluation.sweep = None;
        let report =
            crate::engine::pipeline::run(&bytes, "w.csv", &config, &mut crate::engine::progress::Silent)
                .expect("runs");
        assert!(!report.categorical_features.is_empty());
        let drops = suggested_drops(&report);
        assert!(report.categorical_features.iter().all(|c| !drops.contains(c)), "{drops:?}");
    }
}
