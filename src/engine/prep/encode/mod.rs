//! Categorical features → numbers: one-hot (rare levels grouped, column cap), ordinal codes, or raw codes kept
//! outside the matrix for k-prototypes. Levels are matched by name, so a new table's level codes need not agree
//! with the training table's.

mod levels;

pub use levels::code_map as level_positions;
mod onehot;
mod params;

use serde::{Deserialize, Serialize};

pub use params::{EncodeConfig, Encoding, OrderBy, OrdinalOrder};

use super::error::{PrepError, Result};
use super::frame::{FrameCol, Values};
use super::report::{Action, PrepReport, Step};

/// The name of the shared level of grouped and unseen values in a raw block.
pub const OTHER_LEVEL: &str = "other";
/// The catch-all level's name when the data has a level called [`OTHER_LEVEL`].
pub const OTHER_BUCKET: &str = "(rare or unseen)";

/// A fitted encoding of one categorical feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum FittedEncoding {
    /// One column per kept level (in this order), then "other" when `grouped` is not empty.
    OneHot { levels: Vec<String>, grouped: Vec<String>, columns: Vec<String> },
    /// Code = position in `order`; unseen levels get `fallback`.
    Ordinal { order: Vec<String>, fallback: usize },
    /// Raw codes over `levels`, whose last entry is [`OTHER_LEVEL`].
    Raw { levels: Vec<String>, grouped: Vec<String> },
}

impl FittedEncoding {
    /// Output columns in the matrix (0 for raw).
    pub fn output_names(&self, column: &str) -> Vec<String> {
        match self {
            FittedEncoding::OneHot { columns, .. } => columns.clone(),
            FittedEncoding::Ordinal { .. } => vec![column.to_string()],
            FittedEncoding::Raw { .. } => vec![],
        }
    }
}

/// Fits the encoding of the categorical column `col`.
pub(crate) fn fit(col: &FrameCol, cfg: &EncodeConfig) -> Result<FittedEncoding> {
    let Values::Cat { codes, levels: table_levels } = &col.values else {
        return Err(PrepError::RuleNotForKind {
            column: col.name.clone(),
            rule: "categorical encoding".into(),
            applies_to: "categorical".into(),
            kind: col.kind.word().into(),
        });
    };
    let counted = levels::counted_levels(codes, table_levels);
    let n = codes.len();
    let encoding = cfg.columns.get(&col.name).unwrap_or(&cfg.default);
    Ok(match encoding {
        Encoding::OneHot => {
            let (kept, grouped) = onehot::split_levels(&counted, n, cfg.min_share, cfg.max_columns);
            let columns = onehot::column_names(&col.name, &kept, !grouped.is_empty());
            FittedEncoding::OneHot { levels: kept, grouped, columns }
        }
        Encoding::Raw => {
            let (mut kept, grouped) = onehot::split_levels(&counted, n, cfg.min_share, usize::MAX);
            // the last code gathers rare and unseen values; a real level called "other" keeps its own code
            // (unseen values were coded as the real "other", 73% of a file's customers)
            let bucket = if kept.iter().any(|l| l == OTHER_LEVEL) { OTHER_BUCKET } else { OTHER_LEVEL };
            kept.push(bucket.to_string());
            FittedEncoding::Raw { levels: kept, grouped }
        }
        Encoding::Ordinal { order } => {
            let order: Vec<String> = match order {
                OrdinalOrder::Listed(listed) => {
                    if let Some((missing, _)) = counted.iter().find(|(l, _)| !listed.contains(l)) {
                        return Err(PrepError::OrdinalLevelNotListed {
                            column: col.name.clone(),
                            level: missing.clone(),
                        });
                    }
                    listed.clone()
                }
                OrdinalOrder::By(OrderBy::Alphabetical) => counted.iter().map(|(l, _)| l.clone()).collect(),
                OrdinalOrder::By(OrderBy::Frequency) => {
                    let mut by_freq = counted.clone();
                    by_freq.sort_by_key(|c| std::cmp::Reverse(c.1)); // stable: ties stay in sort order
                    by_freq.into_iter().map(|(l, _)| l).collect()
                }
            };
            let most = counted.iter().fold(None::<&(String, usize)>, |best, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            });
            let fallback = most.and_then(|(l, _)| order.iter().position(|o| o == l)).unwrap_or(0);
            FittedEncoding::Ordinal { order, fallback }
        }
    })
}

/// The encoded output of one column: matrix columns, or raw codes.
pub(crate) enum Encoded {
    Columns(Vec<Vec<f64>>),
    Raw(Vec<u32>),
}

