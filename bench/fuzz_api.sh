#!/usr/bin/env bash
# Schema-based fuzzing of `vigil serve` with schemathesis, driven by the service's own
# /openapi.json: every operation gets generated valid and invalid requests, and the run fails
# on any 5xx, any response that does not match the documented schema or status codes, and
# on a server that dies or logs a panic.
#
# Usage: bench/fuzz_api.sh [--quick] [--examples N] [--bin PATH]
#   --quick      CI variant: few examples per operation, well under 2 minutes
#   --examples   examples per operation (default 100; --quick: 10)
#   --bin        a vigil binary to test (default: `cargo build -p vigil`, target/debug/vigil)
# Lists served: the small fixture list, plus the UN list when the shared data is found
# (VIGIL_SHARED_DATA or ../shared/data), so the documented examples (un-sc:QDi.263, ...) exist.
# Needs: schemathesis 4.x (installed with pip when missing), curl.
set -euo pipefail
cd "$(dirname "$0")/.."

examples=100
bin=
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) examples=10 ;;
    --examples) examples=$2; shift ;;
    --bin) bin=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# A fresh machine (CI) may not have it yet.
command -v schemathesis >/dev/null || pip install --quiet "schemathesis>=4,<5"
command -v schemathesis >/dev/null || { echo "schemathesis is missing: pip install schemathesis" >&2; exit 2; }
if [[ -z $bin ]]; then
  cargo build -q -p vigil
  bin=${CARGO_TARGET_DIR:-target}/debug/vigil
fi
dir=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

"$bin" --data-dir "$dir" lists import --source own --format csv crates/vigil/tests/fixtures/own-list-v1.csv >/dev/null
un=${VIGIL_SHARED_DATA:-../shared/data}/lists/un/consolidated-2026-02-27.xml
if [[ -f $un ]]; then
  "$bin" --data-dir "$dir" lists import --source un-sc "$un" >/dev/null
else
  echo "shared data not found: fuzzing against the fixture list only"
fi
key=$("$bin" --data-dir "$dir" keys create --name fuzz --role admin | tail -1)

# Port 0: the server prints the address it got. Webhook deliveries the fuzzer triggers would
# go to generated hosts: the proxy sends them nowhere.
http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 VIGIL_LOG=warn "$bin" --data-dir "$dir" serve --addr 127.0.0.1:0 --timeout-secs 10 2>"$dir/serve.log" &
server=$!
for _ in $(seq 300); do
  base=$(sed -n 's/^vigil serving on //p' "$dir/serve.log")
  [[ -n $base ]] && curl -sf "$base/readyz" >/dev/null && break
  sleep 0.1
done
[[ -n $base ]] || { echo "the server did not start:" >&2; cat "$dir/serve.log" >&2; exit 1; }

status=0
report_dir=${FUZZ_REPORT_DIR:-$PWD/target/fuzz-api}
# Run from the temporary directory: schemathesis and hypothesis keep caches in the working
# directory, which must not land in the repository.
(
  cd "$dir"
  # No stateful phase: the operations have no links between them.
  schemathesis run "$base/openapi.json" \
    --header "Authorization: Bearer $key" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "$examples" \
    --seed 42 \
    --request-timeout 15 \
    --max-response-time 15 \
    --workers 1 \
    --suppress-health-check all \
    --report junit --report-dir "$report_dir"
) || status=$?

if ! kill -0 "$server" 2>/dev/null; then
  echo "FAIL: the server died during the run" >&2
  status=1
fi
if grep -n "panicked" "$dir/serve.log" >&2; then
  echo "FAIL: the server panicked (log lines above)" >&2
  status=1
fi
if grep -n "internal error" "$dir/serve.log" >&2; then
  echo "FAIL: the server logged internal errors (above)" >&2
  status=1
fi
exit $status
