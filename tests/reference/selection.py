"""Reference values for feature selection and segment profiles (tests/selection_*.rs, tests/profile_*.rs).

Python 3.11.7; numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1, scipy 1.17.1.
Run from the repository root:  python3 tests/reference/selection.py
Writes tests/reference/expected/selection_{mall,wholesale,cc_general,synthetic}.json.

For each data set: the chosen numeric columns are median-imputed (pandas median, NaN skipped) and
standardized (sklearn StandardScaler: population std, ddof 0). On that matrix:
  * variances: sklearn VarianceThreshold(threshold=1e-12).variances_ on the *imputed, unscaled* values (with
    the default threshold 0, sklearn reports min(variance, peak-to-peak) instead, a numerical guard; the
    kept/dropped support is the same, see selection_synthetic.json);
  * corr: numpy.corrcoef of the standardized columns (row-major d x d);
  * labels: sklearn KMeans(n_clusters=k, n_init=10, random_state=0) on the standardized matrix;
  * f_classif: sklearn.feature_selection.f_classif(X, labels): F and p-values;
  * eta2: between-segment sum of squares / total sum of squares, per feature;
  * laplacian: the Laplacian score (He, Cai & Niyogi 2005) by a direct dense numpy implementation (below),
    on the first `laplacian_rows` rows, with a k-NN graph (k = 5, union-symmetrised) and heat-kernel weights
    exp(-d^2 / t); t = the mean squared distance over the n*k directed k-NN pairs ("t_default") and t = 1.
  * profile: per segment, size, NaN-skipping mean and median of every column in original units (not
    imputed), and z = (segment mean - population mean) / population std (ddof 0, NaN skipped).
"""

import json
import os

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.feature_selection import VarianceThreshold, f_classif
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "reference", "expected")

SETS = [
    ("mall", "mall_customers.csv", ["Age", "Annual Income (k$)", "Spending Score (1-100)"], 5, 200),
    (
        "wholesale",
        "wholesale_customers.csv",
        ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
        4,
        440,
    ),
    ("cc_general", "cc_general.csv", None, 6, 2000),  # None: every column but CUST_ID
]

K_NEIGHBOURS = 5


def sq_dists_from(x, i):
    """Squared distances from row i to every row, summed column by column in order (as the Rust code does),
    so that exactly tied distances stay tied in both implementations."""
    d2 = np.zeros(x.shape[0])
    for j in range(x.shape[1]):
        d2 += (x[:, j] - x[i, j]) ** 2
    return d2


def knn_graph(x, k):
    """Directed k-NN pairs (self excluded; ties broken by row index) and their squared distances."""
    n = x.shape[0]
    nbrs = np.zeros((n, k), dtype=int)
    d2k = np.zeros((n, k))
    for i in range(n):
        d2 = sq_dists_from(x, i)
        d2[i] = np.inf
        order = np.argsort(d2, kind="stable")[:k]
        nbrs[i] = order
        d2k[i] = d2[order]
    return nbrs, d2k


