package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// rankedDirective marks, in a corpus document, the lists whose order is a
// ranking that stores may compute differently (search): "# ranked:"
// followed by dotted paths from the answer's root, such as kreft.edges.
const rankedDirective = "# ranked:"

// rankFree returns a corpus answer with the lists the document marks as
// ranked put in an order every store agrees on: the top hit stays first
// and the rest are sorted. Two stores' answers then compare equal exactly
// when they find the same set with the same top hit.
func rankFree(doc string, answer any) any {
	for _, line := range strings.Split(doc, "\n") {
		paths, ok := strings.CutPrefix(strings.TrimSpace(line), rankedDirective)
		if !ok {
			continue
		}
		for _, path := range strings.Fields(paths) {
			keys := strings.Split(path, ".")
			at, _ := answer.(map[string]any)
			for _, k := range keys[:len(keys)-1] {
				at, _ = at[k].(map[string]any)
			}
			if list, ok := at[keys[len(keys)-1]].([]any); ok && len(list) > 1 {
				rest := list[1:]
				sort.Slice(rest, func(i, j int) bool { return canonical(rest[i]) < canonical(rest[j]) })
			}
		}
	}
	return answer
}

func canonical(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
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
