package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/cancermissionhub/hubgraph/graph/generated"
	"github.com/cancermissionhub/hubgraph/internal/server"
)

// FuzzDocumentLimits feeds documents to the limits and, when they accept
// one, to validation: neither may panic, a refusal has a code, and an
// accepted document is within the limits and validated quickly. Its
// seeds (small versions of issue #10's hostile documents and ordinary
// queries) run in the normal suite.
func FuzzDocumentLimits(f *testing.F) {
	for _, seed := range []string{
		"{ pillars { name } }",
		"query Q($n: Int) { organisations(first: $n) { edges { node { id name } } } }",
		"{ organisation(id: \"x\") { collaborators(first: 10) { edges { node { count organisation { name } } } } } }",
		"{ ...F } fragment F on Query { ...F }",
		"{ a: pillars { name } b: pillars { id } }",
		"{ __schema { types { name } } }",
		"mutation { deleteNode(id: \"x\") { deletedIds } }",
		"{ pillars { name",
		"",
		collaboratorsDeep(5),
		duplicatedFields(20000),
		fragmentBomb(4, 13),
		fieldBomb(13),
		includeDirectives(3000),
		networkGapsAliases(60),
		deepFields(6),
	} {
		f.Add(seed)
	}
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	lim := server.DefaultLimits
	f.Fuzz(func(t *testing.T, query string) {
		start := time.Now()
		nodes, fields, err := server.CheckDocument(schema, lim, query)
		if err != nil {
			if code := fmt.Sprint(err.Extensions["code"]); code != "BAD_USER_INPUT" && code != "GRAPHQL_PARSE_FAILED" {
				t.Fatalf("a refusal with code %v: %s", code, err.Message)
			}
			if took := time.Since(start); took > time.Second {
				t.Fatalf("refusing took %v", took)
			}
			return
		}
		if nodes > int64(lim.MaxNodes) || fields > lim.MaxFields {
			t.Fatalf("accepted %d nodes and %d fields", nodes, fields)
		}
		doc, perr := gqlparserParse(query)
		if perr != nil {
			t.Fatalf("the limits accepted a document the parser refuses: %v", perr)
		}
		validator.Validate(schema, doc)
		if took := time.Since(start); took > 2*time.Second {
			t.Fatalf("checking and validating an accepted document took %v", took)
		}
	})
}

func gqlparserParse(query string) (*ast.QueryDocument, error) {
	return parser.ParseQuery(&ast.Source{Input: query})
}
