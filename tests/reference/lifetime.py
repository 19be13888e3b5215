"""Reference values for the RFM feature and lifetime-model tests (tests/rfm_*.rs, tests/lifetime_*.rs).

Versions used (Python 3.11.7): Lifetimes 0.11.3, autograd 1.9.1, pandas 3.1.1, numpy 2.4.6, scipy 1.17.1.
lifetimes 0.11.3 runs unchanged on these for everything used here (freq "D" and "W"; its freq "M" summary
fails on pandas >= 2 because numpy's month is not a fixed duration, so month periods are covered by unit tests).

Run from the repository root:  python3 tests/reference/lifetime.py
Writes tests/reference/expected/lifetime_*.json.
"""
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
OUT = ROOT / "tests" / "reference" / "expected"

# Fader, Hardie & Lee (2005): CDNOW 1/10 sample, weeks 1-39 (1997-01-01 .. 1997-09-30), fractional weeks.
END = "1997-09-30"
PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def rounded(xs, digits=12):
    return [float(f"{float(x):.{digits}g}") for x in xs]


def load_cdnow(name):
    df = pd.read_csv(DATA / name, dtype={"customer_id": str})
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df


def id_key(s):
    """The engine's customer order: numeric ids numerically, then the others as text."""
    try:
        return (0, float(s), s)
    except ValueError:
        return (1, 0.0, s)


def sorted_summary(summary):
    return summary.loc[sorted(summary.index, key=id_key)]


def fit_models(summary):
    t0 = time.perf_counter()
    bg = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    bg_seconds = time.perf_counter() - t0
    # lifetimes refuses non-positive values; the engine skips them the same way
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    t0 = time.perf_counter()
    gg = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    gg_seconds = time.perf_counter() - t0
    # total log-likelihood in the data's own time unit (lifetimes reports a mean over time-scaled data)
    ll = -BetaGeoFitter._negative_log_likelihood(
        np.log(bg.params_.values), summary["frequency"].values.astype(int), summary["recency"].values,
        summary["T"].values, np.ones(len(summary)), 0.0) * len(summary)
    gg_ll = -GammaGammaFitter._negative_log_likelihood(
        np.log(gg.params_.values), repeat["frequency"].values, repeat["monetary_value"].values,
        np.ones(len(repeat)), 0.0) * len(repeat)
    return bg, gg, {
        "bgnbd": {k: float(v) for k, v in bg.params_.items()} | {"log_likelihood": float(ll)},
        "gamma_gamma": {k: float(v) for k, v in gg.params_.items()} | {"log_likelihood": float(gg_ll),
                                                                       "n_customers": int(len(repeat))},
    }, {"bgnbd": bg_seconds, "gamma_gamma": gg_seconds}


def qcut_scores(values, reverse=False):
    """Quintile scores 1..5 with ties sharing one score: a value's position is its lowest rank minus one
    (pandas rank(method="min")), and position p scores the smallest k with 5p <= k(n - 1); reversed, 6 - k.
    Without ties this is pandas.qcut(x.rank(method="first"), 5) (see qcut_table)."""
    s = pd.Series(values, dtype=float)
    span = len(s) - 1
    first = (s.rank(method="min") - 1).astype(int)
    k = [next((k for k in range(1, 6) if 5 * p <= k * span), 5) for p in first]
    return [6 - x for x in k] if reverse else k


def cdnow_sample():
    df = load_cdnow("cdnow_sample_transactions.csv")
    s = summary_data_from_transaction_data(df, "customer_id", "date", monetary_value_col="dollar_value",
                                           observation_period_end=END, freq="D", freq_multiplier=7)
    s = sorted_summary(s)
    bg, gg, fitted, _ = fit_models(s)
    f, r, T, m = s["frequency"], s["recency"], s["T"], s["monetary_value"]
    # RFM descriptive features and pandas qcut scores, in the engine's definitions
    window = df[df["date"] <= pd.Timestamp(END)]
    per = window.groupby("customer_id")
    orders = per.size().reindex(s.index)
    total = per["dollar_value"].sum().reindex(s.index)
    months = per["date"].apply(lambda d: d.dt.to_period("M").nunique()).reindex(s.index)
    items = per["number_of_cds"].sum().reindex(s.index) / orders
    # time since the last purchase from whole days (T - r would differ by an ulp between equal values)
    since_last = (pd.Timestamp(END) - per["date"].max().reindex(s.index)).dt.days / 7
    out = {
        "setup": {"observation_end": END, "freq": "D", "freq_multiplier": 7},
        "published": PUBLISHED,
        "fitted": fitted,
        "clv": {"time_months": 12, "discount_rate": 0.01, "freq": "W"},
        "customers": {
            "id": list(s.index),
            "frequency": rounded(f),
            "recency": rounded(r),
            "T": rounded(T),
            "monetary_value": rounded(m),
            "orders": orders.astype(int).tolist(),
            "monetary_total": rounded(total),
            "items_per_order": rounded(items),
            "active_months": months.astype(int).tolist(),
            "p_alive": rounded(bg.conditional_probability_alive(f, r, T)),
            "expected_10": rounded(bg.conditional_expected_number_of_purchases_up_to_time(10, f, r, T)),
            "expected_39": rounded(bg.conditional_expected_number_of_purchases_up_to_time(39, f, r, T)),
            "expected_profit": rounded(gg.conditional_expected_average_profit(f, m)),
            "clv": rounded(gg.customer_lifetime_value(bg, f, r, T, m, time=12, discount_rate=0.01, freq="W")),
            "r_score": qcut_scores(since_last.values, reverse=True),
            "f_score": qcut_scores(orders.values),
            "m_score": qcut_scores(total.values),
        },
    }
    (OUT / "lifetime_cdnow_sample.json").write_text(json.dumps(out, separators=(",", ":")))
    print("sample BG/NBD", fitted["bgnbd"], "GG", fitted["gamma_gamma"])


