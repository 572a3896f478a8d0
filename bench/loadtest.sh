#!/usr/bin/env bash
# Load test of `vigil serve` with wrk: single-name POST /v1/screen at several concurrencies,
# and GET /healthz under the same settings (the HTTP stack alone, no engine), so the two
# can be compared. Prints a markdown table plus the machine and load average.
# Usage: bench/loadtest.sh [seconds per run] [connections...]
#   default: 10 s, connections 1 8 32 128
# Needs: wrk, curl, a release build (cargo build --release -p vigil), the shared data
# (VIGIL_SHARED_DATA or ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
shift || true
conns=("$@")
[[ ${#conns[@]} -gt 0 ]] || conns=(1 8 32 128)
data=${VIGIL_SHARED_DATA:-../shared/data}
bin=${VIGIL_BIN:-${CARGO_TARGET_DIR:-target}/release/vigil}
[[ -x $bin ]] || { echo "no $bin: cargo build --release -p vigil" >&2; exit 2; }
dir=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
$bin --data-dir "$dir" lists import --source un-sc "$data/lists/un/consolidated-2026-02-27.xml" >/dev/null
$bin --data-dir "$dir" lists import --source ofac-sdn "$data/lists/ofac" >/dev/null
export VIGIL_KEY=$($bin --data-dir "$dir" keys create --name loadtest --role screener | tail -1)
VIGIL_LOG=warn $bin --data-dir "$dir" serve --addr 127.0.0.1:0 2>"$dir/serve.log" &
server=$!
base=
for _ in $(seq 300); do
  base=$(sed -n 's/^vigil serving on //p' "$dir/serve.log")
  [[ -n $base ]] && curl -sf "$base/readyz" >/dev/null && break
  sleep 0.1
done
curl -sf "$base/readyz" >/dev/null || { echo "server not ready:" >&2; cat "$dir/serve.log" >&2; exit 1; }
entities=$(curl -s "$base/readyz" | sed -n 's/.*"entities":\([0-9]*\).*/\1/p')

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); index: $entities entities"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# CPU time the server process used (all threads, user + system), in clock ticks: on a shared
# machine the throughput depends on what else runs, its CPU cost per request much less.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
tick=$(getconf CLK_TCK)
echo "| endpoint | connections | requests/s | p50 | p90 | p99 | server CPU per request | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
run() {
  local what=$1 c=$2 threads=$(( $2 < 2 ? 1 : 2 ))
  local out before after
  before=$(cpu_ticks)
  if [[ $what == screen ]]; then
    out=$(wrk -t$threads -c$c -d${secs}s --latency -s bench/screen.lua "$base")
  else
    out=$(wrk -t$threads -c$c -d${secs}s --latency "$base/healthz")
  fi
  after=$(cpu_ticks)
  local rps p50 p90 p99 errors requests cpu
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(awk -v t=$((after - before)) -v hz="$tick" -v n="$requests" 'BEGIN {printf "%.0f µs", t / hz / n * 1e6}')
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p90=$(awk '$1=="90%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr -s ' ' | paste -sd';' || true)
  echo "| $what | $c | $rps | $p50 | $p90 | $p99 | $cpu | ${errors:-none} |"
}
for c in "${conns[@]}"; do run screen "$c"; done
for c in "${conns[@]}"; do run healthz "$c"; done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
