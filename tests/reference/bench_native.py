"""Native half of `make bench`: segscope's engine against pandas + scikit-learn on the same generated CSVs.

Versions used: Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1 (pinned in requirements.txt).

For each size, REPS rounds; each round runs the Rust side (`bench_native run`, a fresh process) and then the
Python side (`bench_native.py --worker`, a fresh process) on the same file, so both see the same machine load.
Medians over the rounds; ratio = reference time / segscope time (> 1: segscope is faster).

Same settings on both sides (see tests/bench/steps.rs):
  ingest       pandas.read_csv(path)                         vs engine::table::read_table(bytes) (file read excluded)
  standardize  StandardScaler().fit_transform(df.to_numpy())  vs FittedScale::Standard per column → row-major matrix
  kmeans       KMeans(8, n_init=1, max_iter=100, tol=1e-4, random_state=0)   (sklearn: lloyd; ours: Hamerly)
  minibatch    MiniBatchKMeans(8, batch_size=1024, n_init=1, max_iter=100, random_state=0)
  dbscan       DBSCAN(eps=0.4, min_samples=10) on the standardised 100k rows (first round only on both sides:
               it takes minutes)
  gmm          GaussianMixture(8, covariance_type="full", n_init=1, max_iter=100, tol=1e-3, random_state=0) at 100k
  silhouette   silhouette_score(x, kmeans labels, sample_size=10_000, random_state=0) (exact at 10k)
  ward         AgglomerativeClustering(8, linkage="ward") at 20k (both exact; the top merge height is compared)
  silhouette_exact  silhouette_score(x, kmeans labels) on every row at 20k
Wall and CPU time (process, all threads; the machine is shared) for every step; the CPU speed-up is shown
where segscope's CPU time is at least 20 ms (its clock ticks are 10 ms).
Peak memory: VmHWM (Rust) / ru_maxrss (Python) right after ingest, with the process baseline before it.

Usage: python3 tests/reference/bench_native.py --bin target/native-release/examples/bench_native
           --dir target/bench-data --sizes 10k,100k,1m --reps 3 --out target/bench-data/native.json
       [--tasks ingest]   (only these steps; e.g. ingest alone takes seconds instead of minutes at 1M)
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

EPS, MIN_SAMPLES, K, MAX_ITER, SAMPLE = 0.4, 10, 8, 100, 10_000
TASKS = ["ingest", "standardize", "kmeans", "minibatch", "dbscan", "gmm", "silhouette", "ward", "silhouette_exact"]


def peak_mib():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def timed(out, key, fn):
    """Runs fn, records its wall and process CPU milliseconds (all threads) as KEY_ms and KEY_cpu_ms."""
    t, c = time.perf_counter(), time.process_time()
    value = fn()
    out[f"{key}_ms"] = (time.perf_counter() - t) * 1e3
    out[f"{key}_cpu_ms"] = (time.process_time() - c) * 1e3
    return value


def worker(path, tasks):
    import numpy as np
    import pandas as pd
    from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans, MiniBatchKMeans
    from sklearn.metrics import silhouette_score
    from sklearn.mixture import GaussianMixture
    from sklearn.preprocessing import StandardScaler

    want = set(tasks.split(","))
    out = {"base_mib": peak_mib()}
    df = timed(out, "ingest", lambda: pd.read_csv(path))
    out.update(rows=len(df), file_mb=os.path.getsize(path) / 1e6, peak_ingest_mib=peak_mib())
    x = timed(out, "standardize", lambda: StandardScaler().fit_transform(df.to_numpy(dtype=np.float64)))
    labels = None
    if want & {"kmeans", "silhouette", "silhouette_exact"}:
        km = timed(out, "kmeans", lambda: KMeans(K, n_init=1, max_iter=MAX_ITER, tol=1e-4, random_state=0).fit(x))
        out.update(kmeans_iter=int(km.n_iter_), kmeans_inertia=float(km.inertia_))
        labels = km.labels_
    if "minibatch" in want:
        mb = MiniBatchKMeans(K, batch_size=1024, n_init=1, max_iter=MAX_ITER, random_state=0)
        mb = timed(out, "minibatch", lambda: mb.fit(x))
        out.update(minibatch_inertia=float(mb.inertia_))
    if "dbscan" in want:
        lab = timed(out, "dbscan", lambda: DBSCAN(eps=EPS, min_samples=MIN_SAMPLES).fit(x)).labels_
        out.update(dbscan_clusters=int(lab.max() + 1), dbscan_noise=int((lab < 0).sum()))
    if "gmm" in want:
        g = GaussianMixture(K, covariance_type="full", n_init=1, max_iter=MAX_ITER, tol=1e-3, random_state=0)
        g = timed(out, "gmm", lambda: g.fit(x))
        out.update(gmm_iter=int(g.n_iter_), gmm_score=float(g.score(x)))
    if "silhouette" in want and labels is not None:
        sample = None if len(x) <= SAMPLE else SAMPLE
        s = timed(out, "silhouette", lambda: silhouette_score(x, labels, sample_size=sample, random_state=0))
        out["silhouette"] = float(s)
    if "silhouette_exact" in want and labels is not None:
        out["silhouette_exact"] = float(timed(out, "silhouette_exact", lambda: silhouette_score(x, labels)))
    if "ward" in want:
        ag = AgglomerativeClustering(K, linkage="ward", compute_distances=True)
        ag = timed(out, "ward", lambda: ag.fit(x))
        out["ward_top_height"] = float(ag.distances_[-1])
    import threadpoolctl

    out["threads"] = max((p["num_threads"] for p in threadpoolctl.threadpool_info()), default=1)
    return out


def tasks_for(size):
    if size == "20k":
        return "ingest,standardize,kmeans,ward,silhouette_exact"
    tasks = ["ingest", "standardize", "kmeans", "minibatch", "silhouette"]
    if size == "100k":
        tasks += ["dbscan", "gmm"]
    return ",".join(tasks)


def run_json(cmd):
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def fmt_ms(v):
    return "-" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:.1f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--sizes", default="10k,100k,1m")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tasks", default=None,
                    help="comma list of tasks for every size (default: all that fit the size; ingest and "
                         "standardize always run)")
    a = ap.parse_args()
    import pandas
    import sklearn

    results = {"versions": {"python": sys.version.split()[0], "pandas": pandas.__version__,
                            "sklearn": sklearn.__version__}, "sizes": {}}
    for size in [s.strip().lower() for s in a.sizes.split(",") if s.strip()]:
        path = os.path.join(a.dir, f"blobs_{size}.csv")
        tasks = a.tasks or tasks_for(size)
        runs = {"ours": [], "ref": []}
        for rep in range(a.reps):
            print(f"  {size}: round {rep + 1}/{a.reps}", file=sys.stderr, flush=True)
            # DBSCAN at 100k takes minutes on both sides (scikit-learn materialises every eps-neighbourhood):
            # first round only
            round_tasks = tasks if rep == 0 else tasks.replace(",dbscan", "")
            runs["ours"].append(run_json([a.bin, "run", path, round_tasks]))
            runs["ref"].append(run_json([sys.executable, __file__, "--worker", path, round_tasks]))
        med = {}
        for side, rs in runs.items():
            keys = rs[0].keys()
            med[side] = {k: statistics.median(r[k] for r in rs if k in r) for k in keys}
        results["sizes"][size] = {"median": med, "runs": runs}
        print_size(size, med, a.reps)
    with open(a.out, "w") as f:
        json.dump(results, f, indent=1)


def print_size(size, med, reps):
    ours, ref = med["ours"], med["ref"]
    print(f"\n== native, {size} rows x 8 ({ours['file_mb']:.1f} MB), median of {reps}; "
          f"segscope rayon threads {ours['threads']}, sklearn threads {ref['threads']}")
    print(f"{'step':<17}{'segscope ms':>13}{'pandas/sklearn ms':>19}{'speed-up':>10}{'CPU speed-up':>14}  check")
    for t in TASKS:
        o, r = ours.get(f"{t}_ms"), ref.get(f"{t}_ms")
        if o is None and r is None:
            continue
        ratio = f"{r / o:.2f}x" if o and r else "-"
        oc, rc = ours.get(f"{t}_cpu_ms"), ref.get(f"{t}_cpu_ms")
        cpu = f"{rc / oc:.2f}x" if oc and rc and oc >= 20 else "-"
        check = {
            "ingest": f"peak RSS {ours['peak_ingest_mib']:.0f} vs {ref['peak_ingest_mib']:.0f} MiB "
                      f"(baseline {ours['base_mib']:.0f} vs {ref['base_mib']:.0f})",
            "kmeans": f"inertia {ours.get('kmeans_inertia', 0):.6g} vs {ref.get('kmeans_inertia', 0):.6g}, "
                      f"iterations {ours.get('kmeans_iter')} vs {ref.get('kmeans_iter')}",
            "minibatch": f"inertia {ours.get('minibatch_inertia', 0):.6g} vs {ref.get('minibatch_inertia', 0):.6g}",
            "dbscan": f"clusters {ours.get('dbscan_clusters')} vs {ref.get('dbscan_clusters')}, "
                      f"noise {ours.get('dbscan_noise')} vs {ref.get('dbscan_noise')}",
            "gmm": f"score {ours.get('gmm_score', 0):.5f} vs {ref.get('gmm_score', 0):.5f}, "
                   f"iterations {ours.get('gmm_iter')} vs {ref.get('gmm_iter')}",
            "silhouette": f"{ours.get('silhouette', 0):.4f} vs {ref.get('silhouette', 0):.4f}",
            "silhouette_exact": f"{ours.get('silhouette_exact', 0):.6f} vs {ref.get('silhouette_exact', 0):.6f}",
            "ward": f"top merge height {ours.get('ward_top_height', 0):.6f} vs {ref.get('ward_top_height', 0):.6f}",
        }.get(t, "")
        print(f"{t:<17}{fmt_ms(o):>13}{fmt_ms(r):>19}{ratio:>10}{cpu:>14}  {check}")
    o = ours["ingest_ms"] + ours["standardize_ms"] + ours.get("kmeans_ms", 0)
    r = ref["ingest_ms"] + ref["standardize_ms"] + ref.get("kmeans_ms", 0)
    print(f"{'ingest+std+km':<17}{fmt_ms(o):>13}{fmt_ms(r):>19}{r / o:>9.2f}x")
    print_ingest(ours, ref)


def print_ingest(ours, ref):
    """Ingest throughput (wall and CPU) and peak memory against the file size, both sides."""
    mb = ours["file_mb"]
    mib = mb * 1e6 / 2**20
    print(f"ingest of {mb:.1f} MB: segscope {mb / ours['ingest_ms'] * 1e3:,.0f} MB/s "
          f"({mb / ours['ingest_cpu_ms'] * 1e3:,.0f} MB/s of CPU), "
          f"pandas.read_csv {mb / ref['ingest_ms'] * 1e3:,.0f} MB/s ({mb / ref['ingest_cpu_ms'] * 1e3:,.0f} MB/s of CPU)")
    print(f"  peak RSS: segscope {ours['peak_ingest_mib']:.1f} MiB = {ours['peak_ingest_mib'] / mib:.2f}x the file "
          f"(process and file bytes included; {(ours['peak_ingest_mib'] - ours['base_mib']) / mib:.2f}x above the "
          f"{ours['base_mib']:.1f} MiB baseline), pandas {ref['peak_ingest_mib']:.1f} MiB "
          f"({(ref['peak_ingest_mib'] - ref['base_mib']) / mib:.2f}x the file above its {ref['base_mib']:.0f} MiB "
          f"baseline; pandas reads the file itself, in chunks)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], sys.argv[3])))
    else:
        main()
