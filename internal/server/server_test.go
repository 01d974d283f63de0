package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// response is a GraphQL response.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// client posts GraphQL documents to a real server over HTTP.
type client struct {
	t     testing.TB
	url   string
	token string
}

// as returns a client that sends the given bearer token.
func (c *client) as(token string) *client {
	return &client{t: c.t, url: c.url, token: token}
}

// on returns a client that reports failures to t (a subtest).
func (c *client) on(t testing.TB) *client {
	return &client{t: t, url: c.url, token: c.token}
}

// newServer starts the real handler on st, logging into logs.
func newServer(t testing.TB, st ecosystem.Store, logs io.Writer, wait time.Duration) *client {
	return newServerWith(t, st, logs, wait, false)
}

// The tokens every test server accepts.
const (
	editorToken = "editor-secret"
	readerToken = "reader-secret"
	adminToken  = "admin-secret"
)

func newServerWith(t testing.TB, st ecosystem.Store, logs io.Writer, wait time.Duration, readsNeedToken bool) *client {
	t.Helper()
	if logs == nil {
		logs = io.Discard
	}
	tokens, err := auth.ParseTokens("ed:editor:" + auth.HashToken(editorToken) + ",rd:reader:" + auth.HashToken(readerToken) +
		",ad:admin:" + auth.HashToken(adminToken))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{
		Store: st, Analytics: analytics.New(st), Logger: slog.New(slog.NewJSONHandler(logs, nil)), GraphiQL: true,
		CORSOrigins: []string{"http://localhost:5173"}, LoaderWait: wait,
		Tokens: tokens, ReadsNeedToken: readsNeedToken,
	}))
	t.Cleanup(srv.Close)
	return &client{t: t, url: srv.URL}
}

// do posts a query and returns the raw response.
func (c *client) do(query string, vars map[string]any) response {
	c.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, c.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	var r response
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		c.t.Fatalf("decoding response (status %d): %v", res.StatusCode, err)
	}
	return r
}

// mustQuery posts a query, fails on any error, and decodes data into out.
func (c *client) mustQuery(query string, vars map[string]any, out any) {
	c.t.Helper()
	r := c.do(query, vars)
	if len(r.Errors) > 0 {
		c.t.Fatalf("query failed: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		c.t.Fatalf("decoding data: %v\n%s", err, r.Data)
	}
}

func TestHealthAndGraphiQL(t *testing.T) {
	st := memtest.New(t)
	c := newServer(t, st, nil, 0)
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/": 200} {
		res, err := http.Get(c.url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, res.StatusCode, want)
		}
		if path == "/" && !strings.Contains(string(body), "graphiql") {
			t.Errorf("GET / does not serve GraphiQL")
		}
		if res.Header.Get("X-Request-Id") == "" {
			t.Errorf("GET %s has no X-Request-Id", path)
		}
	}
}

func TestCORSAllowsOnlyListedOrigins(t *testing.T) {
	st := memtest.New(t)
	c := newServer(t, st, nil, 0)
	for origin, allowed := range map[string]bool{"http://localhost:5173": true, "https://evil.example": false} {
		req, _ := http.NewRequest(http.MethodOptions, c.url+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("origin %s allowed = %v, want %v", origin, got, allowed)
		}
	}
}

func TestInternalErrorsShowOnlyARequestID(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) { internalErrorsShowOnlyARequestID(t, b.Seeded(t)) })
	}
}

func internalErrorsShowOnlyARequestID(t *testing.T, st ecosystem.Store) {
	var logs bytes.Buffer
	c := newServer(t, st, &logs, 0)
	// A closed store fails every query the way a stopped server does.
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := c.do(`{ organisations { edges { node { id } } } }`, nil)
	if len(r.Errors) != 1 {
		t.Fatalf("errors = %+v, want one", r.Errors)
	}
	e := r.Errors[0]
	id, _ := e.Extensions["requestId"].(string)
	if e.Extensions["code"] != "INTERNAL" || id == "" {
		t.Errorf("extensions = %v, want code INTERNAL and a requestId", e.Extensions)
	}
	for _, leak := range []string{"neo4j", "Neo4j", "driver", "MATCH", "bolt", "memstore", "closed"} {
		if strings.Contains(e.Message, leak) {
			t.Errorf("message %q leaks %q", e.Message, leak)
		}
	}
	if !strings.Contains(logs.String(), id) || !strings.Contains(logs.String(), "internal error") {
		t.Errorf("the log does not hold the error under request id %s:\n%s", id, logs.String())
	}
	res, err := http.Get(c.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with the store down, want 503", res.StatusCode)
	}
}

func TestBadArgumentsAreBadUserInput(t *testing.T) {
	st := memtest.Seeded(t)
	c := newServer(t, st, nil, 0)
	tests := []struct{ name, query string }{
		{"first above 100", `{ organisations(first: 101) { edges { cursor } } }`},
		{"garbage cursor", `{ organisations(after: "garbage") { edges { cursor } } }`},
		{"bad date", `{ projects(filter: {activeOn: "2024-13-40"}) { edges { cursor } } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do(tt.query, nil)
			if len(r.Errors) == 0 {
				t.Fatalf("no error")
			}
			code := r.Errors[0].Extensions["code"]
			if code != "BAD_USER_INPUT" && code != "GRAPHQL_VALIDATION_FAILED" {
				t.Errorf("code = %v, want BAD_USER_INPUT (%s)", code, r.Errors[0].Message)
			}
		})
	}
}
