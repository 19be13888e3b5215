//! Which strategy each column gets, and the single-value fills (mean, median, most frequent, constant) fitted
//! on the training rows that survive the `drop` rule.

use serde::{Deserialize, Serialize};

use super::params::{check_constant, FillValue, Impute, ImputeConfig};
use crate::engine::prep::error::{PrepError, Result};
use crate::engine::prep::frame::{FeatureKind, FrameCol, Values};
use crate::engine::prep::stats::{mean_var, median_sorted, most_frequent, sorted_present};
use crate::engine::table::{format_number, MISSING_CODE};

/// The strategy for column `name` of `kind`: its override, else the default (with `mean`, `median` and `knn`
/// meaning `most_frequent` for categorical and boolean columns). Checks that it fits the kind.
pub(crate) fn resolve(cfg: &ImputeConfig, name: &str, kind: FeatureKind) -> Result<Impute> {
    let (s, explicit) = match cfg.columns.get(name) {
        Some(s) => (s.clone(), true),
        None => (cfg.default.clone(), false),
    };
    check_constant(name, &s)?;
    let averaging = matches!(s, Impute::Mean | Impute::Median | Impute::Knn);
    match kind {
        FeatureKind::Categorical if averaging && explicit => Err(PrepError::RuleNotForKind {
            column: name.into(),
            rule: format!("imputation strategy {}", s.name()),
            applies_to: "numeric, date and boolean".into(),
            kind: "categorical".into(),
        }),
        FeatureKind::Categorical | FeatureKind::Boolean if averaging && !explicit => Ok(Impute::MostFrequent),
        FeatureKind::Categorical => Ok(s),
        _ => match &s {
            Impute::Constant { value: Some(FillValue::Text(t)) } => match t.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Impute::Constant { value: Some(FillValue::Number(x)) }),
                _ => {
                    Err(PrepError::ConstantValueNotNumber { column: name.into(), value: format!("\"{t}\"") })
                }
            },
            Impute::Constant { value: Some(FillValue::Number(x)) } if !x.is_finite() => {
                Err(PrepError::ConstantValueNotNumber { column: name.into(), value: x.to_string() })
            }
            _ => Ok(s),
        },
    }
}

/// The fitted missing-value rule of one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fill", rename_all = "snake_case")]
pub enum FittedImpute {
    /// Rows missing this column are removed.
    Drop,
    /// Numeric fill (`strategy` is mean / median / most_frequent / constant).
    Value { strategy: String, value: f64 },
    /// Categorical fill with a level name.
    Level { strategy: String, level: String },
    /// Filled from nearest neighbours (see [`super::FittedKnn`]).
    Knn,
}

/// Fits `strategy` on `col` restricted to the positions where `keep` is true.
pub(crate) fn fit_simple(col: &FrameCol, strategy: &Impute, keep: &[bool]) -> FittedImpute {
    let name = strategy.name().to_string();
    match (&col.values, strategy) {
        (_, Impute::Drop) => FittedImpute::Drop,
        (_, Impute::Knn) => FittedImpute::Knn,
        (Values::Num(v), _) => {
            let kept: Vec<f64> = v.iter().zip(keep).filter(|(_, &k)| k).map(|(&x, _)| x).collect();
            let value = match strategy {
                Impute::Mean => mean_var(&kept).0,
                Impute::Median => median_sorted(&sorted_present(&kept)),
                Impute::MostFrequent => most_frequent(&kept).unwrap_or(f64::NAN),
                Impute::Constant { value: Some(FillValue::Number(x)) } => *x,
                _ => f64::NAN,
            };
            // A column with no present value among the kept rows has nothing to average: fill 0 and say so.
            FittedImpute::Value { strategy: name, value: if value.is_nan() { 0.0 } else { value } }
        }
        (Values::Cat { codes, levels }, _) => {
            let level = match strategy {
                Impute::Constant { value: Some(FillValue::Text(t)) } => t.clone(),
                Impute::Constant { value: Some(FillValue::Number(x)) } => format_number(*x),
                _ => most_frequent_level(codes, levels, keep).unwrap_or_default(),
            };
            FittedImpute::Level { strategy: name, level }
        }
    }
}

