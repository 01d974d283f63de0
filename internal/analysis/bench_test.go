// Benchmarks of the algorithms alone (make bench; not part of the
// tests): a synthetic network of 10,000 organisations and a long chain.

package analysis_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analysis"
)

// syntheticNetwork builds a clustered collaboration network of orgs
// organisations: projects of 2–8 partners drawn mostly within clusters of
// 100, sometimes across.
func syntheticNetwork(orgs, projects int) *analysis.Network {
	r := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, orgs)
	for i := range ids {
		ids[i] = fmt.Sprintf("org-%05d", i)
	}
	var ps []analysis.Participation
	for p := 0; p < projects; p++ {
		size := 2 + r.IntN(7)
		cluster := r.IntN(orgs / 100)
		for k := 0; k < size; k++ {
			o := cluster*100 + r.IntN(100)
			if r.IntN(10) == 0 {
				o = r.IntN(orgs)
			}
			ps = append(ps, analysis.Participation{Organisation: ids[o], Project: fmt.Sprintf("p%d", p)})
		}
	}
	return analysis.NewNetwork(ids, ps, analysis.Options{})
}

// The algorithms alone; `make bench` prints the whole of networkGaps
// (package analytics).
func BenchmarkAlgorithms10000(b *testing.B) {
	n := syntheticNetwork(10000, 6000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.Centrality()
		n.CutVertices()
		n.Components()
	}
}

func BenchmarkMixedChain1000(b *testing.B) {
	n := mixedChain(1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.Centrality()
	}
}
