# wpfleet's everyday verbs. Every target installs what it needs first (npm toolchain, Go modules,
# and for `test` a local MariaDB), so a fresh clone needs only `make synth` and `make test`.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The pinned Node 22 and CDK CLI from package.json come first, so `cdk` and jsii never run on the
# machine's own (possibly end-of-life) Node.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
export CDK_DISABLE_CLI_TELEMETRY := true
# Build with the toolchain go.mod names (go1.26.x with the latest security fixes), fetched through
# the module proxy when the machine's Go is older.
export GOTOOLCHAIN := auto

GO_TEST_FLAGS ?=
STAGE ?= Dev

.PHONY: help deps synth test golden lint tools consumer bench fuzz ls diff diff-deployed deploy clean

# Lint tools, pinned, built from the Go module proxy into .cache/tools/<name>@<version>/.
TOOLS := $(CURDIR)/.cache/tools
GOLANGCI_LINT_VERSION := v2.15.0
GOVULNCHECK_VERSION := v1.9.0
ACTIONLINT_VERSION := v1.7.12
# The Go vulnerability database, as published in golang.org/x/vulndb at this version (govulncheck's
# own server is not reachable from every build machine). Bump it to pick up newer advisories.
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
GOLANGCI_LINT := $(TOOLS)/golangci-lint@$(GOLANGCI_LINT_VERSION)/golangci-lint
GOVULNCHECK := $(TOOLS)/govulncheck@$(GOVULNCHECK_VERSION)/govulncheck
ACTIONLINT := $(TOOLS)/actionlint@$(ACTIONLINT_VERSION)/actionlint
INDEXDB := $(TOOLS)/indexdb@$(VULNDB_VERSION)/indexdb
VULNDB := $(CURDIR)/.cache/vulndb@$(VULNDB_VERSION)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

node_modules/.wpfleet-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@node --version | grep -q '^v22\.' || { echo "expected Node 22 from node_modules/.bin, got $$(node --version)"; exit 1; }
	touch $@

deps: node_modules/.wpfleet-stamp ## install the pinned Node/CDK CLI and the Go modules
	go mod download

synth: deps ## synthesize every environment into cdk.out/ (no AWS credentials needed)
	rm -rf cdk.out
	cdk synth --quiet
	@echo "synthesized: $$(cdk ls 2>/dev/null | tr '\n' ' ')"

HANDLER := ./constructs/siteurl/handler/...

# The handler tests talk to a real database, so -count=1 keeps go test from answering from its cache.
test: deps ## run the whole test suite (starts a local MariaDB for the handler tests, installing it if needed)
	dbenv=$$(scripts/testdb.sh start) && eval "$$dbenv" && \
	go test $(GO_TEST_FLAGS) $$(go list ./... | grep -v /constructs/siteurl/handler) && \
	go test -race -count=1 $(GO_TEST_FLAGS) $(HANDLER)

golden: deps ## rewrite testdata/golden from the current synth (review the diff, then commit it)
	go test . -run TestGoldenTemplates -count=1 -update

$(GOLANGCI_LINT):
	GOBIN=$(dir $@) go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
$(GOVULNCHECK):
	GOBIN=$(dir $@) go install golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION)
$(ACTIONLINT):
	GOBIN=$(dir $@) go install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)
$(INDEXDB):
	GOBIN=$(dir $@) go install golang.org/x/vulndb/cmd/indexdb@$(VULNDB_VERSION)
$(VULNDB): $(INDEXDB)
	rm -rf $@.tmp && $(INDEXDB) -vulns "$$(go mod download -json golang.org/x/vulndb@$(VULNDB_VERSION) | sed -n 's/^\t"Dir": "\(.*\)",$$/\1/p')/data/osv" -out $@.tmp && mv $@.tmp $@

tools: $(GOLANGCI_LINT) $(GOVULNCHECK) $(ACTIONLINT) $(VULNDB) ## build the pinned lint tools

lint: deps tools ## gofmt, go vet, golangci-lint, govulncheck, actionlint
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	go vet ./...
	$(GOLANGCI_LINT) run ./...
	$(GOVULNCHECK) -db file://$(VULNDB) ./...
	@if ls .github/workflows/*.yml >/dev/null 2>&1; then $(ACTIONLINT) && echo "actionlint: ok"; fi

consumer: deps ## build and test examples/consumer, from the repository and from the module cache
	scripts/consumer.sh

bench: deps ## print synth, test and handler figures (medians); BENCH_RUNS=5
	dbenv=$$(scripts/testdb.sh start) && eval "$$dbenv" && scripts/bench.sh

fuzz: ## fuzz the site URL handler's input validation (FUZZTIME=1m)
	go test -run '^$$' -fuzz=FuzzParseProps -fuzztime=$(or $(FUZZTIME),1m) ./constructs/siteurl/handler
	go test -run '^$$' -fuzz=FuzzParseSecret -fuzztime=$(or $(FUZZTIME),1m) ./constructs/siteurl/handler

ls: deps ## list every stack of every stage
	cdk ls

diff: deps ## offline: what the code would change against testdata/golden (or TEMPLATES=dir), no credentials
	scripts/diff.sh $(TEMPLATES)

diff-deployed: deps ## cdk diff one stage against its deployed stacks (needs credentials): make diff-deployed STAGE=Prod
	cdk diff '$(STAGE)/*'

deploy: deps ## deploy one stage (needs credentials): make deploy STAGE=Dev
	cdk deploy '$(STAGE)/*'

clean: ## remove build output and the installed toolchain
	rm -rf cdk.out node_modules .cache
