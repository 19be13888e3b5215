//! View models of the Segment step: the k-means variant switch, DBSCAN's suggested eps, the hierarchical
//! size-cap note, and the fit diagnostics and quality metrics in plain words. Pure; natively tested.

use crate::engine::choose_k::KSweep;
use crate::engine::cluster::hierarchical::{HierarchicalParams, Linkage};
use crate::engine::cluster::kmeans::{KMeansAlgorithm, KMeansParams, MiniBatchKMeansParams};
use crate::engine::cluster::FitInfo;
use crate::engine::pipeline::{AlgorithmConfig, Report};
use crate::views::format;

/// The k-means variants offered: (value, label, one-line help).
pub const KMEANS_VARIANTS: [(&str, &str, &str); 3] = [
    ("accelerated", "Accelerated (Hamerly)", "Same result as Lloyd, with fewer distance computations."),
    ("lloyd", "Lloyd (classic)", "Every customer against every centre at every pass; the textbook method."),
    (
        "minibatch",
        "Mini-batch",
        "Small random batches: much faster on very large files, slightly less exact.",
    ),
];

/// The number of segments the user asked for: `algorithm.k()`, except for the Bayesian mixture (whose k is
/// only an upper bound on its components) and the algorithms that find the number themselves.
pub fn users_k(algorithm: &AlgorithmConfig) -> Option<usize> {
    match algorithm {
        AlgorithmConfig::BayesGmm(_) => None,
        other => other.k(),
    }
}

/// The k-means variant of `algorithm` ("accelerated", "lloyd", "minibatch"), `None` for other algorithms.
pub fn kmeans_variant(algorithm: &AlgorithmConfig) -> Option<&'static str> {
    match algorithm {
        AlgorithmConfig::Kmeans(p) => Some(match p.algorithm {
            KMeansAlgorithm::Lloyd => "lloyd",
            KMeansAlgorithm::Hamerly => "accelerated",
        }),
        AlgorithmConfig::MiniBatchKmeans(_) => Some("minibatch"),
        _ => None,
    }
}

/// Switches a k-means config to `variant`, keeping k, the restarts and the iteration limit where both have
/// them. Other algorithms are left alone.
pub fn set_kmeans_variant(algorithm: &mut AlgorithmConfig, variant: &str) {
    let (k, n_init, max_iter) = match algorithm {
        AlgorithmConfig::Kmeans(p) => (p.n_clusters, p.n_init, p.max_iter),
        AlgorithmConfig::MiniBatchKmeans(p) => (p.n_clusters, p.n_init, p.max_iter),
        _ => return,
    };
    *algorithm = match (variant, &*algorithm) {
        ("minibatch", AlgorithmConfig::MiniBatchKmeans(_)) => return,
        ("minibatch", _) => AlgorithmConfig::MiniBatchKmeans(MiniBatchKMeansParams {
            n_clusters: k,
            n_init: n_init.min(MiniBatchKMeansParams::default().n_init),
            ..MiniBatchKMeansParams::default()
        }),
        (v, AlgorithmConfig::Kmeans(p)) => {
            let algorithm = if v == "lloyd" { KMeansAlgorithm::Lloyd } else { KMeansAlgorithm::Hamerly };
            AlgorithmConfig::Kmeans(KMeansParams { algorithm, ..p.clone() })
        }
        (v, _) => AlgorithmConfig::Kmeans(KMeansParams {
            n_clusters: k,
            max_iter: max_iter.max(KMeansParams::default().max_iter),
            algorithm: if v == "lloyd" { KMeansAlgorithm::Lloyd } else { KMeansAlgorithm::Hamerly },
            ..KMeansParams::default()
        }),
    };
}

/// DBSCAN's eps suggested by the knee of the k-distance curve, rounded to three significant digits.
pub fn suggested_eps(report: &Report) -> Option<f64> {
    let (_, d) = report.extras.k_distance.as_ref()?.knee?;
    (d.is_finite() && d > 0.0).then(|| round_sig(d, 3))
}

