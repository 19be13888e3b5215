//! Options that choose the algorithm and its parameters (`--algo gmm --k 5 --covariance diag` …), applied on
//! top of the config; and the evaluation switches. Consensus options (`--members`, `--seeds`,
//! `--bootstrap-runs`, `--sample-cap`) mirror the fields of its config.

use clap::Args;
use segscope::engine::cluster::bayes_gmm::{BayesGmmParams, WeightPrior};
use segscope::engine::cluster::dbscan::DbscanParams;
use segscope::engine::cluster::gmm::{CovarianceType, GmmParams};
use segscope::engine::cluster::hierarchical::{HierarchicalParams, Linkage};
use segscope::engine::cluster::kmeans::{KMeansParams, MiniBatchKMeansParams};
use segscope::engine::cluster::kprototypes::KPrototypesParams;
use segscope::engine::pipeline::consensus::{ConsensusConfig, ConsensusMember};
use segscope::engine::pipeline::{AlgorithmConfig, PipelineConfig};

#[derive(Args, Debug, Default, Clone)]
pub struct AlgoArgs {
    /// kmeans|minibatch-kmeans|dbscan|hierarchical|gmm|bgmm|kprototypes|consensus (default kmeans, or the
    /// config's).
    #[arg(long, value_name = "ALGORITHM")]
    pub algo: Option<String>,
    /// Number of segments (for bgmm: the most components).
    #[arg(long)]
    pub k: Option<usize>,
    /// Restarts (k-means, GMM, BGMM, k-prototypes).
    #[arg(long)]
    pub n_init: Option<usize>,
    /// Iteration limit.
    #[arg(long)]
    pub max_iter: Option<usize>,
    /// k-means: skip the Hartigan refinement of each restart (plain Lloyd, as scikit-learn).
    #[arg(long)]
    pub no_refine: bool,
    /// DBSCAN neighbourhood radius (in the scaled feature space).
    #[arg(long)]
    pub eps: Option<f64>,
    /// DBSCAN: neighbours (the point included) that make a core point.
    #[arg(long)]
    pub min_samples: Option<usize>,
    /// Hierarchical: ward|complete|average|single.
    #[arg(long)]
    pub linkage: Option<String>,
    /// Hierarchical: cut the tree at this height instead of at k segments.
    #[arg(long)]
    pub distance_threshold: Option<f64>,
    /// GMM/BGMM covariance: full|diag|tied|spherical.
    #[arg(long)]
    pub covariance: Option<String>,
    /// BGMM: the most components (same as --k).
    #[arg(long)]
    pub max_components: Option<usize>,
    /// BGMM weight prior: dirichlet-process|dirichlet-distribution.
    #[arg(long)]
    pub prior: Option<String>,
    /// BGMM weight concentration prior (default 1 / components).
    #[arg(long)]
    pub weight_concentration: Option<f64>,
    /// k-prototypes: weight of a categorical mismatch (default half the mean numeric std).
    #[arg(long)]
    pub gamma: Option<f64>,
    /// Consensus: the member algorithms, comma-separated: kmeans,gmm,hierarchical (default all three).
    #[arg(long, value_delimiter = ',', value_name = "ALGORITHMS")]
    pub members: Vec<String>,
    /// Consensus: runs of each randomised member (k-means, gmm), each with its own seed (default 10).
    #[arg(long)]
    pub seeds: Option<usize>,
    /// Consensus: bootstrap replicates for each segment's stability (default 20; 0 = no stability).
    #[arg(long)]
    pub bootstrap_runs: Option<usize>,
    /// Consensus: customers up to which the co-association matrix is exact; above, a seeded sample of this
    /// many (default 3000, at most 8000).
    #[arg(long)]
    pub sample_cap: Option<usize>,
    /// Seed for every random choice (same seed, same segments).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Silhouette on a sample of this many rows (exact below it).
    #[arg(long)]
    pub silhouette_sample: Option<usize>,
    /// Skip the sweep over k (faster).
    #[arg(long)]
    pub no_sweep: bool,
    /// Skip the feature suggestions (faster).
    #[arg(long)]
    pub no_suggestions: bool,
}

fn covariance(text: &str) -> Result<CovarianceType, String> {
    serde_json::from_value(serde_json::Value::from(text.to_lowercase()))
        .map_err(|_| format!("--covariance expects full, diag, tied or spherical, got \"{text}\""))
}

