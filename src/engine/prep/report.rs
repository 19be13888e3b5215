//! [`PrepReport`]: rows in and out and every action taken on every column, with counts, row indices and a
//! plain sentence each. Built while the steps run; never influences them.

use serde::{Deserialize, Serialize};

use crate::engine::table::format_number;

/// The preprocessing step an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Select,
    Missing,
    Outliers,
    Transform,
    Encode,
    Scale,
}

/// One action, with its counts. Row indices are 0-based table rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// The column is not used.
    Skipped { reason: String },
    /// Infinite values were found and treated as missing.
    NonFinite { cells: usize },
    /// Cells that are not what the column holds (text in a number or yes/no column of a scored file) were
    /// treated as missing: how many, the first one and its file line (when known).
    Unreadable { cells: usize, example: String, line: Option<u64>, expected: String },
    /// A date column became a number; `latest` is the date its profiles count back from ("days since").
    /// `trained` is training's latest date when a scored file's dates run past it (empty otherwise): the
    /// file's days are then counted back from its own latest date.
    DateAsDays {
        origin: String,
        #[serde(default)]
        latest: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        trained: String,
        /// Dates far after the others (up to `far_latest`): not counted back from.
        #[serde(default, skip_serializing_if = "is_zero")]
        far: usize,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        far_latest: String,
    },
    /// A boolean column became 0/1.
    BooleanAsNumber,
    /// Rows removed because a `drop` column was missing.
    DroppedRows { rows: Vec<usize> },
    /// Rows removed because every feature was missing.
    BlankRows { rows: Vec<usize> },
    /// Missing cells filled with one value (`value` is display text).
    Imputed { strategy: String, cells: usize, value: String },
    /// Missing cells filled from nearest neighbours.
    KnnImputed { cells: usize, n_neighbors: usize, mean_fallback: usize },
    /// A cap made a step use a sample of reference rows.
    Sampled { what: String, reference_rows: usize, rows: usize },
    /// A missing-indicator column was added.
    MissingIndicator { name: String, cells: usize },
    /// Values moved to the rule's bounds.
    Clipped { rule: String, low: f64, high: f64, n_low: usize, n_high: usize },
    /// Rows removed as outliers.
    RemovedOutliers { rule: String, rows: Vec<usize> },
    /// Rows flagged as outliers (kept).
    FlaggedOutliers { rule: String, rows: Vec<usize> },
    /// A rule did not apply to this column or data.
    RuleSkipped { rule: String, reason: String },
    /// log1p applied.
    Log1p { shift: f64, raised: usize },
    /// log1p not applied because of negative values.
    Log1pSkipped { negatives: usize, min: f64 },
    /// Yeo-Johnson applied with this λ.
    YeoJohnson { lambda: f64 },
    /// Quantile bins.
    Binned { edges: Vec<f64> },
    /// One-hot columns created.
    OneHot { columns: Vec<String>, grouped: Vec<String>, unseen: usize },
    /// Ordinal codes.
    Ordinal { order: Vec<String>, unseen: usize },
    /// Kept as raw codes for k-prototypes.
    KeptRaw { levels: Vec<String>, unseen: usize },
    /// A scaler applied.
    Scaled { method: String, center: f64, scale: f64 },
}

/// One reported action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub step: Step,
    /// The input (or output) column concerned; `None` for whole-row actions.
    pub column: Option<String>,
    pub action: Action,
    /// The action as a sentence for people.
    pub sentence: String,
}

/// What preprocessing did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PrepReport {
    pub rows_in: usize,
    pub rows_out: usize,
    /// The input columns used as features.
    pub features_in: Vec<String>,
    /// The matrix columns.
    pub features_out: Vec<String>,
    pub entries: Vec<ReportEntry>,
    /// The table's file line of each row, for sentences that list rows (empty: rows counted from 1).
    #[serde(skip)]
    pub lines: Vec<u64>,
}