/// `x` rounded to `digits` significant digits.
pub fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// How hierarchical clustering handles `n` customers with `params`: exact, or micro-clusters above a cap.
pub fn hierarchical_cap_note(params: &HierarchicalParams, n: usize) -> String {
    let (cap, why) = match params.linkage {
        Linkage::Ward | Linkage::Single => {
            (params.max_rows_ward_single, "ward and single linkage need no distance matrix")
        }
        Linkage::Complete | Linkage::Average => {
            (params.max_rows_pairwise, "complete and average linkage keep every pairwise distance in memory")
        }
    };
    if n <= cap {
        format!(
            "Exact: all {} customers are leaves of the tree ({why}; exact up to {}).",
            format::thousands(n as f64),
            format::thousands(cap as f64)
        )
    } else {
        format!(
            "{} customers is above the exact limit of {} ({why}), so they are first grouped into {} small \
             k-means micro-clusters, and the tree is built on those.",
            format::thousands(n as f64),
            format::thousands(cap as f64),
            format::thousands(params.n_micro as f64)
        )
    }
}

/// How the fit went, in one sentence.
pub fn fit_summary(fit: &FitInfo, algorithm: &AlgorithmConfig) -> String {
    let unit = match algorithm {
        AlgorithmConfig::Kmeans(_) | AlgorithmConfig::Kprototypes(_) => "passes",
        AlgorithmConfig::MiniBatchKmeans(_) => "steps",
        AlgorithmConfig::Gmm(_) | AlgorithmConfig::BayesGmm(_) => "iterations",
        AlgorithmConfig::Hierarchical(_) => "merges",
        AlgorithmConfig::Dbscan(_) => "passes",
        AlgorithmConfig::Consensus(_) => "member runs",
    };
    let time = if fit.elapsed_ms >= 1000.0 {
        format!("{:.1} s", fit.elapsed_ms / 1000.0)
    } else {
        format!("{:.0} ms", fit.elapsed_ms.max(0.0))
    };
    let converged = match algorithm {
        AlgorithmConfig::Dbscan(_) | AlgorithmConfig::Hierarchical(_) | AlgorithmConfig::Consensus(_) => {
            String::new()
        }
        _ if fit.converged => ", converged".to_string(),
        _ => ", stopped at the iteration limit before settling — raise Max iterations".to_string(),
    };
    if matches!(algorithm, AlgorithmConfig::Dbscan(_)) {
        return format!("Fitted in {time}.");
    }
    format!("{} {unit} in {time}{converged}.", format::thousands(fit.iterations as f64))
}

/// A quality metric with a plain-language reading: (name, value, verdict, explanation).
#[derive(Debug, Clone, PartialEq)]
pub struct MetricReading {
    pub name: &'static str,
    pub value: String,
    pub verdict: &'static str,
    /// "good", "fair", "weak" or "" (for the CSS class).
    pub tone: &'static str,
    pub help: &'static str,
}

/// Silhouette, Calinski–Harabasz and Davies–Bouldin of `report`, each with a verdict.
pub fn quality(report: &Report) -> Vec<MetricReading> {
    let m = &report.metrics;
    let sizes: Vec<usize> =
        report.profiles.segments.iter().filter(|s| s.label >= 0).map(|s| s.size).collect();
    // a few one-customer segments score "well separated": say so instead (the note in Explore says why)
    let flattered = crate::engine::pipeline::evaluate::outlier_segments(&sizes, false).is_some();
    let silhouette = match m.silhouette {
        // only a score that reads well can be flattered (a BGMM's −0.06 was called so)
        Some(s) if flattered && s >= 0.25 => ("flattered by outlier segments", "weak"),
        Some(s) if s >= 0.5 => ("clearly separated", "good"),
        Some(s) if s >= 0.25 => ("reasonably separated", "fair"),
        Some(s) if s.is_finite() => ("overlapping segments", "weak"),
        _ => ("not measured", ""),
    };
    let db = match m.davies_bouldin {
        Some(d) if flattered && d < 2.0 => ("flattered by outlier segments", "weak"),
        Some(d) if d < 1.0 => ("compact and apart", "good"),
        Some(d) if d < 2.0 => ("some overlap", "fair"),
        Some(d) if d.is_finite() => ("segments overlap", "weak"),
        _ => ("not measured", ""),
    };
    let ch = match m.calinski_harabasz {
        Some(c) if c.is_finite() => ("compare across k", ""),
        _ => ("not measured", ""),
    };
    vec![
        MetricReading {
            name: "Silhouette",
            value: format::metric(m.silhouette, 3),
            verdict: silhouette.0,
            tone: silhouette.1,
            help: "From −1 to 1: how much closer customers are to their own segment than to the next. Above 0.5 is strong, below 0.25 weak.",
        },
        MetricReading {
            name: "Calinski–Harabasz",
            value: format::metric(m.calinski_harabasz, 1),
            verdict: ch.0,
            tone: ch.1,
            help: "Spread between segments over spread within them. Higher is better; only meaningful compared across runs on the same data.",
        },
        MetricReading {
            name: "Davies–Bouldin",
            value: format::metric(m.davies_bouldin, 3),
            verdict: db.0,
            tone: db.1,
            help: "Average similarity of each segment to its closest neighbour. Lower is better; below 1 is good.",
        },
    ]
}

