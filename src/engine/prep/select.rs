//! Which table columns are features, of what kind, and how their cells are read into the working [`Frame`]
//! (dates → days since the earliest training date, yes/no levels → 0/1, ±∞ → missing). Used identically at
//! fit and at transform.

use std::collections::{BTreeMap, HashMap};

use super::config::PrepConfig;
use super::error::{PrepError, Result};
use super::frame::{FeatureKind, Frame, FrameCol, Values};
use super::report::{Action, PrepReport, Step};
use crate::engine::table::{format_number, Column, ColumnData, ColumnKind, ColumnRole, Table, MISSING_CODE};

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Checks that every column a setting names exists in the table.
pub(crate) fn check_names(table: &Table, cfg: &PrepConfig) -> Result<()> {
    let mut named: Vec<(&str, &str)> = Vec::new();
    if let Some(f) = &cfg.features {
        named.extend(f.iter().map(|c| ("features", c.as_str())));
    }
    named.extend(cfg.impute.columns.keys().map(|c| ("impute.columns", c.as_str())));
    named.extend(cfg.outliers.columns.keys().map(|c| ("outliers.columns", c.as_str())));
    named.extend(cfg.transforms.keys().map(|c| ("transforms", c.as_str())));
    named.extend(cfg.encode.columns.keys().map(|c| ("encode.columns", c.as_str())));
    for (setting, column) in named {
        if table.column(column).is_none() {
            return Err(PrepError::UnknownColumn { setting: setting.into(), column: column.into() });
        }
    }
    Ok(())
}

/// The feature columns (name, kind) in table order, reporting the columns left out.
pub(crate) fn plan(
    table: &Table,
    cfg: &PrepConfig,
    report: &mut PrepReport,
) -> Result<Vec<(String, FeatureKind)>> {
    if table.n_rows() == 0 {
        return Err(PrepError::EmptyTable);
    }
    check_names(table, cfg)?;
    let mut out = Vec::new();
    for col in &table.columns {
        let listed = cfg.features.as_ref().map(|f| f.contains(&col.name));
        let wanted = listed.unwrap_or(col.role == ColumnRole::Feature);
        if !wanted {
            let reason = match col.role {
                ColumnRole::Id => "it is the id column",
                ColumnRole::Ignore => "it is marked ignore",
                ColumnRole::Feature => "it is not in the feature list",
            };
            report.push(Step::Select, Some(&col.name), Action::Skipped { reason: reason.into() });
            continue;
        }
        let kind = match col.kind {
            ColumnKind::Text | ColumnKind::Identifier => {
                let word = if col.kind == ColumnKind::Text { "text" } else { "identifier" };
                if listed == Some(true) {
                    return Err(PrepError::NotAFeatureKind { column: col.name.clone(), kind: word.into() });
                }
                report.push(
                    Step::Select,
                    Some(&col.name),
                    Action::Skipped { reason: format!("it is a {word} column") },
                );
                continue;
            }
            ColumnKind::Numeric | ColumnKind::Integer => FeatureKind::Numeric,
            ColumnKind::Boolean if levels_are_boolean(col) => FeatureKind::Boolean,
            ColumnKind::Boolean => FeatureKind::Categorical,
            ColumnKind::Date => match &col.data {
                ColumnData::Numbers(v) => FeatureKind::Date {
                    origin: v.iter().copied().filter(|x| x.is_finite()).fold(f64::INFINITY, f64::min),
                    latest: latest_date(v),
                },
                _ => {
                    report.push(
                        Step::Select,
                        Some(&col.name),
                        Action::Skipped { reason: "its dates were not parsed".into() },
                    );
                    continue;
                }
            },
            ColumnKind::Categorical => FeatureKind::Categorical,
        };
        out.push((col.name.clone(), kind));
    }
    Ok(out)
}

