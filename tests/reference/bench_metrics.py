"""Benchmark partner of examples/bench_metrics.rs: scikit-learn's silhouette timings on the same data.

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1.

Data: make_blobs(n_samples=1_000_000, n_features=8, centers=8, cluster_std=1.5, random_state=42), written
once to target/bench-data/blobs_1m.csv (9 decimals, ≈ 100 MB; not committed) and read back, so that both
sides score exactly the same numbers with the true blob labels.
Timings (best wall time of `REPEATS`, with the process CPU time of that run, all threads):
  * sampled silhouette on all 1M rows, sample_size=10_000 (silhouette_score(..., sample_size=...)),
  * exact silhouette on the first 20,000 rows.
Writes target/bench-data/metrics_sklearn_times.json, which the Rust example prints next to its own times.

Run from the repository root:  python3 tests/reference/bench_metrics.py
"""

import json
import os
import time

import numpy as np
import pandas as pd
from sklearn.datasets import make_blobs
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "target", "bench-data")
CSV = os.path.join(DIR, "blobs_1m.csv")
SAMPLE = 10_000
EXACT_N = 20_000
REPEATS = 3


def best(f):
    """Best wall time of REPEATS runs, the process CPU time (all threads) of that run, and the value."""
    times = []
    value = None
    for _ in range(REPEATS):
        t, c = time.perf_counter(), time.process_time()
        value = f()
        times.append((time.perf_counter() - t, time.process_time() - c))
    return min(times), value


def main():
    os.makedirs(DIR, exist_ok=True)
    if not os.path.exists(CSV):
        x, y = make_blobs(n_samples=1_000_000, n_features=8, centers=8, cluster_std=1.5, random_state=42)
        df = pd.DataFrame(x, columns=[f"x{i}" for i in range(8)])
        df["label"] = y
        df.to_csv(CSV, index=False, float_format="%.9f")
    df = pd.read_csv(CSV)
    y = df.pop("label").to_numpy()
    x = df.to_numpy(dtype=np.float64)

    runs = {
        "silhouette_sampled_1m": lambda: silhouette_score(x, y, sample_size=SAMPLE, random_state=0),
        "silhouette_exact_20k": lambda: silhouette_score(x[:EXACT_N], y[:EXACT_N]),
        "davies_bouldin_1m": lambda: davies_bouldin_score(x, y),
        "calinski_harabasz_1m": lambda: calinski_harabasz_score(x, y),
    }
    out = {}
    for key, f in runs.items():
        (t, c), v = best(f)
        out[key] = {"seconds": t, "cpu_seconds": c, "value": float(v)}
    with open(os.path.join(DIR, "metrics_sklearn_times.json"), "w") as f:
        json.dump(out, f, indent=1)
    for k, r in out.items():
        print(f"sklearn {k:24s} wall {r['seconds']:8.3f} s  cpu {r['cpu_seconds']:8.2f} s  value {r['value']:.12f}")


if __name__ == "__main__":
    main()
