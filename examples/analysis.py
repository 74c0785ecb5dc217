#!/usr/bin/env python3
"""Compare delegation policies from an alignsim recording with pandas.

Reads the recording's public SQL views (runs, metrics, decisions) directly, groups the runs by the
parameters that differ between them (the policy, usually), and gives per group the mean and 95%
confidence interval over seeds (Student t) of each run's outcomes: cumulative regret at the last
step, the mean per step of every welfare series, and each decider's share of the decisions; then
the paired differences from a baseline group, seed by seed (common random numbers).

    python3 examples/analysis.py runs/alignsim.sqlite                  # every run that is not a counterfactual
    python3 examples/analysis.py runs/alignsim.sqlite --runs ID1,ID2 --baseline ucb1 --json

Needs pandas only (Debian: apt-get install python3-pandas).
"""

import argparse
import json
import math
import sqlite3
import sys

import pandas as pd

REGRETS = ["regret/cumulative", "regret/pseudo/cumulative", "regret/dynamic/cumulative"]


def student_t_quantile(p, df):
    """The p-quantile of Student's t (p > 0.5), by bisection on the CDF."""

    def incomplete_beta(x, a, b):
        # Regularised incomplete beta I_x(a, b): continued fraction (modified Lentz).
        if x <= 0:
            return 0.0
        if x >= 1:
            return 1.0
        if x > (a + 1) / (a + b + 2):
            return 1 - incomplete_beta(1 - x, b, a)
        front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)) / a
        tiny = 1e-300
        c, d = 1.0, 1 - (a + b) * x / (a + 1)
        d = 1 / (d if abs(d) > tiny else tiny)
        h = d
        for m in range(1, 300):
            for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
                d = 1 + numerator * d
                d = 1 / (d if abs(d) > tiny else tiny)
                c = 1 + numerator / c
                c = c if abs(c) > tiny else tiny
                h *= d * c
            if abs(d * c - 1) < 1e-15:
                break
        return front * h

    def cdf(t):
        return 1 - 0.5 * incomplete_beta(df / (df + t * t), df / 2, 0.5)

    low, high = 0.0, 1.0
    while cdf(high) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if cdf(mid) < p:
            low = mid
        else:
            high = mid
        if high - low <= 1e-12 * high:
            break
    return (low + high) / 2


def interval(values, level=0.95):
    """Mean and half-width of the t confidence interval (None with fewer than two values)."""
    values = pd.Series(values, dtype=float).dropna()
    n = len(values)
    if n == 0:
        return None
    mean = values.mean()
    half = None if n < 2 else student_t_quantile(1 - (1 - level) / 2, n - 1) * values.std(ddof=1) / math.sqrt(n)
    return {"n": n, "mean": float(mean), "halfWidth": half}


def read_runs(db, run_ids):
    runs = pd.read_sql_query("SELECT run_id, world, seed, params_json, parent_run_id, status FROM runs ORDER BY rowid", db)
    if run_ids:
        missing = set(run_ids) - set(runs.run_id)
        if missing:
            sys.exit(f"analysis.py: no run {', '.join(sorted(missing))} in this recording")
        return runs.set_index("run_id").loc[run_ids].reset_index()
    return runs[runs.parent_run_id.isna()].reset_index(drop=True)


def labels(runs):
    """Per run, the parameters (and world) that differ between the runs: the policy alone when only it differs."""
    params = pd.DataFrame([{"world": w, **json.loads(p)} for w, p in zip(runs.world, runs.params_json)])
    differing = sorted(k for k in params.columns if params[k].map(json.dumps).nunique() > 1)
    if not differing:
        return runs.world.tolist()
    if differing == ["policy"]:
        return params.policy.astype(str).tolist()
    show = lambda v: v if isinstance(v, str) else json.dumps(v)
    return [", ".join(f"{k}={show(row[k])}" for k in differing) for _, row in params.iterrows()]


def outcomes(db, runs):
    """One row per run, one column per outcome."""
    ids = tuple(runs.run_id)
    marks = ",".join("?" * len(ids))
    metrics = pd.read_sql_query(f"SELECT run_id, t, name, value FROM metrics WHERE run_id IN ({marks})", db, params=ids)
    last = metrics[metrics.name.isin(REGRETS)].sort_values("t").groupby(["run_id", "name"]).value.last().unstack()
    welfare = metrics[metrics.name.str.match(r"^welfare(_regret)?/")].groupby(["run_id", "name"]).value.mean().unstack()
    welfare.columns = [f"mean {c}" for c in welfare.columns]
    decisions = pd.read_sql_query(f"SELECT run_id, coalesce(agent, 'self') AS decider FROM decisions WHERE run_id IN ({marks})", db, params=ids)
    shares = pd.crosstab(decisions.run_id, decisions.decider, normalize="index")
    shares.columns = [f"share {c}" for c in shares.columns]
    table = runs[["run_id", "seed"]].set_index("run_id").join([last, welfare, shares])
    return table.fillna({c: 0.0 for c in shares.columns})


def compare(db, run_ids=None, baseline=None):
    runs = read_runs(db, run_ids)
    runs["label"] = labels(runs)
    table = outcomes(db, runs).join(runs.set_index("run_id").label)
    keys = [c for c in table.columns if c not in ("seed", "label")]
    groups = list(dict.fromkeys(runs.label))
    baseline = baseline or groups[0]
    if baseline not in groups:
        sys.exit(f"analysis.py: --baseline {baseline}: expected one of {', '.join(groups)}")
    by_seed = {g: table[table.label == g].set_index("seed") for g in groups}
    result = {"baseline": baseline, "groups": [], "differences": []}
    for g in groups:
        result["groups"].append({"label": g, "runIds": table.index[table.label == g].tolist(), "outcomes": {k: interval(by_seed[g][k]) for k in keys}})
        if g != baseline:
            paired = {k: (by_seed[g][k] - by_seed[baseline][k]).dropna() for k in keys}
            result["differences"].append({"label": g, "outcomes": {k: interval(paired[k]) for k in keys}})
    return result


def show(result):
    def cell(i):
        return "-" if i is None else f"{i['mean']:.4g}" if i["halfWidth"] is None else f"{i['mean']:.4g} ± {i['halfWidth']:.4g}"

    keys = list(result["groups"][0]["outcomes"])
    table = pd.DataFrame({g["label"]: {k: cell(i) for k, i in g["outcomes"].items()} for g in result["groups"]}, index=keys)
    print("mean ± 95% CI (Student t) over seeds\n")
    print(table.to_string())
    if result["differences"]:
        diff = pd.DataFrame({f"{d['label']} − {result['baseline']}": {k: cell(i) for k, i in d["outcomes"].items()} for d in result["differences"]}, index=keys)
        print(f"\npaired differences vs {result['baseline']} (same seeds)\n")
        print(diff.to_string())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="an alignsim recording")
    parser.add_argument("--runs", help="these runs (comma-separated) instead of every run that is not a counterfactual")
    parser.add_argument("--baseline", help="the group the others are paired against (default: the first)")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.file}?mode=ro", uri=True)
    try:
        result = compare(db, args.runs.split(",") if args.runs else None, args.baseline)
    finally:
        db.close()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result)


if __name__ == "__main__":
    main()