impl PrepReport {
    pub(crate) fn push(&mut self, step: Step, column: Option<&str>, action: Action) {
        let sentence = sentence_at(column, &action, &self.lines);
        self.entries.push(ReportEntry { step, column: column.map(str::to_string), action, sentence });
    }

    /// A sentence for each feature that was blank, and filled in, for more than half of the rows: its
    /// filled value then stands for most customers (an 84%-blank column was filled with its most frequent
    /// level without a word beyond the count).
    pub fn mostly_filled(&self) -> Vec<String> {
        let rows = self.rows_in;
        self.entries
            .iter()
            .filter_map(|e| {
                let (Action::Imputed { cells, .. } | Action::KnnImputed { cells, .. }) = e.action else {
                    return None;
                };
                let col = e.column.as_deref()?;
                (cells * 2 > rows).then(|| {
                    format!(
                        "\"{col}\" was blank for {cells} of {rows} customers ({:.0}%) and filled in for \
                         them: it says little about them and can draw them together. Leave it out \
                         (Features), or add a missing indicator (Prepare) if a blank means something.",
                        cells as f64 * 100.0 / rows as f64
                    )
                })
            })
            .collect()
    }

    /// The entries for one column.
    pub fn for_column<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ReportEntry> + 'a {
        self.entries.iter().filter(move |e| e.column.as_deref() == Some(name))
    }
}

/// The first rows of `rows` as people find them: their file lines when known ("lines 416, 509"), else
/// counted from 1 ("rows 1, 14"; 0-based indices read as "row 0" of a file that has none).
fn rows_text(rows: &[usize], lines: &[u64]) -> String {
    const SHOWN: usize = 10;
    let known = rows.iter().all(|&r| r < lines.len());
    let head: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|&r| if known { lines[r].to_string() } else { (r + 1).to_string() })
        .collect();
    let more = if rows.len() > SHOWN { format!(" and {} more", rows.len() - SHOWN) } else { String::new() };
    let what = match (known, rows.len()) {
        (true, 1) => "line",
        (true, _) => "lines",
        (false, 1) => "row",
        (false, _) => "rows",
    };
    format!("{what} {}{more}", head.join(", "))
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn num(x: f64) -> String {
    if x.is_finite() && x.fract() != 0.0 {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format_number(x)
    }
}

/// The sentence for `action` on `column` (rows it lists are counted from 1).
pub fn sentence(column: Option<&str>, action: &Action) -> String {
    sentence_at(column, action, &[])
}

