"""Reference values for the preprocessing engine (src/engine/prep), computed with pandas and scikit-learn on the
real data in tests/data/. Writes tests/reference/expected/prep_*.json, which tests/prep_*.rs read.

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1, scipy 1.17.1.
Run from the repository root:  python3 tests/reference/prep.py
"""

import json
import os

import numpy as np
import pandas as pd
import scipy.stats
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.impute import KNNImputer, SimpleImputer
from sklearn.neighbors import LocalOutlierFactor
from sklearn.preprocessing import (
    KBinsDiscretizer,
    MaxAbsScaler,
    MinMaxScaler,
    OneHotEncoder,
    OrdinalEncoder,
    PowerTransformer,
    RobustScaler,
    StandardScaler,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "reference", "expected")

MALL_NUM = ["Age", "Annual Income (k$)", "Spending Score (1-100)"]
WHOLESALE_NUM = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]


def load():
    mall = pd.read_csv(os.path.join(DATA, "mall_customers.csv"))
    wholesale = pd.read_csv(os.path.join(DATA, "wholesale_customers.csv"))
    cc = pd.read_csv(os.path.join(DATA, "cc_general.csv"))
    return mall, wholesale, cc


def floats(a):
    """A numpy array as nested lists of Python floats (NaN → None)."""
    a = np.asarray(a, dtype=float)
    return json.loads(json.dumps(np.where(np.isnan(a), None, a).tolist()))


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path) / 1024:.0f} KiB)")


def versions():
    return {"numpy": np.__version__, "pandas": pd.__version__, "sklearn": sklearn.__version__, "scipy": scipy.__version__}


def scalers(mall, wholesale):
    out = {"versions": versions(), "datasets": {}}
    for name, df, cols in [("mall", mall, MALL_NUM), ("wholesale", wholesale, WHOLESALE_NUM)]:
        X = df[cols].to_numpy(dtype=float)
        entry = {"columns": cols}
        for key, sc in [
            ("standard", StandardScaler()),
            ("min_max", MinMaxScaler()),
            ("robust", RobustScaler()),
            ("max_abs", MaxAbsScaler()),
        ]:
            entry[key] = floats(sc.fit_transform(X))
        out["datasets"][name] = entry
    write("prep_scalers.json", out)


def impute(cc):
    cols = [c for c in cc.columns if c != "CUST_ID"]
    X = cc[cols].to_numpy(dtype=float)
    missing = np.argwhere(np.isnan(X))
    out = {"versions": versions(), "columns": cols, "missing_cells": missing.tolist()}
    for strategy in ["mean", "median", "most_frequent"]:
        imp = SimpleImputer(strategy=strategy).fit(X)
        out[strategy] = floats(imp.statistics_)
    # KNNImputer on raw values (scikit-learn's default use) …
    Xk = KNNImputer(n_neighbors=5).fit_transform(X)
    out["knn_raw"] = floats(Xk[missing[:, 0], missing[:, 1]])
    # … and on z-scored values (StandardScaler ignores NaN when fitting), mapped back to the original units.
    sc = StandardScaler().fit(X)
    Xz = sc.inverse_transform(KNNImputer(n_neighbors=5).fit_transform(sc.transform(X)))
    out["knn_standardized"] = floats(Xz[missing[:, 0], missing[:, 1]])
    # indicators: which columns get one (add_indicator=True, features="missing-only")
    ind = SimpleImputer(strategy="mean", add_indicator=True).fit(X)
    out["indicator_columns"] = [cols[i] for i in ind.indicator_.features_]
    write("prep_impute.json", out)


def power(mall, wholesale, cc):
    out = {"versions": versions(), "datasets": {}}
    cc_cols = [c for c in cc.columns if c != "CUST_ID"]
    cc_X = SimpleImputer(strategy="mean").fit_transform(cc[cc_cols].to_numpy(dtype=float))
    every = 20  # keep the JSON small: every 20th row of cc_general
    for name, X, cols, rows in [
        ("mall", mall[MALL_NUM].to_numpy(dtype=float), MALL_NUM, None),
        ("wholesale", wholesale[WHOLESALE_NUM].to_numpy(dtype=float), WHOLESALE_NUM, None),
        ("cc_general", cc_X, cc_cols, list(range(0, len(cc_X), every))),
    ]:
        entry = {"columns": cols, "rows": rows}
        for std in [False, True]:
            pt = PowerTransformer(method="yeo-johnson", standardize=std)
            Y = pt.fit_transform(X)
            entry["lambdas"] = floats(pt.lambdas_)
            entry["standardized" if std else "raw"] = floats(Y if rows is None else Y[rows])
        out["datasets"][name] = entry
    write("prep_power.json", out)