impl AlgoArgs {
    /// Applies the options on top of `config`.
    pub fn apply(&self, config: &mut PipelineConfig) -> Result<(), String> {
        if let Some(0) = self.k {
            return Err("--k must be at least 1 (the number of segments)".into());
        }
        let k = self.k.or(self.max_components).or(config.k()).unwrap_or(4);
        if let Some(name) = &self.algo {
            config.algorithm = match name.to_lowercase().replace('_', "-").as_str() {
                "kmeans" | "k-means" => AlgorithmConfig::Kmeans(KMeansParams::default()),
                "minibatch-kmeans" | "mini-batch-kmeans" | "minibatch" => {
                    AlgorithmConfig::MiniBatchKmeans(MiniBatchKMeansParams::default())
                }
                "dbscan" => AlgorithmConfig::Dbscan(DbscanParams::default()),
                "hierarchical" | "agglomerative" => AlgorithmConfig::Hierarchical(HierarchicalParams::default()),
                "gmm" => AlgorithmConfig::Gmm(GmmParams::default()),
                "bgmm" | "bayes-gmm" => {
                    AlgorithmConfig::BayesGmm(BayesGmmParams { n_components: 10, ..BayesGmmParams::default() })
                }
                "kprototypes" | "k-prototypes" => AlgorithmConfig::Kprototypes(KPrototypesParams::default()),
                "consensus" => AlgorithmConfig::Consensus(ConsensusConfig::default()),
                other => return Err(format!("--algo: unknown algorithm \"{other}\" (kmeans, minibatch-kmeans, dbscan, hierarchical, gmm, bgmm, kprototypes, consensus)")),
            };
            if !matches!(config.algorithm, AlgorithmConfig::BayesGmm(_))
                || self.k.or(self.max_components).is_some()
            {
                config.algorithm.set_k(k);
            }
        } else if let Some(k) = self.k.or(self.max_components) {
            config.algorithm.set_k(k);
        }
        if let Some(seed) = self.seed {
            config.seed = seed;
        }
        match &mut config.algorithm {
            AlgorithmConfig::Kmeans(p) => {
                p.n_init = self.n_init.unwrap_or(p.n_init);
                p.max_iter = self.max_iter.unwrap_or(p.max_iter);
                p.refine &= !self.no_refine;
            }
            AlgorithmConfig::MiniBatchKmeans(p) => {
                p.n_init = self.n_init.unwrap_or(p.n_init);
                p.max_iter = self.max_iter.unwrap_or(p.max_iter);
            }
            AlgorithmConfig::Dbscan(p) => {
                p.eps = self.eps.unwrap_or(p.eps);
                p.min_samples = self.min_samples.unwrap_or(p.min_samples);
            }
            AlgorithmConfig::Hierarchical(p) => {
                if let Some(l) = &self.linkage {
                    p.linkage = match l.to_lowercase().as_str() {
                        "ward" => Linkage::Ward,
                        "complete" => Linkage::Complete,
                        "average" => Linkage::Average,
                        "single" => Linkage::Single,
                        other => {
                            return Err(format!(
                                "--linkage expects ward, complete, average or single, got \"{other}\""
                            ))
                        }
                    };
                }
                if let Some(t) = self.distance_threshold {
                    p.cut = segscope::engine::cluster::hierarchical::Cut::Distance(t);
                }
            }
            AlgorithmConfig::Gmm(p) => {
                p.n_init = self.n_init.unwrap_or(p.n_init);
                p.max_iter = self.max_iter.unwrap_or(p.max_iter);
                if let Some(c) = &self.covariance {
                    p.covariance_type = covariance(c)?;
                }
            }
            AlgorithmConfig::BayesGmm(p) => {
                p.n_init = self.n_init.unwrap_or(p.n_init);
                p.max_iter = self.max_iter.unwrap_or(p.max_iter);
                if let Some(c) = &self.covariance {
                    p.covariance_type = covariance(c)?;
                }
                if let Some(prior) = &self.prior {
                    p.weight_concentration_prior_type = match prior.to_lowercase().replace('_', "-").as_str()
                    {
                        "dirichlet-process" => WeightPrior::DirichletProcess,
                        "dirichlet-distribution" => WeightPrior::DirichletDistribution,
                        other => {
                            return Err(format!(
                            "--prior expects dirichlet-process or dirichlet-distribution, got \"{other}\""
                        ))
                        }
                    };
                }
                if self.weight_concentration.is_some() {
                    p.weight_concentration_prior = self.weight_concentration;
                }
            }
            AlgorithmConfig::Kprototypes(p) => {
                p.n_init = self.n_init.unwrap_or(p.n_init);
                p.max_iter = self.max_iter.unwrap_or(p.max_iter);
                if self.gamma.is_some() {
                    p.gamma = self.gamma;
                }
            }
            AlgorithmConfig::Consensus(p) => self.apply_consensus(p)?,
        }
        let consensus_only = !self.members.is_empty()
            || self.seeds.is_some()
            || self.bootstrap_runs.is_some()
            || self.sample_cap.is_some();
        if consensus_only && !matches!(config.algorithm, AlgorithmConfig::Consensus(_)) {
            return Err(format!(
                "--members, --seeds, --bootstrap-runs and --sample-cap apply to --algo consensus, not {}",
                config.algorithm.name()
            ));
        }
        if let Some(n) = self.silhouette_sample {
            config.evaluation.silhouette.sample_cap = n;
            config.evaluation.silhouette.sample_size = Some(n);
        }
        if self.no_sweep {
            config.evaluation.sweep = None;
        }
        if self.no_suggestions {
            config.evaluation.selection = None;
        }
        Ok(())
    }

    fn apply_consensus(&self, p: &mut ConsensusConfig) -> Result<(), String> {
        if !self.members.is_empty() {
            p.members = self
                .members
                .iter()
                .filter(|m| !m.trim().is_empty())
                .map(|m| {
                    ConsensusMember::from_name(m).ok_or_else(|| {
                        format!("--members expects kmeans, gmm or hierarchical, got \"{}\"", m.trim())
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        p.seeds = self.seeds.unwrap_or(p.seeds);
        p.bootstrap_runs = self.bootstrap_runs.unwrap_or(p.bootstrap_runs);
        p.sample_cap = self.sample_cap.unwrap_or(p.sample_cap);
        p.check().map_err(|e| format!("--algo consensus: {e}"))
    }
}
