package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkHostileLoadRSS measures what issue #10 asks of the worst
// hostile documents under load: it builds hubgraph, serves the embedded
// store from a temporary directory in a process of its own, sends one
// hostile document from 8 clients for HUBGRAPH_LOAD_TIME (60 s), and
// reports the server's resident memory at the end and at its peak
// (VmRSS, VmHWM), the refusals per second and how their statuses split:
//
//	go test -run x -bench HostileLoadRSS -benchtime 1x ./cmd/hubgraph/
//
// HUBGRAPH_LOAD_DOC picks the document: duplicates (300 KB of one
// repeated field, the default), body
// (50 MiB), ids (100,000 ids in sharedProjects), distinct (1 MiB
// documents, each different: the query cache) or all (the four in turn).
func BenchmarkHostileLoadRSS(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "hubgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "HUBGRAPH_ADDR=127.0.0.1:0", "HUBGRAPH_DATA_DIR="+filepath.Join(dir, "data"),
		"HUBGRAPH_RATE_LIMIT=0", "HUBGRAPH_LOG_LEVEL=error", "NEO4J_URI=")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/graphql`)
	lines := bufio.NewScanner(stdout)
	var url string
	for lines.Scan() {
		if m := addr.FindStringSubmatch(lines.Text()); m != nil {
			url = "http://" + m[1] + "/graphql"
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if url == "" {
		b.Fatal("the server did not report its address")
	}
	duration := 60 * time.Second
	if d, err := time.ParseDuration(os.Getenv("HUBGRAPH_LOAD_TIME")); err == nil {
		duration = d
	}
	kinds := []string{"duplicates"}
	switch k := os.Getenv("HUBGRAPH_LOAD_DOC"); k {
	case "":
	case "all":
		kinds = []string{"duplicates", "ids", "body", "distinct"}
	default:
		kinds = []string{k}
	}
	rss := func(field string) string {
		data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
		m := regexp.MustCompile(field + `:\s+(\d+ kB)`).FindSubmatch(data)
		if m == nil {
			return "?"
		}
		return string(m[1])
	}
	b.Logf("idle: RSS %s", rss("VmRSS"))
	for _, kind := range kinds {
		var n, distinct atomic.Int64
		var mu sync.Mutex
		statuses := map[int]int{}
		body := func() []byte {
			switch kind {
			case "body":
				return []byte(`{"query": "{ pillars { name } }", "padding": "` + strings.Repeat("x", 50<<20) + `"}`)
			case "ids":
				ids := make([]string, 100000)
				for i := range ids {
					ids[i] = fmt.Sprintf("o%d", i)
				}
				out, _ := json.Marshal(map[string]any{"query": `query($ids: [ID!]!) { sharedProjects(organisationIds: $ids) { totalCount } }`, "variables": map[string]any{"ids": ids}})
				return out
			case "distinct":
				q := fmt.Sprintf("{ pillars { name } } # %d %s", distinct.Add(1), strings.Repeat("x", 1<<20-100))
				out, _ := json.Marshal(map[string]any{"query": q})
				return out
			}
			out, _ := json.Marshal(map[string]any{"query": "{ pillars { " + strings.Repeat("name ", 300<<10/5) + "} }"})
			return out
		}
		fixed := body()
		end := time.Now().Add(duration)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for time.Now().Before(end) {
					doc := fixed
					if kind == "distinct" {
						doc = body()
					}
					res, err := http.Post(url, "application/json", bytes.NewReader(doc))
					if err != nil {
						continue
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					n.Add(1)
					mu.Lock()
					statuses[res.StatusCode]++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		b.Logf("%s for %v from 8 clients: %d refusals (%.0f/s), statuses %v; server RSS %s, peak %s",
			kind, duration, n.Load(), float64(n.Load())/duration.Seconds(), statuses, rss("VmRSS"), rss("VmHWM"))
	}
}
