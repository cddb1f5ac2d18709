#!/usr/bin/env bash
# Builds the portal into dist/ (or --dist DIR) with trunk (release, wasm-opt -Oz), then writes
# precompressed .br (brotli -q 11) and .gz (gzip -9) files beside every text and wasm asset, for hosts that
# serve them by Accept-Encoding (deploy/, the emulator).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --offline "$@"
DIST="$ROOT/dist"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --dist) DIST="${args[$((i + 1))]}" ;;
    --dist=*) DIST="${args[$i]#--dist=}" ;;
  esac
done
command -v brotli >/dev/null || { echo "brotli is missing: run scripts/setup.sh" >&2; exit 1; }
find "$DIST" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) -print0 |
  while IFS= read -r -d '' file; do
    brotli -q 11 -f -k -o "$file.br" "$file"
    gzip -9 -n -c "$file" >"$file.gz"
  done

# The page must run under `script-src 'self' 'wasm-unsafe-eval'` with no nonce and `style-src 'self'`:
# fail the build on anything a strict Content-Security-Policy would block.
html="$DIST/index.html"
problems=()
grep -qiP '<script(?![^>]*\bsrc=)[^>]*>' "$html" && problems+=("an inline <script>")
grep -qi '<style' "$html" && problems+=("an inline <style>")
grep -qiP '\sstyle\s*=' "$html" && problems+=("a style= attribute")
grep -q '{{' "$html" && problems+=("a {{…}} placeholder")
for glue in "$DIST"/*.js; do
  grep -qE '\bnew Function\b|[^.a-zA-Z_]eval\(' "$glue" && problems+=("$(basename "$glue") needs 'unsafe-eval'")
done
if [ ${#problems[@]} -gt 0 ]; then
  printf 'build-portal: %s is not CSP-clean: %s\n' "$html" "${problems[*]}" >&2
  exit 1
fi
echo "build-portal: $html has no inline script or style; precompressed assets written"
