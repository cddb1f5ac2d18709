#!/usr/bin/env bash
# Runs the demo: installs what is missing, builds the portal, serves it with the emulator.
set -euo pipefail
source "$(dirname "$0")/env.sh"
ADDR="${QRBADGE_ADDR:-127.0.0.1:8080}"
"$ROOT/scripts/setup.sh"
say "building the portal (release)"
"$ROOT/scripts/build-portal.sh"
say "building the emulator"
cargo build --release -p qrbadge-emulator --manifest-path "$ROOT/Cargo.toml"
say "open http://$ADDR/ and sign in as one of the demo users (Ctrl+C stops)"
exec "$ROOT/target/release/qrbadge-emulator" --addr "$ADDR" --dist "$ROOT/dist" "$@"
