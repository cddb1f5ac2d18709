#!/usr/bin/env bash
# Runs every check and test: formatting, clippy (host + wasm), native tests, browser tests in
# headless Chromium, and the end-to-end suite against a freshly started emulator.
# Exits non-zero on any failure; the last line is "N passed, N failed" over all test cases.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"

SECONDS=0
"$ROOT/scripts/setup.sh" || { echo "setup failed"; exit 1; }
echo "setup took ${SECONDS}s"

failed_steps=()
passed=0
failed=0

# step NAME COMMAND… : runs a step, keeps its log, counts the test cases it reports.
step() {
  local name="$1"; shift
  local log="$LOGS/$name.log"
  say "$name"
  local started=$SECONDS
  if "$@" >"$log" 2>&1; then status=ok; else status=FAILED; failed_steps+=("$name"); fi
  echo "    ($((SECONDS - started))s)"
  local p f
  p=$(awk '/^test result: /{for(i=1;i<=NF;i++){if($(i+1)~/^passed;/)s+=$i}} /^# pass [0-9]+/{s+=$3} /^[0-9]+ passed, [0-9]+ failed$/{s+=$1} END{print s+0}' "$log")
  f=$(awk '/^test result: /{for(i=1;i<=NF;i++){if($(i+1)~/^failed;/)s+=$i}} /^# fail [0-9]+/{s+=$3} /^[0-9]+ passed, [0-9]+ failed$/{s+=$3} END{print s+0}' "$log")
  passed=$((passed + p)); failed=$((failed + f))
  grep -E '^(test result: |# (pass|fail|tests) |[0-9]+ passed, [0-9]+ failed$)' "$log" | sed 's/^/    /'
  if [ "$status" != ok ]; then
    echo "    $name FAILED — last lines of $log:"
    tail -n 40 "$log" | sed 's/^/    | /'
  fi
}

step fmt cargo fmt --all --check
step leptosfmt leptosfmt --check src tests
step clippy-host cargo clippy --workspace --all-targets --locked -- -D warnings
step clippy-wasm cargo clippy -p qrbadge -p qrpin --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
step native-tests cargo test --workspace --locked
step browser-tests cargo test -p qrbadge --target wasm32-unknown-unknown --locked --test web --test kiosk_web
step build-portal "$ROOT/scripts/build-portal.sh"
step build-emulator cargo build -p qrbadge-emulator --locked
step e2e "$ROOT/scripts/e2e.sh"
step deploy-configs "$ROOT/scripts/check-deploy.sh"
step e2e-production "$ROOT/scripts/e2e-production.sh"

say "summary"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}"
  [ "$failed" -eq 0 ] && failed=${#failed_steps[@]}
  echo "$passed passed, $failed failed"
  exit 1
fi
echo "all steps passed in ${SECONDS}s (logs in target/test-logs)"
echo "$passed passed, $failed failed"
