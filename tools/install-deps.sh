#!/usr/bin/env bash
# Installs what ketnoi needs to build, test and run, and only what is missing.
# Idempotent: a second run installs nothing and takes a second.
#   tools/install-deps.sh           build + run + unit tests
#   tools/install-deps.sh --all     also what the full test suite uses (PostgreSQL server,
#                                   Chromium, wrk, npm packages for the web UI tests)
set -euo pipefail
cd "$(dirname "$0")/.."

all=0
[ "${1:-}" = "--all" ] && all=1

packages=(
  build-essential cmake pkg-config git python3
  libicu-dev libxml2-dev libsqlite3-dev libssl-dev libopencc-dev opencc
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev libpqxx-dev libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev unicode-data libgoogle-perftools-dev
)
# Node.js runs the npm steps (cppjieba sources, web UI and browser tests). A machine whose
# node comes with its own npm (e.g. the nodesource build) must not get Debian's npm on top.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "$all" = 1 ]; then
  packages+=(clang libclang-rt-14-dev postgresql postgresql-contrib libpq-dev chromium wrk sqlite3)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Chinese word segmentation: cppjieba's C++ headers and dictionaries are published in the
# npm package nodejieba; unpack them (not vendored in the repo, fetched like any dependency).
tools/fetch-cppjieba.sh
