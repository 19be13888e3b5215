//! `segscope export-spark --config pipeline.json [--out job.py]`: write the PySpark job for a pipeline config;
//! the steps Spark cannot reproduce are printed to stderr. An algorithm without a Spark equivalent (DBSCAN,
//! consensus, a hierarchical cut at a distance) is an error, and no job is written.

use super::common::{emit, load_config, write_output};
use clap::Args;
use segscope::engine::pipeline::spark::spark_job;
use std::path::PathBuf;

#[derive(Args)]
pub struct ExportSparkArgs {
    /// The pipeline config JSON, as exported by the app or written by `segscope run --save-config`.
    #[arg(long)]
    config: PathBuf,
    /// Where the job is written (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: ExportSparkArgs) -> Result<(), String> {
    let config = load_config(Some(&args.config))?;
    let job = spark_job(&config);
    if let Some(reason) = &job.unsupported {
        return Err(format!("cannot export this pipeline to Spark: {reason}"));
    }
    match &args.out {
        Some(path) => write_output(path, job.script.as_bytes())?,
        None => emit(&job.script)?,
    }
    for note in &job.not_exported {
        eprintln!("segscope: not exported: {note}");
    }
    for note in &job.approximations {
        eprintln!("segscope: approximated: {note}");
    }
    Ok(())
}
