#!/usr/bin/env bash
# The product benchmark: prints figures, asserts nothing (it is not a timed test). Builds what it needs
# (release), then reports
#   1. bundle bytes (raw / gzip -9 / brotli -q 11) of the portal, of a bare Leptos counter and of the "stack floor"
#      (the required crates and the portal's routes, no product code), all built the same way,
#   2. median navigation -> visible times of the portal (cold welcome page; signed-in reload -> overview) and of
#      the counter, interleaved in one Chromium run,
#   3. QR encode + SVG time in Chromium, qrpin (wasm) next to npm qrcode, for V10-M and V40-H,
#   4. SVG bytes of both for the same symbol,
# and a summary,
#  1b. what the languages cost: the bundle before the languages change (commit e19f21a, a figure recorded once, or
#      built now with BENCH_BEFORE=1) and after it, and each locale's resources (locales/<lang>/*.json) raw and brotli,
#  1c. where the bytes are: twiggy's 30 largest items of the portal's wasm (optimised as shipped, names kept), and the
#      same bytes by crate, by module of qrbadge/qrpin and by kind (scripts/wasm-top.py),
# then
#   5. Lighthouse (npm lighthouse 12.2.3, mobile preset) on the welcome page served by nginx with the deploy/
#      configuration (scripts/lib/production-shape.sh) and by the demo server (the emulator with --dist),
#   6. the kiosk soak (scripts/bench-kiosk.sh on the same build: 300 people at one kiosk tab, about 25 minutes).
# See bench/README.md. Knobs: BENCH_RUNS (15), BENCH_QR_BATCHES (30), BENCH_LH_RUNS (3),
# BENCH_LH_CPU_SLOWDOWN (unset: the preset's 4x), BENCH_ONLY=lighthouse (builds the portal and the emulator, runs
# section 5 only), BENCH_ONLY=languages (builds the portal, runs section 1b only), BENCH_BEFORE=1 (section 1b builds
# commit e19f21a in a git worktree instead of printing the recorded figure; a first build takes minutes),
# BENCH_ONLY=qr (builds the QR page only, runs sections 3 and 4: encode + SVG times and wasm/npm ratios, SVG bytes),
# BENCH_QR_BEFORE=1 (section 3 also times qrpin as of commit a78f3a6, built in a git worktree: before the fast mask choice),
# BENCH_ONLY=twiggy (builds the portal, runs section 1c only; twiggy comes from `scripts/setup.sh --bench`),
# BENCH_ONLY=kiosk (builds the portal and the emulator, runs section 6 only; BENCH_KIOSK_CYCLES, default 300).
# Everything it writes goes to target/bench/ (and bench/node_modules); servers listen on 127.0.0.1 only and
# are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/lib/production-shape.sh"
cd "$ROOT"
SECONDS=0
OUT="$ROOT/target/bench"
mkdir -p "$OUT"

fail() { echo "bench: $*" >&2; exit 1; }
BENCH_ONLY="${BENCH_ONLY:-}"
case "$BENCH_ONLY" in
  "" | lighthouse | languages | qr | twiggy | kiosk) ;;
  *) fail "BENCH_ONLY=$BENCH_ONLY: the sections that run alone are 'lighthouse', 'languages', 'qr', 'twiggy' and 'kiosk' (unset runs everything)" ;;
esac
all() { [ -z "$BENCH_ONLY" ]; }
only() { [ "$BENCH_ONLY" = "$1" ]; }
for tool in trunk wasm-bindgen wasm-opt node npm python3 curl gzip brotli nginx "$CHROMIUM"; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: run scripts/setup.sh first"
done
if all || only qr; then
  command -v zbarimg >/dev/null 2>&1 || fail "zbarimg is missing: run scripts/setup.sh first"
  [ -d e2e/node_modules/playwright-core ] || fail "e2e/node_modules is missing: run scripts/setup.sh first"
fi
wasm-opt --version | grep -q "version 132" || fail "wasm-opt 132 is not first on PATH: run scripts/setup.sh"
if all || only twiggy; then
  command -v twiggy >/dev/null 2>&1 || fail "twiggy is missing: run scripts/setup.sh --bench"
fi

# ------------------------------------------------------------------------------------------------ servers
PIDS=()
LH_WORK=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  production_shape_stop
  [ -z "$LH_WORK" ] || rm -rf "$LH_WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for_url LOGFILE PID: prints the http://127.0.0.1:PORT the server announced in its log (port 0 = any free).
