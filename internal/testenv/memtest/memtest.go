// Package memtest gives tests the embedded store, in a temporary
// directory, without the Neo4j driver: a test that needs only this store
// imports only this package.
package memtest

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// New returns an empty embedded store persisted in a temporary
// directory; it is closed when the test ends.
func New(tb testing.TB) *memstore.Store {
	tb.Helper()
	st, err := memstore.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	// Close releases the data directory's lock (and its file handle).
	tb.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// Seeded returns an embedded store holding the default dataset.
func Seeded(tb testing.TB) *memstore.Store {
	tb.Helper()
	st := New(tb)
	seedtest.Load(tb, st)
	return st
}