/// Reads the feature columns of `table` into a frame. A fitted feature absent from the table is an error.
pub(crate) fn extract(
    table: &Table,
    features: &[(String, FeatureKind)],
    report: &mut PrepReport,
) -> Result<Frame> {
    let absent: Vec<String> =
        features.iter().filter(|(name, _)| table.column(name).is_none()).map(|(n, _)| n.clone()).collect();
    if !absent.is_empty() {
        return Err(PrepError::MissingColumns { columns: absent, of: features.len() });
    }
    let mut cols = Vec::with_capacity(features.len());
    for (name, kind) in features {
        let col = table.column(name).expect("checked above");
        if col.len() != table.n_rows() {
            return Err(PrepError::ColumnLength {
                column: name.clone(),
                len: col.len(),
                rows: table.n_rows(),
            });
        }
        // a scored file whose dates run past training's: counted back from its own latest date
        let far = col.numbers().and_then(far_dates);
        let own_latest = far.map(|(latest, _, _)| latest);
        let shift = match (kind, own_latest) {
            (FeatureKind::Date { latest: Some(trained), .. }, Some(own)) if own > *trained => own - trained,
            _ => 0.0,
        };
        let (values, non_finite, unreadable) = read_column(col, *kind, shift);
        if non_finite > 0 {
            report.push(Step::Select, Some(name), Action::NonFinite { cells: non_finite });
        }
        if let Some((cells, row, example)) = unreadable {
            let line = table.row_lines.get(row).copied();
            let expected = match kind {
                FeatureKind::Boolean => "yes / no",
                FeatureKind::Date { .. } => "a date",
                _ => "a number",
            }
            .to_string();
            report.push(Step::Select, Some(name), Action::Unreadable { cells, example, line, expected });
        }
        match kind {
            FeatureKind::Boolean => report.push(Step::Select, Some(name), Action::BooleanAsNumber),
            FeatureKind::Date { origin, latest } => {
                let trained = match latest {
                    Some(t) if shift > 0.0 => date_text(*t),
                    _ => String::new(),
                };
                let (origin, latest) = (date_text(*origin), own_latest.map(date_text).unwrap_or_default());
                let (far, far_latest) = match far {
                    Some((_, n, last)) if n > 0 => (n, date_text(last)),
                    _ => (0, String::new()),
                };
                report.push(
                    Step::Select,
                    Some(name),
                    Action::DateAsDays { origin, latest, trained, far, far_latest },
                )
            }
            _ => {}
        }
        cols.push(FrameCol { name: name.clone(), kind: *kind, values });
    }
    Ok(Frame { rows: (0..table.n_rows()).collect(), cols, indicators: Vec::new() })
}

/// Removes (and reports) columns with no present value; an error when none is left.
pub(crate) fn drop_empty_columns(frame: &mut Frame, report: &mut PrepReport) -> Result<()> {
    let n = frame.n_rows();
    frame.cols.retain(|c| {
        let empty = c.values.missing_count() == n;
        if empty {
            report.push(
                Step::Select,
                Some(&c.name),
                Action::Skipped { reason: "every value is missing".into() },
            );
        }
        !empty
    });
    if frame.cols.is_empty() {
        return Err(PrepError::NoFeatures);
    }
    Ok(())
}

/// Unreadable cells of a column: how many, the first one's row and its text.
type Unreadable = Option<(usize, usize, String)>;

/// The latest date of a date column's values (seconds since 1970), if it has one, leaving out dates far
/// after the others (see [`far_dates`]).
fn latest_date(v: &[f64]) -> Option<f64> {
    far_dates(v).map(|(latest, _, _)| latest)
}

/// The latest of a date column's values (seconds since 1970) that is not far after the others, how many
/// are, and the latest of all. Far is beyond the 99th percentile by more than the span up to it (at least 30
/// days), as a mistyped year 2209 is: one such date in a later export made every scored customer "Very long
/// since last login". None without a date.
pub(crate) fn far_dates(v: &[f64]) -> Option<(f64, usize, f64)> {
    let mut dates: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let last = dates.iter().copied().reduce(f64::max)?;
    if dates.len() < 3 {
        return Some((last, 0, last));
    }
    let first = dates.iter().copied().fold(f64::INFINITY, f64::min);
    let at = (dates.len() - 1) * 99 / 100;
    let bulk_end = *dates.select_nth_unstable_by(at, f64::total_cmp).1;
    let limit = bulk_end + (bulk_end - first).max(30.0 * SECONDS_PER_DAY);
    let far = dates.iter().filter(|&&d| d > limit).count();
    let kept = dates.iter().copied().filter(|&d| d <= limit).fold(f64::NEG_INFINITY, f64::max);
    Some((kept, far, last))
}

/// A feature column's values; a date's are the days since its origin, `shift` seconds later.
fn read_column(col: &Column, kind: FeatureKind, shift: f64) -> (Values, usize, Unreadable) {
    let mut non_finite = 0;
    let mut unreadable = None;
    let values = match kind {
        FeatureKind::Categorical => read_categories(col),
        _ => {
            let (mut v, bad) = read_numbers(col, kind == FeatureKind::Boolean);
            unreadable = bad;
            for x in &mut v {
                if x.is_infinite() {
                    *x = f64::NAN;
                    non_finite += 1;
                }
            }
            if let FeatureKind::Date { origin, .. } = kind {
                v.iter_mut().for_each(|x| *x = (*x - shift - origin) / SECONDS_PER_DAY);
            }
            Values::Num(v)
        }
    };
    (values, non_finite, unreadable)
}

