#!/usr/bin/env bash
# Kiosk soak benchmark: one tab on /kiosk for a shift, BENCH_KIOSK_CYCLES people (300) signing in, showing a
# temporary code and being cleared by the idle timeout. Prints the tab's JS heap, wasm memory, DOM nodes, event
# listeners and pending timers every BENCH_KIOSK_EVERY cycles (CYCLES / 6), the growth from the first of those
# rows to the last and a verdict (figures, not a test). BENCH_KIOSK_CYCLES=60 is a quick check.
# Set BENCH_KIOSK_DIST to measure a portal already built (scripts/bench.sh passes its own build).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
[ -d e2e/node_modules/playwright-core ] || { echo "e2e/node_modules is missing: run scripts/setup.sh first" >&2; exit 1; }
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
DIST="${BENCH_KIOSK_DIST:-}"
if [ -z "$DIST" ]; then
  DIST="$OUT/kiosk-dist"
  say "building the portal (release) into target/bench/kiosk-dist"
  "$ROOT/scripts/build-portal.sh" --dist "$DIST" >"$OUT/build-kiosk.log" 2>&1 || { tail -n 40 "$OUT/build-kiosk.log"; exit 1; }
  node bench/lib/check-dist.mjs "$DIST"
fi
say "building the emulator (release)"
cargo build --release --locked -p qrbadge-emulator >"$OUT/build-kiosk-emulator.log" 2>&1 \
  || { tail -n 40 "$OUT/build-kiosk-emulator.log"; exit 1; }
LOG="$OUT/kiosk-emulator.log"
"$ROOT/target/release/qrbadge-emulator" --addr 127.0.0.1:0 --dist "$DIST" --test-control >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 200); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$LOG" | head -n 1 || true)"
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$URL" ] || { echo "emulator did not start"; cat "$LOG"; exit 1; }
say "kiosk soak in headless Chromium against $URL (${BENCH_KIOSK_CYCLES:-300} cycles)"
QRBADGE_URL="$URL" BENCH_OUT="$OUT" node bench/kiosk-soak.mjs
