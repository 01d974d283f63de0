package analysis_test

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A centrality whose request ends stops within one search of each
// worker: it returns the context's error soon after the cancel, and the
// process uses (almost) no CPU afterwards, so no core stays busy for a
// client that left. (Uncancelled, the same network takes
// several seconds: BenchmarkAlgorithms10000.)
func TestCentralityStopsWhenItsContextEnds(t *testing.T) {
	n := syntheticNetwork(10000, 6000)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	scores, err := n.CentralityContext(ctx)
	if !errors.Is(err, context.Canceled) || scores != nil {
		t.Fatalf("CentralityContext = %d scores, %v; want none and context.Canceled", len(scores), err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("stopped %v after the start (cancelled at 100ms), want well under a second", took)
	}
	before := cpuTime(t)
	time.Sleep(300 * time.Millisecond)
	if used := cpuTime(t) - before; used > 100*time.Millisecond {
		t.Errorf("the process used %v of CPU in the 300ms after the cancel, want (almost) none", used)
	}
}
