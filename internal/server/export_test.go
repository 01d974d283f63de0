package server

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CheckDocument exposes checkDocument to the fuzz test; it returns the
// node count and the number of fields of an accepted document.
func CheckDocument(schema *ast.Schema, lim Limits, query string) (nodes int64, fields int, err *gqlerror.Error) {
	rep, err := checkDocument(schema, lim.withDefaults(), false, nil, query, "", nil)
	return rep.Nodes, rep.Fields, err
}
