package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// env returns a getenv over a fixed map.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigDefaultsAndErrors(t *testing.T) {
	cfg, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.Neo4j.URI != "" || cfg.DataDir != "hubgraph-data" || !cfg.GraphiQL || len(cfg.CORSOrigins) != 2 {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, bad := range []map[string]string{{"HUBGRAPH_GRAPHIQL": "maybe"}, {"HUBGRAPH_LOG_LEVEL": "loud"}} {
		if _, err := loadConfig(env(bad)); err == nil {
			t.Errorf("loadConfig(%v) accepted a bad value", bad)
		}
	}
}

func TestGCPercentFollowsTheStore(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		percent int
		set     bool
	}{
		{"embedded", nil, 0, false},
		{"Neo4j", map[string]string{"NEO4J_URI": "bolt://127.0.0.1:7687"}, neo4jGCPercent, true},
		{"Neo4j with GOGC", map[string]string{"NEO4J_URI": "bolt://127.0.0.1:7687", "GOGC": "100"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if percent, set := gcPercent(cfg, env(tt.env)); percent != tt.percent || set != tt.set {
				t.Errorf("gcPercent = %d, %v; want %d, %v", percent, set, tt.percent, tt.set)
			}
		})
	}
}

func TestFlagsWinOverTheEnvironment(t *testing.T) {
	environment := env(map[string]string{"HUBGRAPH_ADDR": "127.0.0.1:1111", "NEO4J_DATABASE": "hub"})
	tests := []struct {
		args     []string
		rest     []string
		addr     string
		uri      string
		database string
	}{
		{[]string{"serve"}, []string{"serve"}, "127.0.0.1:1111", "", "hub"},
		{[]string{"-addr", "127.0.0.1:2222", "serve", "-seed"}, []string{"serve", "-seed"}, "127.0.0.1:2222", "", "hub"},
		{[]string{"-neo4j-uri=bolt://db:7687", "-neo4j-database", "other", "migrate"}, []string{"migrate"}, "127.0.0.1:1111", "bolt://db:7687", "other"},
	}
	for _, tt := range tests {
		rest, getenv, err := withFlags(tt.args, environment, io.Discard)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		cfg, err := loadConfig(getenv)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rest, " ") != strings.Join(tt.rest, " ") || cfg.Addr != tt.addr || cfg.Neo4j.URI != tt.uri || cfg.Neo4j.Database != tt.database {
			t.Errorf("%v: rest %v, addr %s, uri %q, database %s; want %v, %s, %q, %s", tt.args, rest, cfg.Addr, cfg.Neo4j.URI, cfg.Neo4j.Database,
				tt.rest, tt.addr, tt.uri, tt.database)
		}
	}
	if _, _, err := withFlags([]string{"-no-such-setting", "x", "serve"}, environment, io.Discard); err == nil {
		t.Error("an unknown setting was accepted")
	}
}

func TestSeedTwiceOnTheEmbeddedStore(t *testing.T) {
	e := env(map[string]string{"HUBGRAPH_DATA_DIR": t.TempDir()})
	var first, second bytes.Buffer
	if err := run(context.Background(), []string{"seed"}, e, &first, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"seed"}, e, &second, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(second.String(), "0 nodes created, 0 updated, 0 relationships created") {
		t.Errorf("second seed changed something: %s", second.String())
	}
	counts := regexp.MustCompile(`holds \d+ nodes and \d+ relationships`)
	if counts.FindString(first.String()) == "" || counts.FindString(first.String()) != counts.FindString(second.String()) {
		t.Errorf("counts differ:\n%s%s", first.String(), second.String())
	}
}

func TestUnknownCommand(t *testing.T) {
	if err := run(context.Background(), []string{"frobnicate"}, env(nil), io.Discard, io.Discard); err == nil {
		t.Error("an unknown command was accepted")
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeSeedsAnEmptyStoreAndShutsDownGracefully(t *testing.T) {
	e := env(map[string]string{"HUBGRAPH_DATA_DIR": t.TempDir(), "HUBGRAPH_ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, e, &out, io.Discard) }()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/graphql`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("the server did not report its address: %s", out.String())
	}
	res, err := http.Post(base+"/graphql", "application/json",
		strings.NewReader(`{"query":"{ organisation(id: \"kreftforeningen\") { name } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"name":"Kreftforeningen"`) {
		t.Errorf("the first start did not serve the seeded graph: %s", body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not shut down")
	}
}