def encode(mall, wholesale):
    out = {"versions": versions()}
    enc = OneHotEncoder(sparse_output=False).fit(mall[["Gender"]])
    out["mall_gender"] = {"names": enc.get_feature_names_out().tolist(), "matrix": floats(enc.transform(mall[["Gender"]]))}
    cr = wholesale[["Channel", "Region"]]
    enc = OneHotEncoder(sparse_output=False).fit(cr)
    out["wholesale_channel_region"] = {"names": enc.get_feature_names_out().tolist(), "matrix": floats(enc.transform(cr))}
    # rare-level grouping and the column cap; unseen levels at transform go to the infrequent column
    region = wholesale[["Region"]]
    for key, kw in [("min_frequency", {"min_frequency": 0.12}), ("max_categories", {"max_categories": 2})]:
        enc = OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist", **kw).fit(region)
        new = pd.DataFrame({"Region": [3, 1, 2, 4]})
        out["region_" + key] = {
            "names": enc.get_feature_names_out().tolist(),
            "infrequent": [[str(v) for v in c] for c in enc.infrequent_categories_],
            "matrix": floats(enc.transform(region)),
            "new_rows": [3, 1, 2, 4],
            "new_matrix": floats(enc.transform(new)),
        }
    oe = OrdinalEncoder().fit(mall[["Gender"]])
    out["mall_gender_ordinal"] = floats(oe.transform(mall[["Gender"]])[:, 0])
    write("prep_encode.json", out)


def outlier_bounds(X, cols):
    """pandas computation of the per-column rules used by the engine."""
    res = {}
    df = pd.DataFrame(X, columns=cols)
    for c in cols:
        s = df[c]
        q1, q3 = s.quantile(0.25), s.quantile(0.75)
        iqr = q3 - q1
        med = s.median()
        mad = scipy.stats.median_abs_deviation(s, scale="normal")
        mean, std = s.mean(), s.std(ddof=0)
        rules = {}
        for rule, lo, hi, spread in [
            ("iqr", q1 - 1.5 * iqr, q3 + 1.5 * iqr, iqr),
            ("z", mean - 3 * std, mean + 3 * std, std),
            ("mad", med - 3.5 * mad, med + 3.5 * mad, mad),
        ]:
            if spread > 0:
                rules[rule] = {"low": lo, "high": hi, "n_low": int((s < lo).sum()), "n_high": int((s > hi).sum())}
            else:
                rules[rule] = None
        res[c] = rules
    return res


def outliers(mall, wholesale, cc):
    out = {"versions": versions(), "datasets": {}}
    cc_cols = [c for c in cc.columns if c != "CUST_ID"]
    cc_X = SimpleImputer(strategy="mean").fit_transform(cc[cc_cols].to_numpy(dtype=float))
    for name, X, cols in [
        ("mall", mall[MALL_NUM].to_numpy(dtype=float), MALL_NUM),
        ("wholesale", wholesale[WHOLESALE_NUM].to_numpy(dtype=float), WHOLESALE_NUM),
        ("cc_general", cc_X, cc_cols),
    ]:
        entry = {"columns": cols, "bounds": outlier_bounds(X, cols)}
        Z = StandardScaler().fit_transform(X)
        if name != "cc_general":  # LOF is O(n²): the exact comparison uses the two smaller sets
            lof = LocalOutlierFactor(n_neighbors=20, contamination=0.05)
            pred = lof.fit_predict(Z)
            entry["lof"] = {
                "n_neighbors": 20,
                "contamination": 0.05,
                "outliers": np.flatnonzero(pred == -1).tolist(),
                "scores": floats(lof.negative_outlier_factor_),
                "offset": float(lof.offset_),
            }
        n_trees = {"mall": 1000, "wholesale": 500, "cc_general": 1000}[name]
        iso = IsolationForest(n_estimators=n_trees, contamination=0.05, random_state=0).fit(Z)
        entry["iforest"] = {
            "n_trees": n_trees,
            "contamination": 0.05,
            "outliers": np.flatnonzero(iso.predict(Z) == -1).tolist(),
            "scores": floats(iso.score_samples(Z)),
        }
        out["datasets"][name] = entry
    write("prep_outliers.json", out)


def bins(mall, wholesale):
    out = {"versions": versions(), "datasets": {}}
    for name, df, cols in [("mall", mall, MALL_NUM), ("wholesale", wholesale, WHOLESALE_NUM)]:
        X = df[cols].to_numpy(dtype=float)
        kb = KBinsDiscretizer(n_bins=5, encode="ordinal", strategy="quantile").fit(X)
        out["datasets"][name] = {
            "columns": cols,
            "edges": [floats(e) for e in kb.bin_edges_],
            "binned": floats(kb.transform(X)),
        }
    write("prep_bins.json", out)


def main():
    mall, wholesale, cc = load()
    scalers(mall, wholesale)
    impute(cc)
    power(mall, wholesale, cc)
    encode(mall, wholesale)
    outliers(mall, wholesale, cc)
    bins(mall, wholesale)


if __name__ == "__main__":
    main()
