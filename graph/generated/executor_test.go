package generated

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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

// TestFieldsResolveAsGqlgenResolvesThem resolves a field whose resolver
// answers a value, a marshaler, an error, null (on a nullable and a
// non-null field), a value of another type or panics, through
// resolveField and through graphql.ResolveField, and expects the same
// bytes and the same errors, paths included.
func TestFieldsResolveAsGqlgenResolvesThem(t *testing.T) {
	tests := []struct {
		name    string
		resolve func(context.Context) (any, error)
		nonNull bool
	}{
		{"a value", func(context.Context) (any, error) { return "value", nil }, true},
		{"a marshaler", func(context.Context) (any, error) { return graphql.MarshalString("marshaled"), nil }, true},
		{"an error", func(context.Context) (any, error) { return nil, errors.New("broken") }, false},
		{"an error on a non-null field", func(context.Context) (any, error) { return nil, errors.New("broken") }, true},
		{"null", func(context.Context) (any, error) { return nil, nil }, false},
		{"null on a non-null field", func(context.Context) (any, error) { return nil, nil }, true},
		{"another type", func(context.Context) (any, error) { return 42, nil }, true},
		{"a panic", func(context.Context) (any, error) { panic("broken") }, true},
	}
	type resolver func(context.Context, *graphql.OperationContext, graphql.CollectedField,
		func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
		func(context.Context) (any, error),
		func(context.Context, graphql.Resolver) graphql.Resolver,
		func(context.Context, ast.SelectionSet, string) graphql.Marshaler, bool, bool) graphql.Marshaler
	run := func(resolve resolver, tt int) (string, string) {
		recoverQuietly := func(_ context.Context, p any) error { return fmt.Errorf("panic: %v", p) }
		oc := &graphql.OperationContext{
			ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) },
			RecoverFunc:        recoverQuietly,
		}
		ctx := graphql.WithOperationContext(context.Background(), oc)
		ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, recoverQuietly)
		parent := graphql.CollectedField{Field: &ast.Field{Alias: "organisation", Name: "organisation"}}
		ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Field: parent})
		field := graphql.CollectedField{Field: &ast.Field{Alias: "label", Name: "name"}}
		out := resolve(ctx, oc, field,
			func(_ context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
				return graphql.NewScalarFieldContext("Organisation", field, false, false, "String")
			},
			tests[tt].resolve, nil,
			func(_ context.Context, _ ast.SelectionSet, v string) graphql.Marshaler {
				return graphql.MarshalString(v)
			},
			true, tests[tt].nonNull)
		var written bytes.Buffer
		out.MarshalGQL(&written)
		errs, _ := json.Marshal(graphql.GetErrors(ctx))
		return written.String(), string(errs)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotValue, gotErrors := run(resolveField[string], i)
			wantValue, wantErrors := run(graphql.ResolveField[string], i)
			t.Logf("%s, errors %s", gotValue, gotErrors)
			if gotValue != wantValue || gotErrors != wantErrors {
				t.Errorf("resolveField wrote %s, errors %s; gqlgen's %s, errors %s", gotValue, gotErrors, wantValue, wantErrors)
			}
		})
	}
}
