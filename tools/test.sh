#!/usr/bin/env bash
# Every test: install what is missing, build with warnings as errors and run the whole
# suite through CTest (unit tests of every stage, golden, end-to-end, regression and browser
# tests); then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, and each
# libFuzzer target for a bounded time. KETNOI_QUICK=1 runs only the first part.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

tools/install-deps.sh --all
[ -x tools/install-web-deps.sh ] && tools/install-web-deps.sh

echo "== build and test (RelWithDebInfo, -Werror)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKETNOI_WERROR=ON -DKETNOI_BENCH=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs" --timeout 900

echo "== store suite on PostgreSQL (a throw-away cluster on a loopback port)"
export KETNOI_TEST_PG_URL=$(tools/pg-test-cluster.sh start)
trap 'tools/pg-test-cluster.sh stop' EXIT
ctest --test-dir build -R "StoreTest|Postgres|CurationStore|KnowledgeBaseTest" --output-on-failure --timeout 900
tools/pg-test-cluster.sh stop
trap - EXIT
unset KETNOI_TEST_PG_URL

[ "${KETNOI_QUICK:-0}" = 1 ] && exit 0

echo "== the same suite under ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DKETNOI_WERROR=ON -DKETNOI_BENCH=OFF \
  -DKETNOI_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 1800 -LE browser

if ls fuzz/*_fuzz.cc >/dev/null 2>&1; then
  echo "== fuzzing (bounded)"
  CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKETNOI_FUZZ=ON \
    -DKETNOI_BENCH=OFF >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzzers
  tools/run-fuzzers.sh build-fuzz "${KETNOI_FUZZ_SECONDS:-30}"
fi
