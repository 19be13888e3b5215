"""Reference values for the CSV ingest tests, computed with pandas.

Python 3.11, pandas 3.1.1, numpy 2.4.6 (pinned in tests/reference/requirements.txt).
Run from the repository root:  python3 tests/reference/ingest.py
Writes tests/reference/expected/ingest_<dataset>.json: for every column its cell values (numbers as
floats; text stripped of surrounding whitespace, as the engine stores it; dates as seconds since 1970-01-01), the
missing count, the number of distinct values and min/max/mean/skew (pandas' `Series.skew()`). Cells are read as text by pandas and
numbers converted with Python's float(), which is correctly rounded like Rust's str::parse::<f64>.
"""
import json
import math
import pathlib

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
OUT = ROOT / "tests" / "reference" / "expected"

# How the engine is expected to read each column: number, text or date (with its strptime format).
DATASETS = {
    "mall_customers": {"CustomerID": "text", "Gender": "text"},
    "wholesale_customers": {},
    "cc_general": {"CUST_ID": "text"},
    "online_retail_head999": {
        "InvoiceNo": "text",
        "StockCode": "text",
        "Description": "text",
        "InvoiceDate": ("date", "%m/%d/%y %H:%M"),
        # Read by pandas as float64 because of one missing value; the engine keeps ids as text.
        "CustomerID": "int_text",
        "Country": "text",
    },
}


def number(x):
    return None if pd.isna(x) else float(x)


def column(df, name, how):
    s = df[name]
    out = {"name": name}
    if how == "number":
        # Python's float() is correctly rounded, like Rust's str::parse::<f64>.
        vals = s.map(lambda v: math.nan if pd.isna(v) else float(v)).astype("float64")
        out["type"] = "number"
        out["values"] = [number(v) for v in vals]
    elif isinstance(how, tuple):
        dt = pd.to_datetime(s, format=how[1])
        secs = (dt - pd.Timestamp("1970-01-01")) / pd.Timedelta(seconds=1)
        vals = secs.astype("float64")
        out["type"] = "date"
        out["values"] = [number(v) for v in vals]
    else:
        if how == "int_text":
            vals = [None if pd.isna(v) else str(int(float(v))) for v in s]
        else:
            vals = [None if pd.isna(v) else str(v).strip() for v in s]
        vals = [None if v == "" else v for v in vals]
        out["type"] = "text"
        out["values"] = vals
        out["missing"] = sum(v is None for v in vals)
        out["distinct"] = len({v for v in vals if v is not None})
        return out
    out["missing"] = int(vals.isna().sum())
    out["distinct"] = int(vals.nunique(dropna=True))
    out["min"] = number(vals.min())
    out["max"] = number(vals.max())
    out["mean"] = number(vals.mean())
    out["skew"] = None if isinstance(how, tuple) else number(vals.skew())
    out["fsum"] = math.fsum(v for v in vals if not pd.isna(v))
    return out


def main():
    for name, kinds in DATASETS.items():
        df = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=True)
        cols = [column(df, c, kinds.get(c, "number")) for c in df.columns]
        doc = {
            "file": f"{name}.csv",
            "pandas": pd.__version__,
            "rows": len(df),
            "columns": cols,
        }
        path = OUT / f"ingest_{name}.json"
        path.write_text(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
