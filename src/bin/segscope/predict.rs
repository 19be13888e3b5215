//! `segscope predict --model model.json NEW.csv --out scored.csv`: segments for new customers with a saved
//! model, how the segment shares moved, and each feature's drift (PSI).

use super::common::{check_outputs, emit, json, read_input, write_output, CliMonitor};
use clap::Args;
use segscope::engine::pipeline::{score_file, SavedModel};
use std::path::PathBuf;

#[derive(Args)]
pub struct PredictArgs {
    /// The model saved by `segscope run --save-model` or downloaded from the app.
    #[arg(long)]
    model: PathBuf,
    /// The new customers (the same columns as the training file).
    file: PathBuf,
    /// Every input row with `segment` and `segment_name` appended (empty where a row could not be scored);
    /// `-` writes it to stdout.
    #[arg(long)]
    out: PathBuf,
    /// Segment shares (training vs new) and feature drift as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Print no summary (by default it goes to stdout after the files are written).
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: PredictArgs) -> Result<(), String> {
    check_outputs(&[Some(&args.out), args.report.as_ref()])?;
    let text = std::fs::read_to_string(&args.model).map_err(|e| format!("{}: {e}", args.model.display()))?;
    let model = SavedModel::from_json(&text).map_err(|e| format!("{}: {e}", args.model.display()))?;
    let (bytes, name) = read_input(&args.file)?;
    let mut monitor = CliMonitor::new(false);
    let file = score_file(&model, &bytes, &name, &mut monitor).map_err(|e| e.to_string())?;
    let (scored, out) = (file.scored, file.csv);
    write_output(&args.out, &out)?;
    if let Some(path) = &args.report {
        // segments numbered as in the scored CSV (from 1), not by the model's internal labels
        let mut report = scored.report.clone();
        report.shift.iter_mut().for_each(|s| s.id = super::output::number(s.id));
        write_output(path, json(&report).as_bytes())?;
    }
    if args.quiet {
        return Ok(());
    }
    // the summary goes where `run`'s does: stdout, or stderr when the scored CSV is on stdout
    let r = &scored.report;
    let mut lines = vec![format!("{name}: scored {} of {} customers", r.n_scored, r.n_rows)];
    let width = r.shift.iter().map(|s| s.name.chars().count()).max().unwrap_or(0).clamp(24, 80);
    for s in &r.shift {
        lines.push(format!(
            "  {:<width$} training {:>5.1}%  new {:>5.1}%",
            s.name,
            s.training_share * 100.0,
            s.scored_share * 100.0
        ));
    }
    for d in r.drift.iter().filter(|d| d.psi >= 0.1) {
        lines.push(format!("  drift: {} PSI {:.3} ({})", d.feature, d.psi, d.level));
    }
    if let Some(first) = r.data.issues.first() {
        lines.push(format!(
            "  note: {} problem row(s) or cell(s) in the file (the first: line {}: {})",
            r.data.issues_total,
            first.line,
            segscope::views::format::issue(&first.kind)
        ));
    }
    lines.extend(r.notes.iter().map(|n| format!("  note: {n}")));
    let text = lines.join("\n") + "\n";
    match args.out.as_path() == std::path::Path::new("-") {
        true => eprint!("{text}"),
        false => emit(&text)?,
    }
    Ok(())
}
