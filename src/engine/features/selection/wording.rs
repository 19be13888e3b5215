//! Why a feature is kept or dropped, as a structured value and in words for the UI.

use serde::{Deserialize, Serialize};

use super::prune::Spread;

/// The reason behind a suggested action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Drop: variance at or below the threshold, or tiny relative to the mean.
    NearConstant { variance: f64, relative_std: Option<f64> },
    /// Drop: correlated above the threshold with `with`, which varies more.
    Correlated { with: String, r: f64, own: Spread, partner: Spread },
    /// Drop: η² below the minimum; the feature hardly differs between segments.
    NoSeparation { eta_squared: f64 },
    /// Keep: the feature separates the segments.
    Separates { eta_squared: f64 },
    /// Keep (no labels): not redundant; its Laplacian score and rank among all features.
    LocalStructure { laplacian_score: f64, rank: usize, of: usize },
    /// Keep: nothing speaks against it.
    NoIssue,
    /// Keep: every feature would otherwise be dropped; this one had the best separation.
    LastResort { eta_squared: Option<f64> },
}

impl Reason {
    /// True when the reason suggests dropping the feature.
    pub fn drops(&self) -> bool {
        matches!(self, Reason::NearConstant { .. } | Reason::Correlated { .. } | Reason::NoSeparation { .. })
    }
}

/// Two significant digits, plain decimals between 1e-4 and 1e6, scientific outside, trailing zeros trimmed.
pub fn sig2(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if v == 0.0 {
        return "0".into();
    }
    let mag = v.abs().log10().floor() as i32;
    if (-4..6).contains(&mag) {
        let s = format!("{:.*}", (1 - mag).max(0) as usize, v);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        crate::engine::words::scientific(v, 1)
    }
}

/// The reason in words, starting with "keep:" or "drop:".
pub fn explain(reason: &Reason) -> String {
    match reason {
        Reason::NearConstant { variance, relative_std } => match relative_std {
            Some(c) if *variance > 0.0 && *c < 1.0 => {
                format!("drop: near-constant (its spread is {} % of its mean)", sig2(c * 100.0))
            }
            _ if *variance == 0.0 => "drop: constant (variance 0)".into(),
            _ => format!("drop: near-zero variance ({})", sig2(*variance)),
        },
        Reason::Correlated { with, r, own, partner } => {
            let by = match (own.relative_std, partner.relative_std) {
                (Some(a), Some(b)) => {
                    format!("varies more relative to its mean (coefficient of variation {} vs {})", sig2(b), sig2(a))
                }
                _ => format!("has more variance ({} vs {})", sig2(partner.variance), sig2(own.variance)),
            };
            format!("drop: correlated {r:.2} with {with}, which {by}")
        }
        Reason::NoSeparation { eta_squared } => {
            format!("drop: hardly differs between segments (η² {})", sig2(*eta_squared))
        }
        Reason::Separates { eta_squared } => format!("keep: separates segments (η² {eta_squared:.2})"),
        Reason::LocalStructure { laplacian_score, rank, of } => format!(
            "keep: not redundant; follows the local structure of the data (Laplacian score {}, rank {rank} of {of})",
            sig2(*laplacian_score)
        ),
        Reason::NoIssue => "keep: neither near-constant nor redundant".into(),
        Reason::LastResort { eta_squared } => match eta_squared {
            Some(e) => format!("keep: every other feature is dropped and this one separates best (η² {})", sig2(*e)),
            None => "keep: every other feature is dropped; at least one must stay".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(sig2(0.0003), "0.0003");
        assert_eq!(sig2(0.62), "0.62");
        assert_eq!(sig2(2.8012), "2.8");
        assert_eq!(sig2(1234.0), "1234");
        assert_eq!(sig2(4.5e7), "4.5e+07");
        assert_eq!(sig2(-0.5), "-0.5");
    }

    #[test]
    fn explanations_name_the_reason() {
        let s = Spread { variance: 4.0, on_original: true, relative_std: Some(2.8) };
        let t = Spread { variance: 9.0, on_original: true, relative_std: Some(2.1) };
        let r = Reason::Correlated { with: "PURCHASES".into(), r: 0.9712, own: t, partner: s };
        assert_eq!(
            explain(&r),
            "drop: correlated 0.97 with PURCHASES, which varies more relative to its mean (coefficient of variation 2.8 vs 2.1)"
        );
        let v = Reason::NearConstant { variance: 0.0003, relative_std: None };
        assert_eq!(explain(&v), "drop: near-zero variance (0.0003)");
        assert_eq!(explain(&Reason::Separates { eta_squared: 0.6234 }), "keep: separates segments (η² 0.62)");
        assert!(Reason::NoSeparation { eta_squared: 0.001 }.drops());
        assert!(!Reason::NoIssue.drops());
    }
}
