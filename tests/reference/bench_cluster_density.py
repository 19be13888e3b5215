"""Benchmark data and scikit-learn/scipy timings for examples/bench_cluster_density.rs (not a test).

Pinned: Python 3.11.7, numpy 2.4.6, scikit-learn 1.9.1, scipy 1.17.1.
Run from the repository root, then the Rust side:
    python3 tests/reference/bench_cluster_density.py
    cargo run --release --example bench_cluster_density
Writes target/bench_cluster_density/{dbscan_100k.csv, ward_20k.csv, sklearn.json}. Both sides read the same CSVs
(written with repr precision, so the Rust side parses bit-identical values).
"""
import json
import os
import time

import numpy as np
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.datasets import make_blobs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "target", "bench_cluster_density")
EPS, MIN_SAMPLES = 1.5, 20


def write_csv(path, x):
    with open(path, "w") as f:
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    x, _ = make_blobs(n_samples=100_000, n_features=8, centers=8, cluster_std=1.0, random_state=42)
    w, _ = make_blobs(n_samples=20_000, n_features=8, centers=8, cluster_std=1.5, random_state=7)
    write_csv(os.path.join(OUT, "dbscan_100k.csv"), x)
    write_csv(os.path.join(OUT, "ward_20k.csv"), w)

    # wall and CPU seconds: the machine may be shared, CPU time is the fairer comparison
    t, c = time.perf_counter(), time.process_time()
    labels = DBSCAN(eps=EPS, min_samples=MIN_SAMPLES).fit(x).labels_
    dbscan_s, dbscan_cpu = time.perf_counter() - t, time.process_time() - c

    t, c = time.perf_counter(), time.process_time()
    z = linkage(w, method="ward")
    scipy_ward_s, scipy_ward_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    ward_labels = AgglomerativeClustering(n_clusters=8, linkage="ward").fit(w).labels_
    sklearn_ward_s, sklearn_ward_cpu = time.perf_counter() - t, time.process_time() - c

    out = {
        "eps": EPS,
        "min_samples": MIN_SAMPLES,
        "dbscan_s": dbscan_s,
        "dbscan_cpu": dbscan_cpu,
        "scipy_ward_cpu": scipy_ward_cpu,
        "sklearn_ward_cpu": sklearn_ward_cpu,
        "dbscan_labels": labels.astype(int).tolist(),
        "scipy_ward_s": scipy_ward_s,
        "sklearn_ward_s": sklearn_ward_s,
        "ward_heights_top": [float(v) for v in z[-20:, 2]],
        "ward_labels_k8": ward_labels.astype(int).tolist(),
    }
    with open(os.path.join(OUT, "sklearn.json"), "w") as f:
        json.dump(out, f)
    print(f"sklearn DBSCAN 100k x 8 (eps={EPS}, min_samples={MIN_SAMPLES}): {dbscan_s:.2f} s wall, {dbscan_cpu:.2f} s CPU")
    print(f"scipy ward linkage 20k x 8: {scipy_ward_s:.2f} s wall, {scipy_ward_cpu:.2f} s CPU")
    print(f"sklearn AgglomerativeClustering(ward) 20k x 8: {sklearn_ward_s:.2f} s wall, {sklearn_ward_cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
