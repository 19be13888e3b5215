//! Native half of `make bench` (not a test): times the engine steps of `tests/bench/steps.rs` once on one
//! generated CSV and prints one JSON object. `tests/reference/bench_native.py` runs it interleaved with the
//! scikit-learn/pandas side, takes medians and prints the ratios.
//!
//! `bench_native gen DIR 10k,100k,1m` writes `DIR/blobs_<size>.csv` (deterministic; kept when present).
//! `bench_native run FILE TASKS` times TASKS (comma list of ingest, standardize, kmeans, minibatch, dbscan, gmm,
//! silhouette, ward, silhouette_exact; ingest and standardize always run, the others use their output).
//! Build with `--profile native-release` (opt-level 3; the release profile is opt-level "z" for the wasm).

#[path = "../tests/bench/steps.rs"]
mod steps;

use std::time::Instant;

use serde_json::{json, Map, Value};

/// Rows of a size label (`10k`, `100k`, `1m`, or a plain number).
fn rows_of(label: &str) -> Option<usize> {
    let l = label.to_ascii_lowercase();
    if let Some(v) = l.strip_suffix('k') {
        v.parse::<usize>().ok().map(|v| v * 1_000)
    } else if let Some(v) = l.strip_suffix('m') {
        v.parse::<usize>().ok().map(|v| v * 1_000_000)
    } else {
        l.parse().ok()
    }
}

/// Peak resident memory of this process so far (VmHWM, Linux), in MiB; NaN elsewhere.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU milliseconds (user + system, all threads) used by this process so far (Linux /proc, 10 ms ticks); NaN
/// elsewhere. The machine is shared, so CPU time is reported next to wall time.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
    if f.len() == 2 {
        (f[0] + f[1]) * 10.0
    } else {
        f64::NAN
    }
}

/// Runs `f`, records its wall and CPU milliseconds under `key` in `out`.
fn timed<T>(out: &mut Map<String, Value>, key: &str, f: impl FnOnce() -> T) -> T {
    let (t, c) = (Instant::now(), cpu_ms());
    let v = f();
    out.insert(format!("{key}_ms"), json!(t.elapsed().as_secs_f64() * 1e3));
    out.insert(format!("{key}_cpu_ms"), json!(cpu_ms() - c));
    v
}

fn generate(dir: &str, sizes: &str) {
    std::fs::create_dir_all(dir).expect("create the data folder");
    for label in sizes.split(',').filter(|s| !s.is_empty()) {
        let rows = rows_of(label).unwrap_or_else(|| panic!("bad size {label}"));
        let path = format!("{dir}/blobs_{}.csv", label.to_ascii_lowercase());
        if std::path::Path::new(&path).exists() {
            continue;
        }
        let bytes = steps::generate_csv(rows);
        let tmp = format!("{path}.tmp");
        std::fs::write(&tmp, &bytes).expect("write the data");
        std::fs::rename(&tmp, &path).expect("rename the data");
        eprintln!("wrote {path} ({:.1} MB)", bytes.len() as f64 / 1e6);
    }
}

fn run(file: &str, tasks: &str) -> Value {
    let want = |t: &str| tasks.split(',').any(|x| x == t);
    let mut out = Map::new();
    let base = peak_mib();
    let bytes = std::fs::read(file).expect("read the data");
    let table = timed(&mut out, "ingest", || steps::ingest(&bytes));
    out.insert("rows".into(), json!(table.n_rows()));
    out.insert("file_mb".into(), json!(bytes.len() as f64 / 1e6));
    out.insert("peak_ingest_mib".into(), json!(peak_mib()));
    out.insert("base_mib".into(), json!(base));
    drop(bytes);
    let x = timed(&mut out, "standardize", || steps::standardize(&table));
    drop(table);
    let mut labels = None;
    if want("kmeans") || want("silhouette") || want("silhouette_exact") {
        let fit = timed(&mut out, "kmeans", || steps::kmeans(x.view()));
        out.insert("kmeans_iter".into(), json!(fit.info.iterations));
        out.insert("kmeans_inertia".into(), json!(fit.inertia));
        labels = Some(fit.labels);
    }
    if want("minibatch") {
        let fit = timed(&mut out, "minibatch", || steps::minibatch(x.view()));
        out.insert("minibatch_inertia".into(), json!(fit.inertia));
    }
    if want("dbscan") {
        let fit = timed(&mut out, "dbscan", || steps::dbscan(x.view()));
        out.insert("dbscan_clusters".into(), json!(fit.n_clusters));
        out.insert("dbscan_noise".into(), json!(fit.n_noise));
    }
    if want("gmm") {
        let fit = timed(&mut out, "gmm", || steps::gmm(x.view()));
        out.insert("gmm_iter".into(), json!(fit.info.iterations));
        out.insert("gmm_score".into(), json!(fit.score));
    }
    if let (true, Some(labels)) = (want("silhouette"), labels.as_ref()) {
        let s = timed(&mut out, "silhouette", || steps::silhouette(x.view(), labels));
        out.insert("silhouette".into(), json!(s));
    }
    if let (true, Some(labels)) = (want("silhouette_exact"), labels.as_ref()) {
        let s = timed(&mut out, "silhouette_exact", || steps::silhouette_exact_mean(x.view(), labels));
        out.insert("silhouette_exact".into(), json!(s));
    }
    if want("ward") {
        let fit = timed(&mut out, "ward", || steps::ward(x.view()));
        let last = fit.model.linkage_matrix().last().map_or(f64::NAN, |m| m[2]);
        out.insert("ward_top_height".into(), json!(last));
    }
    out.insert("threads".into(), json!(rayon::current_num_threads()));
    Value::Object(out)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") if args.len() == 4 => generate(&args[2], &args[3]),
        Some("run") if args.len() == 4 => println!("{}", run(&args[2], &args[3])),
        _ => {
            eprintln!("usage: bench_native gen DIR 10k,100k,1m | bench_native run FILE TASKS");
            std::process::exit(2);
        }
    }
}
