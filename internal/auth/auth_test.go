package auth_test

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func TestParseAndAuthenticate(t *testing.T) {
	spec := "# tokens\nalice:editor:" + auth.HashToken("s3cret") + ",bob:reader:" + auth.HashToken("hunter2")
	ts, err := auth.ParseTokens(spec)
	if err != nil || len(ts) != 2 {
		t.Fatalf("ParseTokens = %v, %v", ts, err)
	}
	if id, ok := ts.Authenticate("s3cret"); !ok || id.Name != "alice" || id.Access != auth.Editor {
		t.Errorf("alice: %+v %v", id, ok)
	}
	if _, ok := ts.Authenticate("wrong"); ok {
		t.Error("a wrong secret authenticated")
	}
	for _, bad := range []string{"x:editor", "x:owner:" + auth.HashToken("a"), "x:editor:abc"} {
		if _, err := auth.ParseTokens(bad); err == nil {
			t.Errorf("ParseTokens(%q) accepted it", bad)
		}
	}
}

func TestRequire(t *testing.T) {
	tests := []struct {
		name string
		id   auth.Identity
		need auth.Access
		code ecosystem.Code
	}{
		{"anonymous reads", auth.Identity{}, auth.Anonymous, ""},
		{"anonymous edits", auth.Identity{}, auth.Editor, ecosystem.CodeUnauthenticated},
		{"invalid token", auth.Identity{Invalid: true}, auth.Anonymous, ecosystem.CodeUnauthenticated},
		{"reader edits", auth.Identity{Name: "r", Access: auth.Reader}, auth.Editor, ecosystem.CodeForbidden},
		{"editor edits", auth.Identity{Name: "e", Access: auth.Editor}, auth.Editor, ""},
		{"editor administers", auth.Identity{Name: "e", Access: auth.Editor}, auth.Admin, ecosystem.CodeForbidden},
		{"admin edits", auth.Identity{Name: "a", Access: auth.Admin}, auth.Editor, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := auth.Require(auth.WithIdentity(context.Background(), tt.id), tt.need)
			if got := ecosystem.ErrorCode(err); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
		})
	}
}
