//! The clustering step of a pipeline: which algorithm with which params ([`AlgorithmConfig`]), one fitted-model
//! type for all of them ([`FittedModel`]), and the numbers each algorithm adds for charts ([`ClusterExtras`]).
//!
//! Segments are renumbered 0, 1, … by decreasing size (ties by the algorithm's own order), so "Segment 1" is
//! always the largest; the renumbering is stored in the model so that `predict` gives the same numbers.

use super::consensus::{self, ConsensusConfig, ConsensusConfigError, ConsensusExtras};
use crate::engine::cluster::bayes_gmm::{BayesGmmError, BayesGmmParams, FittedBayesGmm};
use crate::engine::cluster::consensus::{ConsensusError, FittedConsensus};
use crate::engine::cluster::dbscan::{self, DbscanError, DbscanModel, DbscanParams, KDistanceCurve};
use crate::engine::cluster::gmm::{FittedGmm, GmmError, GmmParams};
use crate::engine::cluster::hierarchical::{
    Cut, Dendrogram, HierarchicalError, HierarchicalModel, HierarchicalParams,
};
use crate::engine::cluster::kmeans::{
    FittedKMeans, KMeansError, KMeansParams, MiniBatchKMeansParams, Restarts,
};
use crate::engine::cluster::kprototypes::{FittedKPrototypes, KPrototypesError, KPrototypesParams};
use crate::engine::cluster::{FitInfo, Predict, NOISE};
use crate::engine::progress::{Cancelled, Monitor};
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// The algorithm and its parameters. The pipeline's `seed` overrides each params' own seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlgorithmConfig {
    Kmeans(KMeansParams),
    MiniBatchKmeans(MiniBatchKMeansParams),
    Dbscan(DbscanParams),
    Hierarchical(HierarchicalParams),
    Gmm(GmmParams),
    BayesGmm(BayesGmmParams),
    Kprototypes(KPrototypesParams),
    /// Several members and seeds combined by co-association (see [`super::consensus`]).
    Consensus(ConsensusConfig),
}

impl Default for AlgorithmConfig {
    fn default() -> Self {
        AlgorithmConfig::Kmeans(KMeansParams::default().with_n_clusters(4))
    }
}

impl AlgorithmConfig {
    /// The number of segments asked for, when the algorithm takes one (DBSCAN does not; for the Bayesian
    /// mixture it is the upper bound).
    pub fn k(&self) -> Option<usize> {
        match self {
            AlgorithmConfig::Kmeans(p) => Some(p.n_clusters),
            AlgorithmConfig::MiniBatchKmeans(p) => Some(p.n_clusters),
            AlgorithmConfig::Dbscan(_) => None,
            AlgorithmConfig::Hierarchical(p) => match p.cut {
                Cut::K(k) => Some(k),
                Cut::Distance(_) => None,
            },
            AlgorithmConfig::Gmm(p) => Some(p.n_components),
            AlgorithmConfig::BayesGmm(p) => Some(p.n_components),
            AlgorithmConfig::Kprototypes(p) => Some(p.n_clusters),
            AlgorithmConfig::Consensus(p) => Some(p.n_clusters),
        }
    }

    /// Sets the number of segments where the algorithm takes one.
    pub fn set_k(&mut self, k: usize) {
        match self {
            AlgorithmConfig::Kmeans(p) => p.n_clusters = k,
            AlgorithmConfig::MiniBatchKmeans(p) => p.n_clusters = k,
            AlgorithmConfig::Dbscan(_) => {}
            AlgorithmConfig::Hierarchical(p) => p.cut = Cut::K(k),
            AlgorithmConfig::Gmm(p) => p.n_components = k,
            AlgorithmConfig::BayesGmm(p) => p.n_components = k,
            AlgorithmConfig::Kprototypes(p) => p.n_clusters = k,
            AlgorithmConfig::Consensus(p) => p.n_clusters = k,
        }
    }

