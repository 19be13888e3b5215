//! The working copy of the feature columns while the steps run: numbers or category codes per column, the
//! table row each position came from, and the missing-indicator columns. Internal to `prep`.

use serde::{Deserialize, Serialize};

use crate::engine::table::MISSING_CODE;

/// How a feature column is read and treated.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeatureKind {
    /// Numeric or integer values.
    Numeric,
    /// 0/1 values (from numbers, or from yes/no-like levels).
    Boolean,
    /// Dates, used as days (may be fractional) since `origin`, the earliest training date in seconds since
    /// 1970-01-01T00:00. `latest` is the latest training date: a scored file whose dates run later is counted
    /// back from its own latest date as training was from this one, so that "days since" keeps its meaning in
    /// next month's export (a lapsed customer's last order used to stay as recent as in training). Models
    /// saved before it have none and score dates as they are.
    Date {
        origin: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        latest: Option<f64>,
    },
    /// Levels.
    Categorical,
}

impl FeatureKind {
    /// Numeric or date: the kinds that outlier rules, transforms and the default scaling apply to.
    pub fn is_continuous(&self) -> bool {
        matches!(self, FeatureKind::Numeric | FeatureKind::Date { .. })
    }

    /// A word for messages.
    pub fn word(&self) -> &'static str {
        match self {
            FeatureKind::Numeric => "numeric",
            FeatureKind::Boolean => "boolean",
            FeatureKind::Date { .. } => "date",
            FeatureKind::Categorical => "categorical",
        }
    }
}

/// The values of one working column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Values {
    /// NaN = missing.
    Num(Vec<f64>),
    /// [`MISSING_CODE`] = missing; `levels` are this table's levels (not the fitted ones).
    Cat { codes: Vec<u32>, levels: Vec<String> },
}

impl Values {
    pub(crate) fn is_missing(&self, i: usize) -> bool {
        match self {
            Values::Num(v) => v[i].is_nan(),
            Values::Cat { codes, .. } => codes[i] == MISSING_CODE,
        }
    }

    pub(crate) fn missing_count(&self) -> usize {
        match self {
            Values::Num(v) => v.iter().filter(|x| x.is_nan()).count(),
            Values::Cat { codes, .. } => codes.iter().filter(|&&c| c == MISSING_CODE).count(),
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        match self {
            Values::Num(v) => retain_by(v, keep),
            Values::Cat { codes, .. } => retain_by(codes, keep),
        }
    }
}

/// One working column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FrameCol {
    pub name: String,
    pub kind: FeatureKind,
    pub values: Values,
}

impl FrameCol {
    /// The numbers of a numeric-valued column (empty for categorical ones).
    pub(crate) fn nums(&self) -> &[f64] {
        match &self.values {
            Values::Num(v) => v,
            Values::Cat { .. } => &[],
        }
    }

    pub(crate) fn nums_mut(&mut self) -> Option<&mut Vec<f64>> {
        match &mut self.values {
            Values::Num(v) => Some(v),
            Values::Cat { .. } => None,
        }
    }
}

/// The working columns, all the same length, and the table row of each position (ascending).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frame {
    pub rows: Vec<usize>,
    pub cols: Vec<FrameCol>,
    /// Missing-indicator columns (name, 0/1 values), appended to the matrix at the end.
    pub indicators: Vec<(String, Vec<f64>)>,
}

impl Frame {
    pub(crate) fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// Keeps the positions where `keep` is true; returns the table rows removed.
    pub(crate) fn retain(&mut self, keep: &[bool]) -> Vec<usize> {
        let removed: Vec<usize> = self.rows.iter().zip(keep).filter(|(_, &k)| !k).map(|(&r, _)| r).collect();
        if removed.is_empty() {
            return removed;
        }
        retain_by(&mut self.rows, keep);
        for c in &mut self.cols {
            c.values.retain(keep);
        }
        for (_, v) in &mut self.indicators {
            retain_by(v, keep);
        }
        removed
    }
}

fn retain_by<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut i = 0;
    v.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_keeps_rows_aligned() {
        let mut f = Frame {
            rows: vec![0, 1, 2],
            cols: vec![FrameCol {
                name: "a".into(),
                kind: FeatureKind::Numeric,
                values: Values::Num(vec![1.0, f64::NAN, 3.0]),
            }],
            indicators: vec![("a_missing".into(), vec![0.0, 1.0, 0.0])],
        };
        assert_eq!(f.cols[0].values.missing_count(), 1);
        let removed = f.retain(&[true, false, true]);
        assert_eq!(removed, vec![1]);
        assert_eq!(f.rows, vec![0, 2]);
        assert_eq!(f.cols[0].nums(), &[1.0, 3.0]);
        assert_eq!(f.indicators[0].1, vec![0.0, 0.0]);
    }
}
