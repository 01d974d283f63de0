# The README's two commands are `make run` and `make test`.
.PHONY: run run-neo4j test neo4j-start neo4j-stop generate build

# Serve the seeded graph from the embedded store: nothing to install.
run:
	go run ./cmd/hubgraph serve

# The same on a local Neo4j (installed from Maven Central on first use).
run-neo4j: neo4j-start
	NEO4J_URI=$$(scripts/neo4j uri) go run ./cmd/hubgraph serve -seed

# Every check and every test, on both stores (a real Neo4j included).
test:
	scripts/test

neo4j-start:
	scripts/neo4j start

neo4j-stop:
	scripts/neo4j stop

generate:
	go tool gqlgen generate

build:
	go build -o bin/hubgraph ./cmd/hubgraph