def cdnow_weekly():
    """Whole Monday-start weeks (freq "W"): checks the period flooring rather than the paper's setup."""
    df = load_cdnow("cdnow_sample_transactions.csv")
    s = sorted_summary(summary_data_from_transaction_data(
        df, "customer_id", "date", monetary_value_col="dollar_value", observation_period_end=END, freq="W"))
    daily = sorted_summary(summary_data_from_transaction_data(
        df, "customer_id", "date", monetary_value_col="dollar_value", freq="D"))
    out = {
        "weekly": {"id": list(s.index), "frequency": rounded(s["frequency"]), "recency": rounded(s["recency"]),
                   "T": rounded(s["T"]), "monetary_value": rounded(s["monetary_value"])},
        "daily_to_last_date": {"id": list(daily.index), "frequency": rounded(daily["frequency"]),
                               "recency": rounded(daily["recency"]), "T": rounded(daily["T"]),
                               "monetary_value": rounded(daily["monetary_value"])},
    }
    (OUT / "lifetime_cdnow_periods.json").write_text(json.dumps(out, separators=(",", ":")))


def cdnow_full():
    df = load_cdnow("cdnow_transactions.csv")
    s = sorted_summary(summary_data_from_transaction_data(
        df, "customer_id", "date", monetary_value_col="dollar_value", observation_period_end=END, freq="D",
        freq_multiplier=7))
    bg, gg, fitted, seconds = fit_models(s)
    f, r, T = s["frequency"], s["recency"], s["T"]
    out = {
        "setup": {"observation_end": END, "freq": "D", "freq_multiplier": 7},
        "customers": int(len(s)),
        "fitted": fitted,
        "summary_sums": {k: float(s[k].sum()) for k in ["frequency", "recency", "T", "monetary_value"]},
        "p_alive_mean": float(np.mean(bg.conditional_probability_alive(f, r, T))),
        "expected_39_sum": float(np.sum(bg.conditional_expected_number_of_purchases_up_to_time(39, f, r, T))),
    }
    (OUT / "lifetime_cdnow_full.json").write_text(json.dumps(out, indent=1))
    print("full BG/NBD", fitted["bgnbd"], "GG", fitted["gamma_gamma"], "fit seconds", seconds)


