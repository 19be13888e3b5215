//! The Spark job generator (`engine::pipeline::spark`): for each algorithm and preprocessing choice, the job
//! holds the right MLlib stages and parameters, the header lists what is not exported, and the text is valid
//! Python (checked with `python3`'s parser when it is installed). `make test-spark` runs the jobs for real.

use segscope::engine::cluster::dbscan::DbscanParams;
use segscope::engine::cluster::gmm::{CovarianceType, GmmParams};
use segscope::engine::cluster::hierarchical::{Cut, HierarchicalParams};
use segscope::engine::cluster::kmeans::{KMeansParams, MiniBatchKMeansParams};
use segscope::engine::pipeline::spark::{read_as, spark_job, SparkJob};
use segscope::engine::pipeline::{AlgorithmConfig, DataMode, PipelineConfig, SegmentEdit};
use segscope::engine::prep::{
    Detector, EncodeConfig, Encoding, FillValue, Impute, ImputeConfig, IsolationForestParams, OrderBy,
    OrdinalOrder, OutlierAction, OutlierConfig, OutlierRule, RowAction, Scaling, Transform,
};
use segscope::engine::progress::Silent;
use segscope::engine::table::{ColumnKind, ColumnRole, IngestOptions};
use std::process::Command;

fn config(algorithm: AlgorithmConfig) -> PipelineConfig {
    PipelineConfig { seed: 7, algorithm, ..PipelineConfig::default() }
}

fn has(job: &SparkJob, needles: &[&str]) {
    for n in needles {
        assert!(job.script.contains(n), "job lacks {n:?}:\n{}", job.script);
    }
}

fn noted(job: &SparkJob, words: &str) {
    assert!(
        job.not_exported.iter().any(|n| n.contains(words)),
        "no note with {words:?}: {:?}",
        job.not_exported
    );
    let header: String = job.script.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
    assert!(header.contains(words), "header lacks {words:?}:\n{header}");
}

/// Parses the job with python3's `ast` module; prints a note and passes when python3 is not installed.
fn python_parses(job: &SparkJob, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("spark_export");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, &job.script).unwrap();
    let out = Command::new("python3")
        .args(["-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())"])
        .arg(&path)
        .output();
    match out {
        Err(_) => println!("python3 is not installed: the syntax check of {name}.py is skipped"),
        Ok(o) => assert!(
            o.status.success(),
            "{name}.py is not valid Python: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
    }
}

#[test]
fn kmeans_job_has_the_stages_and_params() {
    let mut c = config(AlgorithmConfig::Kmeans(KMeansParams::new(5).with_max_iter(150).with_tol(1e-3)));
    c.prep.features = Some(vec!["recency".into(), "spend \"eur\"".into()]);
    let job = spark_job(&c);
    has(
        &job,
        &[
            "KMeans(featuresCol=features_col, predictionCol=\"prediction\", k=5, seed=seed, maxIter=150, tol=tol, initMode=\"k-means||\"",
            "math.sqrt(0.001 * mean_variance)",
            "StandardScaler(inputCol=col, outputCol=out, withMean=True, withStd=True)",
            "IMPUTE_DEFAULT = (\"mean\",)",
            "FEATURES = [\"recency\", \"spend \\\"eur\\\"\"]",
            "UNSUPPORTED = None",
            "SEED = 7",
            "RESTARTS = 3",
            "MIXTURE = None",
            "OneHotEncoder(",
            "StringIndexer(",
            "Imputer(inputCols=cols, outputCols=outs, strategy=strategy)",
            "PIPELINE_CONFIG = ",
            "if __name__ == \"__main__\":",
        ],
    );
    assert!(job.not_exported.is_empty(), "{:?}", job.not_exported);
    assert!(job.script.contains("#   (none)"));
    assert!(job.approximations.iter().any(|a| a.contains("k-means||")));
    python_parses(&job, "kmeans");
}

#[test]
fn minibatch_runs_as_full_kmeans() {
    let p = MiniBatchKMeansParams { n_clusters: 3, ..MiniBatchKMeansParams::default() };
    let job = spark_job(&config(AlgorithmConfig::MiniBatchKmeans(p)));
    has(&job, &["KMeans(featuresCol=features_col", "k=3,"]);
    assert!(job.approximations.iter().any(|a| a.contains("mini-batch")));
    python_parses(&job, "minibatch");
}

#[test]
fn gmm_job_and_its_covariance_note() {
    let p = GmmParams { n_components: 4, max_iter: 80, tol: 1e-3, ..GmmParams::default() };
    let job = spark_job(&config(AlgorithmConfig::Gmm(p.clone())));
    has(&job, &["GaussianMixture(featuresCol=features_col, predictionCol=\"prediction\", k=4, seed=seed, maxIter=80, tol=0.001 * n_rows)", "RESTARTS = 4", "SEED = 7", "MIXTURE = {\"k\": 4, \"max_iter\": 80, \"tol\": 0.001, \"reg_covar\": 1e-6}"]);
    assert!(job.not_exported.is_empty());
    python_parses(&job, "gmm");
    let diag =
        spark_job(&config(AlgorithmConfig::Gmm(GmmParams { covariance_type: CovarianceType::Diag, ..p })));
    noted(&diag, "covariance type Diag");
}

