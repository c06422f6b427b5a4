#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm core (wasm-bindgen --target web,
# wasm-opt -Os --converge), the JS glue, typed .d.ts, package.json and README.
#   scripts/build-pkg.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
TOOLS=.cache/tools
cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features --features "wasm ${SPINSIFT_WASM_FEATURES-lang-detect}"
rm -rf pkg && mkdir -p pkg
"$TOOLS/bin/wasm-bindgen" --target web --out-dir pkg --out-name spinsift \
  target/wasm32-unknown-unknown/wasm/spinsift.wasm
# The features Rust's wasm32 target enables by default must be allowed here too.
# -Os, not -Oz: -Oz --converge is unstable after gzip. On four builds whose
# modules differ by 5–90 bytes before optimising, it gave 598,793, 601,226,
# 598,833 and 601,159 bytes gzipped (same size raw, ±80 bytes); -Os --converge
# gave 598,566, 598,690, 598,604 and 598,686, and the same speed in node
# (measured 2026-11-23). --converge repeats the passes while they still
# shrink the module (−1.2 KB gzipped; without it, -Oz and -Os land at
# ~601 KB). --low-memory-unused lets wasm-opt fold `load(p + k)` into
# `load offset=k (p)`, which differ only when p + k wraps past 4 GB onto the
# lowest kilobyte of memory; Rust puts its 1 MB stack first (stack pointer
# starts at 1 MB, data above it), so that kilobyte is touched only by a stack
# 1 KB short of overflowing (−2.2 KB gzipped).
"$TOOLS/node_modules/.bin/wasm-opt" -Os --converge --low-memory-unused --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/spinsift_bg.wasm -o pkg/spinsift_bg.wasm
cp www/npm/index.js www/npm/index.d.ts www/npm/widget.js www/npm/widget.d.ts www/npm/README.md pkg/
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
sed "s/__VERSION__/$VERSION/" www/npm/package.json > pkg/package.json
rm -f pkg/.gitignore
printf '[build-pkg] pkg/spinsift_bg.wasm: %s bytes, %s gzipped\n' \
  "$(wc -c < pkg/spinsift_bg.wasm)" "$(gzip -9c pkg/spinsift_bg.wasm | wc -c)"
