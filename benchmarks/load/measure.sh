#!/usr/bin/env bash
# The load-test measurements of docs/benchmarks.md: one "scripts/load compare" on the default pattern
# (issue 10's: 200,000 cards, a different card per request, 4 connections, open loop, one write per request,
# 20 s of JIT warm-up per server at 5,000/s, 1,000 to 80,000/s for 8 s each, capacity at p99 <= 2 ms):
# the echo server, the stock jPOS server and the switch (scripts/run on its default configuration, as a
# new user starts it), each in its own process, one after another, each server's GC log kept.
#
# Usage: benchmarks/load/measure.sh OUT_DIR [more scripts/load compare options]
#   e.g. benchmarks/load/measure.sh benchmarks/load/results/$(date -u +%F) --quiet-wait 300
# Everything lands in OUT_DIR: compare.txt (the whole output), summary.txt, report.html, the servers'
# logs and GC logs, the card file. Run it on an otherwise idle machine: every figure includes whatever
# else runs, and the load tester itself shares the machine with the server it measures.
set -euo pipefail
if (( $# < 1 )) || [[ "$1" == -* ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
cd "$root"
scripts/load compare --out "$out" --gc-logs "$@" 2>&1 | tee "$out/compare.txt"
exit "${PIPESTATUS[0]}"
