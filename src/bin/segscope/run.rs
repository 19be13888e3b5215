//! `segscope run FILE.csv`: segment a customer file; write the labeled CSV, report.json, profiles and model.json.

use super::algo_args::AlgoArgs;
use super::common::{check_outputs, emit, json, load_config, read_input, write_output, CliMonitor};
use super::output::{summary, CliReport};
use super::prep_args::PrepArgs;
use clap::Args;
use segscope::engine::pipeline::{export, Session};
use std::path::PathBuf;

#[derive(Args)]
pub struct RunArgs {
    /// The customer CSV (one row per customer), or a transaction log.
    file: PathBuf,
    /// A pipeline config JSON, as exported by the app; options given here override it.
    #[arg(long)]
    config: Option<PathBuf>,
    #[command(flatten)]
    prep: PrepArgs,
    #[command(flatten)]
    algo: AlgoArgs,
    /// Every input row, in input order, with its original cells plus `segment` (−1 = noise, empty = not
    /// clustered) and `segment_name` (and `outlier` when outliers are flagged); `-` writes it to stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The run report as JSON: sizes, means, metrics, fit diagnostics, timings, config.
    #[arg(long)]
    report: Option<PathBuf>,
    /// One row per segment with its feature means, medians and z-scores.
    #[arg(long)]
    profiles: Option<PathBuf>,
    /// The fitted pipeline, for `segscope predict`.
    #[arg(long)]
    save_model: Option<PathBuf>,
    /// The config that was run, as JSON (re-run it with --config).
    #[arg(long)]
    save_config: Option<PathBuf>,
    /// Print each stage to stderr.
    #[arg(long, short)]
    verbose: bool,
    /// Print no summary (by default it goes to stdout after the files are written).
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: RunArgs) -> Result<(), String> {
    let mut config = load_config(args.config.as_ref())?;
    args.prep.apply(&mut config)?;
    args.algo.apply(&mut config)?;
    config.check().map_err(|e| e.to_string())?;
    let outputs = [&args.out, &args.report, &args.profiles, &args.save_model, &args.save_config];
    check_outputs(&outputs.map(Option::as_ref))?;
    let (bytes, name) = read_input(&args.file)?;
    let mut monitor = CliMonitor::new(args.verbose);
    let mut session =
        Session::load(&bytes, &name, &config.ingest, &mut monitor).map_err(|e| e.to_string())?;
    let report = session.run(&config, &mut monitor).map_err(|e| e.to_string())?;
    if let Some(out) = &args.out {
        let customers = report.transactions.as_ref().map(|t| t.mapping.customer.clone());
        let labeled = labeled(&bytes, &session, &report, customers.as_deref())?;
        write_output(out, &labeled)?;
    }
    if let Some(path) = &args.report {
        write_output(path, json(&CliReport::new(&report)).as_bytes())?;
    }
    if let Some(path) = &args.profiles {
        write_output(path, &export::profiles_csv(&report))?;
    }
    if let Some(path) = &args.save_model {
        let model = session.model().ok_or("no model was fitted")?;
        write_output(path, model.to_json().as_bytes())?;
    }
    if let Some(path) = &args.save_config {
        write_output(path, report.config.to_json().as_bytes())?;
    }
    if !args.quiet {
        // with the labelled CSV on stdout, the summary goes to stderr
        match args.out.as_deref() == Some(std::path::Path::new("-")) {
            true => eprintln!("{}", summary(&report)),
            false => emit(&(summary(&report) + "\n"))?,
        }
    }
    Ok(())
}

/// The labeled CSV of a run: the input rows with segment columns.
fn labeled(
    bytes: &[u8],
    session: &Session,
    report: &segscope::engine::pipeline::Report,
    customer_column: Option<&str>,
) -> Result<Vec<u8>, String> {
    let name = |l: i32| export::segment_name(report, l);
    let customers = match (customer_column, session.customer_table()) {
        (Some(column), Some(table)) => Some((table, column)),
        _ => None,
    };
    let segments = export::Segments {
        customers,
        rows: &report.rows,
        labels: &report.labels,
        flagged: &report.flagged,
        name: &name,
    };
    export::append_segments(bytes, session.ingested(), segments)
}
