#!/usr/bin/env bash
# Team badge sheet benchmark: a 1,000-person team through the portal's $batch runner, several runs
# in a row without throttling, then with throttling injected in the emulator; then badge renewals
# (bench/renewal-run.mjs) at 200 and 1,000 people, without and with throttling. Prints every run's
# time, $batch calls and throttled items, and the medians (figures, not a test); exits non-zero
# when any run gave someone the wrong outcome.
# Knobs: BENCH_TEAM_SIZE (1000), BENCH_TEAM_RUNS (5, without throttling),
# BENCH_TEAM_THROTTLED_RUNS (1), BENCH_RENEWAL_SIZES ("200 1000"; empty skips the renewals),
# BENCH_TEAM_ONLY=renewals (skip the team runs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
DIST="$ROOT/target/bench/team-dist"
mkdir -p "$ROOT/target/bench"
say "building the portal (release) into target/bench/team-dist and the emulator (release)"
"$ROOT/scripts/build-portal.sh" --dist "$DIST" >/dev/null
cargo build --release -p qrbadge-emulator --quiet
LOG="$ROOT/target/bench/team-emulator.log"
"$ROOT/target/release/qrbadge-emulator" --addr 127.0.0.1:0 --dist "$DIST" --test-control >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 200); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$LOG" | head -n 1 || true)"
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "emulator did not start"; cat "$LOG"; exit 1; }
say "measuring in headless Chromium against $URL"
status=0
if [ "${BENCH_TEAM_ONLY:-}" != renewals ]; then
  QRBADGE_URL="$URL" node bench/team-run.mjs || status=$?
fi
if [ -n "${BENCH_RENEWAL_SIZES-200 1000}" ]; then
  say "badge renewals"
  QRBADGE_URL="$URL" BENCH_RENEWAL_SIZES="${BENCH_RENEWAL_SIZES-200 1000}" node bench/renewal-run.mjs || status=$?
fi
exit "$status"
