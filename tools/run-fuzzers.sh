#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/fuzz for SECONDS each, from its seed corpus in
# fuzz/corpus/<target>/ (a copy: the repo's corpus is not modified). Fails on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${2:-30}
status=0
for bin in "$build"/fuzz/*_fuzz; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  work=$(mktemp -d)
  [ -d "fuzz/corpus/$name" ] && cp -r "fuzz/corpus/$name/." "$work/"
  echo "fuzz: $name for ${seconds}s"
  # A fixed seed keeps CI runs reproducible; KETNOI_FUZZ_SEED=0 asks libFuzzer for a new one.
  if ! "$bin" -seed="${KETNOI_FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
      -artifact_prefix="$build/fuzz/$name-" "$work" > "$build/fuzz/$name.log" 2>&1; then
    echo "fuzz: $name FAILED, see $build/fuzz/$name.log"; tail -30 "$build/fuzz/$name.log"
    status=1
  fi
  grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$build/fuzz/$name.log" | tail -1 || true
  rm -rf "$work"
done
exit $status
