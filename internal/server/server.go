// Package server is hubgraph's HTTP edge: the GraphQL endpoint, the
// embedded pages (explorer and GraphiQL), health checks, CORS, request
// ids, access logs, and the one place where domain errors become GraphQL
// errors.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/cancermissionhub/hubgraph/graph"
	"github.com/cancermissionhub/hubgraph/graph/generated"
	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/explorer"
)

// Config holds what the HTTP edge needs.
type Config struct {
	Store ecosystem.Store
	// Analytics answers the network questions; cmd builds it on Store.
	Analytics *analytics.Service
	Logger    *slog.Logger
	// CORSOrigins is the allow-list of browser origins; empty allows none.
	CORSOrigins []string
	// GraphiQL serves the pages embedded in the binary when true: the
	// network explorer at / and the GraphiQL IDE at /graphiql.
	GraphiQL bool
	// MaxComplexity bounds a query's cost (0 means 5000).
	MaxComplexity int
	// LoaderWait is how long loaders gather keys before querying the
	// store (0 means graph.DefaultLoaderWait).
	LoaderWait time.Duration
	// Tokens are the API tokens mutations (and, with ReadsNeedToken,
	// queries) require.
	Tokens auth.Tokens
	// ReadsNeedToken makes queries token-only (reader access or more).
	ReadsNeedToken bool
	// HideSchema turns off introspection and "Did you mean" suggestions.
	HideSchema bool
	// Limits bound each request (zero fields take DefaultLimits).
	Limits Limits
	// TrustedProxies are the proxies whose X-Forwarded-For gives the
	// client's address (see withClientAddr); empty, it is never read.
	TrustedProxies []netip.Prefix
	// expensive is the semaphore New shares between GraphQL and uploads.
	expensive chan struct{}
}

// New returns hubgraph's HTTP handler.
func New(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	cfg.Limits = cfg.Limits.withDefaults()
	m := newMetrics()
	cfg.expensive = expensiveSlots(cfg.Limits)
	mux := http.NewServeMux()
	mux.Handle("/graphql", GraphQL(cfg))
	mux.Handle("GET /metrics", m.handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := cfg.Store.Ping(ctx); err != nil {
			cfg.Logger.Warn("not ready", "error", err.Error(), "requestId", RequestID(r.Context()))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	mux.Handle("POST /admin/import/rcn-eu", capped(cfg.expensive, uploadRCN(cfg)))
	if cfg.GraphiQL {
		pages := explorer.Handler()
		for _, pattern := range explorer.Routes {
			mux.Handle(pattern, pages)
		}
	}
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization"},
		MaxAge:         600,
	})
	var rl *rateLimiter
	if cfg.Limits.RatePerSecond > 0 {
		rl = newRateLimiter(cfg.Limits.RatePerSecond, cfg.Limits.RateBurst)
	}
	return securityHeaders(withRequestID(withClientAddr(cfg.TrustedProxies, observe(cfg.Logger, m, cfg.Limits.SlowQuery,
		c.Handler(withIdentity(cfg.Tokens, limitRate(rl, mux)))))))
}

// withIdentity reads `Authorization: Bearer <token>` into the request's
// identity; a token that matches none is remembered as invalid, so that
// what needs a token is refused with UNAUTHENTICATED.
func withIdentity(tokens auth.Tokens, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id auth.Identity
		if h := r.Header.Get("Authorization"); h != "" {
			// The scheme name is case-insensitive (RFC 9110, 11.1).
			scheme, secret, _ := strings.Cut(strings.TrimSpace(h), " ")
			var ok bool
			if id, ok = tokens.Authenticate(strings.TrimSpace(secret)); !ok || !strings.EqualFold(scheme, "Bearer") {
				id = auth.Identity{Invalid: true}
			}
		}
		next.ServeHTTP(w, r.WithContext(auth.WithIdentity(r.Context(), id)))
	})
}

// GraphQL returns the GraphQL endpoint alone: POST (and GET for queries)
// per GraphQL over HTTP, with per-operation loaders and the error
// presenter.
func GraphQL(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxComplexity == 0 {
		cfg.MaxComplexity = 5000
	}
	cfg.Limits = cfg.Limits.withDefaults()
	resolver := &graph.Resolver{Store: cfg.Store, Analytics: cfg.Analytics}
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: resolver})
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{})
	if cfg.expensive == nil {
		cfg.expensive = expensiveSlots(cfg.Limits)
	}
	parsed := smallQueries{lru.New[*ast.QueryDocument](1000)}
	srv.AddTransport(newTransport(schema.Schema(), cfg.Limits, cfg.HideSchema, cfg.Logger, cfg.expensive, parsed))
	srv.SetQueryCache(parsed)
	srv.SetParserTokenLimit(max(cfg.Limits.MaxTokens, 0))
	if cfg.HideSchema {
		srv.SetDisableSuggestion(true)
	} else {
		srv.Use(extension.Introspection{})
	}
	// No interceptor of fields (AroundFields) is installed: the executor
	// in graph/generated/executor.go resolves fields without carrying an
	// interceptor's context to their children, and marshals a struct's
	// never-null scalars without one; adding one means revisiting that.
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		need := auth.Anonymous // a wrong or expired token is refused on reads too
		if cfg.ReadsNeedToken {
			need = auth.Reader
		}
		if _, err := auth.Require(ctx, need); err != nil {
			infoOf(ctx).Rejected = "unauthenticated"
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{graphQLError(ctx, cfg.Logger, err)}})
		}
		return next(graph.WithLoaders(ctx, graph.NewLoaders(cfg.Store, cfg.LoaderWait)))
	})
	srv.SetErrorPresenter(errorPresenter(cfg.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		cfg.Logger.Error("panic in resolver", "panic", p, "requestId", RequestID(ctx))
		return ecosystem.Errorf(ecosystem.CodeInternal, "internal error")
	})
	return srv
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type requestIDKey struct{}

// RequestID returns the id of the request ctx belongs to.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequestID gives every request an id (the client's X-Request-Id
// when it is sane), returned in X-Request-Id and
// written into every log line and INTERNAL error about it.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !saneRequestID(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
