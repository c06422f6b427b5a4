#!/usr/bin/env bash
# Prints the size of every shipped build artefact (raw and gzip -9) and fails
# when the .wasm, model included, exceeds its budget. Builds what is missing.
#   scripts/size.sh              # the table and the budget check
#   scripts/size.sh --twiggy     # ... plus where the .wasm bytes go (twiggy)
set -euo pipefail
cd "$(dirname "$0")/.."
# The budget in bytes, gzipped (issue: "≤ 600 KB gzipped", KB = 1000 bytes).
WASM_BUDGET_GZ=600000
[ -f pkg/spinsift_bg.wasm ] || bash scripts/build-pkg.sh >/dev/null
[ -d .cache/site ] || bash scripts/build-demo.sh >/dev/null
compgen -G "target/extension/*.zip" >/dev/null || bash scripts/build-extension.sh >/dev/null

row() { # label file
  printf '%-44s %10s %10s\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"
}
printf '%-44s %10s %10s\n' artefact bytes gzipped
row "pkg/spinsift_bg.wasm (core + spin model)" pkg/spinsift_bg.wasm
row "  of which data/models/spin.model" data/models/spin.model
for f in pkg/spinsift.js pkg/index.js pkg/widget.js; do row "$f" "$f"; done
for f in .cache/site/demo.js .cache/site/techniques.js .cache/site/demo.css; do row "demo: ${f#.cache/site/}" "$f"; done
for f in extension/background.js extension/content.js extension/popup.js extension/options.js; do row "$f" "$f"; done
for z in target/extension/*.zip; do printf '%-44s %10s %10s\n' "${z#target/extension/}" "$(wc -c <"$z")" "(zip)"; done

gz=$(gzip -9c pkg/spinsift_bg.wasm | wc -c)
if [ "$gz" -gt "$WASM_BUDGET_GZ" ]; then
  echo "size: FAIL: pkg/spinsift_bg.wasm is $gz bytes gzipped, over the budget of $WASM_BUDGET_GZ"
  exit 1
fi
echo "size: ok: pkg/spinsift_bg.wasm is $gz bytes gzipped, budget $WASM_BUDGET_GZ ($(( WASM_BUDGET_GZ - gz )) bytes to spare)"

if [ "${1:-}" = --twiggy ]; then
  bash scripts/setup.sh --twiggy
  # The optimised module with its names kept: same code, readable rows.
  T=.cache/tools
  tmp=$(mktemp -d)
  "$T/bin/wasm-bindgen" --target web --keep-debug --out-dir "$tmp" \
    target/wasm32-unknown-unknown/wasm/spinsift.wasm
  "$T/node_modules/.bin/wasm-opt" -Os -g --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$tmp/spinsift_bg.wasm" -o "$tmp/named.wasm"
  "$T/bin/twiggy" top -n 30 "$tmp/named.wasm"
  rm -rf "$tmp"
fi
