#!/usr/bin/env python3
"""Condenses divan's tree output (with its allocation profiler) into one line per case:
median time and allocations per request.

    cargo bench -p corsage-bench --bench layers > divan.txt
    python3 bench/scripts/divan_summary.py divan.txt
"""
import re
import sys

ROW = re.compile(r"^(?P<tree>[│ ]*)[├╰]─ (?P<name>\S+)\s+(?P<rest>.*)$")

path = []
rows = []
pending_alloc = None
for line in open(sys.argv[1], encoding="utf-8"):
    match = ROW.match(line)
    if match:
        depth = len(match["tree"]) // 3
        path = path[:depth] + [match["name"]]
        cells = [c.strip() for c in match["rest"].split("│")]
        if len(cells) >= 3 and cells[2]:
            rows.append({"case": "/".join(path), "median": cells[2], "allocs": "0"})
        pending_alloc = None
        continue
    stripped = line.strip("│ \n")
    if stripped.startswith("alloc:"):
        pending_alloc = "alloc"
    elif pending_alloc == "alloc" and stripped:
        rows[-1]["allocs"] = stripped.split()[0]
        pending_alloc = None
    elif stripped.endswith(":"):
        pending_alloc = None

print(f"{'case':55} {'median':>12} {'allocs':>7}")
for row in rows:
    print(f"{row['case']:55} {row['median']:>12} {row['allocs']:>7}")
