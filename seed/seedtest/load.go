package seedtest

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
)

// Load writes the default dataset into st, as `hubgraph seed` does, and
// fails the test if it cannot.
func Load(tb testing.TB, st ecosystem.Store) {
	tb.Helper()
	ds, err := seed.Default()
	if err != nil {
		tb.Fatalf("seed: %v", err)
	}
	if _, err := st.Apply(context.Background(), ds); err != nil {
		tb.Fatalf("seed: %v", err)
	}
}
