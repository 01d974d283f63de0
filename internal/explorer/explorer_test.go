package explorer_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/explorer"
)

// TestHandlerServesTheEmbeddedPages checks the routes, their types and
// the policy that keeps the pages from fetching anything outside.
func TestHandlerServesTheEmbeddedPages(t *testing.T) {
	mux := http.NewServeMux()
	for _, p := range explorer.Routes {
		mux.Handle(p, explorer.Handler())
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, tc := range []struct {
		path, status, contentType, contains string
	}{
		{"/", "200 OK", "text/html", "/assets/explorer.js"},
		{"/graphiql", "200 OK", "text/html", "/assets/graphiql.js"},
		{"/assets/explorer.js", "200 OK", "text/javascript", "hubgraphNodeAt"},
		{"/assets/explorer.css", "200 OK", "text/css", ":focus-visible"},
		{"/assets/graphiql.js", "200 OK", "text/javascript", "graphiql"},
		{"/assets/graphiql.css", "200 OK", "text/css", ".graphiql-container"},
		{"/assets/missing.js", "404 Not Found", "text/plain", ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, err := http.Get(srv.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.Status != tc.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) {
				t.Fatalf("GET %s = %s (%s), want %s (%s)", tc.path, res.Status, res.Header.Get("Content-Type"), tc.status, tc.contentType)
			}
			if !strings.Contains(string(body), tc.contains) {
				t.Errorf("GET %s lacks %q", tc.path, tc.contains)
			}
			csp := res.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
				t.Errorf("GET %s: Content-Security-Policy %q lets the page reach outside", tc.path, csp)
			}
		})
	}
	// Compressed for clients that take gzip; 304 for one that has it.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/assets/graphiql.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("ETag") == "" {
		t.Errorf("graphiql.js: Content-Encoding %q, ETag %q; want gzip and an ETag", res.Header.Get("Content-Encoding"), res.Header.Get("ETag"))
	}
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res, err = http.DefaultTransport.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("graphiql.js with its ETag: %s, want 304", res.Status)
	}
	// Nothing in the bundle names an outside host to load from.
	for _, asset := range []string{"/", "/graphiql"} {
		res, err := http.Get(srv.URL + asset)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), "://") {
			t.Errorf("%s refers to another host: %s", asset, body)
		}
	}
}
