#!/usr/bin/env bash
# The main job on the bundled examples: install what is missing, build, ingest examples/
# into the embedded SQLite database (ketnoi.db), show what it holds, then serve the web UI
# and the JSON API on the loopback interface until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
[ -x tools/install-web-deps.sh ] && tools/install-web-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKETNOI_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)" --target ketnoi
./build/ketnoi ingest --db ketnoi.db examples
./build/ketnoi stats --db ketnoi.db
port=${KETNOI_PORT:-8080}
echo
echo "ketnoi: the knowledge base is at http://127.0.0.1:${port}/ (Ctrl-C stops the server)"
exec ./build/ketnoi serve --db ketnoi.db --host 127.0.0.1 --port "$port"