wait_for_url() {
  local url=""
  for _ in $(seq 1 300); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$1" | head -n 1 || true)"
    [ -n "$url" ] && { echo "$url"; return 0; }
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  cat "$1" >&2
  return 1
}

static_server() { # DIR LOG VAR: serves DIR on a free loopback port; sets VAR to its URL
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$2" 2>&1 &
  PIDS+=($!)
  local url
  url="$(wait_for_url "$2" "$!")" || fail "static server for $1 did not start"
  printf -v "$3" '%s' "$url"
}

# ------------------------------------------------------------------------------------------------- builds
say "npm: bench/ (qrcode, lighthouse)"
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# trunk_build NAME DIR DIST: trunk release build of DIR into DIST, checked by bench/lib/check-dist.mjs. trunk
# stages wasm-bindgen's output in the shared target/wasm-bindgen/, so a trunk build running at the same time
# (scripts/test.sh or build-portal.sh run by someone else in this checkout) can leave a mismatched or empty
# JS glue: then build again.
trunk_build() {
  local name="$1" dir="$2" dist="$3" log="$OUT/build-$1.log" attempt
  for attempt in 1 2 3; do
    if [ "$dir" = . ]; then
      "$ROOT/scripts/build-portal.sh" --dist "$dist" >"$log" 2>&1 || { tail -n 40 "$log"; fail "$name build failed"; }
    else
      (cd "$dir" && trunk build --release --offline --dist "$dist") >"$log" 2>&1 || { tail -n 40 "$log"; fail "$name build failed"; }
    fi
    node bench/lib/check-dist.mjs "$dist" && return 0
    echo "bench: $name build $attempt is inconsistent (a concurrent trunk build?); building again" >&2
    sleep $((attempt * 5))
  done
  fail "$name build stayed inconsistent after 3 attempts"
}

# The QR benchmark page (section 3): bench/qr-bench's wasm, built as trunk builds the portal's (release profile,
# wasm-bindgen --target web, wasm-opt -Oz), and npm qrcode. With BENCH_QR_BEFORE=1 the page also loads the same
# exports built from commit QR_BEFORE_COMMIT (the qrcode crate choosing the mask itself), so the figures before and
# after the fast mask choice come from one run.
QR_BEFORE_COMMIT=a78f3a6
qr_wasm_pkg() { # WASM PKG_DIR
  mkdir -p "$2"
  wasm-bindgen --target web --no-typescript --out-dir "$2" --out-name qr_bench "$1"
  wasm-opt -Oz --output="$2/qr_bench_bg.wasm" "$2/qr_bench_bg.wasm"
}
build_qr_page() {
  say "building the QR benchmark page (bench/qr-bench wasm + npm qrcode) into target/bench/qr-page"
  cargo build --release --locked --offline --target wasm32-unknown-unknown -p qrbadge-bench-qr >"$OUT/build-qr.log" 2>&1 \
    || { tail -n 40 "$OUT/build-qr.log"; fail "qr-bench build failed"; }
  rm -rf "$OUT/qr-page"
  qr_wasm_pkg target/wasm32-unknown-unknown/release/qrbadge_bench_qr.wasm "$OUT/qr-page/pkg"
  local variants='[{"name":"wasm","pkg":"pkg","what":"this checkout"}'
  if [ "${BENCH_QR_BEFORE:-0}" = 1 ]; then
    local src="$OUT/qr-before-src"
    say "building bench/qr-bench at $QR_BEFORE_COMMIT (before the fast mask choice) in a git worktree"
    git worktree remove --force "$src" >/dev/null 2>&1 || rm -rf "$src"
    git worktree prune
    git worktree add --detach "$src" "$QR_BEFORE_COMMIT" >/dev/null 2>&1 || fail "git worktree add $QR_BEFORE_COMMIT failed"
    (cd "$src" && CARGO_TARGET_DIR="$OUT/qr-before-target" cargo build --release --locked --offline \
      --target wasm32-unknown-unknown -p qrbadge-bench-qr) >"$OUT/build-qr-before.log" 2>&1 \
      || { tail -n 40 "$OUT/build-qr-before.log"; fail "qr-bench build of $QR_BEFORE_COMMIT failed"; }
    git worktree remove --force "$src"
    qr_wasm_pkg "$OUT/qr-before-target/wasm32-unknown-unknown/release/qrbadge_bench_qr.wasm" "$OUT/qr-page/pkg-before"
    variants+=',{"name":"before","pkg":"pkg-before","what":"bench/qr-bench built from commit '"$QR_BEFORE_COMMIT"' (the qrcode crate chose the mask)"}'
  fi
  echo "$variants]" >"$OUT/qr-page/variants.json"
  cp bench/qr-page/index.html bench/qr-page/bench.js "$OUT/qr-page/"
  node bench/lib/cjs-bundle.mjs qrcode/lib/browser.js QRCode "$OUT/qr-page/qrcode.js" >/dev/null
}

