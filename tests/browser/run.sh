#!/usr/bin/env bash
# Browser end-to-end tests: ingests examples/ into a fresh database, starts
# `ketnoi serve` on a free loopback port, runs ui.test.mjs (playwright-core + Debian's
# chromium, headless), keeps screenshots in tests/browser/artifacts/, stops the server.
# Builds nothing. Exit 77 (skipped) when chromium, node or the npm packages are missing
# (tools/install-deps.sh --all && tools/install-web-deps.sh install them).
#   tests/browser/run.sh [path/to/ketnoi]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/ketnoi}
chromium=${KETNOI_CHROMIUM:-/usr/bin/chromium}
. "$root/tools/serve-lib.sh"

skip() { echo "SKIP: $*"; exit 77; }
[ -x "$chromium" ] || skip "no $chromium (tools/install-deps.sh --all)"
command -v node >/dev/null || skip "no node"
[ -d "$here/node_modules/playwright-core" ] || skip "no playwright-core (tools/install-web-deps.sh)"
[ -f "$root/web/vendor/cytoscape.esm.min.mjs" ] || skip "no web/vendor (tools/install-web-deps.sh)"
[ -x "$bin" ] || { echo "FAIL: no ketnoi binary at $bin (build it first)"; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" ingest --db "$work/kb.db" "$root"/examples/*.txt "$root"/examples/*.html >"$work/ingest.log" 2>&1 ||
  { cat "$work/ingest.log"; echo "FAIL: ingest"; exit 1; }

token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
export KETNOI_TOKEN=$token
serve_on_free_port "$work" "$bin" --db "$work/kb.db" --web "$root/web" || { echo "FAIL: server"; exit 1; }

mkdir -p "$here/artifacts"
status=0
(cd "$here" && KETNOI_URL=$url KETNOI_TOKEN=$token KETNOI_ARTIFACTS="$here/artifacts" \
  KETNOI_CHROMIUM=$chromium timeout 300 node --test --test-reporter=spec ui.test.mjs) || status=$?
cp "$work/serve.log" "$here/artifacts/serve.log" 2>/dev/null || true
kill -TERM "$server_pid"
wait "$server_pid" || { echo "FAIL: server did not stop cleanly"; status=1; }
server_pid=""
exit $status
