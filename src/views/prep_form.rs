//! The Prepare step's form values: each preparation setting (missing values, outlier rules and detectors,
//! transforms, scaling, encoding) as the (value, label) options a select shows, and back into the engine's
//! types with sensible parameters when the method changes. Pure.

use crate::engine::prep::outliers::MultivariateRule;
use crate::engine::prep::{
    Contamination, Detector, Encoding, FillValue, Impute, IsolationForestParams, LofParams, NegativeValues,
    OutlierAction, OutlierRule, RowAction, Scaling, Transform,
};
use crate::engine::table::ColumnKind;

/// (value, label) pairs for a select.
pub type Options = Vec<(String, String)>;

fn opts(list: &[(&str, &str)]) -> Options {
    list.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect()
}

/// Missing-value strategies that suit a column of `kind` (`None`: the default for every column).
pub fn impute_options(kind: Option<ColumnKind>) -> Options {
    let numeric = [
        ("mean", "Fill with the mean"),
        ("median", "Fill with the median"),
        ("most_frequent", "Fill with the most frequent value"),
        ("constant", "Fill with a fixed value"),
        ("knn", "Fill from the 5 most similar customers"),
        ("drop", "Leave the customer out"),
    ];
    match kind {
        Some(ColumnKind::Categorical) => opts(&[
            ("most_frequent", "Fill with the most frequent value"),
            ("constant", "Fill with a fixed value"),
            ("drop", "Leave the customer out"),
        ]),
        _ => opts(&numeric),
    }
}

/// The strategy named `value` (a constant gets `constant`, parsed as a number when it is one).
pub fn impute_from(value: &str, constant: &str) -> Option<Impute> {
    Some(match value {
        "mean" => Impute::Mean,
        "median" => Impute::Median,
        "most_frequent" => Impute::MostFrequent,
        "knn" => Impute::Knn,
        "drop" => Impute::Drop,
        "constant" => Impute::Constant { value: Some(fill_value(constant)) },
        _ => return None,
    })
}

/// Text as a fill value: a number when it reads as one, else the text.
pub fn fill_value(text: &str) -> FillValue {
    let t = text.trim();
    match t.replace(',', ".").parse::<f64>() {
        Ok(x) if x.is_finite() => FillValue::Number(x),
        _ => FillValue::Text(t.to_string()),
    }
}

/// The constant's text ("" when the strategy is not a constant).
pub fn constant_text(i: &Impute) -> String {
    match i {
        Impute::Constant { value: Some(FillValue::Number(x)) } => crate::engine::table::format_number(*x),
        Impute::Constant { value: Some(FillValue::Text(s)) } => s.clone(),
        _ => String::new(),
    }
}

/// The outlier methods.
pub fn outlier_methods() -> Options {
    opts(&[
        ("none", "Keep every value"),
        ("iqr", "Beyond the quartiles (IQR rule)"),
        ("z_score", "Beyond a number of standard deviations (z-score)"),
        ("mad", "Beyond robust deviations (MAD)"),
    ])
}

/// The actions of a per-column rule.
pub fn outlier_actions() -> Options {
    opts(&[("clip", "Clip to the bound"), ("remove", "Leave the customer out"), ("flag", "Flag, keep as is")])
}

/// (method, parameter, action) of a rule; the parameter is the IQR factor or the threshold.
pub fn rule_parts(rule: &OutlierRule) -> (&'static str, f64, &'static str) {
    let action = |a: &OutlierAction| match a {
        OutlierAction::Clip => "clip",
        OutlierAction::Remove => "remove",
        OutlierAction::Flag => "flag",
    };
    match rule {
        OutlierRule::None => ("none", 0.0, "clip"),
        OutlierRule::Iqr { factor, action: a } => ("iqr", *factor, action(a)),
        OutlierRule::ZScore { threshold, action: a } => ("z_score", *threshold, action(a)),
        OutlierRule::Mad { threshold, action: a } => ("mad", *threshold, action(a)),
    }
}

