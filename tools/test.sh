#!/usr/bin/env bash
# Every test: install what is missing, build with warnings as errors, run the whole suite
# (unit tests of every stage, golden, end-to-end and regression tests) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh --all
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKETNOI_WERROR=ON -DKETNOI_BENCH=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
