#!/usr/bin/env bash
# Unpacks cppjieba (MIT) + limonp headers and the jieba dictionaries from the npm package
# nodejieba into third_party/cppjieba. Does nothing when they are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
version=3.5.8
dest=third_party/cppjieba
if [ -f "$dest/.version" ] && [ "$(cat "$dest/.version")" = "$version" ]; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "nodejieba@$version" >/dev/null)
tar -xzf "$tmp"/nodejieba-"$version".tgz -C "$tmp"
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$tmp"/package/submodules/cppjieba/include "$dest"/include 2>/dev/null || true
cp -r "$tmp"/package/submodules/cppjieba/deps/limonp/include/limonp "$dest"/include/ 2>/dev/null || true
cp -r "$tmp"/package/submodules/cppjieba/dict "$dest"/dict 2>/dev/null || cp -r "$tmp"/package/dict "$dest"/dict
echo "$version" > "$dest/.version"
echo "fetch-cppjieba: cppjieba $version unpacked into $dest"
