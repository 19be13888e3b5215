//! The engine's integration tests, compiled as one test binary (one link instead of one per file, which
//! keeps `make test` fast). Each module is one topic; the `*_support` / `*_common` modules are shared helpers.
//! Reference values come from the scripts in `tests/reference/` (scikit-learn, scipy, pandas, lifetimes).

mod cluster_centroid_support;
mod cluster_density_support;
mod embed_tsne_support;
mod metrics_common;
mod parity_cases;
mod prep_common;
mod rfm_support;
mod selection_support;

mod choose_k_blobs;
mod choose_k_hostile;
mod choose_k_real;
mod cluster_centroid_bgmm;
mod cluster_centroid_gmm;
mod cluster_centroid_gmm_restarts;
mod cluster_centroid_kmeans;
mod cluster_centroid_kproto;
mod cluster_density_dbscan;
mod cluster_density_dendrogram;
mod cluster_density_hier;
mod cluster_density_hier_cc;
mod embed_tsne_affinity;
mod embed_tsne_hostile;
mod embed_tsne_parity;
mod embed_tsne_runs;
mod ingest_api;
mod ingest_bad;
mod ingest_digest;
mod ingest_lane;
mod ingest_messy;
mod ingest_reference;
mod ingest_stream;
mod lifetime_cdnow;
mod lifetime_cdnow_full;
mod metrics_consensus;
mod metrics_reference;
mod native_parity;
mod pipeline_map;
mod prep_encode;
mod prep_hostile;
mod prep_impute;
mod prep_kinds;
mod prep_outliers;
mod prep_pipeline;
mod prep_scale;
mod profile_reference;
mod protocol_roundtrip;
mod rfm_cdnow;
mod rfm_hostile;
mod rfm_online_retail;
mod score_halves;
mod selection_reference;
mod selection_report;
mod spark_export;
