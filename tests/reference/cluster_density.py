"""Reference values for DBSCAN and hierarchical clustering (segscope `cluster_density_*` tests).

Pinned versions used to generate the committed JSON:
    Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1, scipy 1.17.1

Run from the repository root:  python3 tests/reference/cluster_density.py
Writes tests/reference/expected/cluster_density_{dendrogram,dbscan,hier_mall,hier_wholesale,hier_cc}.json.

Data: mall_customers (Age, Annual Income, Spending Score), wholesale (Fresh..Delicassen), cc_general (17 numeric
columns, NaN -> column median); each standardized with StandardScaler (population std).
"""
import json
import os

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "tests", "reference", "expected")


def load(name):
    data = os.path.join(ROOT, "tests", "data")
    if name == "mall":
        df = pd.read_csv(os.path.join(data, "mall_customers.csv"))
        x = df[["Age", "Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)
    elif name == "wholesale":
        df = pd.read_csv(os.path.join(data, "wholesale_customers.csv"))
        cols = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]
        x = df[cols].to_numpy(float)
    else:
        df = pd.read_csv(os.path.join(data, "cc_general.csv")).drop(columns=["CUST_ID"])
        df = df.fillna(df.median())
        x = df.to_numpy(float)
    return StandardScaler().fit_transform(x)


# (eps, min_samples) per dataset: several clusters and some noise each; `margin` = min |d(i,j) - eps| over all
# pairs, recorded to show no pair sits on the eps boundary within rounding.
DBSCAN_SETTINGS = {
    "mall": [(0.3, 3), (0.4, 5), (0.5, 3), (0.6, 10)],
    "wholesale": [(0.4, 3), (0.6, 5), (1.5, 3)],
    "cc": [(0.8, 5), (1.0, 10), (1.5, 5), (2.0, 3)],
}


def dbscan_reference():
    out = {}
    for name, settings in DBSCAN_SETTINGS.items():
        x = load(name)
        d = pdist(x)
        runs = []
        for eps, ms in settings:
            m = DBSCAN(eps=eps, min_samples=ms).fit(x)
            labels = m.labels_.astype(int).tolist()
            runs.append(
                {
                    "eps": eps,
                    "min_samples": ms,
                    "labels": labels,
                    "core": sorted(int(i) for i in m.core_sample_indices_),
                    "n_clusters": int(m.labels_.max() + 1),
                    "n_noise": int((m.labels_ == -1).sum()),
                    "margin": float(np.abs(d - eps).min()),
                }
            )
        out[name] = {"n": int(x.shape[0]), "d": int(x.shape[1]), "runs": runs}
    return out


LINKAGES = ["ward", "complete", "average", "single"]


def hier_reference(name):
    x = load(name)
    out = {"n": int(x.shape[0]), "d": int(x.shape[1]), "linkages": {}}
    for method in LINKAGES:
        z = linkage(x, method=method, metric="euclidean")
        labels = {}
        for k in range(2, 9):
            labels[str(k)] = (
                AgglomerativeClustering(n_clusters=k, linkage=method).fit(x).labels_.astype(int).tolist()
            )
        h = z[:, 2]
        # relative gap between consecutive heights among the last 8 merges: how close the cut is to a tie
        top = h[-8:]
        gaps = np.diff(top) / np.maximum(top[1:], 1e-300)
        out["linkages"][method] = {
            "children": z[:, :2].astype(int).tolist(),
            "heights": [float(v) for v in h],
            "sizes": z[:, 3].astype(int).tolist(),
            "labels": labels,
            "min_top_gap": float(gaps.min()) if len(gaps) else None,
        }
    return out


def dendrogram_reference():
    """scipy's dendrogram layout (icoord/dcoord, leaf ids) for wholesale, whose linkage rows we reproduce exactly."""
    from scipy.cluster.hierarchy import dendrogram

    x = load("wholesale")
    out = []
    for method, p in [("ward", 30), ("average", 12), ("single", 0)]:
        z = linkage(x, method=method, metric="euclidean")
        if p:
            d = dendrogram(z, truncate_mode="lastp", p=p, no_plot=True)
        else:
            d = dendrogram(z, no_plot=True)
        out.append(
            {
                "linkage": method,
                "p": p,
                "icoord": d["icoord"],
                "dcoord": d["dcoord"],
                "leaves": [int(v) for v in d["leaves"]],
                "ivl": d["ivl"],
            }
        )
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cluster_density_dendrogram.json"), "w") as f:
        json.dump(dendrogram_reference(), f, separators=(",", ":"))
    with open(os.path.join(OUT, "cluster_density_dbscan.json"), "w") as f:
        json.dump(dbscan_reference(), f, separators=(",", ":"))
    for name in ["mall", "wholesale", "cc"]:
        with open(os.path.join(OUT, f"cluster_density_hier_{name}.json"), "w") as f:
            json.dump(hier_reference(name), f, separators=(",", ":"))


if __name__ == "__main__":
    main()
