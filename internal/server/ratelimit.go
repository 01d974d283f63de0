package server

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/cancermissionhub/hubgraph/internal/auth"
)

// rateLimiter keeps a token bucket per client: per token for requests
// that present a valid one, per address for the others. The buckets of
// the 10,000 most recent clients are kept.
type rateLimiter struct {
	every rate.Limit
	burst int
	mu    sync.Mutex
	byKey *lru.Cache[string, *rate.Limiter]
}

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	c, _ := lru.New[string, *rate.Limiter](10000)
	return &rateLimiter{every: rate.Limit(perSecond), burst: burst, byKey: c}
}

func (l *rateLimiter) bucket(key string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.byKey.Get(key)
	if !ok {
		b = rate.NewLimiter(l.every, l.burst)
		l.byKey.Add(key, b)
	}
	return b
}

// limitRate answers 429 with Retry-After to a client whose bucket is
// empty. Health checks and metrics are not limited.
func limitRate(l *rateLimiter, next http.Handler) http.Handler {
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := "addr:" + clientAddr(r)
		if id := auth.IdentityFrom(r.Context()); id.Name != "" && !id.Invalid {
			key = "token:" + id.Name
		}
		res := l.bucket(key).Reserve()
		if delay := res.Delay(); delay > 0 {
			res.Cancel()
			infoOf(r.Context()).Rejected = "rate"
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(delay, time.Second).Seconds()))))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{
				"message":    "too many requests; retry after the number of seconds in Retry-After",
				"extensions": map[string]any{"code": "RATE_LIMITED", "requestId": RequestID(r.Context())},
			}}})
			return
		}
		next.ServeHTTP(w, r)
	})
}