/// The most frequent level among the kept positions; ties go to the level that sorts first.
fn most_frequent_level(codes: &[u32], levels: &[String], keep: &[bool]) -> Option<String> {
    let mut counts = vec![0usize; levels.len()];
    for (&c, &k) in codes.iter().zip(keep) {
        if let (true, Some(n)) = (k, counts.get_mut(c as usize)) {
            *n += 1;
        }
    }
    let mut best: Option<(usize, &String)> = None;
    for (n, level) in counts.into_iter().zip(levels) {
        if n == 0 {
            continue;
        }
        best = match best {
            Some((bn, bl)) if bn > n || (bn == n && bl <= level) => Some((bn, bl)),
            _ => Some((n, level)),
        };
    }
    best.map(|(_, l)| l.clone())
}

/// Fills the missing cells of `col` with a fitted value; returns how many were filled.
pub(crate) fn fill(col: &mut FrameCol, fitted: &FittedImpute) -> usize {
    match (&mut col.values, fitted) {
        (Values::Num(v), FittedImpute::Value { value, .. }) => {
            let mut n = 0;
            for x in v.iter_mut().filter(|x| x.is_nan()) {
                *x = *value;
                n += 1;
            }
            n
        }
        (Values::Cat { codes, levels }, FittedImpute::Level { level, .. }) => {
            let n = codes.iter().filter(|&&c| c == MISSING_CODE).count();
            if n == 0 {
                return 0;
            }
            let code = match levels.iter().position(|l| l == level) {
                Some(i) => i as u32,
                None => {
                    levels.push(level.clone());
                    (levels.len() - 1) as u32
                }
            };
            codes.iter_mut().filter(|c| **c == MISSING_CODE).for_each(|c| *c = code);
            n
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: Vec<f64>) -> FrameCol {
        FrameCol { name: "x".into(), kind: FeatureKind::Numeric, values: Values::Num(v) }
    }

    #[test]
    fn categorical_default_becomes_most_frequent() {
        let cfg = ImputeConfig::default().with_default(Impute::Median);
        assert_eq!(resolve(&cfg, "G", FeatureKind::Categorical).unwrap(), Impute::MostFrequent);
        assert_eq!(resolve(&cfg, "B", FeatureKind::Boolean).unwrap(), Impute::MostFrequent);
        assert_eq!(resolve(&cfg, "A", FeatureKind::Numeric).unwrap(), Impute::Median);
    }

    #[test]
    fn explicit_mean_on_categorical_rejected() {
        let cfg = ImputeConfig::default().with_column("G", Impute::Knn);
        let e = resolve(&cfg, "G", FeatureKind::Categorical).unwrap_err();
        assert!(matches!(e, PrepError::RuleNotForKind { .. }), "{e}");
    }

    #[test]
    fn text_constant_on_numeric_rejected() {
        let cfg = ImputeConfig::default()
            .with_column("A", Impute::Constant { value: Some(FillValue::Text("abc".into())) });
        let e = resolve(&cfg, "A", FeatureKind::Numeric).unwrap_err();
        assert_eq!(
            e.to_string(),
            "column \"A\": constant fill value for a numeric column must be a finite number, got \"abc\""
        );
        let cfg = ImputeConfig::default()
            .with_column("A", Impute::Constant { value: Some(FillValue::Text("7".into())) });
        assert_eq!(
            resolve(&cfg, "A", FeatureKind::Numeric).unwrap(),
            Impute::Constant { value: Some(FillValue::Number(7.0)) }
        );
    }

    #[test]
    fn default_constant_without_value_names_the_column() {
        let cfg = ImputeConfig::default().with_default(Impute::Constant { value: None });
        let e = resolve(&cfg, "Age", FeatureKind::Numeric).unwrap_err();
        assert_eq!(e, PrepError::ConstantValueRequired { column: "Age".into() });
    }

    #[test]
    fn fills_use_kept_rows_only() {
        let mut c = num(vec![1.0, f64::NAN, 3.0, 100.0]);
        let f = fit_simple(&c, &Impute::Mean, &[true, true, true, false]);
        assert_eq!(f, FittedImpute::Value { strategy: "mean".into(), value: 2.0 });
        assert_eq!(fill(&mut c, &f), 1);
        assert_eq!(c.nums()[1], 2.0);
    }

    #[test]
    fn level_ties_go_to_first_in_sort_order() {
        let codes = vec![0, 1, 1, 0, MISSING_CODE];
        let levels = vec!["b".to_string(), "a".to_string()];
        assert_eq!(most_frequent_level(&codes, &levels, &[true; 5]).as_deref(), Some("a"));
    }
}
