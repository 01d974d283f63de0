package server

import (
	"context"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestQueryCacheKeepsOnlyShortQueries(t *testing.T) {
	c := smallQueries{lru.New[*ast.QueryDocument](10)}
	ctx := context.Background()
	tests := []struct {
		query string
		kept  bool
	}{
		{"{ pillars { name } }", true},
		{"{ pillars { name } }" + strings.Repeat(" ", maxCachedQuery), false},
	}
	for _, tt := range tests {
		c.Add(ctx, tt.query, &ast.QueryDocument{})
		if _, kept := c.Get(ctx, tt.query); kept != tt.kept {
			t.Errorf("a query of %d bytes kept = %v, want %v", len(tt.query), kept, tt.kept)
		}
	}
}
