//! `segscope sweep FILE.csv --algo kmeans --k-range 2..10 --report sweep.json`: score every k and suggest one.
//! With `--config`, the config's algorithm and its `evaluation.sweep` settings are the defaults (as in the app's
//! Choose k); the options given here override them.

use super::common::{emit, json, load_config, read_input, write_output, CliMonitor};
use super::prep_args::PrepArgs;
use clap::Args;
use segscope::engine::pipeline::{data, effective_prep, evaluate, AlgorithmConfig};
use segscope::engine::prep::fit_transform;
use std::path::PathBuf;

#[derive(Args)]
pub struct SweepArgs {
    /// The customer CSV.
    file: PathBuf,
    /// A pipeline config JSON; options given here override it.
    #[arg(long)]
    config: Option<PathBuf>,
    #[command(flatten)]
    prep: PrepArgs,
    /// kmeans|gmm|hierarchical (default: the config's algorithm, else kmeans).
    #[arg(long)]
    algo: Option<String>,
    /// The range of k, e.g. 2..10, inclusive (default: the config's sweep range, else 2..10).
    #[arg(long)]
    k_range: Option<String>,
    /// Reference data sets for the gap statistic (0 = off).
    #[arg(long)]
    gap_references: Option<usize>,
    /// Subsample fits per k for stability (0 = off).
    #[arg(long)]
    stability_runs: Option<usize>,
    /// Above this many customers every k is fitted on a seeded sample of this many (default 20000; for more
    /// than 16 features, as many values with fewer rows, at least 2000).
    #[arg(long)]
    fit_sample_cap: Option<usize>,
    /// Seed of every random choice (the same seed gives the same table).
    #[arg(long)]
    seed: Option<u64>,
    /// Where to write every k's scores and the suggestion as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
}

fn k_range(text: &str) -> Result<(usize, usize), String> {
    let (a, b) =
        text.split_once("..").ok_or_else(|| format!("--k-range expects FROM..TO, got \"{text}\""))?;
    let parse = |s: &str| {
        s.trim()
            .trim_start_matches('=')
            .parse::<usize>()
            .map_err(|_| format!("--k-range: \"{s}\" is not a whole number"))
    };
    Ok((parse(a)?, parse(b)?))
}

pub fn run(args: SweepArgs) -> Result<(), String> {
    let mut config = load_config(args.config.as_ref())?;
    args.prep.apply(&mut config)?;
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    let algo = match args.algo.as_deref().map(str::to_lowercase).as_deref() {
        None => config.algorithm.clone(),
        Some("kmeans" | "k-means") => AlgorithmConfig::default(),
        Some("gmm") => AlgorithmConfig::Gmm(Default::default()),
        Some("hierarchical") => AlgorithmConfig::Hierarchical(Default::default()),
        Some(other) => {
            return Err(format!("--algo: the sweep runs kmeans, gmm or hierarchical, got \"{other}\""))
        }
    };
    let mut params = config.evaluation.sweep.clone().unwrap_or_default();
    if let Some(range) = &args.k_range {
        (params.k_min, params.k_max) = k_range(range)?;
    }
    params.gap_references = args.gap_references.unwrap_or(params.gap_references);
    params.stability_runs = args.stability_runs.unwrap_or(params.stability_runs);
    params.fit_sample_cap = args.fit_sample_cap.unwrap_or(params.fit_sample_cap);
    params.check().map_err(|e| e.to_string())?;
    config.check().map_err(|e| e.to_string())?;
    let (bytes, name) = read_input(&args.file)?;
    let mut monitor = CliMonitor::new(false);
    let ingested = data::ingest(&bytes, &name, &config.ingest, &mut monitor).map_err(|e| e.to_string())?;
    let customers = data::customers(&ingested, &config.mode, &mut monitor).map_err(|e| e.to_string())?;
    let table = customers.table(&ingested);
    let (_, prepared) = fit_transform(table, &effective_prep(&config), config.seed, &mut monitor)
        .map_err(|e| format!("{name}: {e}"))?;
    let (sweep, note) = evaluate::sweep(prepared.matrix.view(), &algo, &params, config.seed, &mut monitor);
    let sweep = sweep.ok_or_else(|| note.clone().unwrap_or_else(|| "the sweep failed".into()))?;
    if let Some(path) = &args.report {
        write_output(path, json(&sweep).as_bytes())?;
    }
    let mut text = String::new();
    for a in &sweep.algorithms {
        // mixtures are judged by BIC too (the suggestion can cite it): its column appears when scored
        let bic = a.scores.iter().any(|s| s.bic.is_some());
        let bic_head = if bic { format!(" {:>14}", "BIC") } else { String::new() };
        text += &format!("{}\n", a.algorithm);
        text += &format!(
            "  {:>3} {:>14} {:>10} {:>12} {:>8} {:>10} {:>9}{bic_head}\n",
            "k", "inertia", "silhouette", "CH", "DB", "gap", "stability"
        );
        for s in &a.scores {
            let f = |v: Option<f64>, p: usize| v.map(|v| format!("{v:.p$}")).unwrap_or_else(|| "–".into());
            let bic_cell = if bic { format!(" {:>14}", f(s.bic, 1)) } else { String::new() };
            text += &format!(
                "  {:>3} {:>14} {:>10} {:>12} {:>8} {:>10} {:>9}{bic_cell}\n",
                s.k,
                f(Some(s.inertia), 1),
                f(s.silhouette, 3),
                f(s.calinski_harabasz, 1),
                f(s.davies_bouldin, 3),
                f(s.gap, 3),
                f(s.stability, 2)
            );
        }
    }
    text += &format!("suggested k = {}: {}\n", sweep.suggestion.k, sweep.suggestion.reason);
    if let Some(n) = note {
        text += &format!("note: {n}\n");
    }
    emit(&text)?;
    Ok(())
}