/// The usual parameter of a method (IQR 1.5, z 3, MAD 3.5).
pub fn default_param(method: &str) -> f64 {
    match method {
        "iqr" => 1.5,
        "z_score" => 3.0,
        "mad" => 3.5,
        _ => 0.0,
    }
}

/// A rule from its parts; a parameter that is not finite and positive takes the method's usual value.
pub fn rule_from(method: &str, param: f64, action: &str) -> OutlierRule {
    let action = match action {
        "remove" => OutlierAction::Remove,
        "flag" => OutlierAction::Flag,
        _ => OutlierAction::Clip,
    };
    let p = if param.is_finite() && param > 0.0 { param } else { default_param(method) };
    match method {
        "iqr" => OutlierRule::iqr(p, action),
        "z_score" => OutlierRule::z_score(p, action),
        "mad" => OutlierRule::mad(p, action),
        _ => OutlierRule::None,
    }
}

/// The rule after choosing `method`: the action stays, the parameter becomes the method's usual one.
pub fn with_method(rule: &OutlierRule, method: &str) -> OutlierRule {
    let (_, _, action) = rule_parts(rule);
    rule_from(method, default_param(method), action)
}

/// Label of a parameter ("IQR factor", "Threshold").
pub fn param_label(method: &str) -> &'static str {
    match method {
        "iqr" => "IQR factor",
        "z_score" => "Standard deviations",
        _ => "Robust deviations",
    }
}

/// The detectors across columns.
pub fn detector_options() -> Options {
    opts(&[("none", "None"), ("isolation_forest", "Isolation Forest"), ("lof", "Local Outlier Factor (LOF)")])
}

/// (detector, action, contamination share; `None` = "auto") of the multivariate rule.
pub fn detector_parts(m: Option<&MultivariateRule>) -> (&'static str, &'static str, Option<f64>) {
    let Some(m) = m else { return ("none", "flag", Some(0.05)) };
    let action = match m.action {
        RowAction::Remove => "remove",
        RowAction::Flag => "flag",
    };
    let share = |c: &Contamination| match c {
        Contamination::Share(s) => Some(*s),
        Contamination::Auto(_) => None,
    };
    match &m.detector {
        Detector::IsolationForest(p) => ("isolation_forest", action, share(&p.contamination)),
        Detector::Lof(p) => ("lof", action, share(&p.contamination)),
    }
}

/// The multivariate rule from its parts (a share outside (0, 0.5] is clamped into it).
pub fn detector_from(method: &str, action: &str, share: f64) -> Option<MultivariateRule> {
    let contamination = Contamination::Share(if share.is_finite() { share.clamp(0.001, 0.5) } else { 0.05 });
    let detector = match method {
        "isolation_forest" => {
            Detector::IsolationForest(IsolationForestParams { contamination, ..Default::default() })
        }
        "lof" => Detector::Lof(LofParams { contamination, ..Default::default() }),
        _ => return None,
    };
    let action = if action == "remove" { RowAction::Remove } else { RowAction::Flag };
    Some(MultivariateRule { detector, action })
}

/// The transforms of a numeric column.
pub fn transform_options() -> Options {
    opts(&[
        ("none", "None"),
        ("log1p", "Logarithm, log(1 + x)"),
        ("log1p_shift", "Logarithm after shifting negatives"),
        ("yeo_johnson", "Yeo-Johnson (makes it more symmetric)"),
        ("quantile_bins", "Quantile bins"),
    ])
}

/// The transform's value and its number of bins (5 when not binned).
pub fn transform_parts(t: &Transform) -> (&'static str, usize) {
    match t {
        Transform::None => ("none", 5),
        Transform::Log1p { negatives: NegativeValues::Skip } => ("log1p", 5),
        Transform::Log1p { negatives: NegativeValues::Shift } => ("log1p_shift", 5),
        Transform::YeoJohnson => ("yeo_johnson", 5),
        Transform::QuantileBins { n_bins } => ("quantile_bins", *n_bins),
    }
}

