#!/usr/bin/env bash
# Where a request's time goes at one rate, on the default configuration: the switch started as
# scripts/run starts it, the load tester's pattern at RATE for 40 s after its JIT warm-up, and
#  - the switch's own view: its metrics scraped every 2 s, and the histograms of "frame decoded to
#    answer flushed" and of the journal commit over the measured phase (inside.txt), to set beside
#    the tester's figures (load.txt), which also hold the loopback, the wake-ups and the tester; and
#    over the same window the CPU of the switch, its child poster and the tester (inside.txt);
#  - with --perf: 10 s of `perf record -g -e cpu-clock` of the whole machine in the measured phase,
#    the CPU share per thread and the switch's I/O thread by system call (perf.txt);
#  - with --block: 10 s of the block layer's requests in the measured phase (perf's block:block_rq_*
#    tracepoints): who wrote what, the device's part of each journal commit, the slow ones (block.txt).
#
# Usage: benchmarks/load/profile.sh OUT_DIR RATE [--perf] [--block] [--config FILE] [--cards FILE]
# Needs python3 (and perf for --perf or --block). Run it on an otherwise idle machine.
set -euo pipefail
if (( $# < 2 )) || [[ "$1" == -* ]]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
rate="$2"
shift 2
perf=false block=false config="" cards=""
while (( $# > 0 )); do
  case "$1" in
    --perf) perf=true; shift ;;
    --block) block=true; shift ;;
    --config) config="$2"; shift 2 ;;
    --cards) cards="$2"; shift 2 ;;
    *) echo "profile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ "$perf" == true || "$block" == true ]] && ! command -v perf > /dev/null; then
  echo "profile.sh: --perf and --block need perf (Debian: linux-perf)" >&2
  exit 2
fi
if [[ "$block" == true ]] && ! grep -q "block:block_rq_issue" <<< "$(perf list 2> /dev/null || true)"; then
  echo "profile.sh: --block needs the block:block_rq_* tracepoints, which perf lists only as root (or with tracefs readable)" >&2
  exit 2
fi
cd "$root"
if [[ -z "$cards" ]]; then
  cards="$out/cards.jsonl"
  [[ -f "$cards" ]] || scripts/load cards --out "$cards" > /dev/null
fi
rm -rf "$out/data" "$out/metrics" && mkdir -p "$out/metrics"
port=$((20000 + RANDOM % 20000)); http=$((port + 1))
scripts/run ${config:+--config "$config"} --data-dir "$out/data" --port "$port" --http-port "$http" \
  --provision "$cards" > "$out/switch.log" 2>&1 &
switch=$!
trap 'kill -TERM $switch 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "listening on" "$out/switch.log" && break; sleep 0.5; done
scripts/load run --host 127.0.0.1 --port "$port" --cards "$cards" --rates "$rate" --seconds 40 --no-search \
  > "$out/load.txt" 2>&1 &
load=$!
perf_job=""
if [[ "$perf" == true ]]; then
  (sleep 50 && perf record -g -e cpu-clock -F 1999 -a -o "$out/perf.data" -- sleep 10 > "$out/perf-record.txt" 2>&1 \
    && for pid in $(pgrep java); do jcmd "$pid" Compiler.perfmap > /dev/null 2>&1 || true; done) &
  perf_job=$!
fi
block_job=""
if [[ "$block" == true ]]; then
  (sleep 50 && perf record -e block:block_rq_issue -e block:block_rq_complete -a -o "$out/block.data" -- sleep 10 \
    > "$out/block-record.txt" 2>&1) &
  block_job=$!
fi
python3 "$root/benchmarks/load/profile_report.py" scrape "http://127.0.0.1:$http/metrics" "$out/metrics" "$load"
[[ -z "$perf_job" ]] || wait "$perf_job"
[[ -z "$block_job" ]] || wait "$block_job"
kill -TERM "$switch" && wait "$switch" || true
trap - EXIT
python3 "$root/benchmarks/load/profile_report.py" inside "$out/metrics" "$rate" > "$out/inside.txt"
if [[ "$perf" == true ]]; then
  perf script -i "$out/perf.data" 2> /dev/null > "$out/perf.stacks"
  python3 "$root/benchmarks/load/profile_report.py" perf "$out/perf.stacks" > "$out/perf.txt"
fi
if [[ "$block" == true ]]; then
  perf script -i "$out/block.data" 2> /dev/null > "$out/block.events"
  python3 "$root/benchmarks/load/profile_report.py" block "$out/block.events" > "$out/block.txt"
fi
grep -E "^switch +rate +$rate " "$out/load.txt" | head -1
cat "$out/inside.txt" "$out/perf.txt" "$out/block.txt" 2> /dev/null || true
