"""Reference values for src/engine/embed/tsne (t-SNE), computed by scikit-learn on the data in tests/data/.

Versions used: Python 3.11.7, numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1.

1. Affinities (what must agree exactly). For mall_customers (Age, Annual Income, Spending Score) and
   wholesale (the 6 spend columns), standardized with StandardScaler (population std), perplexity 30:
   sklearn's own k-NN graph (NearestNeighbors, k = min(n - 1, int(3 * perplexity + 1)), distances squared as
   TSNE._fit does), the conditional P from sklearn's private `_utils._binary_search_perplexity`, and the
   joint P from `_joint_probabilities_nn` (CSR). The per-row precisions beta are not returned by sklearn, so
   `binary_search_betas` below re-implements the search line by line and is asserted to reproduce sklearn's
   conditional P to 1e-12 before its betas are written. For mall also the exact method's dense
   `_joint_probabilities` (condensed) and its betas.
2. Runs (what t-SNE's output must agree on). sklearn TSNE (init="pca", random_state=0, defaults otherwise
   unless listed) on mall, wholesale and make_blobs(500, 10 features, 5 centres, random_state=42): the final
   `kl_divergence_`, `n_iter_`, `trustworthiness(X, embedding, n_neighbors=5)`, the leave-one-out 5-NN
   accuracy of the blob labels in the map, and the embedding itself (so the Rust trustworthiness can be
   checked against sklearn's on the same map). For the spread of sklearn itself, the KL divergence of
   init="random" runs with random_state 0..4 is listed too.

Run from the repository root:  OMP_NUM_THREADS=1 python3 tests/reference/embed_tsne.py
(one OpenMP thread: the values do not need more, and on a loaded 2-core machine OpenMP spin-waits badly)
Writes tests/reference/expected/embed_tsne_affinity_{mall,wholesale}.json and embed_tsne_runs.json.
"""

import json
import os
import time

import numpy as np
import pandas as pd
from sklearn.datasets import make_blobs
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold import _t_sne, _utils
from sklearn.metrics import pairwise_distances
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "reference", "expected")
PERPLEXITY = 30.0

DATASETS = {
    "mall": ("mall_customers.csv", ["Age", "Annual Income (k$)", "Spending Score (1-100)"]),
    "wholesale": (
        "wholesale_customers.csv",
        ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
    ),
}


def g10(v):
    """A float rounded to 10 significant digits (keeps the affinity files < 2 MB; the Rust side agrees to ~1e-15)."""
    return float(f"{v:.10g}")


def load(name):
    file, cols = DATASETS[name]
    df = pd.read_csv(os.path.join(DATA, file))
    return StandardScaler().fit_transform(df[cols].to_numpy(dtype=np.float64))


def binary_search_betas(sqd32, perplexity, skip_diagonal):
    """sklearn's _binary_search_perplexity (manifold/_utils.pyx) in Python, returning (P, betas)."""
    sqd = sqd32.astype(np.float64)
    n, k = sqd.shape
    desired = np.log(np.float64(np.float32(perplexity)))
    tol = np.float64(np.float32(1e-5))
    eps = np.float64(np.float32(1e-8))
    P = np.zeros((n, k))
    betas = np.zeros(n)
    for i in range(n):
        beta_min, beta_max, beta = -np.inf, np.inf, 1.0
        d = sqd[i]
        mask = np.ones(k, bool)
        if skip_diagonal:
            mask[i] = False
        for _ in range(100):
            p = np.where(mask, np.exp(-d * beta), 0.0)
            s = p.sum()
            if s == 0.0:
                s = eps
            p = p / s
            entropy = np.log(s) + beta * np.dot(d, p)
            diff = entropy - desired
            if abs(diff) <= tol:
                break
            if diff > 0:
                beta_min = beta
                beta = beta * 2.0 if beta_max == np.inf else (beta + beta_max) / 2.0
            else:
                beta_max = beta
                beta = beta / 2.0 if beta_min == -np.inf else (beta + beta_min) / 2.0
        P[i] = p
        betas[i] = beta
    return P, betas


