# The README's two commands are `make run` and `make test`.
.PHONY: run run-neo4j test bench bench-peer fuzz neo4j-start neo4j-stop generate build explorer

# Serve the seeded graph from the embedded store: nothing to install.
run:
	go run ./cmd/hubgraph serve

# The same on a local Neo4j (installed from Maven Central on first use).
run-neo4j: neo4j-start
	NEO4J_URI=$$(scripts/neo4j uri) go run ./cmd/hubgraph serve -seed

# Every check and every test, on both stores (a real Neo4j included).
test:
	scripts/test

# Benchmarks (not part of the test suite): building the model and answering
# networkGaps, on the seeded graph on both stores and on a synthetic network
# of 10,000 organisations, with peak memory; then the algorithms alone.
bench: neo4j-start
	NEO4J_URI=$$(scripts/neo4j uri) go test -run x -bench Seeded -benchtime 50x ./internal/analytics/
	go test -run x -bench Synthetic -benchtime 3x ./internal/analytics/
	go test -run x -bench . -benchtime 1x -benchmem ./internal/analysis/

# Fuzz every parser of outside input for FUZZTIME each (their seeds run
# in make test): documents through the limits, filters, cursors and
# search through the handler, stored text, import rows, tokens. FUZZTIME
# counts executions (Nx), not seconds: Go 1.26's fuzzing coordinator can
# fail a target with "context deadline exceeded" when a duration ends
# while a worker is busy (go.dev/issue/75804, fixed in Go 1.27).
FUZZTIME ?= 50000x
fuzz:
	go test -run x -fuzz FuzzDocumentLimits -fuzztime $(FUZZTIME) ./internal/server/
	go test -run x -fuzz FuzzFiltersAndSearch -fuzztime $(FUZZTIME) ./internal/server/
	go test -run x -fuzz FuzzDecodeCursor -fuzztime $(FUZZTIME) ./internal/ecosystem/
	go test -run x -fuzz FuzzStoredText -fuzztime $(FUZZTIME) ./internal/ecosystem/
	go test -run x -fuzz FuzzImportRows -fuzztime $(FUZZTIME) ./internal/importer/
	go test -run x -fuzz FuzzTokens -fuzztime $(FUZZTIME) ./internal/auth/

# hubgraph against @neo4j/graphql (the peer) and hand-written Cypher (the
# floor) on one Neo4j, and the embedded store (bench/README.md). Loads the
# graph of SCALE (tiny, S, M, L or real: the seed and the H2020 import)
# into the local Neo4j, EMPTYING IT first; needs Node.js 20 and npm.
SCALE ?= M
DURATION ?= 2s
ROUNDS ?= 3
CONCURRENCY ?= 1,8
QUERIES ?=
bench-peer: neo4j-start
	NEO4J_URI=$$(scripts/neo4j uri) go run ./bench -scale $(SCALE) -duration $(DURATION) -rounds $(ROUNDS) \
		-concurrency $(CONCURRENCY) -queries "$(QUERIES)"

neo4j-start:
	scripts/neo4j start

neo4j-stop:
	scripts/neo4j stop

generate:
	scripts/generate

build:
	go build -o bin/hubgraph ./cmd/hubgraph

# Rebuild the explorer's bundle (internal/explorer/dist, embedded in the
# binary) and its GraphQL types after changing its sources or schema/;
# needs Node.js 20 and npm. Commit the result.
explorer:
	cd internal/explorer && npm ci --no-audit --no-fund && npm run build
