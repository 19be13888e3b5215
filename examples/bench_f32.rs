//! Measurement behind the "f32 storage?" decision in docs/BENCHMARKS.md (not a test): k-means k = 8 on a
//! `make bench` blobs file with the distances computed in f32 versus f64.
//!
//! Both sides start from the same centroids (the engine's k-means after one Lloyd pass, seed 0), then run
//! plain Lloyd passes until no label changes (≤ 100): assignment with squared distances in the chosen float
//! type (data and centroids stored in it, four accumulators as the engine's kernel), centroid update in f64.
//! Prints the assignment time (best of 5 runs, single thread), the passes, the inertia of each result
//! evaluated in f64, and how many labels agree.
//!
//! `cargo run --profile native-release --example bench_f32 -- target/bench-data/blobs_100k.csv`

#[path = "../tests/bench/steps.rs"]
mod steps;

use std::time::Instant;

use segscope::engine::cluster::kmeans::KMeansParams;
use segscope::engine::progress::Silent;

/// The float types compared.
trait Float: Copy + Default + PartialOrd + std::ops::Sub<Output = Self> + std::ops::Mul<Output = Self> {
    fn from(v: f64) -> Self;
    fn add(self, o: Self) -> Self;
}
impl Float for f32 {
    fn from(v: f64) -> Self {
        v as f32
    }
    fn add(self, o: Self) -> Self {
        self + o
    }
}
impl Float for f64 {
    fn from(v: f64) -> Self {
        v
    }
    fn add(self, o: Self) -> Self {
        self + o
    }
}

#[inline(always)]
fn sq_dist<T: Float>(a: &[T], b: &[T]) -> T {
    let mut acc = [T::default(); 4];
    for (x, y) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
        for t in 0..4 {
            let d = x[t] - y[t];
            acc[t] = acc[t].add(d * d);
        }
    }
    let mut s = acc[0].add(acc[1]).add(acc[2].add(acc[3]));
    for j in a.len() - a.len() % 4..a.len() {
        let d = a[j] - b[j];
        s = s.add(d * d);
    }
    s
}

/// Lloyd from `init` with distances in `T`; returns labels, passes and the assignment time in ms.
fn lloyd<T: Float>(x64: &[f64], d: usize, init: &[f64], k: usize) -> (Vec<u32>, usize, f64) {
    let x: Vec<T> = x64.iter().map(|&v| T::from(v)).collect();
    let n = x.len() / d;
    let mut centres64 = init.to_vec();
    let mut labels = vec![u32::MAX; n];
    let (mut passes, mut assign_ms) = (0, 0.0);
    for _ in 0..100 {
        passes += 1;
        let c: Vec<T> = centres64.iter().map(|&v| T::from(v)).collect();
        let t = Instant::now();
        let mut changed = 0;
        for (i, l) in labels.iter_mut().enumerate() {
            let row = &x[i * d..(i + 1) * d];
            let mut best = (0u32, sq_dist(row, &c[..d]));
            for j in 1..k {
                let dist = sq_dist(row, &c[j * d..(j + 1) * d]);
                if dist < best.1 {
                    best = (j as u32, dist);
                }
            }
            if *l != best.0 {
                *l = best.0;
                changed += 1;
            }
        }
        assign_ms += t.elapsed().as_secs_f64() * 1e3;
        let (mut sums, mut count) = (vec![0.0; k * d], vec![0usize; k]);
        for (i, &l) in labels.iter().enumerate() {
            let l = l as usize;
            count[l] += 1;
            for t in 0..d {
                sums[l * d + t] += x64[i * d + t];
            }
        }
        for j in 0..k {
            if count[j] > 0 {
                for t in 0..d {
                    centres64[j * d + t] = sums[j * d + t] / count[j] as f64;
                }
            }
        }
        if changed == 0 {
            break;
        }
    }
    (labels, passes, assign_ms)
}

fn inertia(x: &[f64], d: usize, labels: &[u32]) -> f64 {
    let k = labels.iter().max().map_or(0, |&m| m as usize + 1);
    let (mut sums, mut count) = (vec![0.0; k * d], vec![0usize; k]);
    for (i, &l) in labels.iter().enumerate() {
        count[l as usize] += 1;
        (0..d).for_each(|t| sums[l as usize * d + t] += x[i * d + t]);
    }
    (0..k).filter(|&j| count[j] > 0).for_each(|j| (0..d).for_each(|t| sums[j * d + t] /= count[j] as f64));
    labels
        .iter()
        .enumerate()
        .map(|(i, &l)| sq_dist(&x[i * d..(i + 1) * d], &sums[l as usize * d..][..d]))
        .sum()
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/bench-data/blobs_100k.csv".into());
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run `make bench-native` first)"));
    let m = steps::standardize(&steps::ingest(&bytes));
    let (n, d) = m.dim();
    let x: Vec<f64> = m.iter().copied().collect();
    let k = steps::K;
    let start = KMeansParams::new(k).with_n_init(1).with_max_iter(1).with_refine(false).with_seed(0);
    let start = start.check().expect("params").fit(m.view(), &mut Silent).expect("k-means");
    let init: Vec<f64> = start.model.centroids.concat();
    let best_of = |f: &dyn Fn() -> (Vec<u32>, usize, f64)| {
        let mut runs: Vec<_> = (0..5).map(|_| f()).collect();
        runs.sort_by(|a, b| a.2.total_cmp(&b.2));
        runs.swap_remove(0)
    };
    let (l64, p64, t64) = best_of(&|| lloyd::<f64>(&x, d, &init, k));
    let (l32, p32, t32) = best_of(&|| lloyd::<f32>(&x, d, &init, k));
    let agree = l64.iter().zip(&l32).filter(|(a, b)| a == b).count();
    let (i64_, i32_) = (inertia(&x, d, &l64), inertia(&x, d, &l32));
    println!("{path}: {n} rows x {d}, k = {k}, Lloyd from the same centroids, single thread, best of 5");
    println!(
        "f64 distances: {p64} passes, assignment {t64:.1} ms ({:.2} ms/pass), inertia {i64_:.6}",
        t64 / p64 as f64
    );
    println!(
        "f32 distances: {p32} passes, assignment {t32:.1} ms ({:.2} ms/pass), inertia {i32_:.6}",
        t32 / p32 as f64
    );
    println!(
        "labels agreeing: {agree} of {n} ({:.4} %); inertia relative difference {:.2e}; f32/f64 time per pass {:.2}",
        100.0 * agree as f64 / n as f64,
        (i32_ - i64_).abs() / i64_,
        (t32 / p32 as f64) / (t64 / p64 as f64)
    );
}
