#!/usr/bin/env python3
"""Prints JMH JSON results (-rf json -rff FILE) as one Markdown table per benchmark class.

Usage: scripts/lib/jmh_table.py RESULTS.json [MORE.json ...]
"""
import json
import sys
from collections import OrderedDict


def fmt(x):
    x = float(x)  # JMH writes "NaN" as a string
    if x != x:  # NaN: a single measurement iteration has no error
        return "n/a"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def main(paths):
    tables = OrderedDict()
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                cls, method = r["benchmark"].rsplit(".", 1)
                params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
                p = r["primaryMetric"]
                alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                tables.setdefault(cls, []).append((method, params, p, alloc))
    for cls, rows in tables.items():
        print(f"#### {cls.rsplit('.', 1)[1]}\n")
        print("| benchmark | parameters | score ± error (99.9%) | B/op (-prof gc) |")
        print("|---|---|---:|---:|")
        for method, params, p, alloc in rows:
            score = f"{fmt(p['score'])} ± {fmt(p['scoreError'])} {p['scoreUnit']}"
            b = fmt(alloc["score"]) if alloc else "-"
            print(f"| {method} | {params or '-'} | {score} | {b} |")
        print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
