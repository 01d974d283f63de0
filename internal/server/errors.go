package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// graphQLError is the one place where errors become GraphQL errors (and,
// through errorBody, the bodies of plain HTTP errors). Domain errors,
// access errors among them, keep their message and put their code in
// extensions.code (and the input path in extensions.field); validation
// errors list every problem in extensions.problems. gqlgen's errors about
// the request document keep their own code. Anything else is logged with
// the request id and shown only as INTERNAL with that id, so that no
// Cypher or driver text reaches a client; a request cancelled or out of
// time says so with the code TIMEOUT.
func graphQLError(ctx context.Context, log *slog.Logger, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	var verrs ecosystem.ValidationErrors
	var derr *ecosystem.Error
	switch {
	case errors.As(err, &verrs):
		problems := make([]map[string]any, len(verrs))
		for i, v := range verrs {
			problems[i] = map[string]any{"field": v.Field, "message": v.Message}
		}
		gerr.Message = verrs.Error()
		gerr.Extensions = map[string]any{"code": ecosystem.CodeBadUserInput, "field": verrs[0].Field, "problems": problems}
	case errors.As(err, &derr) && derr.Code != ecosystem.CodeInternal:
		gerr.Message = derr.Error()
		gerr.Extensions = map[string]any{"code": derr.Code}
		if derr.Field != "" {
			gerr.Extensions["field"] = derr.Field
		}
	case isGraphQLError(err):
		// Parse and validation errors of the query itself: gqlgen's
		// message and code are meant for the client.
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		id := RequestID(ctx)
		log.Warn("request ended early", "error", err.Error(), "requestId", id, "path", gerr.Path.String())
		gerr.Message = "the request was cancelled before its work was done; request id " + id
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			gerr.Message = "the request ran out of time (the server's limit per request): ask for less (smaller pages, fewer nested or analytics fields) or retry later; request id " + id
		}
		gerr.Extensions = map[string]any{"code": codeTimeout, "requestId": id}
	default:
		id := RequestID(ctx)
		log.Error("internal error", "error", err.Error(), "requestId", id, "path", gerr.Path.String())
		gerr.Message = "internal error; quote request id " + id + " when reporting it"
		gerr.Extensions = map[string]any{"code": ecosystem.CodeInternal, "requestId": id}
	}
	return gerr
}

// codeTimeout is the code of a request that ended before its work was
// done: its deadline (Limits.Timeout) passed or its client went away.
// Like RATE_LIMITED it is a code of the edge, not of the domain: it is
// about the request, not the input (not BAD_USER_INPUT) nor a fault of
// the server (not INTERNAL), and the same request may succeed later or
// smaller.
const codeTimeout ecosystem.Code = "TIMEOUT"

// errorPresenter is gqlgen's error presenter: graphQLError.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error { return graphQLError(ctx, log, err) }
}

// isGraphQLError reports whether err is an error gqlgen made about the
// request document or its variables (it carries a code of its own).
func isGraphQLError(err error) bool {
	var g *gqlerror.Error
	if !errors.As(err, &g) || g.Err != nil {
		return false
	}
	_, has := g.Extensions["code"]
	return has
}

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[ecosystem.Code]int{
	ecosystem.CodeBadUserInput:    http.StatusBadRequest,
	ecosystem.CodeNotFound:        http.StatusNotFound,
	ecosystem.CodeConflict:        http.StatusConflict,
	ecosystem.CodeUnauthenticated: http.StatusUnauthorized,
	ecosystem.CodeForbidden:       http.StatusForbidden,
	ecosystem.CodeInternal:        http.StatusInternalServerError,
	ecosystem.CodeUnavailable:     http.StatusServiceUnavailable,
	ecosystem.CodeOutcomeUnknown:  http.StatusServiceUnavailable,
	codeTimeout:                   http.StatusServiceUnavailable,
}

// errorBody returns an error as the JSON body of a plain HTTP answer
// (the message and extensions of its GraphQL error, side by side) and
// the answer's status.
func errorBody(ctx context.Context, log *slog.Logger, err error) (map[string]any, int) {
	gerr := graphQLError(ctx, log, err)
	body := map[string]any{"message": gerr.Message}
	for k, v := range gerr.Extensions {
		body[k] = v
	}
	code, _ := gerr.Extensions["code"].(ecosystem.Code)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	return body, status
}

// writeError answers with an error's body and status (see errorBody).
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	body, status := errorBody(r.Context(), log, err)
	writeJSON(w, status, body)
}
