"""`make test-spark`: the data, configs and label comparison for the Spark export check.

Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1 (tests/reference/requirements.txt) and
pyspark 4.0.1 (tests/reference/requirements-spark.txt), OpenJDK 17.

  spark_check.py data OUT.csv [ROWS]        deterministic customers with a few missing values
  spark_check.py config NAME OUT.json       the pipeline config of the check (kmeans, gmm, hierarchical,
                                            kmeans_prep: k-means after median/drop/indicators/IQR/robust)
  spark_check.py parquet IN.csv OUT_DIR     the same rows as Parquet (with local Spark)
  spark_check.py compare ENGINE.csv SPARK_DIR NAME [MIN_ARI]
                                            ARI between segscope's and the Spark job's labels, joined on
                                            customer_id; exits 1 when below MIN_ARI
"""

import glob
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

SEED = 20261126
FEATURES = ["recency_days", "frequency", "monetary", "tenure_months", "basket_size", "region"]


def make_data(path, rows):
    rng = np.random.default_rng(SEED)
    k = 5
    centres = np.array([
        [10.0, 40.0, 4.0, 60.0, 20.0],
        [200.0, 3.0, 200.0, 6.0, 3.0],
        [60.0, 15.0, 40.0, 30.0, 8.0],
        [120.0, 8.0, 1500.0, 48.0, 45.0],
        [30.0, 25.0, 600.0, 12.0, 12.0],
    ])
    spread = np.array([6.0, 4.0, 0.25, 5.0, 2.0])
    weights = np.array([0.30, 0.25, 0.20, 0.15, 0.10])
    seg = rng.choice(k, size=rows, p=weights)
    x = centres[seg] + rng.normal(size=(rows, 5)) * spread
    # monetary is log-normal around its centre (the config takes log1p of it)
    x[:, 2] = centres[seg, 2] * np.exp(rng.normal(size=rows) * spread[2])
    x[:, 0] = np.clip(x[:, 0], 0, None)
    x[:, 1] = np.clip(np.round(x[:, 1]), 1, None)
    regions = np.array(["north", "south", "east", "west"])
    home = regions[seg % 4]
    region = np.where(rng.random(rows) < 0.8, home, regions[rng.integers(0, 4, size=rows)])
    df = pd.DataFrame({
        "customer_id": ["C%07d" % i for i in range(rows)],
        "recency_days": np.round(x[:, 0], 1),
        "frequency": x[:, 1].astype(int),
        "monetary": np.round(x[:, 2], 2),
        "tenure_months": np.round(x[:, 3], 1),
        "basket_size": np.round(x[:, 4], 2),
        "region": region,
    })
    for col, share in [("recency_days", 0.01), ("monetary", 0.005), ("basket_size", 0.01), ("region", 0.005)]:
        df.loc[rng.random(rows) < share, col] = None
    df.to_csv(path, index=False)
    print("spark_check: wrote %d rows to %s" % (rows, path))


def make_config(algo, path):
    algorithms = {
        "kmeans": {"kind": "kmeans", "n_clusters": 5},
        "gmm": {"kind": "gmm", "n_components": 5},
        "hierarchical": {"kind": "hierarchical", "linkage": "ward", "cut": {"k": 5}},
        "kmeans_prep": {"kind": "kmeans", "n_clusters": 5},
    }
    config = {
        "version": 1,
        "seed": 7,
        "mode": {"kind": "customers"},
        "prep": {
            "features": FEATURES,
            "impute": {"default": {"strategy": "mean"}},
            "transforms": {"monetary": {"method": "log1p"}},
            "scale": "standard",
        },
        "algorithm": algorithms[algo],
        "evaluation": {"sweep": None, "selection": None},
    }
    if algo == "kmeans_prep":
        # the other preprocessing paths: median, drop, missing indicators, IQR clipping, robust scaling
        config["prep"].update({
            "impute": {"default": {"strategy": "median"}, "columns": {"recency_days": {"strategy": "drop"}},
                       "missing_indicators": True},
            "outliers": {"default": {"method": "iqr", "factor": 1.5, "action": "clip"}},
            "scale": "robust",
        })
    with open(path, "w") as f:
        json.dump(config, f, indent=2)


def to_parquet(src, out):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("segscope-check").getOrCreate()
    spark.read.option("header", "true").option("inferSchema", "true").csv(src).write.mode("overwrite").parquet(out)
    spark.stop()


def read_spark_output(path):
    parts = sorted(glob.glob(path + "/part-*"))
    if not parts:
        raise SystemExit("spark_check: no part files in " + path)
    if parts[0].endswith(".parquet"):
        return pd.concat([pd.read_parquet(p) for p in parts])
    return pd.concat([pd.read_csv(p) for p in parts])


def compare(engine_csv, spark_dir, name, min_ari):
    engine = pd.read_csv(engine_csv, usecols=["customer_id", "segment"])
    spark = read_spark_output(spark_dir)[["customer_id", "segment"]]
    both = engine.merge(spark, on="customer_id", suffixes=("_engine", "_spark"))
    if len(both) != len(engine) or len(spark) != len(engine):
        raise SystemExit("spark_check: %s: %d engine rows, %d Spark rows, %d joined"
                         % (name, len(engine), len(spark), len(both)))
    differ = int((both["segment_engine"].isna() != both["segment_spark"].isna()).sum())
    if differ:
        raise SystemExit("spark_check: %s: %d rows are clustered by one side only" % (name, differ))
    clustered = both.dropna()
    ari = adjusted_rand_score(clustered["segment_engine"].astype(int), clustered["segment_spark"].astype(int))
    sizes = clustered["segment_spark"].astype(int).value_counts().sort_index().tolist()
    gate = "" if min_ari is None else " (gate: >= %.2f)" % min_ari
    print("spark_check: %s: ARI(segscope, Spark) = %.4f over %d rows; Spark segment sizes %s%s"
          % (name, ari, len(clustered), sizes, gate))
    if min_ari is not None and ari < min_ari:
        raise SystemExit("spark_check: %s: ARI %.4f is below %.2f" % (name, ari, min_ari))


def main(argv):
    if len(argv) >= 2 and argv[0] == "data":
        make_data(argv[1], int(argv[2]) if len(argv) > 2 else 100_000)
    elif len(argv) == 3 and argv[0] == "config":
        make_config(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "parquet":
        to_parquet(argv[1], argv[2])
    elif len(argv) in (4, 5) and argv[0] == "compare":
        compare(argv[1], argv[2], argv[3], float(argv[4]) if len(argv) == 5 else None)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
