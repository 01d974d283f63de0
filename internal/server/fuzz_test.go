package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/cancermissionhub/hubgraph/graph/generated"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
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

// FuzzFiltersAndSearch sends outside text as the values of list filters,
// cursors and search through the real handler on the embedded store: no
// answer is INTERNAL (a bad value is BAD_USER_INPUT), and nothing hangs.
func FuzzFiltersAndSearch(f *testing.F) {
	for _, seed := range [][3]string{
		{"kreft", "NO", ""},
		{"", "", "eyJrIjoiYSIsImkiOiJiIn0"},
		{"a\" OR 1=1 --", "N'O", "not-a-cursor"},
		{"*:* AND ~", "\x00", "e30"},
		{"\u202Eevil", "ØÆÅ", "////"},
		{strings.Repeat("word ", 2000), "", ""},
		{"(((((", "N", "eyJrIjoxLCJpIjpbXX0"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	c := newServer(f, memtest.Seeded(f), nil, 0)
	const q = `query($s: String, $c: String, $after: String) {
  organisations(first: 5, after: $after, filter: {search: $s, country: $c}) { edges { cursor node { id } } }
  search(text: $s) { edges { node { __typename } } }
}`
	f.Fuzz(func(t *testing.T, text, country, cursor string) {
		start := time.Now()
		r := c.on(t).do(q, map[string]any{"s": text, "c": country, "after": cursor})
		for _, e := range r.Errors {
			if code := e.Extensions["code"]; code != "BAD_USER_INPUT" && code != "GRAPHQL_VALIDATION_FAILED" {
				t.Fatalf("%q, %q, %q: error %v: %s", text, country, cursor, code, e.Message)
			}
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("answering took %v", took)
		}
	})
}
