#!/usr/bin/env bash
# The end-to-end suite in the production shape: nginx serves a copy of the built dist/ with the deploy/
# configuration (scripts/configure-deploy.sh, exact headers, precompressed files) on one loopback origin,
# and the emulator, as Entra and Graph, runs on another. Runs e2e/production/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
DIST="${QRBADGE_DIST:-$ROOT/dist}"
[ -f "$DIST/index.html" ] || { echo "$DIST is missing: run scripts/build-portal.sh first" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: run scripts/setup.sh" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORTAL_PORT="$(free_port)"
EMULATOR_PORT="$(free_port)"
PORTAL="http://127.0.0.1:$PORTAL_PORT"
EMULATOR="http://127.0.0.1:$EMULATOR_PORT"
WORK="$(mktemp -d)"
mkdir -p e2e/out
LOG="e2e/out/production-emulator-$EMULATOR_PORT.log"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "$1 did not answer" >&2
  return 1
}

"$ROOT/target/debug/qrbadge-emulator" --addr "127.0.0.1:$EMULATOR_PORT" --test-control --v1-strict \
  --allow-redirect-origin "$PORTAL" >"$LOG" 2>&1 &
pids+=($!)
wait_for "$EMULATOR/config.json" || { cat "$LOG"; exit 1; }

# The tenant's three facts, as an administrator would give them: the emulator's tenant and client id.
emulator_config="$(curl -s "$EMULATOR/config.json")"
tenant="$(node -e 'const c = JSON.parse(process.argv[1]); console.log(new URL(c.auth.authority).pathname.split("/")[1])' "$emulator_config")"
client="$(node -e 'console.log(JSON.parse(process.argv[1]).auth.clientId)' "$emulator_config")"

mkdir -p "$WORK/dist"
cp -R "$DIST"/. "$WORK/dist/"
rm -f "$WORK/dist"/config.json*
"$ROOT/scripts/configure-deploy.sh" --tenant "$tenant" --client-id "$client" --url "$PORTAL/" \
  --authority-host "$EMULATOR" --graph "$EMULATOR" --root "$WORK/dist" --out "$WORK/deploy" \
  --listen "127.0.0.1:$PORTAL_PORT" --organization "Contoso Frontline" >/dev/null
cp "$WORK/deploy/config.json" "$WORK/dist/config.json"
mkdir -p "$WORK/deploy/nginx/tmp"
nginx -e stderr -p "$WORK/deploy/nginx" -c nginx.conf -g 'daemon off;' 2>"e2e/out/production-nginx.log" &
pids+=($!)
wait_for "$PORTAL/" || { cat e2e/out/production-nginx.log; exit 1; }

export QRBADGE_URL="$PORTAL" QRBADGE_EMULATOR_URL="$EMULATOR"
cd e2e
node --test --test-concurrency=1 --test-reporter=tap "${@:-production/}"
