"""Benchmark data and scikit-learn timings for examples/bench_cluster_centroid.rs.

Versions used: Python 3.11.7, numpy 2.4.6, scikit-learn 1.9.1.
Run:  python3 tests/reference/bench_cluster_centroid.py [DIR]      (DIR defaults to /tmp/segscope_bench)
then: cargo run --release --example bench_cluster_centroid [DIR]

Data (the documented recipe, shared with the Rust side through raw little-endian f64 files, row-major):
  blobs_100k.f64 = make_blobs(n_samples=100_000,   n_features=8, centers=8, cluster_std=1.5, random_state=42)
  blobs_1m.f64   = make_blobs(n_samples=1_000_000, n_features=8, centers=8, cluster_std=1.5, random_state=42)
Timings (best of REPEATS wall-clock runs; sklearn uses all cores through OpenMP/BLAS) go to sklearn_times.json.
"""

import json
import os
import sys
import time

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

REPEATS = 3


def best_of(fn):
    times, out = [], None
    for _ in range(REPEATS):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000.0, out


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/segscope_bench"
    os.makedirs(out_dir, exist_ok=True)
    data = {}
    for name, n in [("100k", 100_000), ("1m", 1_000_000)]:
        x, _ = make_blobs(n_samples=n, n_features=8, centers=8, cluster_std=1.5, random_state=42)
        x = np.ascontiguousarray(x, dtype="<f8")
        x.tofile(os.path.join(out_dir, f"blobs_{name}.f64"))
        data[name] = x
    results = {}
    for name in ["100k", "1m"]:
        ms, km = best_of(lambda: KMeans(n_clusters=8, n_init=1, random_state=0).fit(data[name]))
        results[f"kmeans_{name}"] = {"ms": ms, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_)}
    ms, mb = best_of(lambda: MiniBatchKMeans(n_clusters=8, n_init=1, random_state=0).fit(data["1m"]))
    results["minibatch_1m"] = {"ms": ms, "inertia": float(mb.inertia_), "n_iter": int(mb.n_steps_)}
    ms, g = best_of(lambda: GaussianMixture(n_components=8, covariance_type="full", random_state=0).fit(data["100k"]))
    results["gmm_full_100k"] = {"ms": ms, "score": float(g.score(data["100k"])), "n_iter": int(g.n_iter_)}
    with open(os.path.join(out_dir, "sklearn_times.json"), "w") as f:
        json.dump(results, f, indent=1)
    for k, v in results.items():
        print(f"{k:16s} {v['ms']:9.1f} ms  {v}")


if __name__ == "__main__":
    main()
