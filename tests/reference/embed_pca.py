"""Reference values for src/engine/embed/pca.rs (the map's PCA), computed by scikit-learn.

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1.

sklearn PCA(n_components=3, svd_solver="full") on
1. wholesale_customers.csv, the 6 spend columns standardized with StandardScaler (6 features: segscope
   diagonalises the whole covariance by Jacobi rotations);
2. a wide matrix given by a formula (300 rows x 150 columns, below), which segscope's Rust test rebuilds
   (150 features: segscope takes the 3 leading components by subspace iteration).
Written: the explained variance (n - 1 denominator) and its ratio, and the components with segscope's sign
rule (each component's largest-magnitude loading positive).

Run from the repository root:  python3 tests/reference/embed_pca.py
Writes tests/reference/expected/embed_pca.json.
"""

import json
import os

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "reference", "expected")


def wide(n=300, d=150):
    """x[i, j] = sin(0.37 i (j mod 7 + 1) + 1.3 j) (1 + j mod 5) + 0.1 cos(0.011 i j)."""
    i = np.arange(n, dtype=float)[:, None]
    j = np.arange(d, dtype=float)[None, :]
    return np.sin(0.37 * i * (j % 7 + 1) + 1.3 * j) * (1 + j % 5) + 0.1 * np.cos(0.011 * i * j)


def fitted(x):
    pca = PCA(n_components=3, svd_solver="full").fit(x)
    components = []
    for c in pca.components_:
        c = c.copy()
        if c[np.argmax(np.abs(c))] < 0:
            c = -c
        components.append(c.tolist())
    return {
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
        "components": components,
    }


def main():
    spend = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]
    wholesale = pd.read_csv(os.path.join(DATA, "wholesale_customers.csv"))[spend].to_numpy(float)
    out = {
        "wholesale_standardized": {"columns": spend, **fitted(StandardScaler().fit_transform(wholesale))},
        "wide_formula": fitted(wide()),
    }
    with open(os.path.join(OUT, "embed_pca.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote embed_pca.json")


if __name__ == "__main__":
    main()
