//! Categorical encoding settings: one-hot with rare-level grouping and a column cap, ordinal, or raw codes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::prep::error::{out_of_range, PrepError, Result};

/// How ordinal codes are ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OrdinalOrder {
    /// Codes 0, 1, 2… in this order; every training level must be listed.
    Listed(Vec<String>),
    /// A rule.
    By(OrderBy),
}

/// An ordering rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderBy {
    /// Most frequent level first (code 0); ties alphabetical.
    Frequency,
    /// Sorted levels (numerically when every level is a number), as scikit-learn's `OrdinalEncoder`.
    Alphabetical,
}

impl Default for OrdinalOrder {
    fn default() -> Self {
        OrdinalOrder::By(OrderBy::Alphabetical)
    }
}

/// How one categorical feature becomes numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Encoding {
    /// One 0/1 column per kept level, named `"<column>_<level>"`, plus `"<column>_other"` when levels are
    /// grouped (see [`EncodeConfig::min_share`] and [`EncodeConfig::max_columns`]). Unseen levels at transform
    /// go to "other" when it exists, else the row is all zeros (scikit-learn's
    /// `handle_unknown="infrequent_if_exist"`).
    #[default]
    OneHot,
    /// One column of codes 0…L−1. Unseen levels at transform get the code of the most frequent training level
    /// (reported).
    Ordinal {
        #[serde(default)]
        order: OrdinalOrder,
    },
    /// Kept as codes outside the matrix ([`crate::engine::prep::CategoricalBlock`]) for k-prototypes. Levels below
    /// `min_share` and unseen levels share a final `"other"` level.
    Raw,
}

/// Categorical settings.
///
/// Defaults: one-hot for every categorical feature, `min_share = 0.01`, `max_columns = 20`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EncodeConfig {
    /// Encoding for every categorical feature without an override.
    pub default: Encoding,
    /// Per-column encodings (by column name).
    pub columns: BTreeMap<String, Encoding>,
    /// One-hot / raw: levels whose training share is below this (count < min_share · rows) are grouped into
    /// "other" (scikit-learn's `min_frequency` as a fraction). In [0, 1).
    pub min_share: f64,
    /// One-hot: at most this many columns per feature, "other" included; when more levels remain, the most
    /// frequent `max_columns − 1` are kept and the rest grouped, ties resolved as scikit-learn's
    /// `max_categories` (stable sort by count: of equal counts, the later levels in sort order are kept). ≥ 1.
    pub max_columns: usize,
}

impl Default for EncodeConfig {
    fn default() -> Self {
        EncodeConfig { default: Encoding::OneHot, columns: BTreeMap::new(), min_share: 0.01, max_columns: 20 }
    }
}

impl EncodeConfig {
    /// Sets the default encoding.
    pub fn with_default(mut self, e: Encoding) -> Self {
        self.default = e;
        self
    }
    /// Overrides the encoding of one column.
    pub fn with_column(mut self, name: &str, e: Encoding) -> Self {
        self.columns.insert(name.to_string(), e);
        self
    }
    /// Sets `min_share`.
    pub fn with_min_share(mut self, share: f64) -> Self {
        self.min_share = share;
        self
    }
    /// Sets `max_columns`.
    pub fn with_max_columns(mut self, cap: usize) -> Self {
        self.max_columns = cap;
        self
    }
    /// Checks the ranges and listed orders.
    pub fn check(&self) -> Result<()> {
        if !(self.min_share >= 0.0 && self.min_share < 1.0) {
            return Err(out_of_range("encode.min_share", "in [0, 1)", self.min_share));
        }
        if self.max_columns == 0 {
            return Err(out_of_range("encode.max_columns", ">= 1", 0));
        }
        for (name, e) in &self.columns {
            if let Encoding::Ordinal { order: OrdinalOrder::Listed(levels) } = e {
                let mut seen = BTreeSet::new();
                for l in levels {
                    if !seen.insert(l) {
                        return Err(PrepError::OrdinalLevelRepeated {
                            column: name.clone(),
                            level: l.clone(),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_share_range() {
        assert!(EncodeConfig::default().with_min_share(1.0).check().is_err());
        assert!(EncodeConfig::default().with_min_share(-0.1).check().is_err());
        assert!(EncodeConfig::default().with_min_share(0.0).check().is_ok());
    }

    #[test]
    fn max_columns_positive() {
        let e = EncodeConfig::default().with_max_columns(0).check().unwrap_err();
        assert_eq!(e.to_string(), "encode.max_columns must be >= 1, got 0");
    }

    #[test]
    fn repeated_ordinal_level() {
        let order = OrdinalOrder::Listed(vec!["a".into(), "b".into(), "a".into()]);
        let cfg = EncodeConfig::default().with_column("Size", Encoding::Ordinal { order });
        assert_eq!(
            cfg.check().unwrap_err(),
            PrepError::OrdinalLevelRepeated { column: "Size".into(), level: "a".into() }
        );
    }

    #[test]
    fn serde_shape() {
        let e: Encoding = serde_json::from_str(r#"{"method":"ordinal","order":["s","m","l"]}"#).unwrap();
        assert_eq!(
            e,
            Encoding::Ordinal { order: OrdinalOrder::Listed(vec!["s".into(), "m".into(), "l".into()]) }
        );
        let e: Encoding = serde_json::from_str(r#"{"method":"ordinal","order":"frequency"}"#).unwrap();
        assert_eq!(e, Encoding::Ordinal { order: OrdinalOrder::By(OrderBy::Frequency) });
        let e: Encoding = serde_json::from_str(r#"{"method":"raw"}"#).unwrap();
        assert_eq!(e, Encoding::Raw);
    }
}
