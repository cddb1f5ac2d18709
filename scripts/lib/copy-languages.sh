#!/usr/bin/env bash
# trunk post_build hook (Trunk.toml): copies the languages loaded on demand, which build.rs writes next to
# the build's wasm (<target>/wasm32-unknown-unknown/<profile>/languages/<language>-<hash>.json), into the
# site being staged, as languages/<file>. The wasm names the files of its own build, so only those are copied.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
source_dir="${TRUNK_SOURCE_DIR:-$(pwd)}"
target_dir="${CARGO_TARGET_DIR:-$source_dir/target}"
case "$target_dir" in /*) ;; *) target_dir="$source_dir/$target_dir" ;; esac
profile="${TRUNK_PROFILE:-release}"
from="$target_dir/wasm32-unknown-unknown/$profile/languages"
if ! compgen -G "$from/*.json" >/dev/null; then
  echo "copy-languages: no language files in $from (did build.rs run for this profile?)" >&2
  exit 1
fi
mkdir -p "$TRUNK_STAGING_DIR/languages"
cp "$from"/*.json "$TRUNK_STAGING_DIR/languages/"