if ! only qr; then
say "building the portal (release) into target/bench/portal-dist"
trunk_build portal . "$OUT/portal-dist"
fi

if all; then
say "building the bare Leptos counter (release, same trunk settings) into target/bench/counter-dist"
trunk_build counter bench/counter "$OUT/counter-dist"

say "building the stack floor (bench/stack-floor: the required stack, no product code) into target/bench/floor-dist"
trunk_build floor bench/stack-floor "$OUT/floor-dist"

build_qr_page
fi

if only qr; then
  build_qr_page
  echo "builds took ${SECONDS} s"
  static_server "$OUT/qr-page" "$OUT/qr-server.log" QR_URL
  say "measuring in headless Chromium (about a minute)"
  BENCH_ONLY=qr BENCH_QR_URL="$QR_URL/" BENCH_OUT="$OUT" timeout 1200 node bench/run.mjs
  echo "bench.sh took ${SECONDS} s; details in target/bench/ (results-qr.json, the QR screenshots)"
  exit 0
fi

if ! only languages && ! only twiggy; then
say "building the emulator (release)"
cargo build --release --locked -p qrbadge-emulator >"$OUT/build-emulator.log" 2>&1 \
  || { tail -n 40 "$OUT/build-emulator.log"; fail "emulator build failed"; }
fi
echo "builds took ${SECONDS} s"
builds_done=$SECONDS

# ------------------------------------------------------------------------------------------ 6. kiosk soak
# Runs last with everything (it takes longest); bench/README.md, "Kiosk soak".
kiosk_section() {
  echo
  echo "== 6. Kiosk soak (scripts/bench-kiosk.sh: ${BENCH_KIOSK_CYCLES:-300} cycles in one tab)"
  local started=$SECONDS
  BENCH_KIOSK_DIST="$OUT/portal-dist" timeout 7200 "$ROOT/scripts/bench-kiosk.sh"
  echo "section 6 took $((SECONDS - started)) s"
}
if only kiosk; then
  kiosk_section
  exit 0
fi

# scripts/size-report.sh reports $ROOT/dist. To reuse it unchanged for other dist directories, run it from a
# shim root whose scripts/ links to the real scripts and whose dist links to the directory to report.
size_report() { # DIST: prints size-report.sh's table for DIST
  local shim="$OUT/size-report-root"
  rm -rf "$shim"
  mkdir -p "$shim/scripts"
  ln -s "$ROOT/scripts/size-report.sh" "$shim/scripts/size-report.sh"
  ln -s "$ROOT/scripts/env.sh" "$shim/scripts/env.sh"
  ln -s "$1" "$shim/dist"
  "$shim/scripts/size-report.sh"
}
totals() { awk '$1 == "total" { print $2, $3, $4 }'; }

# 1b. languages: languages_section and languages_loaded_on_demand.
# shellcheck source=lib/bench-languages.sh
source "$ROOT/scripts/lib/bench-languages.sh"

if only languages; then
  languages_section "$(size_report "$OUT/portal-dist" | totals)"
  echo "bench.sh took ${SECONDS} s (builds $builds_done s); details in target/bench/"
  exit 0
fi

