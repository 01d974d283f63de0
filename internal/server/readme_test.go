package server_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// readmes are the Markdown files whose examples TestReadmeExamples runs.
var readmes = []string{"../../README.md", "../../schema/README.md"}

// graphqlBlock is a fenced ```graphql block; curlQuery is the body of a
// `curl ... -d '{"query": ...}'` example.
var (
	graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")
	curlQuery    = regexp.MustCompile(`-d '(\{"query":.*?\})'`)
)

// readmeExamples returns the GraphQL documents a Markdown text shows: its
// graphql blocks and the queries its curl commands send.
func readmeExamples(t *testing.T, markdown string) []string {
	var docs []string
	for _, m := range graphqlBlock.FindAllStringSubmatch(markdown, -1) {
		docs = append(docs, m[1])
	}
	for _, m := range curlQuery.FindAllStringSubmatch(markdown, -1) {
		var body struct{ Query string }
		if err := json.Unmarshal([]byte(m[1]), &body); err != nil || body.Query == "" {
			t.Errorf("a curl example's body is not a GraphQL request: %s (%v)", m[1], err)
			continue
		}
		docs = append(docs, body.Query)
	}
	return docs
}

// TestReadmeExamples runs every example of the READMEs, in order, as an
// editor, against a server holding the seed and the Research Council's
// H2020 file, as a reader who follows the README has. Each must answer
// without errors, and every field it asks at the root must answer
// something: an example that shows nothing shows nothing true.
func TestReadmeExamples(t *testing.T) {
	// On an embedded store of its own, CPU-bound under the race
	// detector: it runs beside the package's other such test.
	t.Parallel()
	st := memtest.Seeded(t)
	importRCN(t, st)
	c := newServer(t, st, nil, 0).as(editorToken)
	total := 0
	for _, file := range readmes {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range readmeExamples(t, string(text)) {
			total++
			r := c.do(doc, nil)
			if len(r.Errors) > 0 {
				t.Errorf("%s, example %d: %+v\n%s", file, i+1, r.Errors, doc)
				continue
			}
			var answer map[string]any
			if err := json.Unmarshal(r.Data, &answer); err != nil {
				t.Errorf("%s, example %d: %v", file, i+1, err)
				continue
			}
			if len(answer) == 0 {
				t.Errorf("%s, example %d answers nothing\n%s", file, i+1, doc)
			}
			for field, v := range answer {
				if isEmpty(v) {
					t.Errorf("%s, example %d: %s is empty (%s)\n%s", file, i+1, field, strings.TrimSpace(canonicalJSON(v)), doc)
				}
			}
		}
	}
	if total == 0 {
		t.Fatal("the READMEs show no examples")
	}
}

// isEmpty reports whether an answer says nothing: null, an empty list,
// zero, false or "", or an object of nothing but those.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, x := range v {
			if !isEmpty(x) {
				return false
			}
		}
		return true
	case float64:
		return v == 0
	case bool:
		return !v
	case string:
		return v == ""
	}
	return false
}

func canonicalJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
