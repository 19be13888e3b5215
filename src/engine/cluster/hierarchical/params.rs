//! Hierarchical clustering parameters, their validation, the documented memory caps and the module's error type.

use serde::{Deserialize, Serialize};

use crate::engine::progress::Cancelled;

/// Largest allowed `max_rows_pairwise`: 16,000 rows → a 1.02 GB condensed f64 distance matrix.
pub const PAIRWISE_CAP_LIMIT: usize = 16_000;

/// How the distance between two clusters is measured (all on Euclidean distance between rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Linkage {
    /// Minimum increase of within-cluster variance (scipy/sklearn `ward`).
    #[default]
    Ward,
    /// Largest distance between members.
    Complete,
    /// Mean distance between members (UPGMA).
    Average,
    /// Smallest distance between members.
    Single,
}

/// Where the tree is cut into segments.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cut {
    /// Exactly k segments: the last k − 1 merges are undone (sklearn `AgglomerativeClustering(n_clusters=k)`).
    K(usize),
    /// Undo every merge with height ≥ t (sklearn `distance_threshold = t`: k = 1 + #{heights ≥ t}).
    Distance(f64),
}

impl Default for Cut {
    fn default() -> Self {
        Cut::K(2)
    }
}

/// Errors of the hierarchical module.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HierarchicalError {
    /// `Cut::K(0)`.
    #[error("the number of segments k must be >= 1, got {k}")]
    InvalidK { k: usize },
    /// `Cut::Distance(t)` with t negative or not finite.
    #[error("the distance threshold must be a finite number >= 0, got {threshold}")]
    InvalidThreshold { threshold: f64 },
    /// `n_micro` < 2.
    #[error("n_micro (micro-clusters above the caps) must be >= 2, got {n_micro}")]
    InvalidMicroClusters { n_micro: usize },
    /// `micro_iterations` = 0.
    #[error("micro_iterations must be >= 1, got {micro_iterations}")]
    InvalidMicroIterations { micro_iterations: usize },
    /// A cap is below `n_micro`, so the micro-cluster linkage itself would not be exact.
    #[error("{cap_name} must be >= n_micro = {n_micro}, got {cap}")]
    CapBelowMicro { cap_name: &'static str, cap: usize, n_micro: usize },
    /// `max_rows_pairwise` above [`PAIRWISE_CAP_LIMIT`] (the distance matrix would not fit a browser tab).
    #[error("max_rows_pairwise must be <= {limit} (a {limit}-row distance matrix is 1 GB), got {cap}")]
    PairwiseCapTooLarge { cap: usize, limit: usize },
    /// The data has no rows.
    #[error("hierarchical clustering needs at least 1 row, got 0")]
    NoRows,
    /// The data has no columns.
    #[error("hierarchical clustering needs at least 1 feature column, got 0")]
    NoFeatures,
    /// A value is NaN or infinite.
    #[error("input must be finite, found a non-finite value at row {row}, column {column}")]
    NonFinite { row: usize, column: usize },
    /// More segments asked for than leaves in the tree.
    #[error("cannot cut {leaves} leaves into k = {k} segments (k must be <= the number of rows or micro-clusters)")]
    TooManySegments { k: usize, leaves: usize },
    /// The distance matrix could not be allocated.
    #[error("could not allocate the {bytes}-byte distance matrix for {rows} rows")]
    OutOfMemory { rows: usize, bytes: usize },
    /// The micro-cluster k-means failed.
    #[error("micro-cluster k-means failed: {reason}")]
    MicroClusters { reason: String },
    /// New rows have a different number of columns than the training data.
    #[error("the model was fitted on {expected} features, got {got}")]
    FeatureMismatch { expected: usize, got: usize },
    /// The caller cancelled the run.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Module-local result.
pub type Result<T> = std::result::Result<T, HierarchicalError>;

/// Hierarchical clustering settings as the form and the wire carry them.
///
/// Defaults: `linkage = ward`, `cut = k 2` (as sklearn), `max_rows_ward_single = 30_000` (exact ward/single
/// without a distance matrix, O(n) memory, O(n²·d) time), `max_rows_pairwise = 10_000` (exact complete/average
/// with a condensed f64 matrix: 10,000 rows = 400 MB), `n_micro = 2_000` (k-means micro-clusters above the cap),
/// `micro_iterations = 10`, `seed = 0` (micro-cluster k-means only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HierarchicalParams {
    /// Linkage criterion.
    pub linkage: Linkage,
    /// Where to cut the tree.
    pub cut: Cut,
    /// Ward and single linkage are exact up to this many rows.
    pub max_rows_ward_single: usize,
    /// Complete and average linkage are exact up to this many rows (≤ [`PAIRWISE_CAP_LIMIT`]).
    pub max_rows_pairwise: usize,
    /// Micro-clusters (weighted leaves) used above the caps.
    pub n_micro: usize,
    /// Lloyd iterations of the micro-cluster k-means.
    pub micro_iterations: usize,
    /// Seed of the micro-cluster k-means.
    pub seed: u64,
}

