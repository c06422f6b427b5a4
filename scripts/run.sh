#!/usr/bin/env bash
# The main job: builds the CLI (installing what is missing), sifts a bundled
# sample article (the clean text, then what was removed and why), and scores
# its spin (techniques per sentence with their cues, frames, genre).
#   scripts/run.sh [FILE]     (default: a junk-laden French sample; text or an HTML page)
#   scripts/run.sh --serve    (the demo page at http://127.0.0.1:8080/, offline)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--serve" ]; then
  bash scripts/build-demo.sh
  PORT=${PORT:-8080}
  echo "spinsift demo: http://127.0.0.1:$PORT/  (Ctrl-C stops it)"
  exec python3 -m http.server --bind 127.0.0.1 --directory .cache/site "$PORT"
fi
command -v cargo >/dev/null || { echo "run.sh: needs Rust (rustup)" >&2; exit 1; }
cargo build --release --quiet
FILE=${1:-tests/fixtures/fr-junk-laden/input.txt}
echo "== spinsift sift $FILE"
./target/release/spinsift sift "$FILE"
echo
echo "== removed (category, rule, text) and metadata"
# (Python 3.11 f-strings cannot contain backslashes: keys in single quotes.)
./target/release/spinsift sift --format json "$FILE" | python3 -c "$(cat <<'PY'
import json, sys
r = json.load(sys.stdin)
for x in r['removed']:
    print(f"  {x['category']:<14} {x['rule']:<16} {x['text'][:70]}")
print('  metadata:', json.dumps(r['metadata'], ensure_ascii=False))
PY
)"
echo
echo "== spinsift spin $FILE"
./target/release/spinsift spin --color never "$FILE"
