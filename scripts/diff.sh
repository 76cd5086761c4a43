#!/usr/bin/env bash
# Offline review: what the current code would change against committed templates, with the real
# `cdk diff --template`, no AWS credentials. Usage: scripts/diff.sh [TEMPLATE_DIR]
#   TEMPLATE_DIR holds <Stage>/<Stage>-<Stack>.template.json (default: testdata/golden).
# Prints each stack's diff, then the destructive-change summary of `diffgate` per stage.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-testdata/golden}
work=.cache/diff
rm -rf "$work" && mkdir -p "$work"

cdk synth --quiet -o "$work/synth" >/dev/null
# Asset hashes are normalized in the golden templates: normalize the fresh synth the same way.
cp -r "$work/synth" "$work/app"
find "$work/app" -name '*.template.json' -exec sed -i -E 's/\b[0-9a-f]{64}\b/<asset-hash>/g' {} +
go build -o "$work/diffgate" ./cmd/diffgate

status=0
for stage_dir in "$dir"/*/; do
  stage=$(basename "$stage_dir")
  out="$work/$stage.diff"
  : >"$out"
  for template in "$stage_dir"*.template.json; do
    stack=$(basename "$template" .template.json)   # Prod-Web
    cdk diff --app "$work/app" --exclusively --no-color --template "$template" "$stage/${stack#"$stage"-}" >>"$out" 2>&1 || status=1
  done
  # The stacks' diffs, without the synth warnings repeated for every stack.
  awk '/^WARNING/ {skip=1; next} skip && /^   / {next} {skip=0} NF' "$out"
  echo
  "$work/diffgate" -stage "$stage" -allow-destructive <"$out" | sed -n '2,/<details>/p' | grep -v '<details>'
done
exit $status
