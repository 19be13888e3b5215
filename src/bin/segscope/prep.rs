//! `segscope prep FILE.csv --out prepared.csv`: the preprocessed feature matrix, keeping the id column.

use super::common::{load_config, read_input, write_output, CliMonitor};
use super::prep_args::PrepArgs;
use clap::Args;
use segscope::engine::pipeline::{data, effective_prep};
use segscope::engine::prep::fit_transform;
use segscope::engine::table::ColumnRole;
use std::path::PathBuf;

#[derive(Args)]
pub struct PrepCmdArgs {
    /// The CSV to prepare.
    file: PathBuf,
    /// A pipeline config JSON; options given here override it.
    #[arg(long)]
    config: Option<PathBuf>,
    #[command(flatten)]
    prep: PrepArgs,
    /// Where to write the prepared matrix (id column first when there is one).
    #[arg(long)]
    out: PathBuf,
    /// Where to write the preparation report (every action with its counts) as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
}

pub fn run(args: PrepCmdArgs) -> Result<(), String> {
    let mut config = load_config(args.config.as_ref())?;
    args.prep.apply(&mut config)?;
    config.check().map_err(|e| e.to_string())?;
    let (bytes, name) = read_input(&args.file)?;
    let mut monitor = CliMonitor::new(false);
    let ingested = data::ingest(&bytes, &name, &config.ingest, &mut monitor).map_err(|e| e.to_string())?;
    let customers = data::customers(&ingested, &config.mode, &mut monitor).map_err(|e| e.to_string())?;
    let table = customers.table(&ingested);
    let (_, prepared) = fit_transform(table, &effective_prep(&config), config.seed, &mut monitor)
        .map_err(|e| format!("{name}: {e}"))?;
    let id = table.columns.iter().find(|c| c.role == ColumnRole::Id);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = id.map(|c| vec![c.name.clone()]).unwrap_or_default();
    header.extend(prepared.feature_names.iter().cloned());
    w.write_record(&header).map_err(|e| e.to_string())?;
    for (i, &r) in prepared.rows.iter().enumerate() {
        let mut row: Vec<String> = id.map(|c| vec![c.display(r)]).unwrap_or_default();
        row.extend(prepared.matrix.row(i).iter().map(|v| format!("{v}")));
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    write_output(&args.out, &w.into_inner().map_err(|e| e.to_string())?)?;
    if let Some(path) = &args.report {
        write_output(path, super::common::json(&prepared.report).as_bytes())?;
    }
    for e in &prepared.report.entries {
        eprintln!("{}", e.sentence);
    }
    Ok(())
}
