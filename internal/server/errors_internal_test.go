package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func TestEveryErrorBecomesAGraphQLErrorWithACode(t *testing.T) {
	_, anonymous := auth.Require(context.Background(), auth.Editor)
	var problems ecosystem.ValidationErrors
	problems.Add("input.name", "is required")
	problems.Add("input.pillars[1]", "COVERS cannot link it")
	tests := []struct {
		name    string
		err     error
		code    ecosystem.Code
		status  int
		field   string
		message string // a part of the message
		logged  bool
	}{
		{"validation", fmt.Errorf("upsert: %w", problems), ecosystem.CodeBadUserInput, 400, "input.name", "2 problems", false},
		{"not found at a path", &ecosystem.Error{Code: ecosystem.CodeNotFound, Field: "input.parent", Message: `"x" does not exist`}, ecosystem.CodeNotFound, 404, "input.parent", "does not exist", false},
		{"conflict", ecosystem.Errorf(ecosystem.CodeConflict, "stale"), ecosystem.CodeConflict, 409, "", "stale", false},
		{"forbidden", ecosystem.Errorf(ecosystem.CodeForbidden, "a reader token"), ecosystem.CodeForbidden, 403, "", "reader", false},
		{"access", anonymous, ecosystem.CodeUnauthenticated, 401, "", "bearer token", false},
		{"cancelled", fmt.Errorf("reading: %w", context.Canceled), codeTimeout, 503, "", "cancelled", true},
		{"out of time", context.DeadlineExceeded, codeTimeout, 503, "", "ran out of time", true},
		{"unknown", errors.New("MATCH (n) failed: bolt connection closed"), ecosystem.CodeInternal, 500, "", "request id req-1", true},
		{"internal by code", ecosystem.Errorf(ecosystem.CodeInternal, "driver detail"), ecosystem.CodeInternal, 500, "", "request id req-1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			ctx := context.WithValue(context.Background(), requestIDKey{}, "req-1")
			g := graphQLError(ctx, log, tt.err)
			if g.Extensions["code"] != tt.code || !strings.Contains(g.Message, tt.message) {
				t.Errorf("code %v, message %q; want %s and a message with %q", g.Extensions["code"], g.Message, tt.code, tt.message)
			}
			if field, _ := g.Extensions["field"].(string); field != tt.field {
				t.Errorf("field %q, want %q", field, tt.field)
			}
			if tt.code == ecosystem.CodeInternal {
				if g.Extensions["requestId"] != "req-1" || strings.Contains(g.Message, "MATCH") || strings.Contains(g.Message, "driver") {
					t.Errorf("extensions %v, message %q: want the request id and no internals", g.Extensions, g.Message)
				}
			}
			if logged := strings.Contains(logs.String(), "req-1"); logged != tt.logged {
				t.Errorf("logged = %v, want %v:\n%s", logged, tt.logged, logs.String())
			}
			body, status := errorBody(ctx, log, tt.err)
			if status != tt.status || body["code"] != tt.code || body["message"] != g.Message {
				t.Errorf("HTTP answer %d %v, want %d with the GraphQL error's code and message", status, body, tt.status)
			}
		})
	}
	if got := len(graphQLError(context.Background(), slog.Default(), problems).Extensions["problems"].([]map[string]any)); got != 2 {
		t.Errorf("%d problems listed, want 2", got)
	}
}
