# wpfleet's everyday verbs. Every target installs what it needs first (npm toolchain, Go modules,
# and for `test` a local MariaDB), so a fresh clone needs only `make synth` and `make test`.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The pinned Node 22 and CDK CLI from package.json come first, so `cdk` and jsii never run on the
# machine's own (possibly end-of-life) Node.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
export CDK_DISABLE_CLI_TELEMETRY := true

GO_TEST_FLAGS ?=
STAGE ?= Dev

.PHONY: help deps synth test fuzz ls diff deploy clean

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

test: deps ## run the whole test suite (starts a local MariaDB for the handler tests, installing it if needed)
	dbenv=$$(scripts/testdb.sh start) && eval "$$dbenv" && \
	go test $(GO_TEST_FLAGS) $$(go list ./... | grep -v /constructs/siteurl/handler) && \
	go test -race $(GO_TEST_FLAGS) $(HANDLER)

fuzz: ## fuzz the site URL handler's input validation (FUZZTIME=1m)
	go test -run '^$$' -fuzz=FuzzParseProps -fuzztime=$(or $(FUZZTIME),1m) ./constructs/siteurl/handler
	go test -run '^$$' -fuzz=FuzzParseSecret -fuzztime=$(or $(FUZZTIME),1m) ./constructs/siteurl/handler

ls: deps ## list every stack of every stage
	cdk ls

diff: deps ## cdk diff one stage against its deployed stacks (needs credentials): make diff STAGE=Prod
	cdk diff '$(STAGE)/*'

deploy: deps ## deploy one stage (needs credentials): make deploy STAGE=Dev
	cdk deploy '$(STAGE)/*'

clean: ## remove build output and the installed toolchain
	rm -rf cdk.out node_modules .cache
