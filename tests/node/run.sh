#!/usr/bin/env bash
# Runs the node tests against pkg/ as an installed package (resolved through
# its `exports` map, like a user's `import "spinsift"`).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p node_modules
ln -sfn ../../../pkg node_modules/spinsift
node --test ./*.test.mjs
