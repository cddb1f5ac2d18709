#!/usr/bin/env bash
# The end-to-end suite in the production shape: nginx serves a copy of the built dist/ with the deploy/
# configuration (scripts/configure-deploy.sh, exact headers, precompressed files) on one loopback origin,
# and the emulator, as Entra and Graph, runs on another (scripts/lib/production-shape.sh). Runs e2e/production/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/lib/production-shape.sh"
cd "$ROOT"
DIST="${QRBADGE_DIST:-$ROOT/dist}"
[ -f "$DIST/index.html" ] || { echo "$DIST is missing: run scripts/build-portal.sh first" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: run scripts/setup.sh" >&2; exit 1; }
production_shape_ports
WORK="$(mktemp -d)"
mkdir -p e2e/out
LOG="e2e/out/production-emulator-$EMULATOR_PORT.log"
cleanup() {
  production_shape_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

production_shape_start "$ROOT/target/debug/qrbadge-emulator" "$DIST" "$WORK" "$LOG" e2e/out/production-nginx.log

export QRBADGE_URL="$PORTAL" QRBADGE_EMULATOR_URL="$EMULATOR"
cd e2e
node --test --test-concurrency=1 --test-reporter=tap "${@:-production/}"
