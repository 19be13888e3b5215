//! `segscope run FILE.csv`: segment a customer file and write a labeled CSV and/or a JSON report.

use super::output;
use clap::Args;
use segscope::engine::pipeline::{self, PipelineConfig};
use segscope::engine::progress::Monitor;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct RunArgs {
    /// The customer CSV (one row per customer).
    file: PathBuf,
    /// Number of segments.
    #[arg(long)]
    k: Option<usize>,
    /// Seed for every random choice (same seed, same segments).
    #[arg(long)]
    seed: Option<u64>,
    /// A pipeline config JSON, as exported by the app; options given on the command line override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Where to write every input row with a `segment` column.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where to write the run report as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
}

/// Times stages with the system clock; prints nothing (scripts read the outputs).
struct CliMonitor(Instant);

impl Monitor for CliMonitor {
    fn progress(&mut self, _stage: &str, _fraction: f64) {}
    fn now_ms(&self) -> f64 {
        self.0.elapsed().as_secs_f64() * 1000.0
    }
}

pub fn run(args: RunArgs) -> Result<(), String> {
    let mut config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            PipelineConfig::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => PipelineConfig::default(),
    };
    if let Some(k) = args.k {
        config.k = k;
    }
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    config.check().map_err(|e| e.to_string())?;
    let bytes = std::fs::read(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
    let name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut monitor = CliMonitor(Instant::now());
    let report = pipeline::run(&bytes, &name, &config, &mut monitor).map_err(|e| e.to_string())?;
    if let Some(out) = &args.out {
        output::write_labeled(&bytes, &report, out)?;
    }
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if args.out.is_none() && args.report.is_none() {
        println!("{}", output::summary(&report));
    }
    Ok(())
}
