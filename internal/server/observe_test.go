package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

func TestSecurityHeaders(t *testing.T) {
	url := startServer(t, memtest.New(t), nil, server.Config{GraphiQL: true})
	for _, path := range []string{"/graphql?query=%7Bpillars%7Bname%7D%7D", "/", "/healthz", "/metrics"} {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		for header, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"X-Frame-Options":         "DENY",
			"Content-Security-Policy": "frame-ancestors 'none'",
		} {
			if got := res.Header.Get(header); !strings.Contains(got, want) {
				t.Errorf("%s: %s = %q, want %q", path, header, got, want)
			}
		}
	}
}

func TestRequestIDs(t *testing.T) {
	var logs bytes.Buffer
	url := startServer(t, memtest.Seeded(t), &logs, server.Config{Limits: server.Limits{RatePerSecond: -1}})
	tests := []struct {
		name, incoming string
		kept           bool
	}{
		{"a sane id is kept", "req-42.abc_DEF", true},
		{"none", "", false},
		{"a log-forging id is replaced", `x" level="ERROR`, false},
		{"an over-long id is replaced", strings.Repeat("a", 65), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			req, _ := http.NewRequest(http.MethodPost, url+"/graphql", strings.NewReader(`{"query": "query Named { pillars { nosuch } }"}`))
			req.Header.Set("Content-Type", "application/json")
			if tt.incoming != "" {
				req.Header["X-Request-Id"] = []string{tt.incoming}
			}
			r := sendRequest(t, req)
			id := r.header.Get("X-Request-Id")
			if (id == tt.incoming) != tt.kept || id == "" {
				t.Fatalf("X-Request-Id = %q for incoming %q", id, tt.incoming)
			}
			ext := r.body["errors"].([]any)[0].(map[string]any)["extensions"].(map[string]any)
			if ext["requestId"] != id {
				t.Errorf("the error's requestId = %v, want %s", ext["requestId"], id)
			}
			line := lastLogLine(t, &logs)
			for key, want := range map[string]any{"requestId": id, "client": "127.0.0.1", "operation": "query.pillars", "operationName": "Named", "code": "GRAPHQL_VALIDATION_FAILED"} {
				if line[key] != want {
					t.Errorf("the access log's %s = %v, want %v: %v", key, line[key], want, line)
				}
			}
		})
	}
}

// lastLogLine is the last JSON log line written.
func lastLogLine(t *testing.T, logs *bytes.Buffer) map[string]any {
	t.Helper()
	var last map[string]any
	sc := bufio.NewScanner(bytes.NewReader(logs.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("a log line is not JSON: %q", sc.Text())
		}
		last = m
	}
	return last
}

func TestSlowRequestsAreLoggedAtWarn(t *testing.T) {
	var logs bytes.Buffer
	st := slowAnalytics{memtest.Seeded(t)}
	url := startServer(t, st, &logs, server.Config{Limits: server.Limits{RatePerSecond: -1, SlowQuery: 100 * time.Millisecond}})
	tests := []struct {
		name, query, level string
	}{
		{"a quick query", "{ pillars { name } }", "INFO"},
		{"a slow query", "{ networkGaps { isolatedOrganisations { id } } }", "WARN"},
	}
	for _, tt := range tests {
		logs.Reset()
		send(t, "POST", url+"/graphql", "application/json", "", query(tt.query, nil))
		if line := lastLogLine(t, &logs); line["level"] != tt.level {
			t.Errorf("%s: logged at %v, want %s: %v", tt.name, line["level"], tt.level, line)
		}
	}
}

func TestMetrics(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{RatePerSecond: -1}})
	send(t, "POST", url+"/graphql", "application/json", "", query("{ pillars { name } }", nil))
	send(t, "POST", url+"/graphql", "application/json", "", query("{ pillars { nosuch } }", nil))
	send(t, "POST", url+"/graphql", "application/json", "", query(collaboratorsDeep(2), nil))
	send(t, "POST", url+"/graphql", "text/plain", "", query("{ pillars { name } }", nil))
	res, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`hubgraph_requests_total{code="OK",operation="query.pillars"} 1`,
		`hubgraph_requests_total{code="GRAPHQL_VALIDATION_FAILED",operation="query.pillars"} 1`,
		`hubgraph_request_duration_seconds_count{operation="query.pillars"} 2`,
		`hubgraph_rejected_requests_total{reason="cost"} 1`,
		`hubgraph_rejected_requests_total{reason="content_type"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
