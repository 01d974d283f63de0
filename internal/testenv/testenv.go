// Package testenv gives tests their stores: the embedded store in a
// temporary directory, and a real Neo4j store. It connects to NEO4J_URI
// and empties the database, so each test starts from the state it sets
// up; it never guesses an address, so that a database nobody named is
// never emptied. Tests that use it must not run in parallel across
// packages (the test command passes -p 1): Neo4j Community has one user
// database.
//
// When NEO4J_URI is unset or no server answers, a Neo4j test fails if
// Neo4j is required (CI=true, or HUBGRAPH_REQUIRE_NEO4J=true, which the
// test command sets) and is skipped otherwise, with a message saying how
// to start one.
package testenv

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
	"github.com/cancermissionhub/hubgraph/seed"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Neo4jConfig returns the connection settings tests use.
func Neo4jConfig() neo4jstore.Config {
	return neo4jstore.Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: env("NEO4J_USERNAME", "neo4j"),
		Password: env("NEO4J_PASSWORD", "hubgraph-dev-password"),
		Database: env("NEO4J_DATABASE", "neo4j"),
	}
}

// Neo4jConnect returns a store on the test database as it is, with a
// driver of its own (as another process would have); it is closed when
// the test ends.
func Neo4jConnect(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	cfg := Neo4jConfig()
	if cfg.URI == "" {
		noNeo4j(tb, "NEO4J_URI is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		noNeo4j(tb, fmt.Sprintf("Neo4j at %s did not answer: %v", cfg.URI, err))
	}
	tb.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// Neo4jRequired reports whether a Neo4j test must run rather than skip:
// in CI and under the test command.
func Neo4jRequired() bool {
	return os.Getenv("CI") == "true" || os.Getenv("HUBGRAPH_REQUIRE_NEO4J") == "true"
}

// noNeo4j fails the test when Neo4j is required and skips it otherwise.
func noNeo4j(tb testing.TB, why string) {
	tb.Helper()
	if Neo4jRequired() {
		tb.Fatalf("%s, and Neo4j is required here; `make test` starts one", why)
	}
	tb.Skipf("%s; `make test` starts a Neo4j, or run `scripts/neo4j start` and set NEO4J_URI=$(scripts/neo4j uri)", why)
}

// Neo4j returns a store on an empty, migrated database; it is closed when
// the test ends.
func Neo4j(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st := Neo4jConnect(tb)
	if err := st.Reset(ctx); err != nil {
		tb.Fatalf("reset: %v", err)
	}
	if err := st.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	if err := st.AwaitIndexes(ctx); err != nil {
		tb.Fatalf("await indexes: %v", err)
	}
	return st
}

// SeededNeo4j returns a store holding the default dataset.
func SeededNeo4j(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	st := Neo4j(tb)
	mustSeed(tb, st)
	return st
}

// mustSeed loads the default dataset into st.
func mustSeed(tb testing.TB, st ecosystem.Store) {
	tb.Helper()
	ds, err := seed.Default()
	if err != nil {
		tb.Fatalf("seed: %v", err)
	}
	if _, err := st.Apply(context.Background(), ds); err != nil {
		tb.Fatalf("seed: %v", err)
	}
}

// Memory returns an empty embedded store persisted in a temporary
// directory.
func Memory(tb testing.TB) *memstore.Store {
	tb.Helper()
	st, err := memstore.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	// Close releases the data directory's lock (and its file handle).
	tb.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// SeededMemory returns an embedded store holding the default dataset.
func SeededMemory(tb testing.TB) *memstore.Store {
	tb.Helper()
	st := Memory(tb)
	mustSeed(tb, st)
	return st
}

// Backend is a named way to get a seeded store.
type Backend struct {
	Name   string
	Seeded func(testing.TB) ecosystem.Store
}

// Backends lists every store, for tests that must give the same answers
// on each.
var Backends = []Backend{
	{"memory", func(tb testing.TB) ecosystem.Store { return SeededMemory(tb) }},
	{"neo4j", func(tb testing.TB) ecosystem.Store { return SeededNeo4j(tb) }},
}

// RCNFile returns the path of the Research Council's H2020 file, which
// is in the repository (seed/data), whatever the test's working directory.
func RCNFile(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(seedtest.RCNFile); err != nil {
		tb.Fatalf("the Research Council's H2020 file: %v", err)
	}
	return seedtest.RCNFile
}
