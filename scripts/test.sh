#!/usr/bin/env bash
# Runs every test: formatting, lints, Rust tests (unit, fixtures, gates on
# ../shared, hostile input, fuzz corpora, CLI, doc tests), the npm package in
# node, the wasm bindings, demo, widget and extension in headless Chromium, the
# privacy scan, the size budget and a short fuzz run. Installs what it needs.
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "setup (rust target, wasm-bindgen-cli, wasm-opt, chromium)"
bash scripts/setup.sh --browser

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy -D warnings (native with training, the bare core, and wasm32)"
cargo clippy --features train --all-targets -- -D warnings
# The core as a crate user gets it with `default-features = false` (no HTML,
# no whatlang, no CLI): the code only the HTML path calls is gated, not dead.
cargo clippy --no-default-features --lib -- -D warnings
cargo clippy --target wasm32-unknown-unknown --no-default-features --features "wasm lang-detect" -- -D warnings

step "cargo test (unit, fixtures, quality gates, robustness, CLI, docs)"
cargo test --features train

step "quality gates, as a command"
cargo run --release --features train --quiet -- eval --gate
cargo run --release --features train --quiet -- eval --spin --gate
cargo run --release --features train --quiet -- eval --html --gate

step "the main job (scripts/run.sh) runs"
bash scripts/run.sh > /dev/null

step "npm package build + node tests"
bash scripts/build-pkg.sh
bash tests/node/run.sh

step "wasm in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$PWD/.cache/tools/bin/wasm-bindgen-test-runner" \
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --no-default-features --features "wasm lang-detect" --test wasm_browser

step "demo page, widget, npm tarball and extension end to end (playwright-core + Debian's Chromium); privacy scan"
bash scripts/build-demo.sh
bash scripts/build-extension.sh
(cd tests/browser && npm install --silent --no-audit --no-fund)
node --test tests/browser/

step "size of every build artefact; the .wasm budget (600 KB gzipped)"
bash scripts/size.sh

step "a short fuzz run of every target (cargo-fuzz; the long runs: scripts/fuzz.sh 600)"
bash scripts/fuzz.sh --ci "${SPINSIFT_CI_FUZZ_SECONDS:-20}"

step "all tests passed"
