#!/usr/bin/env bash
# Installs the web UI's and the browser tests' npm packages into the repo (idempotent):
#   web/node_modules            cytoscape, copied to web/vendor/ (served by `ketnoi serve`)
#   tests/browser/node_modules  playwright-core (drives Debian's /usr/bin/chromium)
# package.json + package-lock.json are committed; node_modules/ and web/vendor/ are not.
# Chromium itself comes from Debian: tools/install-deps.sh --all.
set -euo pipefail
cd "$(dirname "$0")/.."

install_dir() {
  local dir=$1 marker=$1/node_modules/.package-lock.json
  # Skip when node_modules already matches the lock file.
  if [ -f "$marker" ] && [ "$marker" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

install_dir web
install_dir tests/browser

mkdir -p web/vendor
src=web/node_modules/cytoscape/dist/cytoscape.esm.min.mjs
if ! cmp -s "$src" web/vendor/cytoscape.esm.min.mjs; then
  cp "$src" web/vendor/cytoscape.esm.min.mjs
fi
cp -f web/node_modules/cytoscape/LICENSE web/vendor/cytoscape.LICENSE 2>/dev/null || true
echo "install-web-deps: web/vendor/cytoscape.esm.min.mjs and tests/browser/node_modules ready"
