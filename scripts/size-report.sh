#!/usr/bin/env bash
# Prints the portal's shipped bytes (wasm, JS, CSS, HTML) raw, gzip -9 and brotli -q 11.
# Run after scripts/build-portal.sh. A figure, not a test: compare it with the budget (150 KB brotli).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/dist"
printf '%-34s %10s %10s %10s\n' file raw gzip brotli
total_raw=0; total_gz=0; total_br=0
for f in *.wasm *.js *.css index.html; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-34s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
done
printf '%-34s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
echo "budget: whole portal <= 153600 bytes brotli -> $([ "$total_br" -le 153600 ] && echo within || echo OVER)"