#[test]
fn bayesian_mixture_falls_back_with_a_note() {
    let p = serde_json::from_str(r#"{"n_components": 6}"#).unwrap();
    let job = spark_job(&config(AlgorithmConfig::BayesGmm(p)));
    has(&job, &["GaussianMixture(", "k=6,"]);
    noted(&job, "Bayesian Gaussian mixture");
    python_parses(&job, "bgmm");
}

#[test]
fn hierarchical_becomes_bisecting_kmeans_with_a_note() {
    let p = HierarchicalParams { cut: Cut::K(4), ..HierarchicalParams::default() };
    let job = spark_job(&config(AlgorithmConfig::Hierarchical(p.clone())));
    has(
        &job,
        &["BisectingKMeans(featuresCol=features_col, predictionCol=\"prediction\", k=4, seed=seed, maxIter=20"],
    );
    noted(&job, "BisectingKMeans");
    python_parses(&job, "hierarchical");
    let cut = spark_job(&config(AlgorithmConfig::Hierarchical(HierarchicalParams {
        cut: Cut::Distance(2.5),
        ..p
    })));
    noted(&cut, "cut at distance 2.5");
    has(&cut, &["UNSUPPORTED = \"hierarchical clustering cut at distance 2.5", "raise SystemExit("]);
    python_parses(&cut, "hierarchical_distance");
}

#[test]
fn consensus_is_not_exported_and_the_job_says_why() {
    let c = segscope::engine::pipeline::consensus::ConsensusConfig::default();
    let job = spark_job(&config(AlgorithmConfig::Consensus(c)));
    noted(&job, "consensus clustering (k-means × 10, Gaussian mixture × 10, Ward hierarchical × 1)");
    has(&job, &["UNSUPPORTED = \"consensus clustering", "raise SystemExit("]);
    assert!(job.unsupported.as_deref().is_some_and(|u| u.contains("no consensus")), "{:?}", job.unsupported);
    assert!(!job.script.contains("return KMeans("), "no estimator for a consensus");
    python_parses(&job, "consensus");
    let kmeans = spark_job(&config(AlgorithmConfig::default()));
    assert_eq!(kmeans.unsupported, None);
}

#[test]
fn dbscan_and_kprototypes_are_not_exported() {
    let job = spark_job(&config(AlgorithmConfig::Dbscan(DbscanParams::default())));
    noted(&job, "DBSCAN");
    has(&job, &["UNSUPPORTED = \"DBSCAN"]);
    assert!(job.unsupported.is_some());
    assert!(!job.script.contains("return KMeans("), "no estimator for DBSCAN");
    python_parses(&job, "dbscan");
    let p = serde_json::from_str(r#"{"n_clusters": 3}"#).unwrap();
    let mut c = config(AlgorithmConfig::Kprototypes(p));
    c.prep.encode = EncodeConfig::default().with_default(Encoding::Raw);
    let job = spark_job(&c);
    noted(&job, "k-prototypes");
    noted(&job, "raw categories");
    has(&job, &["KMeans(featuresCol=features_col", "k=3,"]);
    python_parses(&job, "kprototypes");
}

#[test]
fn imputation_outliers_and_transforms() {
    let mut c = config(AlgorithmConfig::default());
    c.prep.impute = ImputeConfig::default()
        .with_default(Impute::Median)
        .with_column("age", Impute::Knn)
        .with_column("city", Impute::Constant { value: Some(FillValue::Text("unknown".into())) })
        .with_column("income", Impute::Drop)
        .with_missing_indicators(true);
    c.prep.outliers = OutlierConfig::default()
        .with_default(OutlierRule::iqr(1.5, OutlierAction::Clip))
        .with_column("spend", OutlierRule::z_score(3.0, OutlierAction::Remove))
        .with_column("visits", OutlierRule::mad(3.5, OutlierAction::Flag))
        .with_multivariate(Detector::IsolationForest(IsolationForestParams::default()), RowAction::Remove);
    c.prep.transforms.insert("spend".into(), Transform::Log1p { negatives: Default::default() });
    c.prep.transforms.insert("income".into(), Transform::YeoJohnson);
    c.prep.transforms.insert("tenure".into(), Transform::QuantileBins { n_bins: 4 });
    let job = spark_job(&c);
    has(
        &job,
        &[
            "IMPUTE_DEFAULT = (\"median\",)",
            "\"age\": (\"mean\",),",
            "\"city\": (\"constant\", \"unknown\"),",
            "\"income\": (\"drop\",),",
            "MISSING_INDICATORS = True",
            "OUTLIER_DEFAULT = (\"iqr\", 1.5, \"clip\")",
            "\"spend\": (\"z_score\", 3.0, \"remove\"),",
            "\"spend\": (\"log1p\", \"skip\"),",
            "\"tenure\": (\"quantile_bins\", 4),",
            "QuantileDiscretizer(inputCol=col, outputCol=out, numBuckets=n_bins",
            "log1p(greatest(",
        ],
    );
    assert!(!job.script.contains("\"income\": (\"yeo"), "Yeo-Johnson must not reach the settings");
    noted(&job, "k-NN imputation (age)");
    noted(&job, "Yeo-Johnson transform (income)");
    noted(&job, "Isolation Forest");
    noted(&job, "flagging outliers (visits)");
    assert!(job.approximations.iter().any(|a| a.contains("median imputation")));
    python_parses(&job, "prep_mix");
}

#[test]
fn scalers_and_encodings() {
    let expected = [
        (Scaling::Standard, "StandardScaler(inputCol=col, outputCol=out, withMean=True, withStd=True)"),
        (Scaling::MinMax, "MinMaxScaler(inputCol=col, outputCol=out, min=0.0, max=1.0)"),
        (Scaling::Robust, "RobustScaler(inputCol=col, outputCol=out, lower=0.25, upper=0.75"),
        (Scaling::MaxAbs, "MaxAbsScaler(inputCol=col, outputCol=out)"),
        (Scaling::None, "def build_scaler(col, out):\n    return None"),
    ];
    for (scale, stage) in expected {
        let mut c = config(AlgorithmConfig::default());
        c.prep.scale = scale;
        c.prep.scale_encoded = scale == Scaling::MaxAbs;
        c.prep.encode = EncodeConfig::default()
            .with_min_share(0.05)
            .with_max_columns(8)
            .with_column(
                "size",
                Encoding::Ordinal { order: OrdinalOrder::Listed(vec!["s".into(), "m".into()]) },
            )
            .with_column("tier", Encoding::Ordinal { order: OrdinalOrder::By(OrderBy::Frequency) });
        let job = spark_job(&c);
        has(
            &job,
            &[
                stage,
                "MIN_SHARE = 0.05",
                "MAX_COLUMNS = 8",
                "\"size\": (\"ordinal\", [\"s\", \"m\"]),",
                "\"tier\": (\"ordinal\", \"frequency\"),",
            ],
        );
        assert_eq!(job.script.contains("SCALE_ENCODED = True"), scale == Scaling::MaxAbs);
        python_parses(&job, &format!("scale_{scale:?}"));
    }
}

#[test]
fn ingest_mode_and_segment_edits() {
    let mut c = config(AlgorithmConfig::default());
    c.ingest = IngestOptions::default()
        .with_delimiter(';')
        .with_column_role("customer", ColumnRole::Id)
        .with_column_role("notes", ColumnRole::Ignore)
        .with_column_kind("zip", ColumnKind::Categorical)
        .with_decimal_comma(true);
    c.mode = DataMode::Transactions(Box::default());
    c.segments.edits.push(SegmentEdit::Merge { a: 0, b: 1 });
    let job = spark_job(&c);
    has(
        &job,
        &[
            "CSV_DELIMITER = \";\"",
            "EXCLUDED = [\"customer\", \"notes\"]",
            "\"zip\": \"categorical\",",
            "FEATURES = None",
        ],
    );
    noted(&job, "decimal commas");
    noted(&job, "transaction mode");
    noted(&job, "segment edits (1 merges/splits)");
    python_parses(&job, "ingest_edits");
}

#[test]
fn generation_is_deterministic_and_records_the_config() {
    let c = config(AlgorithmConfig::default());
    let a = spark_job(&c);
    assert_eq!(a, spark_job(&c));
    let line = a.script.lines().find(|l| l.starts_with("PIPELINE_CONFIG = ")).unwrap();
    let literal: String = serde_json::from_str(line.trim_start_matches("PIPELINE_CONFIG = ")).unwrap();
    assert_eq!(PipelineConfig::from_json(&literal).unwrap(), c);
}

#[test]
fn the_apps_job_reads_the_file_the_way_ingest_did() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mall_customers_messy_bom_semicolon.csv");
    let bytes = std::fs::read(path).unwrap();
    let config = PipelineConfig::default();
    let report = segscope::engine::pipeline::run(&bytes, "semicolon.csv", &config, &mut Silent).unwrap();
    assert_eq!(report.data.dialect.delimiter, ';');
    // Left to detection, the delimiter is the sniffed one and the header is stated.
    let job = spark_job(&read_as(&report.config, &report.data.dialect));
    has(&job, &["CSV_DELIMITER = \";\"", "CSV_HEADER = True"]);
    python_parses(&job, "semicolon");
    // What the config sets stays.
    let mut forced = report.config.clone();
    forced.ingest.delimiter = Some('|');
    forced.ingest.has_header = Some(false);
    let job = spark_job(&read_as(&forced, &report.data.dialect));
    has(&job, &["CSV_DELIMITER = \"|\"", "CSV_HEADER = False"]);
    // The CLI's job, from the config alone, leaves the delimiter to the file's extension.
    has(&spark_job(&config), &["CSV_DELIMITER = None"]);
}
