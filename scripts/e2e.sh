#!/usr/bin/env bash
# Starts the emulator on a free loopback port serving dist/, runs the e2e suite, stops it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
DIST="${QRBADGE_DIST:-$ROOT/dist}"
[ -f "$DIST/index.html" ] || { echo "$DIST is missing: run scripts/build-portal.sh first" >&2; exit 1; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
mkdir -p e2e/out
LOG="e2e/out/emulator-$PORT.log"
"$ROOT/target/debug/qrbadge-emulator" --addr "127.0.0.1:$PORT" --dist "$DIST" --test-control --v1-strict >"$LOG" 2>&1 &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  grep -q "listening on" "$LOG" && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$LOG" || { echo "emulator did not start"; cat "$LOG"; exit 1; }
export QRBADGE_URL="http://127.0.0.1:$PORT"
# Tests that start an emulator of their own (a strict RP-Initiated Logout provider) use the same build.
export QRBADGE_EMULATOR_BIN="$ROOT/target/debug/qrbadge-emulator" QRBADGE_DIST="$DIST"
cd e2e
node --test --test-concurrency=1 --test-reporter=tap "${@:-tests/}"
