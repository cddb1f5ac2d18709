#!/usr/bin/env bash
# Installs everything qrbadge needs to build, run and test, at pinned versions.
# Idempotent: whatever is already installed at the right version is skipped.
# --bench also installs what only scripts/bench.sh uses (twiggy), which scripts/test.sh never needs.
set -euo pipefail
source "$(dirname "$0")/env.sh"

TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than this toolchain
WASM_BINDGEN_VERSION=0.2.130   # must equal wasm-bindgen in Cargo.lock
LEPTOSFMT_VERSION=0.1.33
TWIGGY_VERSION=0.8.0           # bench only: `scripts/setup.sh --bench` (scripts/bench.sh section 1c)
# nginx (+ its brotli_static module) and caddy: the deploy/ configurations are tested with them.
APT_PACKAGES=(chromium chromium-driver zbar-tools brotli poppler-utils nginx libnginx-mod-http-brotli-static caddy)

fail() { echo "setup: $*" >&2; exit 1; }
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]} with apt-get"
fi

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup first"
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "rustup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done

if ! have_version trunk "$TRUNK_VERSION"; then
  say "cargo: installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked wants a webpki-roots release the registry may not serve; fall back to fresh resolution.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! have_version leptosfmt "$LEPTOSFMT_VERSION"; then
  say "cargo: installing leptosfmt $LEPTOSFMT_VERSION"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

if [ "${1:-}" = --bench ] && ! have_version twiggy "$TWIGGY_VERSION"; then
  say "cargo: installing twiggy $TWIGGY_VERSION (for scripts/bench.sh)"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked
fi

command -v npm >/dev/null || fail "npm is missing: install Node.js 20 or newer"
for dir in tools e2e; do
  if [ ! -d "$ROOT/$dir/node_modules" ] || [ "$ROOT/$dir/package-lock.json" -nt "$ROOT/$dir/node_modules/.package-lock.json" ]; then
    say "npm: installing $dir/"
    (cd "$ROOT/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
wasm-opt --version | grep -q "version 132" || fail "wasm-opt 132 is not first on PATH (got: $(wasm-opt --version))"

say "cargo: fetching crates"
(cd "$ROOT" && cargo fetch --locked >/dev/null 2>&1 || cargo fetch)
say "setup complete"