# ------------------------------------------------------------------------------- 1c. where the bytes are
# twiggy reads names, and the shipped wasm has none. So the wasm rustc built for portal-dist goes once more through
# what trunk does with it (wasm-bindgen --target web, wasm-opt -Oz), with -g: the same code, its name section kept.
twiggy_section() {
  local dir="$OUT/twiggy" rustc_wasm="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/qrbadge.wasm"
  local shipped glue
  echo
  echo "== 1c. Where the bytes are: twiggy $(twiggy --version | awk '{print $2}') on the portal's wasm (wasm-opt -Oz as shipped, names kept)"
  rm -rf "$dir"
  mkdir -p "$dir"
  wasm-bindgen --target web --no-typescript --out-dir "$dir" --out-name qrbadge "$rustc_wasm"
  # The glue is generated from the wasm: a glue other than portal-dist's means a build since (plain cargo runs no lock).
  glue="$(ls "$OUT"/portal-dist/qrbadge-*.js | grep -v '_bg' | head -n 1)"
  cmp -s "$dir/qrbadge.js" "$glue" || fail "$rustc_wasm is not the wasm of target/bench/portal-dist (a build since?)"
  wasm-opt -Oz -g --output="$dir/qrbadge-named.wasm" "$dir/qrbadge_bg.wasm"
  shipped="$(stat -c %s "$OUT"/portal-dist/qrbadge-*_bg.wasm)"
  echo "  the shipped wasm: $shipped B; with names: target/bench/twiggy/qrbadge-named.wasm (twiggy top, dominators, paths)"
  python3 scripts/wasm-top.py "$dir/qrbadge-named.wasm" 30
  twiggy top "$dir/qrbadge-named.wasm" >"$dir/top.txt"
  twiggy dominators -d 4 "$dir/qrbadge-named.wasm" >"$dir/dominators.txt"
  echo "  every item: target/bench/twiggy/top.txt; the dominator tree: target/bench/twiggy/dominators.txt (most code hangs"
  echo "  under the function table, elem[0], reached through indirect calls: read it for what a function keeps alive)"
}

if only twiggy; then
  twiggy_section
  echo "bench.sh took ${SECONDS} s (builds $builds_done s); details in target/bench/twiggy/"
  exit 0
fi

if all; then
# ------------------------------------------------------------------------------------------- 1. bundle size

echo
echo "== 1. Bundle size (bytes; wasm + JS + CSS + index.html, as shipped in dist/)"
echo "portal, the employees' bundle (scripts/size-report.sh on target/bench/portal-dist):"
portal_report="$(size_report "$OUT/portal-dist")"
echo "$portal_report" | sed 's/^/  /'
echo "bare Leptos counter (bench/counter, same trunk/release/wasm-opt -Oz settings):"
counter_report="$(size_report "$OUT/counter-dist" | grep -v '^budget:')"
echo "$counter_report" | sed 's/^/  /'
echo "stack floor (bench/stack-floor: leptos + leptos_router with the portal's routes, gloo-net, serde_json, chrono,"
echo "qrcode, Suspense/ErrorBoundary; no product code; same settings):"
floor_report="$(size_report "$OUT/floor-dist" | grep -v '^budget:')"
echo "$floor_report" | sed 's/^/  /'
BENCH_SIZE_PORTAL="$(echo "$portal_report" | totals)"
BENCH_SIZE_COUNTER="$(echo "$counter_report" | totals)"
BENCH_SIZE_FLOOR="$(echo "$floor_report" | totals)"
read -r p_raw p_gz p_br <<<"$BENCH_SIZE_PORTAL"
read -r c_raw c_gz c_br <<<"$BENCH_SIZE_COUNTER"
awk -v pr="$p_raw" -v pg="$p_gz" -v pb="$p_br" -v cr="$c_raw" -v cg="$c_gz" -v cb="$c_br" 'BEGIN {
  printf "ratio portal/counter: raw %.2fx, gzip %.2fx, brotli %.2fx; portal minus counter: %d B brotli\n", pr/cr, pg/cg, pb/cb, pb-cb }'