/// Encodes `col` with its fitted encoding, reporting what was done.
pub(crate) fn apply(fitted: &FittedEncoding, col: &FrameCol, report: &mut PrepReport) -> Encoded {
    let (codes, table_levels): (&[u32], &[String]) = match &col.values {
        Values::Cat { codes, levels } => (codes, levels),
        Values::Num(_) => (&[], &[]),
    };
    let name = Some(col.name.as_str());
    match fitted {
        FittedEncoding::OneHot { levels: kept, grouped, columns } => {
            let pos = levels::positions(codes, table_levels, kept);
            let grouped_pos = levels::positions(codes, table_levels, grouped);
            let unseen = pos.iter().zip(&grouped_pos).filter(|(p, g)| p.is_none() && g.is_none()).count();
            let action = Action::OneHot { columns: columns.clone(), grouped: grouped.clone(), unseen };
            report.push(Step::Encode, name, action);
            Encoded::Columns(onehot::encode(&pos, kept.len(), !grouped.is_empty()))
        }
        FittedEncoding::Ordinal { order, fallback } => {
            let pos = levels::positions(codes, table_levels, order);
            let unseen = pos.iter().filter(|p| p.is_none()).count();
            report.push(Step::Encode, name, Action::Ordinal { order: order.clone(), unseen });
            Encoded::Columns(vec![pos.iter().map(|p| p.unwrap_or(*fallback) as f64).collect()])
        }
        FittedEncoding::Raw { levels: kept, grouped } => {
            let pos = levels::positions(codes, table_levels, kept);
            let grouped_pos = levels::positions(codes, table_levels, grouped);
            let other = kept.len() - 1;
            let unseen = pos.iter().zip(&grouped_pos).filter(|(p, g)| p.is_none() && g.is_none()).count();
            report.push(Step::Encode, name, Action::KeptRaw { levels: kept.clone(), unseen });
            Encoded::Raw(pos.iter().map(|p| p.unwrap_or(other) as u32).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prep::frame::FeatureKind;

    fn cat(codes: Vec<u32>, levels: &[&str]) -> FrameCol {
        FrameCol {
            name: "G".into(),
            kind: FeatureKind::Categorical,
            values: Values::Cat { codes, levels: levels.iter().map(|s| s.to_string()).collect() },
        }
    }

    #[test]
    fn ordinal_listed_must_cover_levels() {
        let cfg = EncodeConfig::default()
            .with_column("G", Encoding::Ordinal { order: OrdinalOrder::Listed(vec!["a".into()]) });
        let e = fit(&cat(vec![0, 1], &["a", "b"]), &cfg).unwrap_err();
        assert_eq!(e, PrepError::OrdinalLevelNotListed { column: "G".into(), level: "b".into() });
    }

    #[test]
    fn ordinal_by_frequency_and_unseen_fallback() {
        let cfg = EncodeConfig::default()
            .with_column("G", Encoding::Ordinal { order: OrdinalOrder::By(OrderBy::Frequency) });
        let f = fit(&cat(vec![0, 1, 1], &["a", "b"]), &cfg).unwrap();
        assert_eq!(f, FittedEncoding::Ordinal { order: vec!["b".into(), "a".into()], fallback: 0 });
        let mut r = PrepReport::default();
        let Encoded::Columns(c) = apply(&f, &cat(vec![0, 1], &["a", "z"]), &mut r) else {
            panic!("not columns")
        };
        assert_eq!(c, vec![vec![1.0, 0.0]]);
    }

    #[test]
    fn raw_has_other_last() {
        let cfg = EncodeConfig::default().with_default(Encoding::Raw).with_min_share(0.3);
        let f = fit(&cat(vec![0, 0, 0, 1], &["a", "b"]), &cfg).unwrap();
        assert_eq!(
            f,
            FittedEncoding::Raw { levels: vec!["a".into(), "other".into()], grouped: vec!["b".into()] }
        );
        let mut r = PrepReport::default();
        let Encoded::Raw(codes) = apply(&f, &cat(vec![0, 1, 2], &["a", "b", "new"]), &mut r) else {
            panic!()
        };
        assert_eq!(codes, vec![0, 1, 1]);
        // a real level "other" keeps its code; unseen values go to the catch-all after it
        let f = fit(&cat(vec![0, 0, 1, 1], &["other", "b"]), &cfg).unwrap();
        let FittedEncoding::Raw { levels, .. } = &f else { panic!() };
        assert_eq!(levels, &["b", "other", OTHER_BUCKET]);
        let Encoded::Raw(codes) = apply(&f, &cat(vec![0, 1, 2], &["other", "b", "asian"]), &mut r) else {
            panic!()
        };
        assert_eq!(codes, vec![1, 0, 2]);
        assert!(r
            .entries
            .last()
            .unwrap()
            .sentence
            .contains("2 levels; 1 unseen value coded \"(rare or unseen)\""));
    }
}
