//! Benchmark (not a test): DBSCAN on 100k × 8 blobs and Ward on 20k × 8 against scikit-learn/scipy on the same data,
//! plus our kd-tree against linfa-nn's KdTree for the radius queries DBSCAN makes.
//!
//! First `python3 tests/reference/bench_cluster_density.py` (writes the data and sklearn's times), then
//! `cargo run --release --example bench_cluster_density`. (The release profile is opt-level "z" for wasm; for
//! native speed numbers add `--config profile.release.opt-level=3`.)

use std::path::PathBuf;
use std::time::Instant;

use linfa_nn::distance::L2Dist;
use linfa_nn::{CommonNearestNeighbour, NearestNeighbour};
use ndarray::Array2;
use segscope::engine::cluster::dbscan::DbscanParams;
use segscope::engine::cluster::hierarchical::{HierarchicalParams, Linkage};
use segscope::engine::cluster::spatial::KdTree;
use segscope::engine::progress::Monitor;

struct Clock(Instant);

impl Monitor for Clock {
    fn progress(&mut self, _stage: &str, _fraction: f64) {}
    fn now_ms(&self) -> f64 {
        self.0.elapsed().as_secs_f64() * 1e3
    }
}

/// Process CPU seconds (user + system) from /proc (Linux, USER_HZ = 100); NaN elsewhere. The machine may be
/// shared, so CPU time compares fairer than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    match (f.get(11).and_then(|v| v.parse::<f64>().ok()), f.get(12).and_then(|v| v.parse::<f64>().ok())) {
        (Some(u), Some(s)) => (u + s) / 100.0,
        _ => f64::NAN,
    }
}

fn read(path: &PathBuf) -> Array2<f64> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!("{} missing: run python3 tests/reference/bench_cluster_density.py first", path.display())
    });
    let rows: Vec<Vec<f64>> =
        text.lines().map(|l| l.split(',').map(|v| v.parse().expect("number")).collect()).collect();
    let d = rows[0].len();
    Array2::from_shape_vec((rows.len(), d), rows.concat()).expect("shape")
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench_cluster_density");
    let sk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sklearn.json")).expect("sklearn.json"))
            .unwrap();
    let f = |k: &str| sk[k].as_f64().unwrap();

    // DBSCAN 100k × 8
    let x = read(&dir.join("dbscan_100k.csv"));
    let (eps, ms) = (f("eps"), sk["min_samples"].as_u64().unwrap() as usize);
    let params = DbscanParams::default().with_eps(eps).with_min_samples(ms).check().unwrap();
    let mut clock = Clock(Instant::now());
    let cpu = cpu_seconds();
    let fit = params.fit(x.view(), &mut clock).unwrap();
    let ours_cpu = cpu_seconds() - cpu;
    let ours = fit.info.elapsed_ms / 1e3;
    let want: Vec<i32> =
        sk["dbscan_labels"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap() as i32).collect();
    let same = fit.labels.iter().zip(&want).filter(|(a, b)| a == b).count();
    println!(
        "DBSCAN {} x {} (eps={eps}, min_samples={ms}): ours {ours:.2} s wall / {ours_cpu:.2} s CPU, sklearn {:.2} s \
         wall / {:.2} s CPU, ratio sklearn/ours (CPU) {:.1}x; labels identical {same}/{}; {} clusters, {} noise",
        x.nrows(),
        x.ncols(),
        f("dbscan_s"),
        f("dbscan_cpu"),
        f("dbscan_cpu") / ours_cpu,
        want.len(),
        fit.n_clusters,
        fit.n_noise
    );

    // radius queries: ours vs linfa-nn KdTree, first 5,000 rows as queries
    let data: Vec<f64> = x.iter().copied().collect();
    let d = x.ncols();
    let t = Instant::now();
    let tree = KdTree::build(&data, d);
    let mut stack = Vec::new();
    let mut ours_count = 0usize;
    for i in 0..5_000 {
        tree.for_each_within(&data[i * d..(i + 1) * d], eps * eps, &mut stack, |_| ours_count += 1);
    }
    let ours_q = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let linfa = CommonNearestNeighbour::KdTree.from_batch(&x, L2Dist).unwrap();
    let mut linfa_count = 0usize;
    for i in 0..5_000 {
        linfa_count += linfa.within_range(x.row(i), eps).unwrap().len();
    }
    let linfa_q = t.elapsed().as_secs_f64();
    println!(
        "radius queries (build + 5,000 queries, {ours_count} vs {linfa_count} neighbours): ours {ours_q:.2} s, \
         linfa-nn KdTree {linfa_q:.2} s"
    );

    // Ward 20k × 8
    let w = read(&dir.join("ward_20k.csv"));
    let params = HierarchicalParams::default().with_linkage(Linkage::Ward).with_k(8).check().unwrap();
    let mut clock = Clock(Instant::now());
    let cpu = cpu_seconds();
    let fit = params.fit(w.view(), &mut clock).unwrap();
    let ours_cpu = cpu_seconds() - cpu;
    let ours = fit.info.elapsed_ms / 1e3;
    let top: Vec<f64> =
        sk["ward_heights_top"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let m = &fit.model.merges;
    let max_rel = top
        .iter()
        .zip(&m[m.len() - top.len()..])
        .map(|(a, b)| (a - b.height).abs() / a.abs())
        .fold(0.0f64, f64::max);
    println!(
        "Ward {} x {} (k=8): ours {ours:.2} s wall / {ours_cpu:.2} s CPU, scipy linkage {:.2} s wall / {:.2} s CPU, \
         sklearn {:.2} s wall / {:.2} s CPU, ratio sklearn/ours (CPU) {:.1}x; top-20 heights max rel err {max_rel:.1e}",
        w.nrows(),
        w.ncols(),
        f("scipy_ward_s"),
        f("scipy_ward_cpu"),
        f("sklearn_ward_s"),
        f("sklearn_ward_cpu"),
        f("sklearn_ward_cpu") / ours_cpu
    );
}
