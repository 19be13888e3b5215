//! `segscope inspect FILE.csv`: the schema, per-column summary, row issues and notes as JSON on stdout.

use super::common::{emit, json, read_input, CliMonitor};
use super::prep_args::ReadArgs;
use clap::Args;
use segscope::engine::pipeline::PipelineConfig;
use segscope::engine::table::read_table;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args)]
pub struct InspectArgs {
    /// The CSV to read.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Serialize)]
struct Inspection<'a> {
    file: &'a str,
    rows: usize,
    dialect: &'a segscope::engine::table::Dialect,
    columns: &'a [segscope::engine::table::ColumnSummary],
    issues: &'a [segscope::engine::table::RowIssue],
    notes: Vec<String>,
}

pub fn run(args: InspectArgs) -> Result<(), String> {
    let mut config = PipelineConfig::default();
    args.read.apply(&mut config)?;
    let (bytes, name) = read_input(&args.file)?;
    let ingested =
        read_table(&bytes, &name, &config.ingest, &mut CliMonitor::new(false)).map_err(|e| e.to_string())?;
    let out = Inspection {
        file: &name,
        rows: ingested.table.n_rows(),
        dialect: &ingested.dialect,
        columns: &ingested.summaries,
        issues: &ingested.issues,
        notes: ingested.notes.iter().map(|n| n.message()).collect(),
    };
    emit(&(json(&out) + "\n"))?;
    Ok(())
}
