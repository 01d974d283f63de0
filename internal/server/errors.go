package server

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// errorPresenter is the one place where errors become GraphQL errors.
// Domain errors keep their message and put their code in
// extensions.code (and the input path in extensions.field); validation
// errors list every problem in extensions.problems. Anything else is
// logged with the request id and shown only as INTERNAL with that id, so
// that no Cypher or driver text reaches a client.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
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
		default:
			id := RequestID(ctx)
			log.Error("internal error", "error", err.Error(), "requestId", id, "path", gerr.Path.String())
			gerr.Message = "internal error; quote request id " + id + " when reporting it"
			gerr.Extensions = map[string]any{"code": ecosystem.CodeInternal, "requestId": id}
		}
		return gerr
	}
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