/// The suggested k of a sweep with its reason and the measures that agree, in words.
pub fn suggestion(sweep: &KSweep) -> (usize, String) {
    let s = &sweep.suggestion;
    let mut text = s.reason.trim().to_string();
    if !text.ends_with('.') && !text.is_empty() {
        text.push('.');
    }
    if !s.supported_by.is_empty() {
        text.push_str(&format!(" Supported by: {}.", s.supported_by.join(", ")));
    }
    (s.k, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_k_is_not_the_bayesian_mixtures_bound_nor_dbscans_none() {
        use crate::engine::cluster::{bayes_gmm::BayesGmmParams, dbscan::DbscanParams};
        assert_eq!(users_k(&AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(3))), Some(3));
        let bound = BayesGmmParams { n_components: 10, ..BayesGmmParams::default() };
        assert_eq!(users_k(&AlgorithmConfig::BayesGmm(bound)), None);
        assert_eq!(users_k(&AlgorithmConfig::Dbscan(DbscanParams::default())), None);
    }

    #[test]
    fn variant_switch_keeps_k() {
        let mut a = AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(5));
        assert_eq!(kmeans_variant(&a), Some("accelerated"));
        set_kmeans_variant(&mut a, "lloyd");
        assert_eq!(kmeans_variant(&a), Some("lloyd"));
        assert_eq!(a.k(), Some(5));
        set_kmeans_variant(&mut a, "minibatch");
        assert!(matches!(a, AlgorithmConfig::MiniBatchKmeans(_)));
        assert_eq!(a.k(), Some(5));
        set_kmeans_variant(&mut a, "accelerated");
        assert_eq!(kmeans_variant(&a), Some("accelerated"));
        assert_eq!(a.k(), Some(5));
        let mut d = AlgorithmConfig::Dbscan(Default::default());
        set_kmeans_variant(&mut d, "lloyd");
        assert_eq!(kmeans_variant(&d), None);
    }

    #[test]
    fn rounding_and_cap_note() {
        assert_eq!(round_sig(0.123456, 3), 0.123);
        assert_eq!(round_sig(1234.5, 2), 1200.0);
        let p = HierarchicalParams::default();
        assert!(hierarchical_cap_note(&p, 440).starts_with("Exact"));
        let big = hierarchical_cap_note(&p, 50_000);
        assert!(big.contains("micro-clusters") && big.contains("50,000"), "{big}");
    }

    #[test]
    fn fit_summary_reads_well() {
        let fit = FitInfo { iterations: 12, converged: false, elapsed_ms: 1500.0, notes: vec![] };
        let s = fit_summary(&fit, &AlgorithmConfig::default());
        assert!(s.starts_with("12 passes in 1.5 s") && s.contains("iteration limit"), "{s}");
        let ok = FitInfo { converged: true, elapsed_ms: 40.0, ..fit };
        assert_eq!(fit_summary(&ok, &AlgorithmConfig::default()), "12 passes in 40 ms, converged.");
    }
}
