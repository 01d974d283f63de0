package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus series, served at /metrics. Each
// server has its own registry, so that tests can start many.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	rejected *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hubgraph_requests_total",
			Help: "GraphQL requests by operation (type and first root field) and outcome code.",
		}, []string{"operation", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "hubgraph_request_duration_seconds",
			Help:    "Time to answer a GraphQL request, by operation.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hubgraph_rejected_requests_total",
			Help: "Requests refused before execution, by reason (body, content_type, json, batch, tokens, depth, aliases, directives, fields, duplicates, page, cost, rate, busy, unauthenticated).",
		}, []string{"reason"}),
	}
	m.registry.MustRegister(m.requests, m.duration, m.rejected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// requestInfo is what the GraphQL transport learns about a request, for
// the access log and the metrics.
type requestInfo struct {
	// Operation is the operation's type and first root field
	// ("query.organisations"), a label bounded by the schema.
	Operation string
	// Name is the operation name the client gave.
	Name string
	// Code is the first error code of the answer, or OK.
	Code string
	// Rejected is the reason a limit refused the request.
	Rejected string
}

type requestInfoKey struct{}

func infoOf(ctx context.Context) *requestInfo {
	if i, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return i
	}
	return &requestInfo{}
}

// observe writes one access-log line per request (with its request id,
// client, operation and outcome; at WARN above the slow-query threshold)
// and counts it in the metrics.
func observe(log *slog.Logger, m *metrics, slow time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		took := time.Since(start)
		if info.Rejected != "" {
			m.rejected.WithLabelValues(info.Rejected).Inc()
		}
		if info.Operation != "" {
			m.requests.WithLabelValues(info.Operation, info.Code).Inc()
			m.duration.WithLabelValues(info.Operation).Observe(took.Seconds())
		}
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"durationMs", took.Milliseconds(), "requestId", RequestID(r.Context()), "client", clientAddr(r)}
		if info.Operation != "" {
			name := info.Name
			if len(name) > 100 {
				name = name[:100] + "…"
			}
			attrs = append(attrs, "operation", info.Operation, "operationName", name, "code", info.Code)
		}
		if info.Rejected != "" {
			attrs = append(attrs, "rejected", info.Rejected)
		}
		if slow > 0 && took > slow {
			log.Warn("slow request", attrs...)
			return
		}
		log.Info("request", attrs...)
	})
}
