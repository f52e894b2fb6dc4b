#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each) with cargo-fuzz on nightly.
# Usage: fuzz/run.sh [SECONDS]. Crashes land in fuzz/artifacts/<target>/; turn each into a
# regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in close_payload registry_csv close_event_json engine_close_event; do
  echo "== $target ($seconds s)"
  # Seeds are copied so that the checked-in corpus stays small and reviewable.
  work=$(mktemp -d)
  cp corpus/"$target"/* "$work"/ 2>/dev/null || true
  cargo +nightly fuzz run "$target" "$work" -- -max_total_time="$seconds" -max_len=4096 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)" || true
  rm -rf "$work"
done
