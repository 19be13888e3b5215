//! Export to Spark: a [`PipelineConfig`] → the text of a PySpark (MLlib) job that reproduces its imputation,
//! outlier clipping, transforms, encoding, scaling and clustering on Parquet or CSV data of any size, and
//! writes every input row with its `segment`. Steps Spark has no equivalent for are listed in the job's header
//! and returned as notes. Pure: builds a string, never touches a file (the CLI and the app save it).

mod clustering;
mod prep;
mod py;

use super::PipelineConfig;
use crate::engine::table::Dialect;
use std::fmt::Write;

pub use clustering::{BISECTING_MAX_ITER, KMEANS_RESTARTS, MIXTURE_RESTARTS};
pub use prep::QUANTILE_ERROR;

/// The job's fixed part: argument parsing, feature selection, the steps in order, clustering, writing.
const RUNTIME: &str = include_str!("runtime.py");

/// The PySpark versions the job is written for (RobustScaler needs 3.0; tested with the pin in
/// `tests/reference/requirements-spark.txt`).
pub const SPARK_VERSIONS: &str = "Spark 3.0 or later (tested with 4.0.1)";

/// A generated Spark job.
#[derive(Debug, Clone, PartialEq)]
pub struct SparkJob {
    /// The Python source of the job (`job.py`).
    pub script: String,
    /// Steps of the config the job does not reproduce, one sentence each (also in the job's header).
    pub not_exported: Vec<String>,
    /// Steps the job reproduces with a stated difference (approximate quantiles, sample std…).
    pub approximations: Vec<String>,
    /// Why the job stops at once, when the algorithm has no Spark equivalent (DBSCAN, consensus, a
    /// hierarchical cut at a distance); also in `not_exported`.
    pub unsupported: Option<String>,
}

/// What the generator noticed while writing the job.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    not_exported: Vec<String>,
    approximations: Vec<String>,
}

impl Notes {
    pub(crate) fn not_exported(&mut self, note: &str) {
        if !self.not_exported.iter().any(|n| n == note) {
            self.not_exported.push(note.to_string());
        }
    }
    pub(crate) fn approximate(&mut self, note: &str) {
        if !self.approximations.iter().any(|n| n == note) {
            self.approximations.push(note.to_string());
        }
    }
}

/// Writes the Spark job for `config`. Never fails: what cannot be exported becomes a note (and, for an
/// algorithm without any Spark counterpart such as DBSCAN, a job that stops with that note).
/// `config` with what ingest detected in the file it read filled in where the config leaves it to detection:
/// the delimiter and whether row 1 names the columns. Spark detects neither (it would read a `;` or
/// space-separated file as one column), so the app's Spark job states them. What the config sets stays.
pub fn read_as(config: &PipelineConfig, dialect: &Dialect) -> PipelineConfig {
    let mut pinned = config.clone();
    pinned.ingest.delimiter.get_or_insert(dialect.delimiter);
    pinned.ingest.has_header.get_or_insert(dialect.has_header);
    pinned
}

pub fn spark_job(config: &PipelineConfig) -> SparkJob {
    let mut notes = Notes::default();
    let prep = prep::prep_section(config, &mut notes);
    let (clustering, unsupported) = clustering::clustering_section(config, &mut notes);
    if !config.segments.edits.is_empty() {
        notes.not_exported(&format!(
            "segment edits ({} merges/splits): the job writes the algorithm's segments, before edits",
            config.segments.edits.len()
        ));
    }
    if !config.segments.names.is_empty() {
        notes.not_exported("pinned segment names: the job writes segment numbers only");
    }
    let mut script = header(config, &notes);
    script.push_str(IMPORTS);
    script.push_str("\n# -- settings from the pipeline config ");
    script.push_str(&"-".repeat(68));
    script.push_str("\n\n");
    let _ = writeln!(script, "# The config this job was generated from, for the record.");
    let _ = writeln!(script, "PIPELINE_CONFIG = {}", py::string(&config.to_json()));
    script.push_str(&prep);
    script.push_str(&clustering);
    script.push_str(RUNTIME);
    SparkJob { script, not_exported: notes.not_exported, approximations: notes.approximations, unsupported }
}

const IMPORTS: &str = "\
import argparse
import math
import re
import sys

from pyspark.ml.clustering import BisectingKMeans, GaussianMixture, KMeans
from pyspark.ml.feature import (Imputer, MaxAbsScaler, MinMaxScaler, OneHotEncoder, QuantileDiscretizer,
                                RobustScaler, StandardScaler, StringIndexer, VectorAssembler)
from pyspark.ml.stat import Summarizer
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T
";

fn bullet_list(out: &mut String, items: &[String]) {
    if items.is_empty() {
        out.push_str("#   (none)\n");
    }
    for item in items {
        // Comment lines only: a line break inside a note must not end the comment.
        let item = item.replace(['\n', '\r'], " ");
        let _ = writeln!(out, "#   - {item}");
    }
}

fn header(config: &PipelineConfig, notes: &Notes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#!/usr/bin/env python3");
    let _ = writeln!(
        out,
        "# segscope pipeline as a PySpark (MLlib) job, generated by segscope {} from a pipeline",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "# config (version {}; algorithm {}, seed {}). Needs {SPARK_VERSIONS}.",
        config.version,
        config.algorithm.name(),
        config.seed
    );
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# Run on a cluster or locally:");
    let _ = writeln!(out, "#   spark-submit job.py --input customers.parquet --output labeled/");
    let _ = writeln!(
        out,
        "#   python job.py --master 'local[2]' --input customers.csv --output labeled/ --output-format csv"
    );
    let _ = writeln!(out, "# It writes every input row, with all its columns, plus `segment` (1 = the largest segment; empty for");
    let _ = writeln!(out, "# rows left out by a drop or remove rule).");
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# Exported: feature selection, imputation (Imputer: mean / median / mode; constants), outlier rules per");
    let _ = writeln!(out, "# column (IQR, z-score, MAD: clip or remove), log1p (SQL expression), quantile bins (QuantileDiscretizer),");
    let _ = writeln!(out, "# one-hot and ordinal encoding (StringIndexer + OneHotEncoder), scaling (StandardScaler, MinMaxScaler,");
    let _ = writeln!(
        out,
        "# RobustScaler, MaxAbsScaler) and clustering (KMeans, GaussianMixture, BisectingKMeans)."
    );
    let _ = writeln!(
        out,
        "# Not part of the job: metrics, the sweep over k, feature suggestions, profiles and the 2-D map."
    );
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# NOT EXPORTED (Spark has no equivalent):");
    bullet_list(&mut out, &notes.not_exported);
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# Approximations (exported, with a difference):");
    bullet_list(&mut out, &notes.approximations);
    let _ = writeln!(out);
    out
}
