#!/usr/bin/env bash
# API latency under concurrent load (issue 8): wrk on loopback against `ketnoi serve` on an
# existing database, 32 connections, bounded runs. Three request mixes, each a wrk Lua
# script that cycles through its paths:
#   search    /api/search with names, topics and fields in vi / zh / en
#   entities  /api/entities/{id} over every entity with a mention
#   top5      /api/entities/{id} over the 5 most-mentioned entities
# For each binary given, and with the answer cache off (--no-cache) and on, it prints one line
# per mix: requests/s, p50, p99, non-2xx and socket errors. The database is only read (but
# opening it applies migrations: give it a copy).
# usage: tools/api-latency.sh DB SECONDS BIN [BIN...]
#   env: KETNOI_LATENCY_CONNECTIONS (32), KETNOI_LATENCY_MIXES ("search entities top5"),
#        KETNOI_LATENCY_CACHE ("off on"), KETNOI_LATENCY_THREADS (server --threads, unset = default)
set -euo pipefail
. "$(dirname "$0")/serve-lib.sh"
[ $# -ge 3 ] || { echo "usage: tools/api-latency.sh DB SECONDS BIN [BIN...]"; exit 2; }
db=$1 seconds=$2
shift 2
connections=${KETNOI_LATENCY_CONNECTIONS:-32}
mixes=${KETNOI_LATENCY_MIXES:-search entities top5}
caches=${KETNOI_LATENCY_CACHE:-off on}
command -v wrk >/dev/null || { echo "api-latency: wrk missing (apt-get install wrk)"; exit 2; }
command -v sqlite3 >/dev/null || { echo "api-latency: sqlite3 missing"; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# Search: entity names (vi / en / zh), topics and field words, as analysts type them.
: >"$work/search.paths"
for q in "Qualcomm" "Hà Nội" "Đà Nẵng" "高通" "河内" "University of Tokyo" "Samsung" \
         "bán dẫn" "thiết kế chip" "trí tuệ nhân tạo" "hydro xanh" "an ninh mạng" \
         "semiconductor" "chip design" "green hydrogen" "cybersecurity training" \
         "半导体" "人工智能" "芯片设计" "可再生能源" "biotechnology" "khởi nghiệp" \
         "smart city" "đào tạo nhân lực"; do
  echo "/api/search?q=$(urlencode "$q")" >>"$work/search.paths"
done
# Entities: every one with a mention, and the 5 most mentioned (before the server starts,
# read straight from the file).
sqlite3 "$db" "SELECT DISTINCT entity_id FROM mentions" | while read -r id; do
  echo "/api/entities/$(urlencode "$id")"
done >"$work/entities.paths"
sqlite3 "$db" "SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(*) DESC LIMIT 5" |
  while read -r id; do echo "/api/entities/$(urlencode "$id")"; done >"$work/top5.paths"

cat >"$work/cycle.lua" <<'LUA'
-- Cycles through the paths in PATHS_FILE, each wrk thread from its own offset.
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local counter = 0
local i = 0
setup = function(thread)
  thread:set("i", counter * 7)
  counter = counter + 1
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
LUA

for bin in "$@"; do
  for cache in $caches; do
    flags=(--quiet --web '')
    [ "$cache" = off ] && flags+=(--no-cache)
    [ -n "${KETNOI_LATENCY_THREADS:-}" ] && flags+=(--threads "$KETNOI_LATENCY_THREADS")
    serve_on_free_port "$work" "$bin" --db "$db" "${flags[@]}" || exit 1
    for mix in $mixes; do
      PATHS_FILE="$work/$mix.paths" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s \
        -s "$work/cycle.lua" "$url" >"$work/wrk.out" 2>&1 || true
      line=$(grep '^requests=' "$work/wrk.out" || echo "wrk failed: $(tr '\n' ' ' <"$work/wrk.out")")
      echo "$bin cache=$cache mix=$mix connections=$connections ${seconds}s: $line"
    done
    kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" || true
    server_pid=""
  done
done
