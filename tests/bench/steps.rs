//! The benchmarked engine steps, shared by the native benchmark (`examples/bench_native.rs`) and the wasm one
//! (`examples/bench_wasm.rs`, included with `#[path]`), so both time exactly the same calls with the same
//! settings. Also the deterministic data generator both sides (and the Python/JS references) read.
//!
//! Settings (stated in docs/BENCHMARKS.md, mirrored in tests/reference/bench_native.py and
//! tests/bench/src/worker.js): k-means k = 8, n_init = 1, max_iter = 100, tol 1e-4, seed 0; mini-batch k = 8,
//! batch 1024, n_init 1, max_iter 100; DBSCAN eps [`DBSCAN_EPS`], min_samples [`DBSCAN_MIN_SAMPLES`]; GMM 8
//! full-covariance components, n_init 1, max_iter 100, tol 1e-3; silhouette on a 10,000-row sample; at 20k
//! rows, ward hierarchical (k = 8, exact: under the 30,000-row ward cap) and the exact silhouette of every row.

#![allow(dead_code)]

use ndarray::{Array2, ArrayView2};
use segscope::engine::cluster::dbscan::{DbscanFit, DbscanParams};
use segscope::engine::cluster::gmm::{GmmFit, GmmParams};
use segscope::engine::cluster::hierarchical::{HierarchicalFit, HierarchicalParams, Linkage};
use segscope::engine::cluster::kmeans::{KMeansFit, KMeansParams, MiniBatchKMeansParams};
use segscope::engine::metrics::{silhouette_exact, silhouette_sampled};
use segscope::engine::prep::{FittedScale, Scaling};
use segscope::engine::progress::Silent;
use segscope::engine::rng::{rng, Rng};
use segscope::engine::table::{read_table, ColumnData, IngestOptions, Table};

/// Columns of the generated data.
pub const COLS: usize = 8;
/// Clusters (also the blob centres of the generator).
pub const K: usize = 8;
/// Lloyd passes per k-means run.
pub const MAX_ITER: usize = 100;
/// DBSCAN radius on the standardised data.
pub const DBSCAN_EPS: f64 = 0.4;
/// DBSCAN neighbours (the point itself counts, as in scikit-learn).
pub const DBSCAN_MIN_SAMPLES: usize = 10;
/// Rows scored by the sampled silhouette.
pub const SILHOUETTE_SAMPLE: usize = 10_000;

/// A deterministic CSV of `rows` × [`COLS`] numbers: 8 Gaussian blobs (centres uniform in ±10, sd 1.5), six
/// decimals, header `x0..x7`. Same bytes on every platform (xoshiro256++ from the engine's `rng`).
pub fn generate_csv(rows: usize) -> Vec<u8> {
    let mut r = rng(20_261_126);
    let centers: Vec<[f64; COLS]> =
        (0..K).map(|_| std::array::from_fn(|_| r.gen_range(-10.0..10.0))).collect();
    let mut out = Vec::with_capacity(rows * 80 + 64);
    let header: Vec<String> = (0..COLS).map(|j| format!("x{j}")).collect();
    out.extend_from_slice(header.join(",").as_bytes());
    out.push(b'\n');
    for _ in 0..rows {
        let c = &centers[r.gen_range(0..K)];
        for (j, &mu) in c.iter().enumerate() {
            // Box-Muller normal
            let (u1, u2): (f64, f64) = (r.gen_range(f64::EPSILON..1.0), r.gen());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            if j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(format!("{:.6}", mu + 1.5 * z).as_bytes());
        }
        out.push(b'\n');
    }
    out
}

/// `engine::table` ingest with default options.
pub fn ingest(bytes: &[u8]) -> Table {
    read_table(bytes, "bench.csv", &IngestOptions::default(), &mut Silent).expect("ingest").table
}

/// Standard scaling (the engine's `FittedScale`, scikit-learn's `StandardScaler`) of every numeric column,
/// fitted and applied into a row-major matrix.
pub fn standardize(table: &Table) -> Array2<f64> {
    let cols: Vec<&[f64]> = table
        .columns
        .iter()
        .filter_map(|c| match &c.data {
            ColumnData::Numbers(v) => Some(v.as_slice()),
            _ => None,
        })
        .collect();
    let (n, d) = (table.n_rows(), cols.len());
    let mut out = Array2::<f64>::zeros((n, d));
    for (j, col) in cols.iter().enumerate() {
        let s = FittedScale::fit(Scaling::Standard, col).expect("standard scaling");
        for (dst, &x) in out.column_mut(j).iter_mut().zip(col.iter()) {
            *dst = s.apply(x);
        }
    }
    out
}

/// Full-batch k-means (Hamerly, k = 8, one k-means++ start, ≤ 100 passes).
pub fn kmeans(x: ArrayView2<f64>) -> KMeansFit {
    let p = KMeansParams::new(K).with_n_init(1).with_max_iter(MAX_ITER).with_seed(0).check().expect("params");
    p.fit(x, &mut Silent).expect("k-means")
}

/// Mini-batch k-means (k = 8, batch 1024, one initialisation, ≤ 100 epochs, early stop as scikit-learn).
pub fn minibatch(x: ArrayView2<f64>) -> KMeansFit {
    let p = MiniBatchKMeansParams::new(K).with_n_init(1).with_seed(0).check().expect("params");
    p.fit(x, &mut Silent).expect("mini-batch k-means")
}

/// DBSCAN with the benchmark's eps and min_samples.
pub fn dbscan(x: ArrayView2<f64>) -> DbscanFit {
    let p = DbscanParams::default()
        .with_eps(DBSCAN_EPS)
        .with_min_samples(DBSCAN_MIN_SAMPLES)
        .check()
        .expect("params");
    p.fit(x, &mut Silent).expect("dbscan")
}

/// Gaussian mixture, 8 full-covariance components.
pub fn gmm(x: ArrayView2<f64>) -> GmmFit {
    GmmParams::new(K).check().expect("params").fit(x, &mut Silent).expect("gmm")
}

/// Mean silhouette of `labels` on a 10,000-row sample (exact when n ≤ 10,000).
pub fn silhouette(x: ArrayView2<f64>, labels: &[i32]) -> f64 {
    silhouette_sampled(x, labels, SILHOUETTE_SAMPLE, 0, &mut Silent).expect("silhouette").mean
}

/// Ward hierarchical clustering cut at k = 8 (exact up to the ward cap of 30,000 rows; the bench runs it at 20k).
pub fn ward(x: ArrayView2<f64>) -> HierarchicalFit {
    let p = HierarchicalParams::default().with_linkage(Linkage::Ward).with_k(K).check().expect("params");
    p.fit(x, &mut Silent).expect("ward")
}

/// Mean of the exact silhouette of every row (O(n²) time, O(n) memory).
pub fn silhouette_exact_mean(x: ArrayView2<f64>, labels: &[i32]) -> f64 {
    silhouette_exact(x, labels, &mut Silent).expect("exact silhouette").mean
}
