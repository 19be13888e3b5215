//! `segscope` CLI: argument parsing and dispatch to one module per command.

mod algo_args;
mod common;
mod export_spark;
mod inspect;
mod output;
mod predict;
mod prep;
mod prep_args;
mod rfm;
mod run;
mod sweep;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "segscope",
    version,
    about = "Customer segmentation on the command line (the same engine as the app)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Segment the customers in a CSV; write every row with its segment, a report and a model.
    Run(Box<run::RunArgs>),
    /// Print a CSV's schema, column summaries and row issues as JSON.
    Inspect(inspect::InspectArgs),
    /// Write the preprocessed feature matrix.
    Prep(Box<prep::PrepCmdArgs>),
    /// Score every k in a range and suggest one.
    Sweep(Box<sweep::SweepArgs>),
    /// Per-customer RFM features, scores and lifetime values from a transaction log.
    Rfm(rfm::RfmArgs),
    /// Segments for new customers with a saved model.
    Predict(predict::PredictArgs),
    /// Write a PySpark (MLlib) job that runs the pipeline's preprocessing and clustering at any scale.
    ExportSpark(export_spark::ExportSparkArgs),
}

/// Parses the arguments and runs the command; errors go to stderr with exit code 1 (2 for usage).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(*args),
        Command::Inspect(args) => inspect::run(args),
        Command::Prep(args) => prep::run(*args),
        Command::Sweep(args) => sweep::run(*args),
        Command::Rfm(args) => rfm::run(args),
        Command::Predict(args) => predict::run(args),
        Command::ExportSpark(args) => export_spark::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("segscope: {message}");
            ExitCode::FAILURE
        }
    }
}
