package generated

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestObjectsAreWrittenAsGqlgenWritesThem writes objects of fields, some
// collected twice under one alias, a few and many, through objectOf and
// through gqlgen's FieldSet, and expects the same bytes.
func TestObjectsAreWrittenAsGqlgenWritesThem(t *testing.T) {
	many := make([]string, maxFieldsScanned+3)
	for i := range many {
		many[i] = fmt.Sprintf("f%d", i%(maxFieldsScanned+1))
	}
	tests := []struct {
		name    string
		aliases []string
	}{
		{"none", nil},
		{"one", []string{"id"}},
		{"a few", []string{"__typename", "id", "name"}},
		{"an alias twice", []string{"id", "name", "id"}},
		{"an alias twice at the start", []string{"id", "id", "name"}},
		{"more than are scanned, some twice", many},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := make([]graphql.CollectedField, len(tt.aliases))
			for i, alias := range tt.aliases {
				fields[i] = graphql.CollectedField{Field: &ast.Field{Alias: alias, Name: alias}}
			}
			set := graphql.NewFieldSet(fields)
			for i := range fields {
				set.Values[i] = graphql.MarshalString(fmt.Sprintf("value %d", i))
			}
			var got, want bytes.Buffer
			objectOf(fields, set).MarshalGQL(&got)
			set.MarshalGQL(&want)
			if got.String() != want.String() {
				t.Errorf("objectOf wrote\n%s\ngqlgen\n%s", got.String(), want.String())
			}
		})
	}
}