def online_retail():
    df = pd.read_csv(DATA / "online_retail_head999.csv", dtype={"InvoiceNo": str, "CustomerID": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%y %H:%M")
    missing = int(df["CustomerID"].isna().sum())
    cancelled = df["InvoiceNo"].str.startswith("C")
    negative = (df["Quantity"] < 0) & ~cancelled
    clean = df[df["CustomerID"].notna() & ~cancelled & ~negative].copy()
    clean["CustomerID"] = clean["CustomerID"].str.replace(r"\.0$", "", regex=True)
    clean["amount"] = clean["Quantity"] * clean["UnitPrice"]
    s = sorted_summary(summary_data_from_transaction_data(clean, "CustomerID", "InvoiceDate",
                                                          monetary_value_col="amount", freq="D"))
    per = clean.groupby("CustomerID")
    out = {
        "rows": int(len(df)),
        "missing_customer": missing,
        "cancelled": int((cancelled & df["CustomerID"].notna()).sum()),
        "negative_not_cancelled": int((negative & df["CustomerID"].notna()).sum()),
        "customers": {"id": list(s.index), "frequency": rounded(s["frequency"]), "recency": rounded(s["recency"]),
                      "T": rounded(s["T"]), "monetary_value": rounded(s["monetary_value"]),
                      "orders": per["InvoiceNo"].nunique().reindex(s.index).astype(int).tolist(),
                      "monetary_total": rounded(per["amount"].sum().reindex(s.index))},
    }
    (OUT / "lifetime_online_retail.json").write_text(json.dumps(out, separators=(",", ":")))


def qcut_table():
    """pandas qcut(rank(method="first"), 5) labels for n = 2..40 distinct ranks."""
    out = {str(n): pd.qcut(pd.Series(np.arange(1, n + 1, dtype=float)), 5, labels=[1, 2, 3, 4, 5])
           .astype(int).tolist() for n in range(2, 41)}
    (OUT / "lifetime_qcut.json").write_text(json.dumps(out, separators=(",", ":")))


def expectation_extremes():
    """Expected purchases where the BG/NBD fit runs to its boundary (a and b in the thousands or millions: the
    dropout probability barely varies between customers), next to ordinary parameters. lifetimes evaluates
    hyp2f1 there; the exact value is the one-dimensional integral over the dropout probability
    E[X(t) | x, t_x, T] = P(alive) * E_p[(1 - ((alpha+T)/(alpha+T+p t))^(r+x)) / p], p ~ Beta(a, b+x),
    computed here with scipy.integrate.quad (relative 1e-13) in the log-odds of p."""
    from scipy import integrate, special

    def exact(t, x, tx, T, r, al, a, b):
        # in u = logit(p) the density is exp(a u - (a+b+x) softplus(u)) up to a constant: smooth and
        # log-concave; both integrals run over where it is above e^-80 of its peak, split at the mode
        bx = b + x
        mode, width = np.log(a / bx), np.sqrt((a + bx) / (a * bx))
        def log_density(u):
            return a * u - (a + bx) * np.logaddexp(0.0, u) - (a * mode - (a + bx) * np.logaddexp(0.0, mode))
        def purchases(u):
            p = special.expit(u)
            return -np.expm1(-(r + x) * np.log1p(p * t / (al + T))) / p
        def edge(direction):
            u = mode
            while log_density(u) > -80.0:
                u += direction * width
            return u
        lo, hi = edge(-1.0), edge(1.0)
        def integral(f):
            parts = [integrate.quad(f, lo, mode, epsabs=0, epsrel=1e-13, limit=500)[0],
                     integrate.quad(f, mode, hi, epsabs=0, epsrel=1e-13, limit=500)[0]]
            return sum(parts)
        mass = integral(lambda u: np.exp(log_density(u)))
        v = integral(lambda u: np.exp(log_density(u)) * purchases(u)) / mass
        alive = 1.0 if x == 0 else 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))
        return v * alive

    models = [
        {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
        {"r": 1.5, "alpha": 10.0, "a": 300.0, "b": 900.0},
        {"r": 2.0266322034755646, "alpha": 34.56391071690932, "a": 59672.96401371465, "b": 4683366.210209012},
        {"r": 0.8, "alpha": 3.0, "a": 2.0e6, "b": 3.0e8},
    ]
    histories = [(0, 0, 30), (2, 20, 30), (5, 28, 30), (1, 2, 45)]
    out = []
    for m in models:
        bg = BetaGeoFitter()
        bg.params_ = pd.Series(m)
        for t in (1.0, 12.0, 52.0):
            for x, tx, T in histories:
                with np.errstate(all="ignore"):
                    lt = bg.conditional_expected_number_of_purchases_up_to_time(
                        t, np.array([x]), np.array([tx]), np.array([T]))[0]
                out.append(m | {"t": t, "frequency": x, "recency": tx, "T": T,
                                "exact": exact(t, x, tx, T, m["r"], m["alpha"], m["a"], m["b"]),
                                "lifetimes": float(lt) if np.isfinite(lt) else None})
    (OUT / "lifetime_extremes.json").write_text(json.dumps(out, indent=1))


def gamma_gamma_month():
    """Gamma-Gamma on the repeat customers of a PayPal-style log counted by month (1,392 customers; from a
    seeded synthetic export): the engine's BFGS once walked to p ~ 1e-86, q ~ 1e34 where the likelihood is
    rounding noise; lifetimes converges at an interior maximum."""
    d = pd.read_csv(DATA / "gg_month_repeat_customers.csv")
    gg = GammaGammaFitter().fit(d["frequency"], d["monetary_value"])
    ll = -GammaGammaFitter._negative_log_likelihood(
        np.log(gg.params_.values), d["frequency"].values, d["monetary_value"].values, np.ones(len(d)), 0.0
    ) * len(d)
    out = {k: float(v) for k, v in gg.params_.items()} | {"log_likelihood": float(ll), "n_customers": len(d)}
    (OUT / "lifetime_gg_month.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    cdnow_sample()
    cdnow_weekly()
    online_retail()
    qcut_table()
    cdnow_full()
    expectation_extremes()
    gamma_gamma_month()
