//! What a sweep over k reports: one scored row per k and algorithm, the criteria's picks, the suggestion.

use serde::{Deserialize, Serialize};

/// Every criterion at one k for one algorithm. `None` where a criterion is off or undefined (e.g. the fit
/// produced a single segment, or W = 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KScore {
    /// Number of segments asked for.
    pub k: usize,
    /// Distinct labels the fit actually produced.
    pub n_segments: usize,
    /// Seed of this fit: `fit_k(x, k, fit_seed)` reproduces its labels.
    pub fit_seed: u64,
    /// Within-cluster sum of squares.
    pub inertia: f64,
    /// Mean silhouette (higher is better).
    pub silhouette: Option<f64>,
    /// True when the silhouette was computed on a sample of the rows.
    pub silhouette_sampled: bool,
    /// Calinski–Harabasz index (higher is better).
    pub calinski_harabasz: Option<f64>,
    /// Davies–Bouldin index (lower is better).
    pub davies_bouldin: Option<f64>,
    /// BIC of a mixture fit (lower is better).
    pub bic: Option<f64>,
    /// Gap statistic (higher is better) and its standard error s_k.
    pub gap: Option<f64>,
    /// s_k of the gap statistic.
    pub gap_se: Option<f64>,
    /// Mean pairwise ARI between subsample fits (1 = perfectly stable).
    pub stability: Option<f64>,
    /// Standard deviation of those ARIs.
    pub stability_sd: Option<f64>,
}

/// The k each criterion points to on its own.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Picks {
    /// Highest mean silhouette.
    pub silhouette: Option<usize>,
    /// Highest Calinski–Harabasz.
    pub calinski_harabasz: Option<usize>,
    /// Lowest Davies–Bouldin.
    pub davies_bouldin: Option<usize>,
    /// Tibshirani's gap rule (1 = the gap statistic sees no cluster structure).
    pub gap: Option<usize>,
    /// Kneedle elbow of the inertia curve (1 = no elbow beyond a single segment).
    pub elbow: Option<usize>,
    /// Lowest BIC.
    pub bic: Option<usize>,
    /// Highest stability.
    pub stability: Option<usize>,
}

/// The suggested number of segments and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Suggested k (always within the swept range).
    pub k: usize,
    /// The reason, in words ("silhouette peaks at 5 and stability is 0.93; …").
    pub reason: String,
    /// The criteria that point at `k`.
    pub supported_by: Vec<String>,
}

/// The sweep for one algorithm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlgorithmSweep {
    /// The clusterer's name.
    pub algorithm: String,
    /// One row per k, ascending.
    pub scores: Vec<KScore>,
    /// Total sum of squares (the inertia at k = 1).
    pub total_ss: f64,
    /// Gap statistic and s at k = 1 (when k_min = 2 and the gap is on).
    pub gap_at_1: Option<(f64, f64)>,
    /// Each criterion's own pick.
    pub picks: Picks,
    /// The suggestion for this algorithm.
    pub suggestion: Suggestion,
    /// What the sweep did that the numbers do not show (sampling, lowered k_max, skipped criteria).
    pub notes: Vec<String>,
}

/// The whole sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KSweep {
    /// One entry per clusterer, in the order given.
    pub algorithms: Vec<AlgorithmSweep>,
    /// The overall suggestion (the one algorithm's, or the agreement between algorithms).
    pub suggestion: Suggestion,
}
