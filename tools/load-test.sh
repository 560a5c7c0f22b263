#!/usr/bin/env bash
# Load test (issue 11): wrk against `ketnoi serve` on loopback while `ketnoi ingest` writes
# into the same database. Bounded: 64 connections, 2 threads, until at least REQUESTS
# requests are done (default 10000, checked after each DURATION-second round, at most 6).
# Passes when wrk reports zero socket errors and zero non-2xx responses and the server log
# holds no error line.
# usage: tools/load-test.sh [BUILD_DIR] [PAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/serve-lib.sh
build=${1:-build}
pages=${2:-400}
requests=${KETNOI_LOAD_REQUESTS:-10000}
duration=${KETNOI_LOAD_SECONDS:-10}
bin="$build/ketnoi"
[ -x "$bin" ] || { echo "load-test: no $bin (build first)"; exit 2; }
command -v wrk >/dev/null || { echo "load-test: wrk missing (apt-get install wrk)"; exit 2; }

work=$(mktemp -d)
server_pid=""
ingest_pid=""
cleanup() {
  [ -n "$ingest_pid" ] && kill "$ingest_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 bench/gen_pages.py --count "$pages" --out "$work/pages" --seed 3 >/dev/null
mkdir -p "$work/first"
cp "$(find "$work/pages" -type f | sort | head -1)" "$work/first/"
"$bin" ingest --db "$work/kb.db" "$work/first" >/dev/null 2>&1

serve_on_free_port "$work" "$bin" --db "$work/kb.db" --web '' || exit 1

# Requests rotate over the read API; responses other than 2xx count as failures.
cat >"$work/mix.lua" <<'LUA'
local paths = {"/api/stats", "/api/search?q=chip", "/api/search?q=b%C3%A1n%20d%E1%BA%ABn",
               "/api/events?limit=20", "/api/entities?q=intel", "/api/documents?limit=20",
               "/api/timeline", "/api/search?q=%E5%8D%8A%E5%AF%BC%E4%BD%93"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LOAD requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
LUA

"$bin" ingest --db "$work/kb.db" --jobs 1 "$work/pages" >"$work/ingest.out" 2>"$work/ingest.log" &
ingest_pid=$!

total=0; failed=0
for round in 1 2 3 4 5 6; do
  wrk -t2 -c64 -d"${duration}s" --timeout 10s -s "$work/mix.lua" "$url" >"$work/wrk.$round" 2>&1
  line=$(grep '^LOAD ' "$work/wrk.$round" || true)
  [ -n "$line" ] || { echo "load-test: wrk failed"; cat "$work/wrk.$round"; exit 1; }
  echo "load-test round $round: $line"
  n=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
  bad=$(awk '{s=0; for (i=3;i<=7;i++){split($i,a,"="); s+=a[2]}; print s}' <<<"$line")
  total=$((total + n)); failed=$((failed + bad))
  [ "$total" -ge "$requests" ] && break
done
# The reads must have overlapped the ingest: it is still writing when the last round ends.
overlap=no
kill -0 "$ingest_pid" 2>/dev/null && overlap=yes
ingest_rc=0
wait "$ingest_pid" || ingest_rc=$?
ingest_pid=""
errors=$(grep -ciE 'error|fail|exception|abort' "$work/serve.log" || true)
echo "load-test: $total requests at 64 connections during an ingest of $pages pages:" \
     "$failed failed, $errors error lines in the server log, ingest exit $ingest_rc," \
     "ingest still running after the last round: $overlap"
[ "$failed" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$ingest_rc" -eq 0 ] && [ "$total" -ge "$requests" ] &&
  [ "$overlap" = yes ]
