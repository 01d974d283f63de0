// Package testenv holds what tests share across stores: the list of
// stores that must give the same answers, and the path of the H2020
// file. A test that needs one store imports that store's package instead
// (memtest or neo4jtest), so that it does not depend on the other.
package testenv

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

// Backend is a named way to get a store: empty (Open) or holding the
// default dataset (Seeded). The Neo4j backend fails or skips as package
// neo4jtest says.
type Backend struct {
	Name   string
	Open   func(testing.TB) ecosystem.Store
	Seeded func(testing.TB) ecosystem.Store
}

// Backends lists every store, for tests that must give the same answers
// on each.
var Backends = []Backend{
	{"memory", func(tb testing.TB) ecosystem.Store { return memtest.New(tb) }, func(tb testing.TB) ecosystem.Store { return memtest.Seeded(tb) }},
	{"neo4j", func(tb testing.TB) ecosystem.Store { return neo4jtest.New(tb) }, func(tb testing.TB) ecosystem.Store { return neo4jtest.Seeded(tb) }},
}

// RCNFile returns the path of the Research Council's H2020 file, which
// lives in ../shared/data beside the repository (in CI too).
func RCNFile(tb testing.TB) string {
	tb.Helper()
	dir, _ := os.Getwd()
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared", "data", "rcn-eu-h2020.csv")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	tb.Fatal("rcn-eu-h2020.csv not found in ../shared/data beside the repository")
	return ""
}
