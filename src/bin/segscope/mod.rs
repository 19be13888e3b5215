//! `segscope` CLI: argument parsing and dispatch to one module per command.

mod output;
mod run;

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
    /// Segment the customers in a CSV and write every row with its segment.
    Run(run::RunArgs),
}

/// Parses the arguments and runs the command; errors go to stderr with exit code 1 (2 for usage).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("segscope: {message}");
            ExitCode::FAILURE
        }
    }
}
