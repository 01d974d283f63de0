package server_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// slowSearch is the embedded store whose searches wait for their context
// to end, and say why it ended: a search that never finishes by itself.
type slowSearch struct {
	ecosystem.Store
	ended chan error
}

func (s slowSearch) Search(ctx context.Context, q ecosystem.SearchQuery) ([]ecosystem.SearchHit, error) {
	<-ctx.Done()
	s.ended <- ctx.Err()
	return nil, ctx.Err()
}

func TestWorkStopsWithItsRequest(t *testing.T) {
	tests := []struct {
		name string
		// timeout is the server's deadline; hangUp is when the client leaves.
		timeout, hangUp time.Duration
		want            error
	}{
		{"the deadline passes", 200 * time.Millisecond, 0, context.DeadlineExceeded},
		{"the client goes away", time.Minute, 200 * time.Millisecond, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := slowSearch{Store: memtest.Seeded(t), ended: make(chan error, 1)}
			url := startServer(t, st, nil, server.Config{Limits: server.Limits{RatePerSecond: -1, Timeout: tt.timeout}})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.hangUp > 0 {
				time.AfterFunc(tt.hangUp, cancel)
			}
			start := time.Now()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql",
				strings.NewReader(string(query(`{ search(text: "cancer") { edges { cursor } } }`, nil))))
			req.Header.Set("Content-Type", "application/json")
			answer := make(chan string, 1)
			go func() {
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					answer <- err.Error()
					return
				}
				defer res.Body.Close()
				body, _ := io.ReadAll(res.Body)
				answer <- string(body)
			}()
			select {
			case err := <-st.ended:
				if !errors.Is(err, tt.want) {
					t.Errorf("the store's context ended with %v, want %v", err, tt.want)
				}
				if took := time.Since(start); took > 2*time.Second {
					t.Errorf("the store's work stopped after %v", took)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the store's context did not end")
			}
			// The client that stayed is told why, with a code of its own.
			if body := <-answer; tt.hangUp == 0 && !strings.Contains(body, `"code":"TIMEOUT"`) {
				t.Errorf("answer %s, want the code TIMEOUT", body)
			}
		})
	}
}
