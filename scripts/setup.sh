#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently, caching what it
# can under .cache/ (git-ignored). Nothing here assumes a tool is already present.
#   scripts/setup.sh            # rust target + wasm-bindgen-cli + wasm-opt (npm binaryen)
#   scripts/setup.sh --browser  # ... plus Debian's chromium + chromedriver
#   scripts/setup.sh --fuzz     # ... plus cargo-fuzz (fuzzing, scripts/fuzz.sh)
#   scripts/setup.sh --twiggy   # ... plus twiggy (where the .wasm bytes go)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS="$ROOT/.cache/tools"
mkdir -p "$TOOLS"

log() { printf '[setup] %s\n' "$*" >&2; }

# 1. The wasm target for the one rustup toolchain on the machine.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version Cargo.lock pins: the CLI and the
#    library must agree on the schema, or bindgen refuses the module.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
if [ ! -x "$TOOLS/bin/wasm-bindgen" ] || ! "$TOOLS/bin/wasm-bindgen" --version | grep -q " $WB_VERSION"; then
  log "building wasm-bindgen-cli $WB_VERSION into .cache/tools (debug build, ~3 min)"
  # --locked first; the registry mirror here lacks some versions its lockfile pins,
  # in which case cargo resolves compatible ones itself.
  cargo install --debug --locked --force --root "$TOOLS" wasm-bindgen-cli --version "$WB_VERSION" ||
    cargo install --debug --force --root "$TOOLS" wasm-bindgen-cli --version "$WB_VERSION"
fi

# 3. wasm-opt from npm's binaryen (Debian's binaryen 108 emits modules that fail to load).
if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
  log "installing binaryen (wasm-opt) from npm into .cache/tools"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent binaryen@132.0.0
fi

# 4. Headless Chromium for browser tests, from Debian's packages.
if [[ " $* " == *" --browser "* ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium and chromium-driver from Debian"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
# 5. cargo-fuzz and twiggy, only when asked for (fuzzing, size analysis).
install_crate() { # name version
  if ! grep -q "\"$1 $2 " "$TOOLS/.crates.toml" 2>/dev/null; then
    log "building $1 $2 into .cache/tools (debug build)"
    cargo install --debug --locked --force --root "$TOOLS" "$1" --version "$2" ||
      cargo install --debug --force --root "$TOOLS" "$1" --version "$2"
  fi
}
case " $* " in *" --fuzz "*) install_crate cargo-fuzz 0.13.2 ;; esac
case " $* " in *" --twiggy "*) install_crate twiggy 0.8.0 ;; esac

log "tools ready: $("$TOOLS/bin/wasm-bindgen" --version), wasm-opt $("$TOOLS/node_modules/.bin/wasm-opt" --version | awk '{print $3}')"
