// Package neo4jtest gives tests a real Neo4j store. It connects to
// NEO4J_URI and empties the database, so each test starts from the state
// it sets up; it never guesses an address, so that a database nobody
// named is never emptied. Tests that use it must not run in parallel
// across packages (the test command passes -p 1): Neo4j Community has one
// user database.
//
// When NEO4J_URI is unset or no server answers, a test fails if Neo4j is
// required (CI=true, or HUBGRAPH_REQUIRE_NEO4J=true, which the test
// command sets) and is skipped otherwise, with a message saying how to
// start one.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Config returns the connection settings tests use.
func Config() neo4jstore.Config {
	return neo4jstore.Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: env("NEO4J_USERNAME", "neo4j"),
		Password: env("NEO4J_PASSWORD", "hubgraph-dev-password"),
		Database: env("NEO4J_DATABASE", "neo4j"),
	}
}

// Connect returns a store on the test database as it is, with a driver
// of its own (as another process would have); it is closed when the test
// ends.
func Connect(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	cfg := Config()
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

// Required reports whether a Neo4j test must run rather than skip: in CI
// and under the test command.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("HUBGRAPH_REQUIRE_NEO4J") == "true"
}

// noNeo4j fails the test when Neo4j is required and skips it otherwise.
func noNeo4j(tb testing.TB, why string) {
	tb.Helper()
	if Required() {
		tb.Fatalf("%s, and Neo4j is required here; `make test` starts one", why)
	}
	tb.Skipf("%s; `make test` starts a Neo4j, or run `scripts/neo4j start` and set NEO4J_URI=$(scripts/neo4j uri)", why)
}

// New returns a store on an empty, migrated database; it is closed when
// the test ends.
func New(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st := Connect(tb)
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

// Seeded returns a store holding the default dataset.
func Seeded(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	st := New(tb)
	seedtest.Load(tb, st)
	return st
}
