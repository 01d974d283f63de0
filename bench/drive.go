package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// System is one server the harness asks: hubgraph on Neo4j, hubgraph's
// embedded store, the peer or the floor. Pid is its process, for CPU and
// memory (0 when it runs inside the harness, as in the smoke test);
// Embedded says that it does not use Neo4j.
type System struct {
	Name     string
	Kind     Kind
	URL      string
	Pid      int
	Embedded bool
}

// client is shared by every request: keep-alive connections, enough for
// concurrency 8 on each system.
var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 60 * time.Second}

// post sends one request body and returns the answer.
func post(ctx context.Context, url string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return out, fmt.Errorf("status %d: %.300s", res.StatusCode, out)
	}
	return out, nil
}

// Sample is what one system did in the windows of one query at one
// concurrency.
type Sample struct {
	Latencies []time.Duration
	Elapsed   time.Duration
	// CPUTicks is the system's process's CPU time (user and system) in
	// clock ticks, NeoTicks Neo4j's, over the windows.
	CPUTicks, NeoTicks int64
	// RSS is the largest resident size seen after a window, in bytes.
	RSS    int64
	Errors int
}

// window runs a closed loop for d: conc workers, each sending body and
// waiting for the answer before sending again.
func window(ctx context.Context, sys System, body []byte, conc int, d time.Duration, neoPid int, s *Sample) {
	cpu0, neo0 := cpuTicks(sys.Pid), cpuTicks(neoPid)
	start := time.Now()
	deadline := start.Add(d)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []time.Duration
			errs := 0
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := time.Now()
				if _, err := post(ctx, sys.URL, body); err != nil {
					errs++
					continue
				}
				local = append(local, time.Since(t))
			}
			mu.Lock()
			s.Latencies = append(s.Latencies, local...)
			s.Errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	s.Elapsed += time.Since(start)
	s.CPUTicks += cpuTicks(sys.Pid) - cpu0
	s.NeoTicks += cpuTicks(neoPid) - neo0
	s.RSS = max(s.RSS, rss(sys.Pid))
}

// Throughput is requests per second.
func (s *Sample) Throughput() float64 {
	if s.Elapsed == 0 {
		return 0
	}
	return float64(len(s.Latencies)) / s.Elapsed.Seconds()
}

// Percentile returns the latency at fraction p, in milliseconds.
func (s *Sample) Percentile(p float64) float64 {
	if len(s.Latencies) == 0 {
		return 0
	}
	sort.Slice(s.Latencies, func(i, j int) bool { return s.Latencies[i] < s.Latencies[j] })
	i := min(int(p*float64(len(s.Latencies))), len(s.Latencies)-1)
	return float64(s.Latencies[i].Microseconds()) / 1000
}

// clockTick is Linux's USER_HZ, the unit of /proc/<pid>/stat's times.
const clockTick = 100

// CPUPerRequest returns a process's CPU milliseconds per request.
func (s *Sample) CPUPerRequest(ticks int64) float64 {
	if len(s.Latencies) == 0 {
		return 0
	}
	return float64(ticks) * 1000 / clockTick / float64(len(s.Latencies))
}

// cpuTicks reads a process's user plus system CPU time from
// /proc/<pid>/stat (0 without a process).
func cpuTicks(pid int) int64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name may hold spaces; fields count from after it.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return utime + stime
}

// rss reads a process's resident set size from /proc/<pid>/status.
func rss(pid int) int64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
