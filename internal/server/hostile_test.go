package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/server"
)

// The hostile documents of issue #10, each as a function so that tests,
// benchmarks and the fuzz seeds share them.

// collaboratorsDeep nests collaborators(first:100) levels deep.
func collaboratorsDeep(levels int) string {
	q := "id"
	for range levels {
		q = "collaborators(first: 100) { edges { node { organisation { " + q + " } } } }"
	}
	return `{ organisations(first: 100) { edges { node { ` + q + ` } } } }`
}

// duplicatedFields is about size bytes of one field repeated.
func duplicatedFields(size int) string {
	return "{ pillars { " + strings.Repeat("name ", size/5) + "} }"
}

// fragmentBomb spreads each fragment ways times into the next, depth deep.
func fragmentBomb(ways, depth int) string {
	var b strings.Builder
	b.WriteString("{ pillars { ...F0 } }\n")
	for i := range depth {
		fmt.Fprintf(&b, "fragment F%d on Pillar { ", i)
		for range ways {
			fmt.Fprintf(&b, "...F%d ", i+1)
		}
		b.WriteString("}\n")
	}
	fmt.Fprintf(&b, "fragment F%d on Pillar { name }\n", depth)
	return b.String()
}

// fieldBomb spreads each fragment twice into the next, depth deep,
// under two distinct fields, so that it expands to distinct fields
// rather than duplicates.
func fieldBomb(depth int) string {
	var b strings.Builder
	b.WriteString("{ organisations { edges { node { ...F0 } } } }\n")
	for i := range depth {
		fmt.Fprintf(&b, "fragment F%d on Organisation { units { edges { node { ...F%d } } } "+
			"collaborators { edges { node { organisation { ...F%d } } } } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Organisation { name }\n", depth)
	return b.String()
}

// includeDirectives repeats @include on one field n times.
func includeDirectives(n int) string {
	return "{ pillars { name " + strings.Repeat("@include(if: true) ", n) + "} }"
}

// networkGapsAliases asks networkGaps under n aliases with different dates.
func networkGapsAliases(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, `g%d: networkGaps(asOf: "2020-01-%02d") { isolatedOrganisations { id } } `, i, i%28+1)
	}
	b.WriteString("}")
	return b.String()
}

// deepFields nests units levels deep.
func deepFields(levels int) string {
	q := "id"
	for range levels {
		q = "units(first: 1) { edges { node { " + q + " } } }"
	}
	return "{ organisations(first: 1) { edges { node { " + q + " } } } }"
}

// hostileBody is a JSON request body of about size bytes.
func hostileBody(size int) []byte {
	return []byte(`{"query": "{ pillars { name } }", "padding": "` + strings.Repeat("x", size) + `"}`)
}

// raw is an answer as it came over the wire.
type raw struct {
	status  int
	header  http.Header
	body    map[string]any
	errCode string
	message string
}

// send posts body to url with a content type and an Accept header.
func send(t testing.TB, method, url, contentType, accept string, body []byte) raw {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return sendRequest(t, req)
}

// sendRequest sends req and reads its answer.
func sendRequest(t testing.TB, req *http.Request) raw {
	t.Helper()
	method, url := req.Method, req.URL.String()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	r := raw{status: res.StatusCode, header: res.Header}
	if err := json.Unmarshal(data, &r.body); err != nil {
		t.Fatalf("%s %s: answer is not JSON (status %d): %.200s", method, url, res.StatusCode, data)
	}
	if errs, _ := r.body["errors"].([]any); len(errs) > 0 {
		e, _ := errs[0].(map[string]any)
		r.message, _ = e["message"].(string)
		if ext, _ := e["extensions"].(map[string]any); ext != nil {
			r.errCode, _ = ext["code"].(string)
		}
	} else if c, _ := r.body["code"].(string); c != "" {
		r.errCode, r.message = c, fmt.Sprint(r.body["message"])
	}
	return r
}

// query is a GraphQL request body.
func query(q string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return b
}

// startServer starts the real handler with cfg on st and returns its URL.
func startServer(t testing.TB, st ecosystem.Store, logs io.Writer, cfg server.Config) string {
	t.Helper()
	if logs == nil {
		logs = io.Discard
	}
	tokens, err := auth.ParseTokens("rd:reader:" + auth.HashToken(readerToken) + ",ad:admin:" + auth.HashToken(adminToken))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Logger, cfg.Tokens = st, slog.New(slog.NewJSONHandler(logs, nil)), tokens
	if cfg.Analytics == nil {
		cfg.Analytics = analytics.New(st)
	}
	srv := httptest.NewServer(server.New(cfg))
	t.Cleanup(srv.Close)
	return srv.URL
}
