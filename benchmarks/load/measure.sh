#!/usr/bin/env bash
# The measurements of the load-test report: the real switch (scripts/run in its own process) at fixed
# rates and in capacity mode, journal fsync none and durable, with the echo and stock-jPOS baselines
# (each in its own process) run in the same tester invocation for fsync none.
# Usage: [SLO=p99=1ms] [CAPACITY_SLO=...] [CARDS=150000] benchmarks/load/measure.sh OUT_DIR [RATES] [SECONDS] [WARMUP]
# The switch's GC log goes to OUT_DIR/gc-<fsync>.log. The perf configurations post the ledger from a
# separate process (ledger.poster: external): scripts/poster is started next to the switch, its
# output in OUT_DIR/poster-<fsync>.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
rates="${2:-2000 5000 10000 20000}"
seconds="${3:-15}"
warmup="${4:-5}"
slo="${SLO:-p99=1ms}"
cap_slo="${CAPACITY_SLO:-$slo}"
cards="$out/cards.jsonl"
cd "$root"
[[ -f "$cards" ]] || scripts/load cards --count "${CARDS:-150000}" --out "$cards"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # file text seconds
  for _ in $(seq 1 "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done
  echo "measure: '$2' not seen in $1" >&2; return 1
}

scripts/load echo-server --port 9583 > "$out/echo.log" 2>&1 & pids+=($!)
TATEKAE_LOAD_JAVA_OPTS="-Xmx4g" scripts/load jpos-server --cards "$cards" --config benchmarks/load/perf-none.yaml \
  --port 9584 > "$out/jpos.log" 2>&1 & pids+=($!)
wait_for "$out/jpos.log" "baseline on port" 300

for fsync in none durable; do
  rm -rf "$out/data-$fsync"
  JAVA_TOOL_OPTIONS="-Xlog:gc:file=$out/gc-$fsync.log" scripts/run --config "benchmarks/load/perf-$fsync.yaml" --data-dir "$out/data-$fsync" --provision "$cards" \
    > "$out/switch-$fsync.log" 2>&1 & switch_pid=$!
  pids+=($switch_pid)
  wait_for "$out/switch-$fsync.log" "listening on" 300
  scripts/poster --config "benchmarks/load/perf-$fsync.yaml" --data-dir "$out/data-$fsync" > "$out/poster-$fsync.log" 2>&1 &
  poster_pid=$!
  pids+=($poster_pid)
  first=0
  baselines=()
  [[ "$fsync" == none ]] && baselines=(--baseline-echo 127.0.0.1:9583 --baseline-jpos 127.0.0.1:9584)
  for rate in $rates; do
    echo "=== $(date -u +%H:%M:%S) fsync $fsync rate $rate" | tee -a "$out/commands.txt"
    cmd=(scripts/load run --cards "$cards" --rate "$rate" --seconds "$seconds" --warmup "$warmup" --velocity 32
         --first-card "$first" --slo "$slo" --label "switch-$fsync" --report "$out/fixed-$fsync-$rate.html" "${baselines[@]}")
    echo "${cmd[*]}" >> "$out/commands.txt"
    "${cmd[@]}" > "$out/fixed-$fsync-$rate.txt" 2>&1 || true
    first="$(sed -n "s/^switch-$fsync: next run against the same server: --first-card //p" "$out/fixed-$fsync-$rate.txt" | tail -1)"
    first="${first:-0}"
    grep -A8 "=== Summary" "$out/fixed-$fsync-$rate.txt" || tail -5 "$out/fixed-$fsync-$rate.txt"
  done
  echo "=== $(date -u +%H:%M:%S) fsync $fsync capacity" | tee -a "$out/commands.txt"
  cmd=(scripts/load run --cards "$cards" --capacity --start-rate 2000 --step-factor 1.5 --max-rate 60000
       --seconds "$seconds" --warmup "$warmup" --velocity 32 --first-card "$first" --slo "$cap_slo"
       --label "switch-$fsync" --report "$out/capacity-$fsync.html" "${baselines[@]}")
  echo "${cmd[*]}" >> "$out/commands.txt"
  "${cmd[@]}" > "$out/capacity-$fsync.txt" 2>&1 || true
  grep -A20 "=== Summary" "$out/capacity-$fsync.txt" || tail -5 "$out/capacity-$fsync.txt"
  kill "$switch_pid"; wait "$switch_pid" 2>/dev/null || true
  kill "$poster_pid"; wait "$poster_pid" 2>/dev/null || true
  tail -1 "$out/poster-$fsync.log"
done
