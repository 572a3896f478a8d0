#!/usr/bin/env bash
# Soak test of `vigil serve` (not in CI): mixed screening load for a while (default 10
# minutes) while a list is re-imported over HTTP every 30 s, each time as a new version
# (one entity more, so the index is rebuilt and swapped, and no shrink guard is crossed).
# Passes when no request failed and the server's memory stayed flat (resident set size
# sampled every 10 s; the last sample within 10% + 20 MiB of the one after warm-up).
#
# Load, from a small Python client on 127.0.0.1 (stdlib only, keep-alive, 8 threads):
#   70% POST /v1/screen (one name), 10% POST /v1/screen (a batch of 10 names),
#   10% POST /v1/compare, 10% POST /v1/scan (a sentence).
# Usage: bench/soak.sh [seconds] [threads]        default: 600 8
#   VIGIL_BIN: the binary (default: the release build); SOAK_SERVE_ARGS: more `serve` flags,
#   e.g. "--timeout-secs 120" for a debug build, whose index rebuild takes ~30 s.
# Needs: python3, a release build (cargo build --release -p vigil), the shared data
# (VIGIL_SHARED_DATA or ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
threads=${2:-8}
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
screener=$($bin --data-dir "$dir" keys create --name soak-screener --role screener | tail -1)
admin=$($bin --data-dir "$dir" keys create --name soak-admin --role admin | tail -1)
# shellcheck disable=SC2086 # the extra flags are words
VIGIL_LOG=warn $bin --data-dir "$dir" serve --addr 127.0.0.1:0 ${SOAK_SERVE_ARGS:-} 2>"$dir/serve.log" &
server=$!
base=
for _ in $(seq 600); do
  base=$(sed -n 's/^vigil serving on //p' "$dir/serve.log")
  [[ -n $base ]] && python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]+'/readyz')" "$base" 2>/dev/null && break
  sleep 0.1
done
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "run: $secs s, $threads client threads, re-import every 30 s, server pid $server"
python3 - "$base" "$screener" "$admin" "$server" "$secs" "$threads" <<'PY'
import http.client, json, random, sys, threading, time, urllib.parse

base, screener, admin, pid, secs, threads = sys.argv[1:7]
secs, threads = float(secs), int(threads)
host = urllib.parse.urlparse(base).netloc
NAMES = ["Hafiz Muhammad Saeed", "Lashkar e Taiba", "Usama bin Ladin", "Maria Lopez Garcia",
         "Ayman al Zawahiri", "John Smith", "Jaish-e-Mohammed", "Abu Bakr al-Baghdadi",
         "Zaki ur Rehman Lakhvi", "Ivan Petrov", "Dawood Ibrahim Kaskar", "Anna Schmidt"]
lock = threading.Lock()
stats = {"ok": 0, "failed": 0, "latencies": [], "failures": []}
stop = time.time() + secs

def request(conn, path, body, key):
    conn.request("POST", path, body=json.dumps(body),
                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    resp = conn.getresponse()
    text = resp.read()
    return resp.status, text

def one(conn):
    r = random.random()
    if r < 0.7:
        return request(conn, "/v1/screen", {"name": random.choice(NAMES)}, screener)
    if r < 0.8:
        queries = [{"id": str(i), "name": random.choice(NAMES)} for i in range(10)]
        return request(conn, "/v1/screen", {"queries": queries}, screener)
    if r < 0.9:
        return request(conn, "/v1/compare", {"name1": random.choice(NAMES), "name2": random.choice(NAMES)}, screener)
    text = "Police said %s met %s in the city." % (random.choice(NAMES), random.choice(NAMES))
    return request(conn, "/v1/scan", {"text": text}, screener)

def worker():
    conn = http.client.HTTPConnection(host, timeout=30)
    latencies = []
    while time.time() < stop:
        started = time.perf_counter()
        try:
            status, text = one(conn)
            ok = status == 200
        except Exception as e:  # a dropped connection is a failed request too
            status, text, ok = type(e).__name__, b"", False
            conn = http.client.HTTPConnection(host, timeout=30)
        latencies.append(time.perf_counter() - started)
        with lock:
            stats["ok" if ok else "failed"] += 1
            if not ok and len(stats["failures"]) < 5:
                stats["failures"].append((status, text[:200]))
    with lock:
        stats["latencies"].extend(latencies)

def own_list(n):
    rows = ["id,schema,name,birth_date,nationality,program"]
    rows += ["SOAK-%d,person,Soak Person Number%d Testname,1970-01-01,FR,SOAK" % (i, i) for i in range(n)]
    return ("\n".join(rows) + "\n").encode()

def rss_kib():
    with open("/proc/%s/status" % pid) as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))

imports = []
def importer():
    n = 500
    while time.time() < stop:
        conn = http.client.HTTPConnection(host, timeout=120)
        started = time.perf_counter()
        conn.request("POST", "/v1/lists/soak/import?format=csv", body=own_list(n),
                     headers={"Authorization": "Bearer " + admin, "Content-Type": "text/csv"})
        resp = conn.getresponse()
        body = resp.read()
        imports.append((resp.status, time.perf_counter() - started))
        if resp.status != 200:
            print("import failed:", resp.status, body[:300], flush=True)
        n += 1
        while time.time() < stop and time.perf_counter() - started < 30:
            time.sleep(0.2)

samples = []
def sampler():
    while time.time() < stop:
        samples.append((round(secs - (stop - time.time())), rss_kib()))
        time.sleep(min(10, max(0.0, stop - time.time())))
    samples.append((round(secs), rss_kib()))

pool = [threading.Thread(target=worker) for _ in range(threads)]
pool += [threading.Thread(target=importer), threading.Thread(target=sampler)]
for t in pool:
    t.start()
for t in pool:
    t.join()
lat = sorted(stats["latencies"])
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0
total = stats["ok"] + stats["failed"]
print("requests: %d in %.0f s (%.0f/s), failed: %d" % (total, secs, total / secs, stats["failed"]))
print("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f" % (pct(0.5), pct(0.9), pct(0.99), pct(1.0)))
failed_imports = [s for s, _ in imports if s != 200]
print("imports: %d, failed: %d, seconds each: %s" % (len(imports), len(failed_imports),
      " ".join("%.1f" % d for _, d in imports)))
print("RSS MiB at s: " + " ".join("%d:%.0f" % (t, k / 1024) for t, k in samples))
for f in stats["failures"]:
    print("failure:", f)
# After warm-up: the first sample at or past 60 s (a short run: its middle sample).
warm = next((k for t, k in samples if t >= 60), samples[len(samples) // 2][1] if samples else 0)
last = samples[-1][1] if samples else 0
flat = last <= warm * 1.10 + 20 * 1024
print("memory: %.0f MiB after warm-up, %.0f MiB at the end: %s" % (warm / 1024, last / 1024,
      "flat" if flat else "GROWING"))
sys.exit(0 if stats["failed"] == 0 and not failed_imports and flat else 1)
PY
