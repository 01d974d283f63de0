package server_test

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

func TestRateLimits(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{RatePerSecond: 1, RateBurst: 3}}) + "/graphql"
	post := func(token string) *http.Response {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(query("{ pillars { name } }", nil)))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	tests := []struct {
		name   string
		token  string
		status int
	}{
		{"anonymous 1", "", 200}, {"anonymous 2", "", 200}, {"anonymous 3", "", 200},
		{"anonymous 4 is over the burst", "", 429},
		{"a token has a bucket of its own", readerToken, 200},
		{"token 2", readerToken, 200}, {"token 3", readerToken, 200},
		{"token 4 is over the burst", readerToken, 429},
	}
	for _, tt := range tests {
		res := post(tt.token)
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, res.StatusCode, tt.status)
		}
		if tt.status == 429 {
			if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || s < 1 {
				t.Errorf("%s: Retry-After = %q, want seconds", tt.name, res.Header.Get("Retry-After"))
			}
		}
	}
	time.Sleep(1100 * time.Millisecond)
	if res := post(""); res.StatusCode != 200 {
		t.Errorf("after a second the bucket has a token again; got %d", res.StatusCode)
	}
}

// slowAnalytics is the embedded store whose graph reads for analytics
// take a while, so that expensive operations overlap.
type slowAnalytics struct {
	ecosystem.Store
}

func (s slowAnalytics) GraphVersion(ctx context.Context) (int, error) {
	time.Sleep(500 * time.Millisecond)
	return s.Store.GraphVersion(ctx)
}

func TestExpensiveOperationsAreCapped(t *testing.T) {
	url := startServer(t, slowAnalytics{memtest.Seeded(t)}, nil,
		server.Config{Limits: server.Limits{RatePerSecond: -1, MaxExpensive: 1}})
	gaps := query("{ networkGaps { isolatedOrganisations { id } } }", nil)
	var wg sync.WaitGroup
	answers := make([]raw, 3)
	for i := range 3 {
		wg.Go(func() {
			if i > 0 {
				time.Sleep(100 * time.Millisecond) // the first holds the one slot
			}
			answers[i] = send(t, "POST", url+"/graphql", "application/json", "", gaps)
		})
	}
	wg.Wait()
	if answers[0].status != 200 || answers[0].errCode != "" {
		t.Errorf("the first analytics query: %d %s %q", answers[0].status, answers[0].errCode, answers[0].message)
	}
	for _, a := range answers[1:] {
		if a.status != 429 || a.errCode != "RATE_LIMITED" || !strings.Contains(a.message, "too many expensive operations") || a.header.Get("Retry-After") == "" {
			t.Errorf("an analytics query while the slot is taken: %d %s %q", a.status, a.errCode, a.message)
		}
	}
	if a := send(t, "POST", url+"/graphql", "application/json", "", gaps); a.status != 200 || a.errCode != "" {
		t.Errorf("the slot is not free again: %d %s %q", a.status, a.errCode, a.message)
	}
}

// X-Forwarded-For names the client only when the connection comes from a
// trusted proxy, and then its rightmost untrusted hop does: a client
// cannot get a fresh bucket by writing the header itself, nor by
// prepending addresses to a proxy's.
func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	post := func(url, forwarded string) int {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(query("{ pillars { name } }", nil)))
		req.Header.Set("Content-Type", "application/json")
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	limits := server.Limits{RatePerSecond: 0.001, RateBurst: 1}
	direct := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: limits}) + "/graphql"
	trusted, err := server.ParseTrustedProxies("10.0.0.0/8, 127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	proxied := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: limits, TrustedProxies: trusted}) + "/graphql"
	tests := []struct {
		name, url, forwarded string
		status               int
	}{
		{"no proxy trusted: the first request", direct, "203.0.113.1", 200},
		{"no proxy trusted: another forwarded address shares the peer's bucket", direct, "203.0.113.2", 429},
		{"behind a trusted proxy: one client", proxied, "203.0.113.1", 200},
		{"behind a trusted proxy: another client has its own bucket", proxied, "203.0.113.2", 200},
		{"the first client again", proxied, "203.0.113.1", 429},
		{"a forged hop before the proxy's", proxied, "198.51.100.7, 203.0.113.1", 429},
		{"a trusted inner proxy is skipped", proxied, "203.0.113.2, 10.1.2.3", 429},
	}
	for _, tt := range tests {
		if got := post(tt.url, tt.forwarded); got != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.status)
		}
	}
	if _, err := server.ParseTrustedProxies("10.0.0.0/8, proxy.example"); err == nil {
		t.Error("a host name was accepted as a trusted proxy")
	}
}
