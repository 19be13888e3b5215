"""Benchmark partner of examples/bench_tsne.rs: scikit-learn's t-SNE time on the same 10,000 rows.

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1 (threadpoolctl as installed with it).

Data: make_blobs(n_samples=10_000, n_features=8, centers=8, cluster_std=1.5, random_state=42), written once to
target/bench-data/blobs_10k.csv (9 decimals, with the blob label; not committed) and read back, so that both
sides embed exactly the same numbers. sklearn's TSNE with its defaults (Barnes-Hut, perplexity 30, init="pca",
max_iter 1000) and random_state=0, timed twice: with all OpenMP threads (sklearn's default; 2 on the
reference machine) and limited to one thread (threadpoolctl), the situation of a browser tab. Best wall time
of REPEATS runs, with the process CPU time of that run (all threads), the final KL divergence, n_iter_ and the
leave-one-out 5-NN accuracy of the blob labels in the map.
Writes target/bench-data/tsne_sklearn_times.json, which the Rust example prints next to its own times.

Run from the repository root:  python3 tests/reference/bench_tsne.py
"""

import json
import os
import time

import numpy as np
import pandas as pd
from sklearn.datasets import make_blobs
from sklearn.manifold import TSNE
from sklearn.neighbors import NearestNeighbors
from threadpoolctl import threadpool_limits

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "target", "bench-data")
CSV = os.path.join(DIR, "blobs_10k.csv")
REPEATS = 2


def knn_accuracy(emb, labels, k=5):
    ind = NearestNeighbors(n_neighbors=k).fit(emb).kneighbors(return_distance=False)
    pred = np.array([np.bincount(v, minlength=labels.max() + 1).argmax() for v in labels[ind]])
    return float(np.mean(pred == labels))


def best(f):
    """Best wall time of REPEATS runs, the process CPU time (all threads) of that run, and the value."""
    runs = []
    for _ in range(REPEATS):
        t, c = time.perf_counter(), time.process_time()
        value = f()
        runs.append((time.perf_counter() - t, time.process_time() - c, value))
    return min(runs, key=lambda r: r[0])


def main():
    os.makedirs(DIR, exist_ok=True)
    if not os.path.exists(CSV):
        x, y = make_blobs(n_samples=10_000, n_features=8, centers=8, cluster_std=1.5, random_state=42)
        df = pd.DataFrame(x, columns=[f"x{i}" for i in range(8)])
        df["label"] = y
        df.to_csv(CSV, index=False, float_format="%.9f")
    df = pd.read_csv(CSV)
    y = df.pop("label").to_numpy()
    x = df.to_numpy(dtype=np.float64)

    def fit():
        ts = TSNE(random_state=0)
        emb = ts.fit_transform(x)
        return ts.kl_divergence_, ts.n_iter_, emb

    out = {}
    for key, threads in [("tsne_10k_all_threads", None), ("tsne_10k_1_thread", 1)]:
        with threadpool_limits(limits=threads):
            wall, cpu, (kl, n_iter, emb) = best(fit)
        out[key] = {
            "seconds": wall,
            "cpu_seconds": cpu,
            "kl_divergence": float(kl),
            "iterations": int(n_iter) + 1,
            "knn5_accuracy": knn_accuracy(emb, y),
        }
        r = out[key]
        print(
            f"sklearn {key:22s} wall {wall:7.2f} s  cpu {cpu:7.2f} s  KL {r['kl_divergence']:.5f}  "
            f"iterations {r['iterations']}  5-NN accuracy {r['knn5_accuracy']:.4f}"
        )
    with open(os.path.join(DIR, "tsne_sklearn_times.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
