#!/usr/bin/env bash
# Fuzzes sift, sift_html, analyze and model loading with cargo-fuzz (libFuzzer,
# AddressSanitizer), each for SECONDS, starting from the kept corpora under
# fuzz/corpus/ plus the project's own fixtures; minimises the corpora after.
# A crash stops the run, leaving its input in fuzz/artifacts/<target>/: fix the
# bug, then move the input to fuzz/regressions/<target>/, which
# tests/fuzz_corpus.rs replays under `cargo test` with the kept corpora.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      # default: 60 s, all four targets
#   scripts/fuzz.sh --ci SECONDS                # CI: kept corpora read-only, no minimising
set -euo pipefail
cd "$(dirname "$0")/.."
CI_MODE=0
if [ "${1:-}" = --ci ]; then CI_MODE=1; shift; fi
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(sift sift_html analyze model)
bash scripts/setup.sh --fuzz
# cargo-fuzz passes -Z flags (sanitizers, coverage); the machine has only the
# stable toolchain, which accepts them with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1
FUZZ=(.cache/tools/bin/cargo-fuzz)

SEEDS=.cache/fuzz-seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS"/{sift,sift_html,analyze,model} fuzz/regressions/{sift,sift_html,analyze,model}
for f in tests/fixtures/*/input.txt www/demo/samples/*.txt; do
  cp "$f" "$SEEDS/sift/$(basename "$(dirname "$f")")-$(basename "$f")"
  cp "$f" "$SEEDS/analyze/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in tests/pages/*/source.html; do
  cp "$f" "$SEEDS/sift_html/$(basename "$(dirname "$f")").html"
done
cp data/models/spin.model "$SEEDS/model/"

"${FUZZ[@]}" build --fuzz-dir fuzz -O
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  rm -rf "fuzz/artifacts/$t"
  # libFuzzer adds what it finds to the first corpus folder: the kept one,
  # or in CI a scratch one (the checkout stays as it was).
  main="fuzz/corpus/$t" extra=()
  if [ "$CI_MODE" = 1 ]; then
    main=".cache/fuzz-new/$t" extra=("fuzz/corpus/$t")
    rm -rf "$main" && mkdir -p "$main"
  fi
  max_len=65536
  [ "$t" = model ] && max_len=400000
  printf '\n== fuzz %s for %s s\n' "$t" "$SECONDS_EACH"
  "${FUZZ[@]}" run --fuzz-dir fuzz -O "$t" "$main" "${extra[@]}" "fuzz/regressions/$t" "$SEEDS/$t" -- \
    -max_total_time="$SECONDS_EACH" -max_len="$max_len" -timeout=20 \
    -rss_limit_mb=4096 -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Done)' || true
  # The pipe hides cargo-fuzz's status: a crash leaves an artifact.
  if compgen -G "fuzz/artifacts/$t/*" >/dev/null; then
    echo "fuzz: $t found a failing input (fix it, then move it to fuzz/regressions/$t/):"
    ls -l "fuzz/artifacts/$t/"
    exit 1
  fi
  [ "$CI_MODE" = 1 ] && continue
  "${FUZZ[@]}" cmin --fuzz-dir fuzz -O "$t" "fuzz/corpus/$t" -- -max_len="$max_len" >/dev/null 2>&1
  # Mutated whole models (~190 KB each, hundreds of them) are not kept: the
  # seed model regrows them in seconds; the small header-level ones stay.
  [ "$t" = model ] && find "fuzz/corpus/$t" -type f -size +32k -delete
  printf 'corpus: %s files, %s\n' "$(ls "fuzz/corpus/$t" | wc -l)" "$(du -sh "fuzz/corpus/$t" | cut -f1)"
done
