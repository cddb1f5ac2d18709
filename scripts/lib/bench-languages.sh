# shellcheck shell=bash
# Sourced by scripts/bench.sh: section 1b, what the languages cost and what is loaded on demand. Uses bench.sh's
# ROOT, OUT, fail, say, size_report and totals.
# ------------------------------------------------------------------------------------------ 1b. languages
# The bundle before the languages change: commit e19f21a (the last commit before it), built by its own
# scripts/build-portal.sh with the same tools. Its figure does not change, so it is recorded here (measured
# 2026-12-02 with the pinned toolchain); BENCH_BEFORE=1 builds it again in a git worktree (target/bench/before-src,
# its own target dir target/bench/before-target, removed afterwards) and prints what it measures instead.
BEFORE_COMMIT=e19f21a
BEFORE_RECORDED="1319572 516503 403996" # raw gzip brotli of e19f21a's dist (scripts/size-report.sh totals)
languages_section() { # AFTER ("raw gzip brotli" of target/bench/portal-dist)
  local after="$1" before source lang raw gz br
  echo
  echo "== 1b. Languages (en, es, fr, de): the bundle before and after, and each locale's resources (bytes)"
  if [ "${BENCH_BEFORE:-0}" = 1 ]; then
    local src="$OUT/before-src"
    say "building commit $BEFORE_COMMIT (before the languages) in a git worktree"
    git worktree remove --force "$src" >/dev/null 2>&1 || rm -rf "$src"
    git worktree prune
    git worktree add --detach "$src" "$BEFORE_COMMIT" >/dev/null 2>&1 || fail "git worktree add $BEFORE_COMMIT failed"
    (cd "$src" && CARGO_TARGET_DIR="$OUT/before-target" scripts/build-portal.sh --dist "$OUT/before-dist") \
      >"$OUT/build-before.log" 2>&1 || { tail -n 40 "$OUT/build-before.log"; fail "build of $BEFORE_COMMIT failed"; }
    git worktree remove --force "$src"
    node bench/lib/check-dist.mjs "$OUT/before-dist" || fail "the build of $BEFORE_COMMIT is inconsistent"
    before="$(size_report "$OUT/before-dist" | totals)"
    source="built now"
  else
    before="$BEFORE_RECORDED"
    source="recorded"
  fi
  read -r b_raw b_gz b_br <<<"$before"
  read -r a_raw a_gz a_br <<<"$after"
  [ "$source" = recorded ] && echo "  (before: the figure recorded in bench.sh; BENCH_BEFORE=1 builds $BEFORE_COMMIT again)"
  printf '  %-40s %10s %10s %10s\n' "" raw gzip brotli
  printf '  %-40s %10d %10d %10d\n' "before ($BEFORE_COMMIT, $source)" "$b_raw" "$b_gz" "$b_br"
  printf '  %-40s %10d %10d %10d\n' "after (this checkout)" "$a_raw" "$a_gz" "$a_br"
  printf '  %-40s %+10d %+10d %+10d\n' "the languages cost" "$((a_raw - b_raw))" "$((a_gz - b_gz))" "$((a_br - b_br))"
  awk -v b="$b_br" -v a="$a_br" 'BEGIN { printf "  before (%s): %.1f KB brotli; after: %.1f KB brotli (%+.1f %%)\n", "'"$BEFORE_COMMIT"'", b/1024, a/1024, 100*(a-b)/b }'
  echo "  locale resources (locales/<lang>/*.json concatenated; the strings leptos_i18n compiles into the wasm):"
  printf '  %-40s %10s %10s %10s\n' "" raw gzip brotli
  for lang in en es fr de; do
    [ -d "locales/$lang" ] || continue
    raw=$(cat "locales/$lang"/*.json | wc -c); gz=$(cat "locales/$lang"/*.json | gzip -9 -c | wc -c)
    br=$(cat "locales/$lang"/*.json | brotli -q 11 -c | wc -c)
    printf '  %-40s %10d %10d %10d\n' "$lang ($(ls "locales/$lang"/*.json | wc -l) files)" "$raw" "$gz" "$br"
  done
  raw=$(cat locales/*/*.json | wc -c); gz=$(cat locales/*/*.json | gzip -9 -c | wc -c)
  br=$(cat locales/*/*.json | brotli -q 11 -c | wc -c)
  printf '  %-40s %10d %10d %10d\n' "all four together" "$raw" "$gz" "$br"
  echo "  of the $((a_br - b_br)) B brotli the languages cost, the four locales' text is at most $br B brotli; the rest is" \
    "leptos_i18n, the Intl bindings, the switcher and the code that turns typed values into words"
  languages_loaded_on_demand "${2:-$OUT/portal-dist}"
}

# What a person choosing Spanish, French or German fetches besides the bundle (src/locale/loaded.rs), and a
# check that the wasm carries none of their words (each language's welcome title, looked for in the wasm).
languages_loaded_on_demand() { # DIST
  local dist="$1" file lang raw gz br title found
  echo "  loaded on demand, one language per person (DIST/languages/, not part of the bundle above):"
  printf '  %-40s %10s %10s %10s\n' "" raw gzip brotli
  for file in "$dist"/languages/*.json; do
    [ -f "$file" ] || { echo "  (none: the build has no languages/ directory)"; break; }
    raw=$(wc -c <"$file"); gz=$(gzip -9 -c "$file" | wc -c); br=$(brotli -q 11 -c "$file" | wc -c)
    printf '  %-40s %10d %10d %10d\n' "$(basename "$file")" "$raw" "$gz" "$br"
  done
  for lang in es fr de; do
    title="$(node -e 'const r=require(process.argv[1]);console.log(r.signin.welcome_title)' "$ROOT/locales/$lang/common.json")"
    found=none
    for file in "$dist"/*.wasm; do grep -qF "$title" "$file" && found="FOUND in $(basename "$file")"; done
    printf '  %-40s %s\n' "$lang words in the wasm" "$found"
  done
}
