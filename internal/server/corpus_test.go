package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// importDirective marks a corpus document that runs over the seed plus an
// import ("# import: rcn-eu": the Research Council's H2020 file).
const importDirective = "# import:"

// topDirective names, in a corpus document, the id an alias's first edge
// must hold on every store: "# top: alias id".
const topDirective = "# top:"

// topHits returns a document's expected top hits, by alias.
func topHits(doc string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(doc, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), topDirective); ok {
			if f := strings.Fields(rest); len(f) == 2 {
				out[f[0]] = f[1]
			}
		}
	}
	return out
}

// topHit returns the node id of the first edge an alias answered with,
// or "" when it found nothing.
func topHit(answer any, alias string) string {
	at, _ := answer.(map[string]any)
	conn, _ := at[alias].(map[string]any)
	edges, _ := conn["edges"].([]any)
	if len(edges) == 0 {
		return ""
	}
	edge, _ := edges[0].(map[string]any)
	node, _ := edge["node"].(map[string]any)
	id, _ := node["id"].(string)
	return id
}

// TestCorpusCoversEveryRootField checks that every root Query field of the
// schema is asked for by some corpus document, and that every document is
// valid against the schema.
func TestCorpusCoversEveryRootField(t *testing.T) {
	files, _ := filepath.Glob("../../schema/*.graphqls")
	var sources []*ast.Source
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(text)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	asked := map[string][]string{}
	docs, _ := filepath.Glob("testdata/corpus/*.graphql")
	for _, f := range docs {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, errs := gqlparser.LoadQuery(schema, string(text))
		if len(errs) > 0 {
			t.Errorf("%s: %v", f, errs)
			continue
		}
		for _, op := range doc.Operations {
			if op.Operation != ast.Query {
				t.Errorf("%s: a %s; the corpus holds queries only", f, op.Operation)
			}
			for _, name := range rootFields(op.SelectionSet) {
				asked[name] = append(asked[name], filepath.Base(f))
			}
		}
	}
	if len(asked) == 0 {
		t.Fatal("no corpus document asks for anything")
	}
	for _, field := range schema.Query.Fields {
		if strings.HasPrefix(field.Name, "__") {
			continue
		}
		if len(asked[field.Name]) == 0 {
			t.Errorf("no corpus document asks for the root field %s", field.Name)
		}
	}
}

// rootFields returns the names of the fields a selection set asks for,
// through fragments.
func rootFields(set ast.SelectionSet) []string {
	var out []string
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			out = append(out, s.Name)
		case *ast.InlineFragment:
			out = append(out, rootFields(s.SelectionSet)...)
		case *ast.FragmentSpread:
			out = append(out, rootFields(s.Definition.SelectionSet)...)
		}
	}
	return out
}
