# Sourced (after scripts/env.sh) by scripts/e2e-production.sh and scripts/bench.sh: the portal in the
# production shape on loopback. nginx serves a copy of a built dist/ with the deploy/ configuration
# (scripts/configure-deploy.sh: exact headers, precompressed files) on one origin, and the emulator, as Entra
# and Graph, runs on another (--test-control --v1-strict --allow-redirect-origin <portal>).
#
#   production_shape_ports                       picks two free ports; sets PORTAL_PORT, EMULATOR_PORT,
#                                                PORTAL and EMULATOR (http://127.0.0.1:PORT, no slash)
#   production_shape_start EMULATOR_BIN DIST WORK EMULATOR_LOG NGINX_LOG
#                                                starts both (WORK: an empty scratch directory that gets
#                                                WORK/dist and WORK/deploy); exits the script on failure
#   production_shape_stop                        stops what production_shape_start started
#
# Call production_shape_start in the script's own shell (not in $(...) or a pipeline): it records the
# servers' pids in PRODUCTION_SHAPE_PIDS for production_shape_stop.
# shellcheck shell=bash

PRODUCTION_SHAPE_PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_for() {
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "$1 did not answer" >&2
  return 1
}

production_shape_ports() {
  PORTAL_PORT="$(free_port)"
  EMULATOR_PORT="$(free_port)"
  PORTAL="http://127.0.0.1:$PORTAL_PORT"
  EMULATOR="http://127.0.0.1:$EMULATOR_PORT"
}

production_shape_start() {
  local emulator_bin="$1" dist="$2" work="$3" emulator_log="$4" nginx_log="$5"
  local emulator_config tenant client
  "$emulator_bin" --addr "127.0.0.1:$EMULATOR_PORT" --test-control --v1-strict --strict-logout \
    --allow-redirect-origin "$PORTAL" >"$emulator_log" 2>&1 &
  PRODUCTION_SHAPE_PIDS+=($!)
  wait_for "$EMULATOR/config.json" || { cat "$emulator_log"; exit 1; }

  # The tenant's three facts, as an administrator would give them: the emulator's tenant and client id.
  emulator_config="$(curl -s "$EMULATOR/config.json")"
  tenant="$(node -e 'const c = JSON.parse(process.argv[1]); console.log(new URL(c.auth.authority).pathname.split("/")[1])' "$emulator_config")"
  client="$(node -e 'console.log(JSON.parse(process.argv[1]).auth.clientId)' "$emulator_config")"

  # Run as root, nginx's workers run as nobody: they must be able to enter WORK (mktemp -d makes it 0700).
  chmod a+rx "$work"
  mkdir -p "$work/dist"
  cp -R "$dist"/. "$work/dist/"
  rm -f "$work/dist"/config.json*
  "$ROOT/scripts/configure-deploy.sh" --tenant "$tenant" --client-id "$client" --url "$PORTAL/" \
    --authority-host "$EMULATOR" --graph "$EMULATOR" --root "$work/dist" --out "$work/deploy" \
    --listen "127.0.0.1:$PORTAL_PORT" --organization "Contoso Frontline" >/dev/null
  cp "$work/deploy/config.json" "$work/dist/config.json"
  mkdir -p "$work/deploy/nginx/tmp"
  nginx -e stderr -p "$work/deploy/nginx" -c nginx.conf -g 'daemon off;' 2>"$nginx_log" &
  PRODUCTION_SHAPE_PIDS+=($!)
  wait_for "$PORTAL/" || { cat "$nginx_log"; exit 1; }
}

production_shape_stop() {
  local pid
  for pid in "${PRODUCTION_SHAPE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PRODUCTION_SHAPE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PRODUCTION_SHAPE_PIDS=()
}
