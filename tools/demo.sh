#!/usr/bin/env bash
# The main job on the bundled examples: install what is missing, build, ingest examples/
# into the embedded SQLite database (ketnoi.db) and show what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKETNOI_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)" --target ketnoi
./build/ketnoi ingest --db ketnoi.db examples
./build/ketnoi stats --db ketnoi.db
