#!/usr/bin/env bash
# Load test of `vigil serve` with wrk: single-name POST /v1/screen at several concurrencies.
# Usage: bench/loadtest.sh [seconds per run]   (needs: wrk, a release build, ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
data=${VIGIL_SHARED_DATA:-../shared/data}
bin=target/release/vigil
dir=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
$bin --data-dir "$dir" lists import --source un-sc "$data/lists/un/consolidated-2026-02-27.xml" >/dev/null
$bin --data-dir "$dir" lists import --source ofac-sdn "$data/lists/ofac" >/dev/null
export VIGIL_KEY=$($bin --data-dir "$dir" keys create --name loadtest --role screener | tail -1)
VIGIL_LOG=warn $bin --data-dir "$dir" serve --addr 127.0.0.1:18181 2>"$dir/serve.log" &
server=$!
until curl -sf http://127.0.0.1:18181/readyz >/dev/null; do sleep 0.2; done
echo "| connections | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
for c in 1 8 32 128; do
  out=$(wrk -t2 -c$c -d${secs}s --latency -s bench/screen.lua http://127.0.0.1:18181)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  echo "| $c | $rps | $p50 | $p99 |${errors:+ $errors}"
done