    /// The short name used in the UI, the CLI (`--algo`) and reports.
    pub fn name(&self) -> &'static str {
        match self {
            AlgorithmConfig::Kmeans(_) => "kmeans",
            AlgorithmConfig::MiniBatchKmeans(_) => "minibatch-kmeans",
            AlgorithmConfig::Dbscan(_) => "dbscan",
            AlgorithmConfig::Hierarchical(_) => "hierarchical",
            AlgorithmConfig::Gmm(_) => "gmm",
            AlgorithmConfig::BayesGmm(_) => "bgmm",
            AlgorithmConfig::Kprototypes(_) => "kprototypes",
            AlgorithmConfig::Consensus(_) => "consensus",
        }
    }

    /// Every algorithm with its default parameters, in the order the UI lists them.
    pub fn all() -> Vec<AlgorithmConfig> {
        vec![
            AlgorithmConfig::default(),
            AlgorithmConfig::MiniBatchKmeans(MiniBatchKMeansParams::default().with_n_clusters(4)),
            AlgorithmConfig::Dbscan(DbscanParams::default()),
            AlgorithmConfig::Hierarchical(HierarchicalParams::default().with_k(4)),
            AlgorithmConfig::Gmm(GmmParams::default().with_n_components(4)),
            AlgorithmConfig::BayesGmm(BayesGmmParams::default()),
            AlgorithmConfig::Kprototypes(KPrototypesParams::default().with_n_clusters(4)),
            AlgorithmConfig::Consensus(ConsensusConfig::default().with_n_clusters(4)),
        ]
    }

    /// The algorithm called `name` (its short name, with `-` or `_`), with default parameters.
    pub fn from_name(name: &str) -> Option<AlgorithmConfig> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        AlgorithmConfig::all().into_iter().find(|a| a.name() == wanted)
    }

    /// True for k-prototypes, which keeps categorical features as categories instead of one-hot columns.
    pub fn wants_raw_categories(&self) -> bool {
        matches!(self, AlgorithmConfig::Kprototypes(_))
    }

    /// A copy whose seed is `seed`.
    pub fn with_seed(&self, seed: u64) -> AlgorithmConfig {
        let mut c = self.clone();
        match &mut c {
            AlgorithmConfig::Kmeans(p) => p.seed = seed,
            AlgorithmConfig::MiniBatchKmeans(p) => p.seed = seed,
            AlgorithmConfig::Dbscan(p) => p.seed = seed,
            AlgorithmConfig::Hierarchical(p) => p.seed = seed,
            AlgorithmConfig::Gmm(p) => p.seed = seed,
            AlgorithmConfig::BayesGmm(p) => p.seed = seed,
            AlgorithmConfig::Kprototypes(p) => p.seed = seed,
            AlgorithmConfig::Consensus(p) => p.seed = seed,
        }
        c
    }
}

