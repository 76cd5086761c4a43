#!/usr/bin/env bash
# Builds and tests examples/consumer twice: as it is in the repository (replace => ../..), and as
# another team would use wpfleet, from the module cache: this repository's HEAD is served as a
# module version from a file-based GOPROXY and the replace directive is dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

echo "consumer: with the replace directive (the repository tree)"
(cd examples/consumer && go vet ./... && go test -count=1 ./...)

version="v0.0.0-ci.g$(git rev-parse --short=12 HEAD)"
proxy="$root/.cache/modproxy"
rm -rf "$proxy"
go run ./internal/modproxy "$proxy" "$version"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -r examples/consumer/. "$work"
cd "$work"
export GOPROXY="file://$proxy,$(go env GOPROXY)" GONOSUMDB=github.com/wpfleet/wpfleet GOFLAGS=-mod=mod
go mod edit -dropreplace=github.com/wpfleet/wpfleet -require="github.com/wpfleet/wpfleet@$version"
go mod tidy
echo "consumer: from the module cache ($(go list -m -f '{{.Dir}}' github.com/wpfleet/wpfleet))"
WPFLEET_CONSUMER_FROM_CACHE=1 go test -count=1 -v ./... 2>&1 | grep -E '^(=== RUN|--- |ok|FAIL|PASS)|wpfleet v|consumer_test' 
