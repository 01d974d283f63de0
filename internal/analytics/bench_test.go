package analytics_test

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// The benchmarks print what leadership's questions cost on the seeded
// graph, on each store: building the model (one snapshot query plus
// indexing) and answering networkGaps from it. The synthetic 10,000
// organisation figure is BenchmarkNetworkGaps10000 in package analysis.
// Run with `make bench`.

func BenchmarkSeededModelBuild(b *testing.B) {
	for _, backend := range testenv.Backends {
		b.Run(backend.Name, func(b *testing.B) {
			st := backend.Seeded(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				snap, err := st.Snapshot(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				analytics.NewModel(snap)
			}
		})
	}
}

func BenchmarkSeededNetworkGaps(b *testing.B) {
	for _, backend := range testenv.Backends {
		b.Run(backend.Name, func(b *testing.B) {
			st := backend.Seeded(b)
			snap, err := st.Snapshot(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// A fresh model each time: the network is built, not cached.
				analytics.NewModel(snap).NetworkGaps(ecosystem.Date(""))
			}
		})
	}
}