def affinity_reference(name):
    x = load(name)
    n = x.shape[0]
    k = min(n - 1, int(3.0 * PERPLEXITY + 1))
    # exactly as TSNE._fit (barnes_hut)
    knn = NearestNeighbors(algorithm="auto", n_neighbors=k).fit(x)
    dist_graph = knn.kneighbors_graph(mode="distance")
    dist_graph.data **= 2
    dist_graph.sort_indices()
    sqd32 = dist_graph.data.reshape(n, -1).astype(np.float32)
    cond = _utils._binary_search_perplexity(sqd32, PERPLEXITY, 0)
    mine, betas = binary_search_betas(sqd32, PERPLEXITY, False)
    assert np.max(np.abs(mine - cond)) < 1e-12, np.max(np.abs(mine - cond))
    joint = _t_sne._joint_probabilities_nn(dist_graph.copy(), PERPLEXITY, 0).tocsr()
    joint.sort_indices()
    # neighbours nearest first (as the Rust side lists them), with the conditional P in that order
    dist, ind = knn.kneighbors()
    cols = dist_graph.indices.reshape(n, -1)
    cond_by_nbr = np.zeros((n, k))
    for i in range(n):
        where = {int(c): t for t, c in enumerate(cols[i])}
        cond_by_nbr[i] = [cond[i, where[int(j)]] for j in ind[i]]
    # boundary ties would make the neighbour sets implementation-defined
    sq = np.sort(pairwise_distances(x, squared=True) + np.diag(np.full(n, np.inf)), axis=1)
    ties = int(np.sum(np.isclose(sq[:, k - 1], sq[:, k], rtol=1e-12, atol=0))) if k < n - 1 else 0
    doc = {
        "dataset": name,
        "n": n,
        "d": int(x.shape[1]),
        "perplexity": PERPLEXITY,
        "k": k,
        "boundary_ties": ties,
        "standardized_first_row": [float(v) for v in x[0]],
        "neighbors": ind.tolist(),
        "betas": [g10(v) for v in betas],
        "conditional": [[g10(v) for v in row] for row in cond_by_nbr],
        "joint": {
            "indptr": joint.indptr.tolist(),
            "indices": joint.indices.tolist(),
            "data": [g10(v) for v in joint.data],
        },
    }
    if name == "mall":
        d2 = pairwise_distances(x, metric="euclidean", squared=True)
        exact = _t_sne._joint_probabilities(d2, PERPLEXITY, 0)
        _, ebetas = binary_search_betas(d2.astype(np.float32), PERPLEXITY, True)
        doc["exact"] = {"betas": [g10(v) for v in ebetas], "joint_condensed": [g10(v) for v in exact]}
    return doc


def knn_accuracy(emb, labels, k=5):
    """Leave-one-out k-NN majority vote (ties to the smallest label) of `labels` in the map."""
    nn = NearestNeighbors(n_neighbors=k).fit(emb)
    ind = nn.kneighbors(return_distance=False)
    votes = labels[ind]
    pred = np.array([np.bincount(v, minlength=labels.max() + 1).argmax() for v in votes])
    return float(np.mean(pred == labels))


def run_case(case, x, labels=None):
    params = dict(random_state=0)
    params.update(case.get("params", {}))
    t0 = time.perf_counter()
    ts = TSNE(**params)
    emb = ts.fit_transform(x)
    seconds = time.perf_counter() - t0
    out = {
        "name": case["name"],
        "dataset": case["dataset"],
        "params": case.get("params", {}),
        "kl_divergence": float(ts.kl_divergence_),
        "n_iter": int(ts.n_iter_),
        "learning_rate": float(ts.learning_rate_),
        "trustworthiness5": float(trustworthiness(x, emb, n_neighbors=5)),
        "embedding": [[float(v) for v in row] for row in emb],
    }
    if labels is not None:
        out["knn5_accuracy"] = knn_accuracy(emb, labels)
    spread = []
    for seed in range(5):
        p = dict(params, init="random", random_state=seed)
        spread.append(float(TSNE(**p).fit(x).kl_divergence_))
    out["kl_random_init"] = spread
    print(f"{case['name']}: KL {out['kl_divergence']:.5f} (random init {min(spread):.5f}..{max(spread):.5f}), "
          f"T5 {out['trustworthiness5']:.5f}, n_iter {out['n_iter']}, {seconds:.1f}s")
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in DATASETS:
        doc = affinity_reference(name)
        path = os.path.join(OUT, f"embed_tsne_affinity_{name}.json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
        print(f"{path}: {os.path.getsize(path) / 1e6:.2f} MB, boundary ties {doc['boundary_ties']}")

    xb, yb = make_blobs(n_samples=500, n_features=10, centers=5, random_state=42)
    data = {"mall": load("mall"), "wholesale": load("wholesale"), "blobs": xb}
    cases = [
        {"name": "mall_bh", "dataset": "mall"},
        {"name": "wholesale_bh", "dataset": "wholesale"},
        {"name": "blobs_bh", "dataset": "blobs"},
        {"name": "mall_exact", "dataset": "mall", "params": {"method": "exact"}},
        {"name": "mall_bh_p10_500", "dataset": "mall", "params": {"perplexity": 10.0, "max_iter": 500}},
    ]
    runs = []
    for case in cases:
        labels = yb if case["dataset"] == "blobs" else None
        runs.append(run_case(case, data[case["dataset"]], labels))
    doc = {
        "blobs": {"x": [[float(v) for v in row] for row in xb], "labels": [int(v) for v in yb]},
        "runs": runs,
    }
    path = os.path.join(OUT, "embed_tsne_runs.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{path}: {os.path.getsize(path) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
