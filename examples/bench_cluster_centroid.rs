//! Benchmark of the centroid and mixture clustering against scikit-learn (not a test).
//!
//! First run `python3 tests/reference/bench_cluster_centroid.py [DIR]`: it writes the make_blobs data
//! (8 features, 8 centres, sd 1.5, random_state 42; 100k and 1M rows) as raw f64 files and scikit-learn's
//! timings to DIR (default /tmp/segscope_bench). Then `cargo run --release --example bench_cluster_centroid
//! [DIR]` times the same fits here (best of 3) and prints ours, scikit-learn's and the ratio.
//! The release profile optimises for size (wasm); for native speed numbers override it, e.g.
//! `CARGO_PROFILE_RELEASE_OPT_LEVEL=3`.

use std::time::Instant;

use ndarray::Array2;
use segscope::engine::cluster::gmm::GmmParams;
use segscope::engine::cluster::kmeans::{KMeansAlgorithm, KMeansParams, MiniBatchKMeansParams};
use segscope::engine::progress::Silent;

const REPEATS: usize = 3;

fn load(dir: &str, name: &str) -> Option<Array2<f64>> {
    let bytes = std::fs::read(format!("{dir}/blobs_{name}.f64")).ok()?;
    let v: Vec<f64> =
        bytes.chunks_exact(8).map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes"))).collect();
    Array2::from_shape_vec((v.len() / 8, 8), v).ok()
}

fn best_of<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..REPEATS {
        let t = Instant::now();
        let o = f();
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        out = Some(o);
    }
    (best, out.expect("REPEATS > 0"))
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/segscope_bench".into());
    let (Some(x100k), Some(x1m)) = (load(&dir, "100k"), load(&dir, "1m")) else {
        eprintln!("no data in {dir}: run `python3 tests/reference/bench_cluster_centroid.py {dir}` first");
        std::process::exit(2);
    };
    let sk: serde_json::Value = std::fs::read_to_string(format!("{dir}/sklearn_times.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(serde_json::Value::Null);
    let threads = rayon::current_num_threads();
    println!("segscope vs scikit-learn, best of {REPEATS}, rayon threads {threads}");
    println!("{:<28} {:>10} {:>10} {:>7}  detail", "task", "ours ms", "sklearn", "ratio");
    let report = |task: &str, key: &str, ms: f64, detail: String| {
        let theirs = sk[key]["ms"].as_f64();
        let ratio = theirs.map_or("-".to_string(), |t| format!("{:.2}", ms / t));
        let theirs = theirs.map_or("-".to_string(), |t| format!("{t:.1}"));
        println!("{task:<28} {ms:>10.1} {theirs:>10} {ratio:>7}  {detail} | sklearn {}", sk[key]);
    };
    for (name, x) in [("100k", &x100k), ("1m", &x1m)] {
        for algo in [KMeansAlgorithm::Hamerly, KMeansAlgorithm::Lloyd] {
            let p = KMeansParams::new(8).with_n_init(1).with_algorithm(algo).check().expect("valid");
            let (ms, fit) = best_of(|| p.fit(x.view(), &mut Silent).expect("fit"));
            let detail = format!("inertia {:.6e}, {} passes", fit.inertia, fit.info.iterations);
            report(&format!("k-means {algo:?} k=8 {name}x8"), &format!("kmeans_{name}"), ms, detail);
        }
    }
    let p = MiniBatchKMeansParams::new(8).with_n_init(1).check().expect("valid");
    let (ms, fit) = best_of(|| p.fit(x1m.view(), &mut Silent).expect("fit"));
    let detail = format!("inertia {:.6e}, {} steps", fit.inertia, fit.info.iterations);
    report("mini-batch k=8 1mx8", "minibatch_1m", ms, detail);
    let p = GmmParams::new(8).check().expect("valid");
    let (ms, fit) = best_of(|| p.fit(x100k.view(), &mut Silent).expect("fit"));
    let detail = format!("score {:.6}, {} EM iterations", fit.score, fit.info.iterations);
    report("GMM full k=8 100kx8", "gmm_full_100k", ms, detail);
}