/// A clustering that failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    #[error("k-means: {0}")]
    Kmeans(#[from] KMeansError),
    #[error("DBSCAN: {0}")]
    Dbscan(#[from] DbscanError),
    #[error("hierarchical clustering: {0}")]
    Hierarchical(#[from] HierarchicalError),
    #[error("Gaussian mixture: {0}")]
    Gmm(#[from] GmmError),
    #[error("Bayesian Gaussian mixture: {0}")]
    BayesGmm(#[from] BayesGmmError),
    #[error("k-prototypes: {0}")]
    Kprototypes(#[from] KPrototypesError),
    #[error("consensus: {0}")]
    Consensus(#[from] ConsensusError),
    #[error("consensus: {0}")]
    ConsensusConfig(#[from] ConsensusConfigError),
    #[error("k-prototypes needs at least one categorical feature kept as categories")]
    NoCategories,
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Any fitted model, with the renumbering of its raw labels into segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedModel {
    pub model: AnyModel,
    /// `segment_of[raw label]` = segment number (or −1); raw labels are the algorithm's own.
    pub segment_of: Vec<i32>,
}

/// The algorithm-specific fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnyModel {
    Kmeans(FittedKMeans),
    Dbscan(DbscanModel),
    Hierarchical(HierarchicalModel),
    Gmm(FittedGmm),
    BayesGmm(FittedBayesGmm),
    Kprototypes(FittedKPrototypes),
    /// Consensus: nearest segment centre.
    Consensus(FittedConsensus),
}

impl FittedModel {
    /// Segments of new rows (numeric matrix, plus categorical codes for k-prototypes).
    pub fn predict(
        &self,
        x: ArrayView2<f64>,
        categorical: Option<ArrayView2<u32>>,
    ) -> Result<Vec<i32>, ClusterError> {
        let raw = match &self.model {
            AnyModel::Kmeans(m) => m.predict(x),
            AnyModel::Dbscan(m) => m.try_predict(x)?,
            AnyModel::Hierarchical(m) => m.try_predict(x)?,
            AnyModel::Gmm(m) => m.predict(x),
            AnyModel::BayesGmm(m) => m.predict(x),
            AnyModel::Kprototypes(m) => match categorical {
                Some(c) => m.predict_mixed(x, c)?,
                None => return Err(ClusterError::NoCategories),
            },
            AnyModel::Consensus(m) => m.try_predict(x)?,
        };
        Ok(raw.into_iter().map(|l| self.segment(l)).collect())
    }

    /// The segment of a raw label.
    pub fn segment(&self, raw: i32) -> i32 {
        if raw < 0 {
            NOISE
        } else {
            self.segment_of.get(raw as usize).copied().unwrap_or(NOISE)
        }
    }
}

/// What an algorithm adds for charts and reports, beyond labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterExtras {
    /// k-means / mini-batch: sum of squared distances to the centroids.
    pub inertia: Option<f64>,
    /// Mixtures: BIC, AIC and mean log-likelihood per row (scikit-learn's `score`).
    pub bic: Option<f64>,
    pub aic: Option<f64>,
    pub mean_log_likelihood: Option<f64>,
    /// Mixtures: component weights by segment number (components that got no rows come last).
    pub weights: Option<Vec<f64>>,
    /// Bayesian mixture: components with weight > 1%.
    pub effective_components: Option<usize>,
    /// DBSCAN: the k-distance curve with its knee, and the noise count.
    pub k_distance: Option<KDistanceCurve>,
    pub n_noise: Option<usize>,
    /// Hierarchical: the dendrogram of the last merges and the height of the cut.
    pub dendrogram: Option<Dendrogram>,
    pub cut_height: Option<f64>,
    /// k-prototypes: cost per iteration.
    pub cost_history: Option<Vec<f64>>,
    /// Consensus: member runs, sampling, and each segment's bootstrap stability.
    pub consensus: Option<ConsensusExtras>,
}

/// A clustering: segment per row, the model, how the fit went, and the extras.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOutcome {
    pub labels: Vec<i32>,
    pub model: FittedModel,
    pub info: FitInfo,
    pub extras: ClusterExtras,
}

/// The height of a horizontal line through the dendrogram that separates the segments: halfway between the
/// last merge kept and the first merge undone (merges are sorted by height).
pub fn cut_height(merges: &[crate::engine::cluster::hierarchical::Merge], labels: &[i32]) -> Option<f64> {
    let k = labels.iter().filter(|&&l| l >= 0).collect::<std::collections::BTreeSet<_>>().len();
    let kept = merges.len().checked_sub(k.checked_sub(1)?)?;
    let below = if kept == 0 { 0.0 } else { merges[kept - 1].height };
    let above = merges.get(kept).map(|m| m.height).unwrap_or(below * 1.05 + 1e-9);
    Some((below + above) / 2.0)
}

/// Renumbers raw labels into segments by decreasing size; returns (segment per row, segment of raw label).
pub fn renumber(raw: &[i32]) -> (Vec<i32>, Vec<i32>) {
    let max = raw.iter().copied().max().unwrap_or(-1);
    let mut sizes = vec![0usize; (max + 1).max(0) as usize];
    for &l in raw.iter().filter(|&&l| l >= 0) {
        sizes[l as usize] += 1;
    }
    let mut order: Vec<usize> = (0..sizes.len()).filter(|&l| sizes[l] > 0).collect();
    order.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(a.cmp(&b)));
    let mut segment_of = vec![NOISE; sizes.len()];
    for (segment, &l) in order.iter().enumerate() {
        segment_of[l] = segment as i32;
    }
    let labels = raw.iter().map(|&l| if l < 0 { NOISE } else { segment_of[l as usize] }).collect();
    (labels, segment_of)
}

/// Fits `config` (with `seed`) to `x`; `categorical` holds the raw categories for k-prototypes.
pub fn fit(
    config: &AlgorithmConfig,
    seed: u64,
    x: ArrayView2<f64>,
    categorical: Option<ArrayView2<u32>>,
    monitor: &mut dyn Monitor,
) -> Result<ClusterOutcome, ClusterError> {
    fit_with(config, seed, x, categorical, None, monitor)
}

/// A k-means fit's restarts, computed elsewhere (the browser's worker pool), and the clock when they began.
pub struct KMeansRestarts {
    pub parts: Vec<Restarts>,
    pub start_ms: f64,
}

/// [`fit`], with the restarts of a k-means fit already run (see [`KMeansRestarts`]; ignored for other
/// algorithms).
pub fn fit_with(
    config: &AlgorithmConfig,
    seed: u64,
    x: ArrayView2<f64>,
    categorical: Option<ArrayView2<u32>>,
    restarts: Option<KMeansRestarts>,
    monitor: &mut dyn Monitor,
) -> Result<ClusterOutcome, ClusterError> {
    let mut extras = ClusterExtras::default();
    let (raw, model, info, weights) = match config.with_seed(seed) {
        AlgorithmConfig::Kmeans(p) => {
            let p = p.check()?;
            let f = match restarts {
                Some(r) => p.fit_from_restarts(x, None, r.parts, r.start_ms, monitor)?,
                None => p.fit(x, monitor)?,
            };
            extras.inertia = Some(f.inertia);
            (f.labels, AnyModel::Kmeans(f.model), f.info, None)
        }
        AlgorithmConfig::MiniBatchKmeans(p) => {
            let f = p.check()?.fit(x, monitor)?;
            extras.inertia = Some(f.inertia);
            (f.labels, AnyModel::Kmeans(f.model), f.info, None)
        }
        AlgorithmConfig::Dbscan(p) => {
            let valid = p.check()?;
            let f = valid.fit(x, monitor)?;
            extras.n_noise = Some(f.n_noise);
            extras.k_distance = Some(dbscan::k_distance_curve(x, valid.min_samples(), monitor)?);
            (f.labels, AnyModel::Dbscan(f.model), f.info, None)
        }
        AlgorithmConfig::Hierarchical(p) => {
            let f = p.check()?.fit(x, monitor)?;
            extras.dendrogram = Some(f.model.dendrogram(30));
            extras.cut_height = cut_height(&f.model.merges, &f.labels);
            (f.labels, AnyModel::Hierarchical(f.model), f.info, None)
        }
        AlgorithmConfig::Gmm(p) => {
            let f = p.check()?.fit(x, monitor)?;
            extras.bic = Some(f.bic);
            extras.aic = Some(f.aic);
            extras.mean_log_likelihood = Some(f.score);
            let w = f.weights().to_vec();
            (f.labels, AnyModel::Gmm(f.model), f.info, Some(w))
        }
        AlgorithmConfig::BayesGmm(p) => {
            let f = p.check()?.fit(x, monitor)?;
            extras.effective_components = Some(f.effective_components);
            let w = f.weights().to_vec();
            (f.labels, AnyModel::BayesGmm(f.model), f.info, Some(w))
        }
        AlgorithmConfig::Kprototypes(p) => {
            let Some(categorical) = categorical else { return Err(ClusterError::NoCategories) };
            let f = p.check()?.fit(x, categorical, monitor)?;
            extras.cost_history = Some(f.cost_history.clone());
            (f.labels, AnyModel::Kprototypes(f.model), f.info, None)
        }
        AlgorithmConfig::Consensus(p) => {
            let f = consensus::fit(&p, x, monitor)?;
            extras.consensus = Some(f.extras);
            (f.labels, AnyModel::Consensus(f.model), f.info, None)
        }
    };
    let (labels, mut segment_of) = renumber(&raw);
    if let Some(c) = &mut extras.consensus {
        c.renumber(&segment_of);
    }
    if let Some(w) = weights {
        // Weights by segment number; components that received no rows keep their weight, after the others.
        segment_of.resize(w.len(), NOISE);
        let mut by_segment: Vec<(i32, f64)> =
            w.iter().enumerate().map(|(c, &wc)| (segment_of[c], wc)).collect();
        by_segment.sort_by(|a, b| match (a.0 < 0, b.0 < 0) {
            (false, false) => a.0.cmp(&b.0),
            (true, true) => b.1.total_cmp(&a.1),
            (x, y) => x.cmp(&y),
        });
        extras.weights = Some(by_segment.into_iter().map(|(_, wc)| wc).collect());
    }
    Ok(ClusterOutcome { labels, model: FittedModel { model, segment_of }, info, extras })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbering_orders_segments_by_size() {
        let (labels, map) = renumber(&[2, 2, 0, -1, 2, 0, 5]);
        assert_eq!(labels, vec![0, 0, 1, -1, 0, 1, 2]);
        assert_eq!(map, vec![1, -1, 0, -1, -1, 2]);
        assert_eq!(renumber(&[]).0, Vec::<i32>::new());
        assert_eq!(renumber(&[-1, -1]).0, vec![-1, -1]);
    }

    #[test]
    fn every_short_name_finds_its_algorithm() {
        for a in AlgorithmConfig::all() {
            assert_eq!(AlgorithmConfig::from_name(a.name()).map(|b| b.name()), Some(a.name()));
            assert_eq!(
                AlgorithmConfig::from_name(&a.name().replace('-', "_")).map(|b| b.name()),
                Some(a.name())
            );
        }
        assert_eq!(AlgorithmConfig::all().len(), 8);
        assert!(AlgorithmConfig::from_name("minibatch_kmeans").is_some());
        assert!(AlgorithmConfig::from_name("spectral").is_none());
    }

    #[test]
    fn config_json_is_tagged_and_strict() {
        let c = AlgorithmConfig::default();
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"kind\":\"kmeans\""), "{json}");
        assert_eq!(serde_json::from_str::<AlgorithmConfig>(&json).unwrap(), c);
        assert!(serde_json::from_str::<AlgorithmConfig>(r#"{"kind":"kmeans","n_clustrs":3}"#).is_err());
        let d: AlgorithmConfig = serde_json::from_str(r#"{"kind":"dbscan","eps":0.5}"#).unwrap();
        assert_eq!(d.k(), None);
    }
}
