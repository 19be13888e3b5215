"""Reference values for src/engine/metrics: silhouette (mean and per sample), Davies-Bouldin,
Calinski-Harabasz, ARI and NMI, computed by scikit-learn on the real datasets in tests/data/.

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1, scipy 1.17.1.

For each dataset the numeric columns are standardized with StandardScaler (population std), cc_general after
median imputation. The labelings are sklearn k-means (k = 2..8, random_state=0, n_init=10); they are written into
the JSON so that the Rust tests score exactly the same partitions. Two special labelings exercise sklearn's
edge rules: "with_minus_one" (-1 is just another label to sklearn) and "with_singleton" (a singleton scores 0).

Run from the repository root:  python3 tests/reference/metrics.py
Writes tests/reference/expected/metrics_<dataset>.json.
"""

import json
import os

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.impute import SimpleImputer
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    normalized_mutual_info_score,
    silhouette_samples,
    silhouette_score,
)
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "reference", "expected")

DATASETS = {
    "mall": ("mall_customers.csv", ["Age", "Annual Income (k$)", "Spending Score (1-100)"]),
    "wholesale": (
        "wholesale_customers.csv",
        ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
    ),
    "cc_general": ("cc_general.csv", None),  # None: every column but CUST_ID
}
K_VALUES = list(range(2, 9))
# per-sample silhouettes are stored for these k (all k for the small sets) to keep each JSON < 2 MB
SAMPLE_KS = {"mall": K_VALUES, "wholesale": K_VALUES, "cc_general": [2, 5, 8]}


def load(name):
    file, cols = DATASETS[name]
    df = pd.read_csv(os.path.join(DATA, file))
    if cols is None:
        cols = [c for c in df.columns if c != "CUST_ID"]
    x = df[cols].to_numpy(dtype=np.float64)
    if np.isnan(x).any():
        x = SimpleImputer(strategy="median").fit_transform(x)
    return cols, StandardScaler().fit_transform(x)


def davies_bouldin_direct(x, labels):
    """sklearn's davies_bouldin_score step by step, but with distances computed directly
    (sqrt of summed squares) instead of sklearn's ||x||^2 + ||c||^2 - 2 x.c expansion, which gives a
    singleton cluster a spread of ~3e-7 instead of 0 and so moves the score by ~1e-9 relative."""
    ks = np.unique(labels)
    intra = np.zeros(len(ks))
    cents = np.zeros((len(ks), x.shape[1]))
    for i, k in enumerate(ks):
        ck = x[labels == k]
        cents[i] = ck.mean(axis=0)
        intra[i] = np.mean(np.sqrt(((ck - cents[i]) ** 2).sum(axis=1)))
    cd = np.sqrt(((cents[:, None, :] - cents[None, :, :]) ** 2).sum(axis=2))
    if np.allclose(intra, 0) or np.allclose(cd, 0):
        return 0.0
    cd[cd == 0] = np.inf
    return float(np.mean(np.max((intra[:, None] + intra) / cd, axis=1)))


def scores(x, labels, sample_ks_values=True):
    out = {
        "silhouette": float(silhouette_score(x, labels)),
        "davies_bouldin": float(davies_bouldin_score(x, labels)),
        "davies_bouldin_direct": davies_bouldin_direct(x, np.asarray(labels)),
        "calinski_harabasz": float(calinski_harabasz_score(x, labels)),
    }
    if sample_ks_values:
        out["silhouette_samples"] = [float(v) for v in silhouette_samples(x, labels)]
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in DATASETS:
        cols, x = load(name)
        labelings = {}
        for k in K_VALUES:
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
            labelings[str(k)] = [int(v) for v in km.labels_]
        cases = []
        for k in K_VALUES:
            lab = np.array(labelings[str(k)])
            case = {"name": f"kmeans_k{k}", "labels": lab.tolist()}
            case.update(scores(x, lab, k in SAMPLE_KS[name]))
            cases.append(case)
        # -1 is just another label for sklearn: mark every 7th point of the k=4 labeling as -1
        lab = np.array(labelings["4"])
        lab[::7] = -1
        case = {"name": "with_minus_one", "labels": lab.tolist()}
        case.update(scores(x, lab))
        cases.append(case)
        # a singleton cluster scores 0: move point 0 of the k=3 labeling into its own label 99
        lab = np.array(labelings["3"])
        lab[0] = 99
        case = {"name": "with_singleton", "labels": lab.tolist()}
        case.update(scores(x, lab))
        cases.append(case)

        pairs = []
        names = [c["name"] for c in cases]
        for i in range(len(cases)):
            for j in range(i + 1, len(cases)):
                a, b = cases[i]["labels"], cases[j]["labels"]
                pairs.append(
                    {
                        "a": names[i],
                        "b": names[j],
                        "ari": float(adjusted_rand_score(a, b)),
                        "nmi": float(normalized_mutual_info_score(a, b, average_method="arithmetic")),
                    }
                )
        doc = {
            "dataset": name,
            "columns": cols,
            "n": int(x.shape[0]),
            "standardized_sum_abs": float(np.abs(x).sum()),
            "standardized_first_row": [float(v) for v in x[0]],
            "cases": cases,
            "pairs": pairs,
        }
        path = os.path.join(OUT, f"metrics_{name}.json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
        print(f"{path}: {os.path.getsize(path) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
