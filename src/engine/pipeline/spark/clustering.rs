//! The clustering half of the Spark job: `build_clustering` with the MLlib estimator (KMeans, GaussianMixture,
//! BisectingKMeans) and its parameters, or the reason the job cannot run; notes for what Spark does differently.

use super::py;
use super::Notes;
use crate::engine::cluster::gmm::CovarianceType;
use crate::engine::cluster::hierarchical::{Cut, Linkage};
use crate::engine::pipeline::{AlgorithmConfig, PipelineConfig};
use std::fmt::Write;

/// Spark's maximum iterations for bisecting k-means (each bisection is a small k-means).
pub const BISECTING_MAX_ITER: usize = 20;

/// Restarts of Spark's GaussianMixture at least (the best log-likelihood is kept).
pub const MIXTURE_RESTARTS: usize = 4;

/// At most this many k-means runs (segscope's `n_init`, capped: each is a full Spark job); the lowest cost wins.
pub const KMEANS_RESTARTS: usize = 3;

/// Spark seeds are signed 64-bit: the config's u64 seed, bit for bit.
fn spark_seed(seed: u64) -> i64 {
    seed as i64
}

/// `SEED`, `UNSUPPORTED`, `RESTARTS`, `MIXTURE` and `build_clustering(features_col, mean_variance, seed, n_rows)`
/// for `config`'s algorithm; with the reason the job cannot run when the algorithm has no Spark equivalent.
pub fn clustering_section(config: &PipelineConfig, notes: &mut Notes) -> (String, Option<String>) {
    let seed = spark_seed(config.seed);
    let (estimator, unsupported) = estimator(&config.algorithm, notes);
    let restarts = restarts(&config.algorithm);
    let mixture = match &config.algorithm {
        AlgorithmConfig::Gmm(p) => Some((p.n_components, p.max_iter, p.tol, p.reg_covar)),
        AlgorithmConfig::BayesGmm(p) => Some((p.n_components, p.max_iter, p.tol, p.reg_covar)),
        _ => None,
    };
    let mut out = String::new();
    let _ = writeln!(out, "# The seed of the run (the config's `seed`, as Spark's signed 64-bit seed).");
    let _ = writeln!(out, "SEED = {seed}");
    let _ =
        writeln!(out, "# Set when the algorithm has no Spark equivalent: the job stops with this message.");
    let _ = writeln!(
        out,
        "UNSUPPORTED = {}",
        unsupported.as_ref().map(|u| py::string(u)).unwrap_or_else(|| "None".into())
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "# Fits with seeds SEED, SEED + 1, ...; the lowest k-means cost (highest mixture log-likelihood) wins."
    );
    let _ = writeln!(out, "RESTARTS = {restarts}");
    let _ = writeln!(
        out,
        "# Mixtures start from k-means, as in segscope (MLlib EM with an initial model); None otherwise."
    );
    match mixture {
        Some((k, max_iter, tol, reg)) => {
            let _ = writeln!(
                out,
                "MIXTURE = {{\"k\": {k}, \"max_iter\": {max_iter}, \"tol\": {}, \"reg_covar\": {}}}",
                py::float(tol),
                py::float(reg)
            );
        }
        None => {
            let _ = writeln!(out, "MIXTURE = None");
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "def build_clustering(features_col, mean_variance, seed, n_rows):");
    let _ = writeln!(
        out,
        "    \"\"\"The clustering estimator for the matrix's mean per-feature variance and row count.\"\"\""
    );
    for line in estimator {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(out);
    (out, unsupported)
}

fn kmeans(k: usize, max_iter: usize, tol: f64) -> Vec<String> {
    vec![
        "# segscope's tol is relative to the mean feature variance and bounds the summed squared centroid shift;".into(),
        "# Spark stops when every centroid moves less than tol, so the same bound is sqrt(tol * mean variance).".into(),
        format!("tol = math.sqrt({} * mean_variance) if mean_variance > 0 else {}", py::float(tol), py::float(tol)),
        format!(
            "return KMeans(featuresCol=features_col, predictionCol=\"prediction\", k={k}, seed=seed, maxIter={max_iter}, tol=tol, initMode=\"k-means||\", initSteps=2)"
        ),
    ]
}

fn gmm(k: usize, max_iter: usize, tol: f64) -> Vec<String> {
    vec![
        "# segscope's tol bounds the change of the mean log-likelihood per row, Spark's that of the total.".into(),
        format!(
            "return GaussianMixture(featuresCol=features_col, predictionCol=\"prediction\", k={k}, seed=seed, maxIter={max_iter}, tol={} * n_rows)",
            py::float(tol)
        ),
    ]
}

/// Restarts of a mixture: Spark starts each from random rows (segscope from k-means), so a few restarts keep it
/// out of poor local optima; at least [`MIXTURE_RESTARTS`], more when the config asks for more.
fn restarts(algo: &AlgorithmConfig) -> usize {
    match algo {
        AlgorithmConfig::Gmm(p) => p.n_init.max(MIXTURE_RESTARTS),
        AlgorithmConfig::BayesGmm(_) => MIXTURE_RESTARTS,
        AlgorithmConfig::Kmeans(p) => p.n_init.clamp(1, KMEANS_RESTARTS),
        _ => 1,
    }
}

fn stop(message: &str) -> (Vec<String>, Option<String>) {
    (vec![format!("raise SystemExit({})", py::string(message))], Some(message.to_string()))
}

fn estimator(algo: &AlgorithmConfig, notes: &mut Notes) -> (Vec<String>, Option<String>) {
    match algo {
        AlgorithmConfig::Kmeans(p) => {
            if p.n_init > 1 {
                notes.approximate(&format!(
                    "k-means: Spark runs {} k-means|| initialisations (the lowest cost wins), not {} k-means++ restarts",
                    p.n_init.min(KMEANS_RESTARTS),
                    p.n_init
                ));
            }
            (kmeans(p.n_clusters, p.max_iter, p.tol), None)
        }
        AlgorithmConfig::MiniBatchKmeans(p) => {
            notes.approximate("mini-batch k-means runs as Spark's full-batch KMeans (same k)");
            (kmeans(p.n_clusters, p.max_iter.max(20), p.tol), None)
        }
        AlgorithmConfig::Gmm(p) => {
            if p.covariance_type != CovarianceType::Full {
                notes.not_exported(&format!(
                    "Gaussian mixture covariance type {:?}: Spark's GaussianMixture has full covariances only",
                    p.covariance_type
                ));
            }
            notes.approximate("Gaussian mixture: EM (pyspark.mllib) started from Spark k-means segments with diagonal covariances; \
                 when k-means leaves a component empty, the best of RESTARTS random starts of GaussianMixture");
            (gmm(p.n_components, p.max_iter, p.tol), None)
        }
        AlgorithmConfig::BayesGmm(p) => {
            notes.not_exported(&format!(
                "Bayesian Gaussian mixture: Spark has none; the job fits a GaussianMixture with all {} components",
                p.n_components
            ));
            (gmm(p.n_components, p.max_iter, p.tol), None)
        }
        AlgorithmConfig::Hierarchical(p) => match p.cut {
            Cut::K(k) => {
                let linkage = match p.linkage {
                    Linkage::Ward => "Ward",
                    Linkage::Complete => "complete",
                    Linkage::Average => "average",
                    Linkage::Single => "single",
                };
                notes.not_exported(&format!(
                    "hierarchical clustering ({linkage} linkage): Spark has no agglomerative clustering; the job uses \
                     BisectingKMeans (divisive, k = {k}), whose segments are close to Ward's on compact groups"
                ));
                let line = format!(
                    "return BisectingKMeans(featuresCol=features_col, predictionCol=\"prediction\", k={k}, seed=seed, maxIter={BISECTING_MAX_ITER}, minDivisibleClusterSize=1.0)"
                );
                (vec![line], None)
            }
            Cut::Distance(t) => {
                let message = format!(
                    "hierarchical clustering cut at distance {t}: Spark has no dendrogram to cut; set a number of \
                     segments (cut k) and export again"
                );
                notes.not_exported(&message);
                stop(&message)
            }
        },
        AlgorithmConfig::Dbscan(_) => {
            let message =
                "DBSCAN: Spark MLlib has no density-based clustering; choose k-means, a Gaussian mixture or \
                           hierarchical (bisecting k-means) to export";
            notes.not_exported(message);
            stop(message)
        }
        AlgorithmConfig::Consensus(p) => {
            let message = format!(
                "consensus clustering ({}): Spark MLlib has no consensus of several clusterings; export one \
                 of its members instead (k-means, a Gaussian mixture or hierarchical as bisecting k-means)",
                p.describe()
            );
            notes.not_exported(&message);
            stop(&message)
        }
        AlgorithmConfig::Kprototypes(p) => {
            notes.not_exported(&format!(
                "k-prototypes: Spark has none; the job runs KMeans (k = {}) on the one-hot encoded categories",
                p.n_clusters
            ));
            (kmeans(p.n_clusters, p.max_iter, 1e-4), None)
        }
    }
}
