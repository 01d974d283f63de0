package server

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestWriteResponseIsEncodingJSON checks that writeResponse writes the
// very bytes encoding/json writes, on the answers it writes itself and
// on those it leaves to encoding/json.
func TestWriteResponseIsEncodingJSON(t *testing.T) {
	yes := true
	tests := []struct {
		name string
		resp graphql.Response
	}{
		{"data", graphql.Response{Data: json.RawMessage(`{"projects":{"edges":[{"node":{"id":"a","name":"Kreft \"i\" Norge é"}}]}}`)}},
		{"escapes for HTML", graphql.Response{Data: json.RawMessage(`{"name":"<b>R&D</b>"}`)}},
		{"line separators", graphql.Response{Data: json.RawMessage("{\"name\":\"a\u2028b\u2029c\"}")}},
		{"null data", graphql.Response{Data: json.RawMessage(`null`)}},
		{"no data", graphql.Response{}},
		{"errors", graphql.Response{Data: json.RawMessage(`{"a":null}`), Errors: gqlerror.List{gqlerror.Errorf("no")}}},
		{"extensions", graphql.Response{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"x": 1}}},
		// gqlgen hands over an empty map, which omitempty leaves out.
		{"empty extensions", graphql.Response{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{}}},
		{"incremental", graphql.Response{Data: json.RawMessage(`{"a":1}`), HasNext: &yes}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want bytes.Buffer
			writeResponse(&got, &tt.resp)
			if err := json.NewEncoder(&want).Encode(&tt.resp); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("wrote %q, encoding/json %q", got.String(), want.String())
			}
		})
	}
}