/// A number or yes/no column's values; a cell that is neither (a scored file's "pending" among yes and no,
/// read as a category there) is missing, and counted. One odd cell used to refuse the whole file.
fn read_numbers(col: &Column, boolean: bool) -> (Vec<f64>, Unreadable) {
    let parse = |s: &str| -> Option<f64> {
        let t = s.trim();
        if boolean {
            bool_value(t)
        } else {
            t.parse::<f64>().ok()
        }
    };
    // a present cell's value, or missing and counted when it does not parse
    let mut bad: Unreadable = None;
    let mut cell = |row: usize, text: &str, x: Option<f64>| {
        x.unwrap_or_else(|| {
            bad.get_or_insert_with(|| (0, row, text.to_string())).0 += 1;
            f64::NAN
        })
    };
    let values = match &col.data {
        ColumnData::Numbers(v) => return (v.clone(), None),
        ColumnData::Categories { codes, levels } => {
            // each level parsed once; a code without a level (a malformed table) reads as missing
            let parsed: Vec<Option<f64>> = levels.iter().map(|l| parse(l)).collect();
            let at = |c: u32| levels.get(c as usize).map(|l| (l, parsed[c as usize]));
            codes
                .iter()
                .enumerate()
                .map(|(row, &c)| at(c).map_or(f64::NAN, |(l, x)| cell(row, l, x)))
                .collect()
        }
        ColumnData::Texts(v) => v
            .iter()
            .enumerate()
            .map(|(row, s)| s.as_deref().map_or(f64::NAN, |t| cell(row, t, parse(t))))
            .collect(),
    };
    (values, bad)
}

fn read_categories(col: &Column) -> Values {
    match &col.data {
        ColumnData::Categories { codes, levels } => {
            // a code without a level (a malformed table) reads as missing
            let codes =
                codes.iter().map(|&c| if (c as usize) < levels.len() { c } else { MISSING_CODE }).collect();
            Values::Cat { codes, levels: levels.clone() }
        }
        ColumnData::Numbers(v) => dictionary(v.iter().map(|x| (!x.is_nan()).then(|| format_number(*x)))),
        ColumnData::Texts(v) => dictionary(v.iter().cloned()),
    }
}

fn dictionary(items: impl Iterator<Item = Option<String>>) -> Values {
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut levels = Vec::new();
    let codes = items
        .map(|s| match s {
            None => MISSING_CODE,
            Some(s) => *index.entry(s.clone()).or_insert_with(|| {
                levels.push(s);
                (levels.len() - 1) as u32
            }),
        })
        .collect();
    Values::Cat { codes, levels }
}

/// 1/0 for yes/no-like words, numbers 0 and 1.
fn bool_value(s: &str) -> Option<f64> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "true" | "t" | "yes" | "y" => Some(1.0),
        "0" | "false" | "f" | "no" | "n" => Some(0.0),
        other => other.parse::<f64>().ok().filter(|x| *x == 0.0 || *x == 1.0),
    }
}

fn levels_are_boolean(col: &Column) -> bool {
    match &col.data {
        ColumnData::Numbers(_) => true,
        ColumnData::Categories { levels, .. } => levels.iter().all(|l| bool_value(l.trim()).is_some()),
        ColumnData::Texts(v) => v.iter().flatten().all(|s| bool_value(s.trim()).is_some()),
    }
}

/// `YYYY-MM-DD` (and `HH:MM:SS` when not midnight) for seconds since 1970-01-01T00:00.
pub(crate) fn date_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "an unknown date".into();
    }
    let days = (seconds / SECONDS_PER_DAY).floor();
    let secs = (seconds - days * SECONDS_PER_DAY).round() as i64;
    // Days to civil date: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let mut s = format!("{y:04}-{m:02}-{d:02}");
    if secs != 0 {
        s.push_str(&format!(" {:02}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60));
    }
    s
}

/// Per-column settings that name a column which exists but is not a feature are ignored; this lists them so
/// the caller can say so.
pub(crate) fn unused_settings<'a>(
    cfg: &'a PrepConfig,
    features: &[(String, FeatureKind)],
) -> BTreeMap<&'a str, ()> {
    let is_feature = |c: &str| features.iter().any(|(n, _)| n == c);
    cfg.impute
        .columns
        .keys()
        .chain(cfg.outliers.columns.keys())
        .chain(cfg.transforms.keys())
        .chain(cfg.encode.columns.keys())
        .filter(|c| !is_feature(c))
        .map(|c| (c.as_str(), ()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_as_civil() {
        assert_eq!(date_text(0.0), "1970-01-01");
        assert_eq!(date_text(951_782_400.0), "2000-02-29");
        assert_eq!(date_text(-86_400.0 + 3_600.0), "1969-12-31 01:00:00");
    }

    #[test]
    fn booleans_from_words() {
        assert_eq!(bool_value("Yes"), Some(1.0));
        assert_eq!(bool_value("0"), Some(0.0));
        assert_eq!(bool_value("maybe"), None);
        assert_eq!(bool_value("2"), None);
    }
}
