//! Benchmark (not a test) of the metrics module, next to scikit-learn on the same data.
//!
//! 1. `python3 tests/reference/bench_metrics.py` writes target/bench-data/blobs_1m.csv (make_blobs, 1M × 8,
//!    8 centres, std 1.5, seed 42) and scikit-learn's times to target/bench-data/metrics_sklearn_times.json.
//! 2. `cargo run --release --example bench_metrics` times the same computations natively:
//!    sampled silhouette on 1M rows (10,000 sampled rows, the default cap), exact silhouette on the first
//!    20,000 rows, Davies–Bouldin and Calinski–Harabasz on 1M rows. Best of 3 runs.

use std::time::Instant;

use ndarray::{s, Array2};
use segscope::engine::metrics::{calinski_harabasz, davies_bouldin, silhouette_exact, silhouette_sampled};
use segscope::engine::progress::Silent;

const SAMPLE: usize = 10_000;
const EXACT_N: usize = 20_000;
const REPEATS: usize = 3;

/// CPU seconds (user + system) used so far by this process, all threads (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the parenthesised command name: utime and stutime are the 12th and 13th
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
    f.iter().sum::<f64>() / 100.0
}

/// Best wall time of `REPEATS` runs, the CPU time of that run, and the value.
fn best<T>(mut f: impl FnMut() -> T) -> ((f64, f64), T) {
    let mut times = Vec::new();
    let mut value = None;
    for _ in 0..REPEATS {
        let (t, c) = (Instant::now(), cpu_seconds());
        value = Some(f());
        times.push((t.elapsed().as_secs_f64(), cpu_seconds() - c));
    }
    let t = times.iter().copied().fold((f64::INFINITY, 0.0), |a, b| if b.0 < a.0 { b } else { a });
    (t, value.expect("REPEATS > 0"))
}

fn load(path: &str) -> (Array2<f64>, Vec<i32>) {
    let mut rdr = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("{path}: {e}; run `python3 tests/reference/bench_metrics.py` first"));
    let mut data = Vec::new();
    let mut labels = Vec::new();
    let mut d = 0;
    for rec in rdr.records() {
        let rec = rec.expect("record");
        d = rec.len() - 1;
        for i in 0..d {
            data.push(rec[i].parse::<f64>().expect("number"));
        }
        labels.push(rec[d].parse::<i32>().expect("label"));
    }
    (Array2::from_shape_vec((labels.len(), d), data).expect("shape"), labels)
}

fn main() {
    let dir = format!("{}/target/bench-data", env!("CARGO_MANIFEST_DIR"));
    let (x, y) = load(&format!("{dir}/blobs_1m.csv"));
    let sk: serde_json::Value = std::fs::read_to_string(format!("{dir}/metrics_sklearn_times.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    println!(
        "data: {} rows × {} columns, rayon threads: {}",
        x.nrows(),
        x.ncols(),
        rayon::current_num_threads()
    );
    println!(
        "{:24} {:>13} {:>13}   {:>22} {:>22}",
        "metric", "segscope wall", "sklearn wall", "segscope cpu (value)", "sklearn cpu (value)"
    );
    let row = |key: &str, (wall, cpu): (f64, f64), value: f64| {
        let r = &sk[key];
        let num = |k: &str, p: usize| r[k].as_f64().map_or("-".to_string(), |v| format!("{v:.p$}"));
        println!(
            "{key:24} {wall:>12.3}s {:>12}s   {cpu:>7.2}s ({value:>12.9}) {:>7}s ({:>12})",
            num("seconds", 3),
            num("cpu_seconds", 2),
            num("value", 9),
        );
    };

    let (t, s) = best(|| silhouette_sampled(x.view(), &y, SAMPLE, 0, &mut Silent).expect("silhouette"));
    row("silhouette_sampled_1m", t, s.mean);
    let head = x.slice(s![..EXACT_N, ..]);
    let (t, s) = best(|| silhouette_exact(head, &y[..EXACT_N], &mut Silent).expect("silhouette"));
    row("silhouette_exact_20k", t, s.mean);
    let (t, v) = best(|| davies_bouldin(x.view(), &y).expect("db"));
    row("davies_bouldin_1m", t, v);
    let (t, v) = best(|| calinski_harabasz(x.view(), &y).expect("ch"));
    row("calinski_harabasz_1m", t, v);
    println!("(sampled silhouettes differ by sample: scikit-learn's numpy sample cannot be reproduced)");
}
