package analytics_test

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// The benchmarks print what leadership's questions cost, on the seeded
// graph in each store and on a synthetic collaboration network of 10,000
// organisations and 6,000 projects: building the model (for a store, the
// one snapshot query plus indexing) apart from answering networkGaps from
// a fresh model (the whole of Model.NetworkGaps: the network, coverage,
// centrality, cut vertices, components), with the peak of live heap
// during the answer (peak-heap-MB, sampled every millisecond) and the
// process's peak resident memory (maxrss-MB). Run with `make bench`.

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
			snap, err := backend.Seeded(b).Snapshot(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			networkGaps(b, snap)
		})
	}
}

func BenchmarkSyntheticModelBuild10000(b *testing.B) {
	snap := analytics.SyntheticSnapshot(10000, 6000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		analytics.NewModel(snap)
	}
}

func BenchmarkSyntheticNetworkGaps10000(b *testing.B) {
	networkGaps(b, analytics.SyntheticSnapshot(10000, 6000))
}

// networkGaps times NetworkGaps on a fresh model of snap, so that nothing
// is cached, and reports the peak memory.
func networkGaps(b *testing.B, snap *ecosystem.Snapshot) {
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		m := analytics.NewModel(snap)
		runtime.GC()
		b.StartTimer()
		peak = max(peak, peakHeap(func() {
			if gaps := m.NetworkGaps("", analytics.Everything); len(gaps.Components) == 0 {
				b.Fatal("no components")
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(maxRSS())/(1<<20), "maxrss-MB")
}

// peakHeap runs f and returns the most heap its live and not yet swept
// objects took meanwhile.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	peak := read()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				peak = max(peak, read())
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return max(peak, read())
}

// maxRSS returns the process's peak resident memory (VmHWM), 0 where
// /proc does not tell.
func maxRSS() uint64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
