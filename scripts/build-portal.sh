#!/usr/bin/env bash
# Builds the portal into dist/ with trunk (release, wasm-opt -Oz).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --offline "$@"
