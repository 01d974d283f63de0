package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// maxCachedQuery is the longest query text the parsed-document cache
// keeps, so that its 1,000 entries hold at most about 16 MiB of text.
const maxCachedQuery = 16 << 10

// smallQueries is a query cache that keeps only short queries: gqlgen
// keys it by the whole text, so long distinct queries would fill memory.
type smallQueries struct {
	graphql.Cache[*ast.QueryDocument]
}

// Add keeps doc only when its query is short.
func (c smallQueries) Add(ctx context.Context, query string, doc *ast.QueryDocument) {
	if len(query) <= maxCachedQuery {
		c.Cache.Add(ctx, query, doc)
	}
}
