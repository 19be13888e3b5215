"""pandas.read_csv on the ingest benchmark file, for comparison with examples/bench_ingest.rs.

Python 3.11, pandas 3.1.1. Usage: python3 tests/reference/bench_ingest.py path.csv
Prints throughput (best of 3 runs, each in a fresh process) and peak memory (ru_maxrss).
"""
import os
import subprocess
import sys
import time


def measure(path):
    import resource

    import pandas as pd

    t = time.perf_counter()
    df = pd.read_csv(path)
    s = time.perf_counter() - t
    size = os.path.getsize(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    print(
        f"pandas {pd.__version__} read_csv: {size / 1e6:.1f} MB, {len(df)} rows x {df.shape[1]} cols, "
        f"{s:.3f} s = {size / 1e6 / s:.0f} MB/s; peak memory {peak:.0f} MiB = {peak * 2**20 / size:.2f}x file size"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(sys.argv[2])
    else:
        for _ in range(3):
            subprocess.run([sys.executable, __file__, "--measure", sys.argv[1]], check=True)
