# dossier — build, test and run. `make run` and `make test` are the two
# commands a newcomer needs.
GO       ?= go
BIN      := bin/dossier
DB       ?= $(CURDIR)/demo.duckdb
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)

.PHONY: build run test check bench fuzz clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/dossier

# Imports the demo files (rows written for dossier, one per provider
# layout) into demo.duckdb and shows what is there.
run: build
	$(BIN) import --db $(DB) testdata/demo/*
	$(BIN) sources --db $(DB)
	$(BIN) events --db $(DB) --limit 20

check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: check
	$(GO) test -race -timeout 20m ./...

bench: build
	bash bench/run.sh

# Short fuzzing of every parser (FUZZTIME per target).
FUZZTIME ?= 15s
fuzz:
	bash bench/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin demo.duckdb demo.duckdb.wal
