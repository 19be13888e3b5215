"""Reference values for segscope's centroid and mixture clustering (k-means, GMM, Bayesian GMM).

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1, scipy 1.17.1.
Run from the repository root:  python3 tests/reference/cluster_centroid.py
Writes tests/reference/expected/cluster_centroid_{kmeans,gmm,gmm_init,bgmm}.json.

Data preparation (the Rust tests do the same): numeric columns only, median imputation of missing cells
(cc_general), then StandardScaler (population standard deviation, ddof = 0).
"""

import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.mixture import BayesianGaussianMixture, GaussianMixture
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore", ConvergenceWarning)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(ROOT, "reference", "expected")

DATASETS = {
    "mall": ("mall_customers.csv", ["Age", "Annual Income (k$)", "Spending Score (1-100)"]),
    "wholesale": (
        "wholesale_customers.csv",
        ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
    ),
    "cc_general": ("cc_general.csv", None),  # all columns but CUST_ID
}


def load(name):
    file, cols = DATASETS[name]
    df = pd.read_csv(os.path.join(DATA, file))
    if cols is None:
        cols = [c for c in df.columns if c != "CUST_ID"]
    x = df[cols].to_numpy(dtype=np.float64)
    x = SimpleImputer(strategy="median").fit_transform(x)
    return StandardScaler().fit_transform(x)


def r(v):
    """Round-trip-exact floats for JSON (repr keeps 17 significant digits)."""
    return np.asarray(v, dtype=np.float64).tolist()


def kmeans_refs(data):
    out = {}
    for name, x in data.items():
        rows = []
        for k in range(2, 11):
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
            mb = MiniBatchKMeans(n_clusters=k, n_init=3, random_state=0).fit(x)
            # sklearn's own spread over seeds: with n_init = 10 the best local optimum is not always found
            seeds = [float(KMeans(n_clusters=k, n_init=10, random_state=s).fit(x).inertia_) for s in range(10)]
            rows.append({"k": k, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
                         "inertia_seeds_0_9": seeds, "minibatch_inertia": float(mb.inertia_)})
        out[name] = {"n": int(x.shape[0]), "d": int(x.shape[1]), "runs": rows}
    return out


def gmm_refs(data):
    out = {}
    for name, x in data.items():
        runs = []
        for cov in ["full", "tied", "diag", "spherical"]:
            for k in range(2, 7):
                g = GaussianMixture(n_components=k, covariance_type=cov, n_init=5, random_state=0).fit(x)
                runs.append({
                    "covariance_type": cov, "k": k,
                    "score": float(g.score(x)), "bic": float(g.bic(x)), "aic": float(g.aic(x)),
                    "lower_bound": float(g.lower_bound_), "converged": bool(g.converged_),
                    "n_iter": int(g.n_iter_),
                    "weights": r(g.weights_), "means": r(g.means_), "covariances": r(g.covariances_),
                })
        out[name] = {"n": int(x.shape[0]), "d": int(x.shape[1]), "runs": runs}
    return out


def gmm_init_refs(data):
    """The k-means labels GaussianMixture(n_init=5, random_state=0) starts its five restarts from: one
    RandomState(0) feeds one KMeans(n_init=1) per restart, whatever the covariance type."""
    out = {}
    for name, x in data.items():
        per_k = {}
        for k in range(2, 7):
            rs = np.random.RandomState(0)
            per_k[str(k)] = [[int(v) for v in KMeans(n_clusters=k, n_init=1, random_state=rs).fit(x).labels_]
                             for _ in range(5)]
        out[name] = per_k
    return out


def bgmm_refs(data):
    out = {}
    for name in ["mall", "wholesale"]:
        x = data[name]
        runs = []
        for prior in ["dirichlet_process", "dirichlet_distribution"]:
            for cov in ["full", "tied", "diag", "spherical"]:
                b = BayesianGaussianMixture(
                    n_components=10, weight_concentration_prior_type=prior, covariance_type=cov,
                    n_init=1, max_iter=1000, random_state=0,
                ).fit(x)
                # the k-means labels BayesianGaussianMixture(random_state=0) starts from (its first draw)
                init = KMeans(n_clusters=10, n_init=1, random_state=np.random.RandomState(0)).fit(x).labels_
                seeds = [int((BayesianGaussianMixture(
                    n_components=10, weight_concentration_prior_type=prior, covariance_type=cov,
                    max_iter=1000, random_state=s).fit(x).weights_ > 0.01).sum()) for s in range(10)]
                runs.append({
                    "prior_type": prior, "covariance_type": cov,
                    "init_labels": [int(v) for v in init], "effective_components_seeds_0_9": seeds,
                    "effective_components": int((b.weights_ > 0.01).sum()),
                    # tied gives lower_bound_ of shape (1,) in sklearn 1.9
                    "weights": r(b.weights_), "lower_bound": float(np.ravel(b.lower_bound_)[0]),
                    "converged": bool(b.converged_), "n_iter": int(b.n_iter_),
                    "labels": [int(v) for v in b.predict(x)],
                })
        out[name] = {"n": int(x.shape[0]), "d": int(x.shape[1]), "runs": runs}
    return out


def main():
    """Writes every part, or only those named on the command line (kmeans, gmm, gmm_init, bgmm)."""
    data = {name: load(name) for name in DATASETS}
    parts = [("kmeans", kmeans_refs), ("gmm", gmm_refs), ("gmm_init", gmm_init_refs), ("bgmm", bgmm_refs)]
    wanted = set(sys.argv[1:]) or {name for name, _ in parts}
    for suffix, fn in [(name, fn) for name, fn in parts if name in wanted]:
        path = os.path.join(OUT, f"cluster_centroid_{suffix}.json")
        with open(path, "w") as f:
            json.dump(fn(data), f, separators=(",", ":"))
        print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
