# dossier — build, test and run. `make run` and `make test` are the two
# commands a newcomer needs.
GO       ?= go
BIN      := bin/dossier
DB       ?= $(CURDIR)/demo.duckdb
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)

.PHONY: build run test check bench fuzz clean assets

# The web UI's browser libraries: installed by npm from the committed
# web/package-lock.json, copied into http/static/vendor (embedded in the
# binary). Redone when the lock file or the build script changes, or when
# the vendor directory is missing (build.mjs writes LICENSES.txt last).
VENDOR := http/static/vendor/LICENSES.txt

assets: $(VENDOR)

$(VENDOR): web/package.json web/package-lock.json web/build.mjs
	npm ci --prefix web --no-audit --no-fund
	node web/build.mjs

build: assets
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/dossier

# Imports the demo files (rows written for dossier, one per provider
# layout) into demo.duckdb (DEMO=0 skips them: the built-in knowledge base
# alone), then serves the web UI and the API on ADDR and prints the URL.
ADDR ?= 127.0.0.1:8080
DEMO ?= 1
run: build
	@if [ "$(DEMO)" = 1 ]; then $(BIN) import --db $(DB) testdata/demo/*; fi
	$(BIN) serve --db $(DB) --addr $(ADDR)

check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: assets check
	$(GO) test -race -timeout 20m ./...

bench: build
	bash bench/run.sh

# Short fuzzing of every parser (FUZZTIME per target).
FUZZTIME ?= 15s
fuzz:
	bash bench/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin demo.duckdb demo.duckdb.wal http/static/vendor web/node_modules
