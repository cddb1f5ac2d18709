#!/usr/bin/env bash
# Builds the portal into dist/ (or --dist DIR) with trunk (release, wasm-opt -Oz): one bundle per audience
# (src/routes.rs), each from its own HTML entry and binary, each in the directory its path prefix is served from
# (deploy/ and the emulator's --dist route /kiosk… and /admin… to their bundle's index.html, everything else to
# the employees'):
#
#   DIR/         employees       index.html  (src/main.rs)                  --public-url /
#   DIR/kiosk/   the kiosk       kiosk.html  (src/bin/qrbadge-kiosk.rs)     --public-url /kiosk/
#   DIR/admin/   administrators  admin.html  (src/bin/qrbadge-admin.rs)     --public-url /admin/
#
# kiosk.html and admin.html are written here from index.html (only the binary differs), so every bundle has the
# same page around it; they are build products (git-ignored): edit index.html. Then writes precompressed .br
# (brotli -q 11) and .gz (gzip -9) files beside every text and wasm asset, for hosts that serve them by
# Accept-Encoding (deploy/, the emulator). Other arguments go to every `trunk build`. Running it again rebuilds
# the same tree.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
command -v brotli >/dev/null || { echo "brotli is missing: run scripts/setup.sh" >&2; exit 1; }

DIST="$ROOT/dist"
trunk_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) [ $# -ge 2 ] || { echo "build-portal: --dist needs a directory" >&2; exit 2; }; DIST="$2"; shift 2 ;;
    --dist=*) DIST="${1#--dist=}"; shift ;;
    *) trunk_args+=("$1"); shift ;;
  esac
done
mkdir -p "$DIST"
DIST="$(cd "$DIST" && pwd)"

# entry NAME BIN: NAME.html, index.html building BIN instead of the employees' binary.
entry() {
  local name="$1" bin="$2"
  [ "$(grep -c 'data-bin="qrbadge"' index.html)" = 1 ] \
    || { echo "build-portal: index.html must name its binary once, as data-bin=\"qrbadge\"" >&2; exit 1; }
  sed "s/data-bin=\"qrbadge\"/data-bin=\"$bin\"/" index.html >"$name.html.tmp"
  mv "$name.html.tmp" "$name.html"
}
entry kiosk qrbadge-kiosk
entry admin qrbadge-admin

# The employees' bundle first: trunk empties its --dist directory, which holds the other two.
# ${arr[@]+…}: bash 3.2 (macOS) treats an empty array as unset under `set -u`.
trunk build --release --offline ${trunk_args[@]+"${trunk_args[@]}"} --dist "$DIST" --public-url / index.html
trunk build --release --offline ${trunk_args[@]+"${trunk_args[@]}"} --dist "$DIST/kiosk" --public-url /kiosk/ kiosk.html
trunk build --release --offline ${trunk_args[@]+"${trunk_args[@]}"} --dist "$DIST/admin" --public-url /admin/ admin.html

find "$DIST" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) -print0 |
  while IFS= read -r -d '' file; do
    brotli -q 11 -f -k -o "$file.br" "$file"
    gzip -9 -n -c "$file" >"$file.gz"
  done

# Every page must run under `script-src 'self' 'wasm-unsafe-eval'` with no nonce and `style-src 'self'`: fail
# the build on anything a strict Content-Security-Policy would block. And each bundle must load its own files,
# from the prefix it is served under.
problems=()
for bundle in "":/ kiosk:/kiosk/ admin:/admin/; do
  dir="$DIST/${bundle%%:*}" base="${bundle#*:}"
  html="${dir%/}/index.html"
  grep -qiP '<script(?![^>]*\bsrc=)[^>]*>' "$html" && problems+=("$html: an inline <script>")
  grep -qi '<style' "$html" && problems+=("$html: an inline <style>")
  grep -qiP '\sstyle\s*=' "$html" && problems+=("$html: a style= attribute")
  grep -q '{{' "$html" && problems+=("$html: a {{…}} placeholder")
  grep -qE "<meta name=\"qrbadge-wasm\" content=\"${base}[^/\"]+_bg\.wasm\"" "$html" \
    || problems+=("$html: its wasm is not under $base")
  for glue in "${dir%/}"/*.js; do
    grep -qE '\bnew Function\b|[^.a-zA-Z_]eval\(' "$glue" && problems+=("$(basename "$glue") needs 'unsafe-eval'")
  done
done
if [ ${#problems[@]} -gt 0 ]; then
  printf 'build-portal: %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "build-portal: $DIST (employees), kiosk/ and admin/: no inline script or style; precompressed assets written"