/// The transform from its value (bins at least 2).
pub fn transform_from(value: &str, n_bins: usize) -> Transform {
    match value {
        "log1p" => Transform::Log1p { negatives: NegativeValues::Skip },
        "log1p_shift" => Transform::Log1p { negatives: NegativeValues::Shift },
        "yeo_johnson" => Transform::YeoJohnson,
        "quantile_bins" => Transform::QuantileBins { n_bins: n_bins.max(2) },
        _ => Transform::None,
    }
}

/// The scalings.
pub fn scaling_options() -> Options {
    opts(&[
        ("standard", "Standardize (mean 0, sd 1)"),
        ("robust", "Robust (median, IQR)"),
        ("min_max", "Min–max to 0…1"),
        ("max_abs", "Divide by the largest |value|"),
        ("none", "No scaling"),
    ])
}

/// The scaling's value.
pub fn scaling_value(s: Scaling) -> &'static str {
    match s {
        Scaling::None => "none",
        Scaling::Standard => "standard",
        Scaling::MinMax => "min_max",
        Scaling::Robust => "robust",
        Scaling::MaxAbs => "max_abs",
    }
}

/// The scaling named `value` (standard when unknown).
pub fn scaling_from(value: &str) -> Scaling {
    match value {
        "none" => Scaling::None,
        "min_max" => Scaling::MinMax,
        "robust" => Scaling::Robust,
        "max_abs" => Scaling::MaxAbs,
        _ => Scaling::Standard,
    }
}

/// The encodings of a categorical column.
pub fn encoding_options() -> Options {
    opts(&[("one_hot", "One column per category (one-hot)"), ("ordinal", "Numbered categories (ordinal)")])
}

/// The encoding's value ("one_hot", "ordinal"; k-prototypes' raw codes read as one-hot here).
pub fn encoding_value(e: &Encoding) -> &'static str {
    match e {
        Encoding::Ordinal { .. } => "ordinal",
        _ => "one_hot",
    }
}

/// The encoding named `value`.
pub fn encoding_from(value: &str) -> Encoding {
    match value {
        "ordinal" => Encoding::Ordinal { order: Default::default() },
        _ => Encoding::OneHot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impute_values_round_trip() {
        for (v, _) in impute_options(None) {
            let i = impute_from(&v, "0").unwrap();
            assert_eq!(i.name(), v);
        }
        assert_eq!(
            impute_from("constant", "12,5"),
            Some(Impute::Constant { value: Some(FillValue::Number(12.5)) })
        );
        assert_eq!(constant_text(&impute_from("constant", "unknown").unwrap()), "unknown");
        assert!(impute_options(Some(ColumnKind::Categorical)).iter().all(|(v, _)| v != "mean"));
        assert_eq!(impute_from("mode", ""), None);
    }

    #[test]
    fn outlier_rules_keep_their_action_and_get_usual_parameters() {
        let r = rule_from("iqr", 2.0, "remove");
        assert_eq!(rule_parts(&r), ("iqr", 2.0, "remove"));
        let z = with_method(&r, "z_score");
        assert_eq!(rule_parts(&z), ("z_score", 3.0, "remove"));
        assert_eq!(rule_from("mad", -1.0, "clip"), OutlierRule::mad(3.5, OutlierAction::Clip));
        assert_eq!(rule_from("none", 1.0, "clip"), OutlierRule::None);
        assert!(rule_from("iqr", 1.5, "flag").check("x").is_ok());
    }

    #[test]
    fn detectors_transforms_scalings_encodings_round_trip() {
        let m = detector_from("lof", "remove", 0.9).unwrap();
        assert_eq!(detector_parts(Some(&m)), ("lof", "remove", Some(0.5)));
        assert!(m.check().is_ok());
        assert_eq!(detector_parts(None).0, "none");
        assert!(detector_from("none", "flag", 0.1).is_none());
        for (v, _) in transform_options() {
            assert_eq!(transform_parts(&transform_from(&v, 4)).0, v);
        }
        assert_eq!(transform_from("quantile_bins", 1), Transform::QuantileBins { n_bins: 2 });
        for (v, _) in scaling_options() {
            assert_eq!(scaling_value(scaling_from(&v)), v);
        }
        for (v, _) in encoding_options() {
            assert_eq!(encoding_value(&encoding_from(&v)), v);
        }
    }
}