def laplacian_scores(x, k, t):
    """He, Cai & Niyogi (2005), Algorithm: S_ij = exp(-|xi-xj|^2 / t) if i is among the k nearest neighbours of
    j or j of i, else 0; D = diag(S 1); L = D - S; f~ = f - (f'D1 / 1'D1) 1; L_r = f~' L f~ / f~' D f~."""
    n = x.shape[0]
    nbrs, d2k = knn_graph(x, k)
    s = np.zeros((n, n))
    for i in range(n):
        for jj in range(k):
            j = nbrs[i, jj]
            w = np.exp(-d2k[i, jj] / t)
            s[i, j] = w
            s[j, i] = w
    dvec = s.sum(axis=1)
    dmat = np.diag(dvec)
    lmat = dmat - s
    one = np.ones(n)
    out = []
    for r in range(x.shape[1]):
        f = x[:, r]
        ft = f - (f @ dmat @ one) / (one @ dmat @ one) * one
        out.append(float((ft @ lmat @ ft) / (ft @ dmat @ ft)))
    return out, float(d2k.mean())


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, csv, cols, k, lap_rows in SETS:
        df = pd.read_csv(os.path.join(DATA, csv))
        if cols is None:
            cols = [c for c in df.columns if c != "CUST_ID"]
        raw = df[cols].astype(float)
        medians = raw.median()
        imputed = raw.fillna(medians).to_numpy()
        scaler = StandardScaler().fit(imputed)
        xs = scaler.transform(imputed)

        variances = VarianceThreshold(threshold=1e-12).fit(imputed).variances_
        corr = np.corrcoef(xs, rowvar=False)
        labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(xs)
        f, p = f_classif(xs, labels)

        grand = xs.mean(axis=0)
        sst = ((xs - grand) ** 2).sum(axis=0)
        ssb = np.zeros(xs.shape[1])
        for g in np.unique(labels):
            m = xs[labels == g]
            ssb += m.shape[0] * (m.mean(axis=0) - grand) ** 2
        eta2 = ssb / sst

        xl = xs[:lap_rows]
        _, t_default = laplacian_scores(xl, K_NEIGHBOURS, 1.0)
        lap_default, _ = laplacian_scores(xl, K_NEIGHBOURS, t_default)
        lap_t1, _ = laplacian_scores(xl, K_NEIGHBOURS, 1.0)

        pop_mean = raw.mean(skipna=True)
        pop_std = raw.std(ddof=0, skipna=True)
        segments = []
        for g in np.unique(labels):
            part = raw[labels == g]
            mean = part.mean(skipna=True)
            segments.append(
                {
                    "label": int(g),
                    "size": int(part.shape[0]),
                    "mean": [float(v) for v in mean],
                    "median": [float(v) for v in part.median(skipna=True)],
                    "z": [float(v) for v in (mean - pop_mean) / pop_std],
                }
            )

        out = {
            "dataset": name,
            "csv": csv,
            "features": cols,
            "n": int(xs.shape[0]),
            "k": k,
            "medians": [float(v) for v in medians],
            "scaler_mean": [float(v) for v in scaler.mean_],
            "scaler_scale": [float(v) for v in scaler.scale_],
            "variances": [float(v) for v in variances],
            "corr": [float(v) for v in corr.ravel()],
            "labels": [int(v) for v in labels],
            "f": [float(v) for v in f],
            "p": [float(v) for v in p],
            "eta2": [float(v) for v in eta2],
            "laplacian": {
                "rows": int(xl.shape[0]),
                "k_neighbours": K_NEIGHBOURS,
                "t_default": t_default,
                "scores_default_t": lap_default,
                "scores_t1": lap_t1,
            },
            "profile": {
                "population_mean": [float(v) for v in pop_mean],
                "population_std": [float(v) for v in pop_std],
                "segments": segments,
            },
        }
        path = os.path.join(OUT, f"selection_{name}.json")
        with open(path, "w") as fh:
            json.dump(out, fh, indent=None, separators=(",", ":"))
            fh.write("\n")
        print(path, "ok")

    # VarianceThreshold's support on a small matrix with a constant and a near-constant column
    rng = np.random.default_rng(7)
    x = np.column_stack(
        [rng.normal(0, 1, 50), np.full(50, 3.0), 5.0 + rng.normal(0, 0.01, 50), rng.integers(0, 4, 50)]
    ).astype(float)
    cases = []
    for threshold in [0.0, 1e-3, 0.5]:
        vt = VarianceThreshold(threshold=threshold).fit(x)
        cases.append({"threshold": threshold, "support": [bool(v) for v in vt.get_support()]})
    path = os.path.join(OUT, "selection_synthetic.json")
    with open(path, "w") as fh:
        json.dump({"x": [[float(v) for v in row] for row in x], "cases": cases}, fh, separators=(",", ":"))
        fh.write("\n")
    print(path, "ok")


if __name__ == "__main__":
    main()
