#!/usr/bin/env bash
# Prints wpfleet's performance figures, each the median of BENCH_RUNS runs (default 5):
#   synth of every environment, synth of one empty stack (the floor any CDK Go app pays) and their
#   ratio; the test suite's wall time; the handler's bootstrap size; the handler's time per
#   invocation against the local MariaDB. Run it through `make bench` (which starts the database).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-5}
out=.cache/bench
mkdir -p "$out"

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
calc() { awk "BEGIN {printf \"%.6f\\n\", $1}"; }
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); calc "($e - $s) / 1e9"; }
timed() { # timed N cmd...: median wall seconds of N runs
  local n=$1; shift
  for _ in $(seq "$n"); do seconds "$@"; done | median
}

echo "building the app, an empty app and the handler..." >&2
go build -o "$out/wpfleet" .
go build -o "$out/emptyapp" ./internal/bench/emptyapp
GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -buildvcs=false \
  -ldflags "-s -w -buildid=" -o "$out/bootstrap" ./constructs/siteurl/handler
cdk synth --quiet --app "$out/wpfleet" -o "$out/cdk.out" >/dev/null 2>&1 # warm: bundle the handler once

synth_all=$(timed "$runs" cdk synth --quiet --app "$out/wpfleet" -o "$out/cdk.out")
synth_empty=$(timed "$runs" cdk synth --quiet --app "$out/emptyapp" -o "$out/empty.out")
test_runs=$(( runs < 3 ? runs : 3 ))
test_suite=$(timed "$test_runs" go test -count=1 ./...)
boot_bytes=$(stat -c %s "$out/bootstrap")
invoke_ns=$(go test -run '^$' -bench BenchmarkHandleUpdate -count="$runs" ./constructs/siteurl/handler \
  | awk '/^BenchmarkHandleUpdate/ {print $3}' | median)

printf '\nwpfleet benchmark (median of %d runs; test suite: %d runs) on %s, %s cores\n' "$runs" "$test_runs" "$(uname -m)" "$(nproc)"
printf '  %-44s %8.2f s\n' "synth, all environments (cdk synth)" "$synth_all"
printf '  %-44s %8.2f s\n' "synth, one empty stack (the CDK floor)" "$synth_empty"
printf '  %-44s %8.2f x\n' "ratio all / empty" "$(calc "$synth_all / $synth_empty")"
printf '  %-44s %8.2f s\n' "test suite (go test -count=1 ./...)" "$test_suite"
printf '  %-44s %8.2f MiB (%d bytes)\n' "handler bootstrap (linux/arm64, stripped)" "$(calc "$boot_bytes / 1048576")" "$boot_bytes"
printf '  %-44s %8.2f ms\n' "handler Update against local MariaDB" "$(calc "$invoke_ns / 1000000")"
