package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

// TestHarnessEndToEnd runs the harness on the tiny scale: it loads the
// graph into Neo4j and an embedded store, serves it from hubgraph on
// each (in this process), the peer (Node, after npm ci) and the floor,
// checks that all four give the same ids and counts on every query, and
// drives each query briefly. Times are not checked: the test shows that
// `make bench-peer` works, not how fast anything is.
func TestHarnessEndToEnd(t *testing.T) {
	st := neo4jtest.New(t)
	if _, err := exec.LookPath("node"); err != nil {
		if neo4jtest.Required() {
			t.Fatalf("the peer needs Node.js: %v", err)
		}
		t.Skipf("the peer needs Node.js: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var log bytes.Buffer
	if err := Load(ctx, st, "tiny", &log); err != nil {
		t.Fatal(err)
	}
	mem, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(ctx, mem, "tiny", &log); err != nil {
		t.Fatal(err)
	}
	cfg := neo4jtest.Config()
	driver, err := openDriver(ctx, cfg.URI, cfg.Username, cfg.Password)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { driver.Close(context.Background()) })

	hub := func(s ecosystem.Store) string {
		srv := httptest.NewServer(server.New(server.Config{Store: s, Analytics: analytics.New(s),
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: server.Limits{RatePerSecond: -1}}))
		t.Cleanup(srv.Close)
		return srv.URL + "/graphql"
	}
	floor := httptest.NewServer(&Floor{Driver: driver, Database: cfg.Database})
	t.Cleanup(floor.Close)
	systems := []System{
		{Name: "hubgraph", Kind: KindHub, URL: hub(st)},
		{Name: "peer", Kind: KindPeer, URL: startPeer(t, ctx)},
		{Name: "floor", Kind: KindFloor, URL: floor.URL},
		{Name: "embedded", Kind: KindHub, URL: hub(mem), Embedded: true},
	}

	p, err := PickParams(ctx, driver, cfg.Database, systems)
	if err != nil {
		t.Fatal(err)
	}
	if err := Compare(ctx, Queries, systems, p, &log); err != nil {
		t.Fatal(err)
	}
	o := options{duration: 50 * time.Millisecond, rounds: 1, concurrency: []int{2}}
	results := Measure(ctx, Queries, systems, p, o, &log)
	for _, q := range Queries {
		for _, sys := range systems {
			s := results[resultKey{q.Name, sys.Name, 2}]
			if s == nil || len(s.Latencies) == 0 || s.Errors > 0 {
				t.Errorf("%s on %s: %+v, want answers and no errors", q.Name, sys.Name, s)
			}
		}
	}
	var report bytes.Buffer
	Report(&report, Queries, systems, o.concurrency, results)
	for _, q := range Queries {
		if !strings.Contains(report.String(), fmt.Sprintf("| %s | hubgraph |", q.Name)) {
			t.Errorf("the report has no row for %s on hubgraph:\n%s", q.Name, report.String())
		}
	}
}

// startPeer installs the peer's packages and starts it on the test
// database, stopping it when the test ends.
func startPeer(t *testing.T, ctx context.Context) string {
	t.Helper()
	if err := PeerInstall(ctx, "peer"); err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cfg := neo4jtest.Config()
	cmd := exec.Command("node", "server.js")
	cmd.Dir = "peer"
	cmd.Env = append(baseEnv(), "NEO4J_URI="+cfg.URI, "NEO4J_USERNAME="+cfg.Username, "NEO4J_PASSWORD="+cfg.Password,
		"NEO4J_DATABASE="+cfg.Database, fmt.Sprintf("PORT=%d", port))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() })
	sys := System{Name: "peer", Kind: KindPeer, URL: fmt.Sprintf("http://127.0.0.1:%d/", port)}
	if err := awaitReady(ctx, sys); err != nil {
		t.Fatal(err)
	}
	return sys.URL
}
