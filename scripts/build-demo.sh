#!/usr/bin/env bash
# Assembles the demo page into .cache/site/: www/demo, the npm package's module
# and .wasm, and sample articles (written for the project; the text and page
# samples are the golden fixtures under tests/). Serve it from any static server.
#   scripts/build-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/spinsift_bg.wasm ] || bash scripts/build-pkg.sh
SITE=.cache/site
rm -rf "$SITE" && mkdir -p "$SITE/pkg" "$SITE/samples"
cp www/demo/index.html www/demo/demo.css www/demo/demo.js www/demo/techniques.js "$SITE/"
cp www/demo/samples/* "$SITE/samples/"
cp pkg/index.js pkg/spinsift.js pkg/spinsift_bg.wasm pkg/widget.js "$SITE/pkg/"
cp tests/fixtures/fr-junk-laden/input.txt "$SITE/samples/fr-junk-laden.txt"
for p in en-consent-wall de-mehr-zum-thema es-blog-cookiebot; do
  cp "tests/pages/$p/source.html" "$SITE/samples/$p.html"
done
echo "[build-demo] $SITE ready ($(du -sh "$SITE" | cut -f1))"