impl Default for HierarchicalParams {
    fn default() -> Self {
        Self {
            linkage: Linkage::Ward,
            cut: Cut::default(),
            max_rows_ward_single: 30_000,
            max_rows_pairwise: 10_000,
            n_micro: 2_000,
            micro_iterations: 10,
            seed: 0,
        }
    }
}

impl HierarchicalParams {
    /// Sets the linkage.
    pub fn with_linkage(mut self, linkage: Linkage) -> Self {
        self.linkage = linkage;
        self
    }

    /// Cut into `k` segments.
    pub fn with_k(mut self, k: usize) -> Self {
        self.cut = Cut::K(k);
        self
    }

    /// Sets the cut.
    pub fn with_cut(mut self, cut: Cut) -> Self {
        self.cut = cut;
        self
    }

    /// Sets the exact-row cap for ward and single linkage.
    pub fn with_max_rows_ward_single(mut self, cap: usize) -> Self {
        self.max_rows_ward_single = cap;
        self
    }

    /// Sets the exact-row cap for complete and average linkage.
    pub fn with_max_rows_pairwise(mut self, cap: usize) -> Self {
        self.max_rows_pairwise = cap;
        self
    }

    /// Sets the number of micro-clusters used above the caps.
    pub fn with_n_micro(mut self, n_micro: usize) -> Self {
        self.n_micro = n_micro;
        self
    }

    /// Sets the micro-cluster k-means iterations.
    pub fn with_micro_iterations(mut self, micro_iterations: usize) -> Self {
        self.micro_iterations = micro_iterations;
        self
    }

    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Validates the settings.
    pub fn check(&self) -> Result<HierarchicalValidParams> {
        check_cut(self.cut)?;
        if self.n_micro < 2 {
            return Err(HierarchicalError::InvalidMicroClusters { n_micro: self.n_micro });
        }
        if self.micro_iterations == 0 {
            return Err(HierarchicalError::InvalidMicroIterations { micro_iterations: 0 });
        }
        if self.max_rows_pairwise > PAIRWISE_CAP_LIMIT {
            return Err(HierarchicalError::PairwiseCapTooLarge {
                cap: self.max_rows_pairwise,
                limit: PAIRWISE_CAP_LIMIT,
            });
        }
        for (cap_name, cap) in [
            ("max_rows_ward_single", self.max_rows_ward_single),
            ("max_rows_pairwise", self.max_rows_pairwise),
        ] {
            if cap < self.n_micro {
                return Err(HierarchicalError::CapBelowMicro { cap_name, cap, n_micro: self.n_micro });
            }
        }
        Ok(HierarchicalValidParams(self.clone()))
    }
}

/// Checks a cut on its own (also used when re-cutting a fitted tree).
pub fn check_cut(cut: Cut) -> Result<()> {
    match cut {
        Cut::K(0) => Err(HierarchicalError::InvalidK { k: 0 }),
        Cut::Distance(t) if !(t.is_finite() && t >= 0.0) => {
            Err(HierarchicalError::InvalidThreshold { threshold: t })
        }
        _ => Ok(()),
    }
}

/// Settings that passed [`HierarchicalParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct HierarchicalValidParams(HierarchicalParams);

impl HierarchicalValidParams {
    /// The validated settings.
    pub fn get(&self) -> &HierarchicalParams {
        &self.0
    }

    /// The exact-row cap that applies to this linkage.
    pub fn exact_cap(&self) -> usize {
        match self.0.linkage {
            Linkage::Ward | Linkage::Single => self.0.max_rows_ward_single,
            Linkage::Complete | Linkage::Average => self.0.max_rows_pairwise,
        }
    }
}
