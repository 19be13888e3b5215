//! Benchmark (not a test) of t-SNE on 10,000 rows, next to scikit-learn on the same data.
//!
//! 1. `python3 tests/reference/bench_tsne.py` writes target/bench-data/blobs_10k.csv (make_blobs, 10,000 × 8,
//!    8 centres, std 1.5, seed 42) and scikit-learn's times to target/bench-data/tsne_sklearn_times.json.
//! 2. `cargo run --release --example bench_tsne` fits the same rows with the default parameters (Barnes–Hut,
//!    perplexity 30, PCA init, 1,000 iterations) with all rayon threads and with one thread (as in the
//!    browser, where rayon runs on the worker's thread), and prints wall and CPU time, the share spent on the
//!    affinities, the KL divergence and the leave-one-out 5-NN accuracy of the blob labels in the map.

use std::time::Instant;

use ndarray::{Array2, ArrayView2};
use segscope::engine::embed::tsne::{Tsne, TsneParams};
use segscope::engine::progress::Monitor;

const REPEATS: usize = 2;

/// CPU seconds (user + system) used so far by this process, all threads (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
    f.iter().sum::<f64>() / 100.0
}

/// A monitor with a real clock that remembers when the iterations started (progress past the affinities).
struct Clock {
    start: Instant,
    affinities_done_ms: Option<f64>,
}

impl Monitor for Clock {
    fn progress(&mut self, _stage: &str, fraction: f64) {
        if fraction > 0.06 && self.affinities_done_ms.is_none() {
            self.affinities_done_ms = Some(self.now_ms());
        }
    }
    fn now_ms(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }
}

fn load(path: &str) -> (Array2<f64>, Vec<usize>) {
    let mut rdr = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("{path}: {e}; run `python3 tests/reference/bench_tsne.py` first"));
    let (mut data, mut labels, mut d) = (Vec::new(), Vec::new(), 0);
    for rec in rdr.records() {
        let rec = rec.expect("record");
        d = rec.len() - 1;
        data.extend((0..d).map(|i| rec[i].parse::<f64>().expect("number")));
        labels.push(rec[d].parse::<usize>().expect("label"));
    }
    (Array2::from_shape_vec((labels.len(), d), data).expect("shape"), labels)
}

/// Leave-one-out 5-NN majority vote of the labels in the 2-D map (all pairs: 10⁸ distances, under a second).
fn knn_accuracy(emb: ArrayView2<f64>, labels: &[usize]) -> f64 {
    let n = emb.nrows();
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    let hits = (0..n)
        .filter(|&i| {
            let mut d: Vec<(f64, usize)> = (0..n)
                .filter(|&j| j != i)
                .map(|j| ((emb[[i, 0]] - emb[[j, 0]]).powi(2) + (emb[[i, 1]] - emb[[j, 1]]).powi(2), j))
                .collect();
            d.select_nth_unstable_by(4, |a, b| a.0.total_cmp(&b.0));
            let mut votes = vec![0; classes];
            d[..5].iter().for_each(|&(_, j)| votes[labels[j]] += 1);
            (0..classes).fold(0, |b, c| if votes[c] > votes[b] { c } else { b }) == labels[i]
        })
        .count();
    hits as f64 / n as f64
}

/// Best of `REPEATS` fits: (wall s, cpu s, affinity share, fit).
fn best(x: ArrayView2<f64>) -> (f64, f64, f64, Tsne) {
    let mut best: Option<(f64, f64, f64, Tsne)> = None;
    for _ in 0..REPEATS {
        let mut clock = Clock { start: Instant::now(), affinities_done_ms: None };
        let c = cpu_seconds();
        let fit = TsneParams::default().fit(x, &mut clock).expect("fit");
        let wall = clock.now_ms() / 1000.0;
        let cpu = cpu_seconds() - c;
        let share = clock.affinities_done_ms.unwrap_or(0.0) / 1000.0 / wall;
        if best.as_ref().is_none_or(|b| wall < b.0) {
            best = Some((wall, cpu, share, fit));
        }
    }
    best.expect("REPEATS > 0")
}

fn main() {
    let dir = format!("{}/target/bench-data", env!("CARGO_MANIFEST_DIR"));
    let (x, labels) = load(&format!("{dir}/blobs_10k.csv"));
    let sk: serde_json::Value = std::fs::read_to_string(format!("{dir}/tsne_sklearn_times.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    println!(
        "data: {} rows × {} columns; best of {REPEATS} fits with the default parameters",
        x.nrows(),
        x.ncols()
    );
    println!(
        "{:28} {:>9} {:>9} {:>11} {:>9} {:>11} {:>9}",
        "run", "wall", "cpu", "affinities", "KL", "iterations", "5-NN acc"
    );
    let threads = rayon::current_num_threads();
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let fits = [
        (format!("segscope, {threads} threads"), best(x.view())),
        ("segscope, 1 thread".into(), one.install(|| best(x.view()))),
    ];
    for (name, (wall, cpu, share, fit)) in &fits {
        let acc = knn_accuracy(fit.embedding().view(), &labels);
        println!(
            "{name:28} {wall:>8.2}s {cpu:>8.2}s {:>10.1}% {:>9.5} {:>11} {acc:>9.4}",
            100.0 * share,
            fit.kl_divergence,
            fit.info.iterations
        );
    }
    let (a, b) = (&fits[0].1 .3, &fits[1].1 .3);
    assert!(
        a.coordinates == b.coordinates && a.kl_divergence == b.kl_divergence,
        "the map must not depend on the number of threads"
    );
    for (key, name) in
        [("tsne_10k_all_threads", "sklearn, all threads"), ("tsne_10k_1_thread", "sklearn, 1 thread")]
    {
        let r = &sk[key];
        let num = |k: &str, p: usize| r[k].as_f64().map_or("-".to_string(), |v| format!("{v:.p$}"));
        println!(
            "{name:28} {:>8}s {:>8}s {:>11} {:>9} {:>11} {:>9}",
            num("seconds", 2),
            num("cpu_seconds", 2),
            "",
            num("kl_divergence", 5),
            num("iterations", 0),
            num("knn5_accuracy", 4)
        );
    }
    println!("identical maps with all threads and with one thread: yes");
}