/// The sentence for `action` on `column`, listing rows by their file `lines` when known.
fn sentence_at(column: Option<&str>, action: &Action, lines: &[u64]) -> String {
    let col = column.map(|c| format!("\"{c}\"")).unwrap_or_else(|| "rows".into());
    match action {
        Action::Skipped { reason } => format!("{col} is not used: {reason}."),
        Action::NonFinite { cells } => {
            format!("{col}: {} treated as missing.", plural(*cells, "infinite value", "infinite values"))
        }
        Action::Unreadable { cells, example, line, expected } => {
            let at = line.map(|l| format!(" on line {l}")).unwrap_or_default();
            let first = if *cells == 1 { "it was" } else { "the first was" };
            format!(
                "{col}: {} not {expected} treated as missing ({first} {example:?}{at}).",
                plural(*cells, "value", "values")
            )
        }
        Action::DateAsDays { origin, latest, trained, far, far_latest } if *far > 0 => {
            let (n, them) =
                if *far == 1 { ("1 date".to_string(), "it") } else { (format!("{far} dates"), "them") };
            let without = Action::DateAsDays {
                origin: origin.clone(),
                latest: latest.clone(),
                trained: trained.clone(),
                far: 0,
                far_latest: String::new(),
            };
            let mut text = sentence_at(column, &without, lines);
            text.push_str(&format!(
                " {n} of {col}, up to {far_latest}, lie far after the others and are not counted back from: \
                 the days since {col} run to {latest}. If the dates are typos, correct {them}."
            ));
            text
        }
        Action::DateAsDays { latest, trained, .. } if !trained.is_empty() => format!(
            "{col}: this file's dates run to {latest}, past training's latest date, {trained}. Each \
             customer's days since {col} are counted back from {latest}, as training counted them back \
             from {trained}, so a {col} 30 days before {latest} is scored as one 30 days before {trained} \
             was."
        ),
        Action::DateAsDays { origin, latest, .. } if !latest.is_empty() => format!(
            "{col} is used as days since {origin} (the earliest date); profiles and names give the days \
             since it as of its latest date, {latest}."
        ),
        Action::DateAsDays { origin, .. } => {
            format!("{col} is used as days since {origin} (the earliest date).")
        }
        Action::BooleanAsNumber => format!("{col} is used as 0/1."),
        Action::DroppedRows { rows } => format!(
            "Removed {} because {col} was missing (rule \"drop\"): {}.",
            plural(rows.len(), "row", "rows"),
            rows_text(rows, lines)
        ),
        Action::BlankRows { rows } => format!(
            "Left out {} with no value in any feature: {}.",
            plural(rows.len(), "row", "rows"),
            rows_text(rows, lines)
        ),
        Action::Imputed { strategy, cells, value } => format!(
            "{col}: filled {} with the {} {value}.",
            plural(*cells, "missing cell", "missing cells"),
            strategy.replace('_', " ")
        ),
        Action::KnnImputed { cells, n_neighbors, mean_fallback } => {
            let fb = if *mean_fallback > 0 {
                format!(" ({mean_fallback} had no comparable neighbour and got the column mean)")
            } else {
                String::new()
            };
            format!(
                "{col}: filled {} with the mean of the {n_neighbors} nearest rows{fb}.",
                plural(*cells, "missing cell", "missing cells")
            )
        }
        Action::Sampled { what, reference_rows, rows } => format!(
            "{what}: {rows} rows exceed the cap, so neighbours were searched among a seeded sample of \
             {reference_rows} rows."
        ),
        Action::MissingIndicator { name, cells } => {
            format!("{col}: added \"{name}\" marking {}.", plural(*cells, "missing cell", "missing cells"))
        }
        Action::Clipped { rule, low, high, n_low, n_high } => format!(
            "{col}: clipped {n_low} low and {n_high} high values to [{}, {}] ({rule}).",
            num(*low),
            num(*high)
        ),
        Action::RemovedOutliers { rule, rows } => format!(
            "{col}: removed {} as outliers ({rule}): {}.",
            plural(rows.len(), "row", "rows"),
            rows_text(rows, lines)
        ),
        Action::FlaggedOutliers { rule, rows } => format!(
            "{col}: flagged {} as outliers ({rule}), kept: {}.",
            plural(rows.len(), "row", "rows"),
            rows_text(rows, lines)
        ),
        Action::RuleSkipped { rule, reason } => format!("{col}: {rule} not applied: {reason}."),
        Action::Log1p { shift, raised } => {
            let s = if *shift != 0.0 { format!(" after adding {}", num(*shift)) } else { String::new() };
            let r = if *raised > 0 {
                format!("; {} below the fitted floor raised to it", plural(*raised, "value", "values"))
            } else {
                String::new()
            };
            format!("{col}: log1p{s}{r}.")
        }
        Action::Log1pSkipped { negatives, min } => format!(
            "{col}: log1p not applied: {} negative (min {}); use negatives = \"shift\" to shift.",
            plural(*negatives, "value is", "values are"),
            num(*min)
        ),
        Action::YeoJohnson { lambda } => format!("{col}: Yeo-Johnson with λ = {lambda:.6}."),
        Action::Binned { edges } => {
            format!("{col}: replaced by its quantile bin (0…{}).", edges.len().saturating_sub(2))
        }
        Action::OneHot { columns, grouped, unseen } => {
            let g = if grouped.is_empty() {
                String::new()
            } else {
                format!("; grouped {} into \"other\"", plural(grouped.len(), "rare level", "rare levels"))
            };
            let u = if *unseen > 0 { format!("; {unseen} unseen values") } else { String::new() };
            format!("{col}: one-hot encoded into {}{g}{u}.", plural(columns.len(), "column", "columns"))
        }
        Action::Ordinal { order, unseen } => {
            let u = if *unseen > 0 {
                format!("; {unseen} unseen values got the most frequent level's code")
            } else {
                String::new()
            };
            format!(
                "{col}: ordinal codes 0…{} in the order {}{u}.",
                order.len().saturating_sub(1),
                order.join(", ")
            )
        }
        Action::KeptRaw { levels, unseen } => {
            // the last level is the catch-all for rare and unseen values, not a level of the data
            let bucket = levels.last().map_or("other", String::as_str);
            let u = match unseen {
                0 => String::new(),
                1 => format!("; 1 unseen value coded \"{bucket}\""),
                n => format!("; {n} unseen values coded \"{bucket}\""),
            };
            let real = levels.len().saturating_sub(1);
            format!("{col}: kept as a categorical with {}{u}.", plural(real, "level", "levels"))
        }
        Action::Scaled { method, center, scale } => {
            format!("{col}: {method} scaling, (x − {}) / {}.", num(*center), num(*scale))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_carry_counts() {
        let s = sentence(
            Some("Age"),
            &Action::Imputed { strategy: "median".into(), cells: 3, value: "36".into() },
        );
        assert_eq!(s, "\"Age\": filled 3 missing cells with the median 36.");
        let s = sentence(
            Some("Income"),
            &Action::Clipped { rule: "IQR × 1.5".into(), low: -10.5, high: 120.25, n_low: 0, n_high: 2 },
        );
        assert_eq!(s, "\"Income\": clipped 0 low and 2 high values to [-10.5, 120.25] (IQR × 1.5).");
        let rows: Vec<usize> = (0..12).collect();
        let s = sentence(None, &Action::DroppedRows { rows });
        assert!(s.contains("12 rows") && s.ends_with("and 2 more."), "{s}");
        assert!(s.contains(": rows 1, 2, 3,"), "rows are counted from 1: {s}");
        // with the table's file lines, the lines are named
        let mut r = PrepReport { lines: vec![2, 3, 5, 9], ..Default::default() };
        r.push(Step::Outliers, None, Action::RemovedOutliers { rule: "LOF".into(), rows: vec![0, 3] });
        assert_eq!(r.entries[0].sentence, "rows: removed 2 rows as outliers (LOF): lines 2, 9.");
    }

    #[test]
    fn mostly_blank_features_get_a_sentence() {
        let mut r = PrepReport { rows_in: 10, ..Default::default() };
        let fill =
            |cells| Action::Imputed { strategy: "most_frequent".into(), cells, value: "\"vip\"".into() };
        r.push(Step::Missing, Some("Tags"), fill(6));
        r.push(Step::Missing, Some("Age"), fill(5));
        r.push(
            Step::Missing,
            Some("Income"),
            Action::KnnImputed { cells: 9, n_neighbors: 5, mean_fallback: 0 },
        );
        let said = r.mostly_filled();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("\"Tags\" was blank for 6 of 10 customers (60%)"), "{}", said[0]);
        assert!(said[1].starts_with("\"Income\" was blank for 9 of 10"), "{}", said[1]);
    }

    #[test]
    fn report_serialises() {
        let mut r = PrepReport::default();
        r.push(
            Step::Encode,
            Some("Gender"),
            Action::OneHot { columns: vec!["a".into()], grouped: vec![], unseen: 0 },
        );
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"kind\":\"one_hot\""));
        assert_eq!(serde_json::from_str::<PrepReport>(&json).unwrap(), r);
        assert_eq!(r.for_column("Gender").count(), 1);
    }
}