read -r _ _ f_br <<<"$BENCH_SIZE_FLOOR"
echo "budget: portal <= 150 KB (153600 B) brotli -> $p_br B, $([ "$p_br" -le 153600 ] && echo within || echo OVER)"
echo "the stack floor alone is $f_br B brotli: the budget leaves $((153600 - f_br)) B for every feature of the portal"
# One bundle per audience (scripts/build-portal.sh, src/routes.rs): the code each ships (its wasm and JS: the glue
# and the loader), brotli -q 11, as a ratio to the same bytes of the stack floor. Before the split (commit a78f3a6)
# everyone loaded one bundle; its figure, measured once with the same tools, is recorded here.
SPLIT_BEFORE_CODE_BR=480862
code_brotli() { # DIR: brotli -q 11 bytes of the wasm and JS files in DIR (not its subdirectories)
  local total=0 file
  for file in "$1"/*.wasm "$1"/*.js; do
    if [ -f "$file" ]; then total=$((total + $(brotli -q 11 -c "$file" | wc -c))); fi
  done
  echo "$total"
}
floor_code_br="$(code_brotli "$OUT/floor-dist")"
echo "each audience's bundle, code only (wasm + JS, brotli -q 11), against the stack floor's $floor_code_br B:"
for bundle in "before the split (a78f3a6, recorded):-:-" "employees (/)::1.45" "kiosk (/kiosk):kiosk:1.35" \
  "administrators (/admin):admin:-"; do
  IFS=: read -r name dir target <<<"$bundle"
  if [ "$dir" = - ]; then bytes="$SPLIT_BEFORE_CODE_BR"; else bytes="$(code_brotli "$OUT/portal-dist${dir:+/$dir}")"; fi
  awk -v name="$name" -v bytes="$bytes" -v floor="$floor_code_br" -v target="$target" 'BEGIN {
    ratio = bytes / floor
    verdict = target == "-" ? "" : sprintf("  (target <= %.2fx: %s)", target, ratio <= target + 0 ? "within" : "OVER")
    printf "  %-38s %8d B  %.2fx the floor%s\n", name, bytes, ratio, verdict }'
done
languages_section "$BENCH_SIZE_PORTAL"
twiggy_section

# ------------------------------------------------------------------------------------------ 2-4. browser
say "starting the emulator (--test-control) and two static servers on 127.0.0.1"
"$ROOT/target/release/qrbadge-emulator" --addr 127.0.0.1:0 --dist "$OUT/portal-dist" --test-control \
  >"$OUT/emulator.log" 2>&1 &
PIDS+=($!)
PORTAL_URL="$(wait_for_url "$OUT/emulator.log" "${PIDS[-1]}")" || fail "emulator did not start"
static_server "$OUT/counter-dist" "$OUT/counter-server.log" COUNTER_URL
static_server "$OUT/qr-page" "$OUT/qr-server.log" QR_URL

say "measuring in headless Chromium (about a minute)"
browser_start=$SECONDS
BENCH_PORTAL_URL="$PORTAL_URL" BENCH_COUNTER_URL="$COUNTER_URL/" BENCH_QR_URL="$QR_URL/" BENCH_OUT="$OUT" \
  BENCH_SIZE_PORTAL="$BENCH_SIZE_PORTAL" BENCH_SIZE_COUNTER="$BENCH_SIZE_COUNTER" BENCH_SIZE_FLOOR="$BENCH_SIZE_FLOOR" \
  timeout 1200 node bench/run.mjs
fi
browser_done=$SECONDS

# ------------------------------------------------------------------------------------------- 5. Lighthouse
# The welcome page, Lighthouse's mobile preset, BENCH_LH_RUNS (3) runs per server, servers taking turns:
#   nginx  the production shape (scripts/lib/production-shape.sh: a copy of portal-dist behind nginx with the
#          deploy/ configuration and its headers, precompressed files; the emulator as Entra and Graph elsewhere)
#   demo   the demo server: the emulator serving portal-dist itself (--dist, as scripts/demo.sh)
# Each run is a fresh Debian Chromium started by Lighthouse (CHROME_PATH); full results in target/bench/lighthouse/.
echo
echo "== 5. Lighthouse (mobile preset, welcome page)"
say "starting nginx in the production shape and the demo server on 127.0.0.1"
"$ROOT/target/release/qrbadge-emulator" --addr 127.0.0.1:0 --dist "$OUT/portal-dist" >"$OUT/lighthouse-demo.log" 2>&1 &
PIDS+=($!)
DEMO_URL="$(wait_for_url "$OUT/lighthouse-demo.log" "${PIDS[-1]}")" || fail "demo server did not start"
production_shape_ports
LH_WORK="$(mktemp -d)"
production_shape_start "$ROOT/target/release/qrbadge-emulator" "$OUT/portal-dist" "$LH_WORK" \
  "$OUT/lighthouse-emulator.log" "$OUT/lighthouse-nginx.log"
say "running Lighthouse (about 40 s a run)"
rm -rf "$OUT/lighthouse"
lh_args=(--out "$OUT/lighthouse" --runs "${BENCH_LH_RUNS:-3}")
[ -z "${BENCH_LH_CPU_SLOWDOWN:-}" ] || lh_args+=(--cpu-slowdown "$BENCH_LH_CPU_SLOWDOWN")
timeout 1800 node bench/lighthouse.mjs "${lh_args[@]}" nginx="$PORTAL/" demo="$DEMO_URL/"
echo "bench.sh took ${SECONDS} s (builds $builds_done s, sizes and browser $((browser_done - builds_done)) s," \
  "Lighthouse $((SECONDS - browser_done)) s); details in target/bench/"
if all; then kiosk_section; fi
