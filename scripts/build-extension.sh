#!/usr/bin/env bash
# Builds the browser extension for Chrome and Firefox (Manifest V3): unpacked
# folders under .cache/extension/{chrome,firefox}/ and zips under
# target/extension/. The wasm and its JS glue come from pkg/.
#   scripts/build-extension.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/spinsift_bg.wasm ] || bash scripts/build-pkg.sh
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
OUT=.cache/extension
rm -rf "$OUT" && mkdir -p "$OUT/chrome/pkg" target/extension
cp extension/*.js extension/*.html extension/*.css extension/manifest.json "$OUT/chrome/"
cp pkg/index.js pkg/spinsift.js pkg/spinsift_bg.wasm "$OUT/chrome/pkg/"
cp -r "$OUT/chrome" "$OUT/firefox"
python3 - "$OUT" "$VERSION" <<'PY'
import json, sys, zipfile, pathlib
out, version = pathlib.Path(sys.argv[1]), sys.argv[2]
for browser in ("chrome", "firefox"):
    d = out / browser
    m = json.loads((d / "manifest.json").read_text())
    m["version"] = version
    if browser == "firefox":
        # Firefox runs MV3 background pages as scripts, not service workers.
        m["background"] = {"scripts": ["background.js"], "type": "module"}
        m["browser_specific_settings"] = {"gecko": {
            "id": "spinsift@spinsift.invalid", "strict_min_version": "142.0",
            "data_collection_permissions": {"required": ["none"]}}}
    (d / "manifest.json").write_text(json.dumps(m, indent=2) + "\n")
    z = pathlib.Path("target/extension") / f"spinsift-{browser}-{version}.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for p in sorted(d.rglob("*")):
            if p.is_file():
                f.write(p, p.relative_to(d).as_posix())
    print(f"[build-extension] {z} ({z.stat().st_size} bytes)")
PY
