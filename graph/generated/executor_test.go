package generated

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	gqlparser "github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestObjectsAreWrittenAsGqlgenWritesThem marshals objects of fields,
// some collected twice under one alias, a few and many, some set at
// once and some resolved when the object is dispatched (a value, null
// on a nullable or a non-null field, a required null, a panic), into an
// object and into gqlgen's FieldSet, and expects the same bytes, the
// same count of invalid fields and the same errors.
func TestObjectsAreWrittenAsGqlgenWritesThem(t *testing.T) {
	type field struct {
		alias   string
		later   bool
		result  string // "value", "null", "required null" or "panic"
		nonNull bool
	}
	at := func(aliases ...string) []field {
		fields := make([]field, len(aliases))
		for i, alias := range aliases {
			fields[i] = field{alias: alias, result: "value"}
		}
		return fields
	}
	many := make([]string, maxFieldsScanned+3)
	for i := range many {
		many[i] = fmt.Sprintf("f%d", i%(maxFieldsScanned+1))
	}
	tests := []struct {
		name   string
		fields []field
	}{
		{"none", nil},
		{"one", at("id")},
		{"a few", at("__typename", "id", "name")},
		{"an alias twice", at("id", "name", "id")},
		{"an alias twice at the start", at("id", "id", "name")},
		{"more than are scanned, some twice", at(many...)},
		{"one resolved later", []field{{alias: "id", result: "value"}, {alias: "parent", later: true, result: "value"}}},
		{"several resolved later", []field{{alias: "a", later: true, result: "value"}, {alias: "b", later: true, result: "value", nonNull: true}, {alias: "c", later: true, result: "null"}}},
		{"null on a non-null field", []field{{alias: "id", result: "value"}, {alias: "edges", later: true, result: "null", nonNull: true}}},
		{"a required null on a nullable field", []field{{alias: "parent", later: true, result: "required null"}}},
		{"a panic", []field{{alias: "id", result: "value"}, {alias: "parent", later: true, result: "panic", nonNull: true}}},
		{"more than inline, resolved later", []field{{alias: "a", later: true, result: "value"}, {alias: "b", result: "value"}, {alias: "c", later: true, result: "null", nonNull: true}, {alias: "d", result: "value"}, {alias: "e", later: true, result: "value"}, {alias: "f", result: "value"}}},
	}
	resultOf := func(f field, i int) func(context.Context) graphql.Marshaler {
		return func(context.Context) graphql.Marshaler {
			switch f.result {
			case "null":
				return graphql.Null
			case "required null":
				return graphql.RequiredNull
			case "panic":
				panic("broken")
			}
			return graphql.MarshalString(fmt.Sprintf("value %d", i))
		}
	}
	// fieldSet is what both an object and gqlgen's FieldSet offer the
	// code gqlgen writes: a field resolved later is scheduled by
	// resolveLater and ResolveConcurrently.
	type fieldSet interface {
		graphql.Marshaler
		Dispatch(context.Context)
	}
	later := func(set fieldSet, oc *graphql.OperationContext, deferred *graphql.DeferredGroup, i int, nonNull bool, resolve func(context.Context) graphql.Marshaler) {
		switch set := set.(type) {
		case *object:
			set.resolveLater(oc, i, true, nonNull, func(ctx context.Context, field graphql.CollectedField) graphql.Marshaler {
				if field.Alias != set.fields[i].Alias {
					panic("resolved with another field")
				}
				return resolve(ctx)
			})
		case *graphql.FieldSet:
			set.ResolveConcurrently(oc, deferred, i, true, nonNull, resolve)
		}
	}
	run := func(fields []field, newSet func([]graphql.CollectedField) (fieldSet, []graphql.Marshaler, *uint32)) (string, uint32, string) {
		recoverQuietly := func(_ context.Context, p any) error { return fmt.Errorf("panic: %v", p) }
		oc := &graphql.OperationContext{RecoverFunc: recoverQuietly}
		ctx := graphql.WithOperationContext(context.Background(), oc)
		ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, recoverQuietly)
		collected := make([]graphql.CollectedField, len(fields))
		for i, f := range fields {
			collected[i] = graphql.CollectedField{Field: &ast.Field{Alias: f.alias, Name: f.alias}}
		}
		set, values, invalids := newSet(collected)
		deferred := graphql.DeferredGroup{Context: ctx}
		for i, f := range fields {
			if f.later {
				later(set, oc, &deferred, i, f.nonNull, resultOf(f, i))
			} else {
				values[i] = resultOf(f, i)(ctx)
			}
		}
		set.Dispatch(ctx)
		var written bytes.Buffer
		set.MarshalGQL(&written)
		errs, _ := json.Marshal(graphql.GetErrors(ctx))
		return written.String(), *invalids, string(errs)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotInvalids, gotErrors := run(tt.fields, func(fields []graphql.CollectedField) (fieldSet, []graphql.Marshaler, *uint32) {
				o := newObject(fields)
				return o, o.Values, &o.Invalids
			})
			want, wantInvalids, wantErrors := run(tt.fields, func(fields []graphql.CollectedField) (fieldSet, []graphql.Marshaler, *uint32) {
				set := graphql.NewFieldSet(fields)
				return set, set.Values, &set.Invalids
			})
			if got != want || gotInvalids != wantInvalids || gotErrors != wantErrors {
				t.Errorf("an object wrote %s (%d invalid, errors %s), gqlgen's FieldSet %s (%d invalid, errors %s)", got, gotInvalids, gotErrors, want, wantInvalids, wantErrors)
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
	type resolver func(context.Context, *graphql.OperationContext, *fieldContexts, graphql.CollectedField,
		func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
		func(context.Context) (any, error),
		func(context.Context, graphql.Resolver) graphql.Resolver,
		func(context.Context, ast.SelectionSet, string) graphql.Marshaler, bool, bool) graphql.Marshaler
	gqlgens := func(ctx context.Context, oc *graphql.OperationContext, _ *fieldContexts, field graphql.CollectedField,
		initialize func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
		resolve func(context.Context) (any, error),
		chain func(context.Context, graphql.Resolver) graphql.Resolver,
		marshal func(context.Context, ast.SelectionSet, string) graphql.Marshaler, recover, nonNull bool) graphql.Marshaler {
		return graphql.ResolveField(ctx, oc, field, initialize, resolve, chain, marshal, recover, nonNull)
	}
	run := func(resolve resolver, tt int) (string, string) {
		ctx, oc := underOrganisation()
		field := graphql.CollectedField{Field: &ast.Field{Alias: "label", Name: "name"}}
		out := resolve(ctx, oc, &fieldContexts{}, field,
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
			wantValue, wantErrors := run(gqlgens, i)
			t.Logf("%s, errors %s", gotValue, gotErrors)
			if gotValue != wantValue || gotErrors != wantErrors {
				t.Errorf("resolveField wrote %s, errors %s; gqlgen's %s, errors %s", gotValue, gotErrors, wantValue, wantErrors)
			}
		})
	}
}

// TestFieldsAreCollectedAsGqlgenCollectsThem collects the fields of one
// selection set (fragments on an interface and on two types, a field
// skipped by a variable, a field twice under one alias) for two object
// types, each twice, in two operations whose variables differ, and
// expects what gqlgen's CollectFields collects each time.
func TestFieldsAreCollectedAsGqlgenCollectsThem(t *testing.T) {
	doc, errs := gqlparser.LoadQuery(parsedSchema, `query($skip: Boolean!) {
  node(id: "x") { id ...Named ... on Organisation { name shortName } ... on Project { acronym name } id @skip(if: $skip) __typename }
}
fragment Named on Node { id }`)
	if errs != nil {
		t.Fatal(errs)
	}
	sel := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
	describe := func(fields []graphql.CollectedField) string {
		var out []string
		for _, f := range fields {
			out = append(out, fmt.Sprintf("%s:%s/%d", f.Alias, f.Name, len(f.Selections)))
		}
		return fmt.Sprint(out)
	}
	for _, skip := range []bool{true, false} {
		oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"skip": skip}}
		var cache fieldsCache
		for _, implementors := range [][]string{organisationImplementors, projectImplementors, organisationImplementors, projectImplementors} {
			got, want := describe(collectFields(oc, &cache, sel, implementors)), describe(graphql.CollectFields(oc, sel, implementors))
			if got != want {
				t.Errorf("skip %v, %s: collected %s, gqlgen %s", skip, implementors[0], got, want)
			}
		}
		if len(cache.made) != 2 {
			t.Errorf("skip %v: %d selection sets cached, want 2 (one per type)", skip, len(cache.made))
		}
	}
}

// TestFieldContextsAreCarriedAsGqlgenCarriesThem makes field contexts and
// the contexts carrying them from one operation's slabs, on several
// goroutines and past several slabs, and expects each found by
// graphql.GetFieldContext with its parent set, under and over contexts
// gqlgen made, every other value and the cancellation of the context
// below still reaching it, and no two of them shared.
func TestFieldContextsAreCarriedAsGqlgenCarriesThem(t *testing.T) {
	if fieldContextKey == nil {
		t.Fatal("gqlgen's key for field contexts was not learnt")
	}
	type valueKey struct{}
	base, cancel := context.WithCancel(context.WithValue(context.Background(), valueKey{}, "value"))
	parent := &graphql.FieldContext{Object: "Query"}
	below := graphql.WithFieldContext(base, parent)
	var contexts fieldContexts
	const goroutines, each = 4, 300
	made := make([][]context.Context, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				fc := newFieldContext(&contexts)
				fc.Object = "Organisation"
				made[g] = append(made[g], withFieldContext(&contexts, below, fc))
			}
		}()
	}
	wg.Wait()
	seen := map[*graphql.FieldContext]bool{}
	for _, ctxs := range made {
		for _, ctx := range ctxs {
			fc := graphql.GetFieldContext(ctx)
			if fc == nil || fc.Object != "Organisation" || fc.Parent != parent {
				t.Fatalf("found %+v, want an Organisation's field context under the Query's", fc)
			}
			if seen[fc] {
				t.Fatal("two contexts carry one field context")
			}
			seen[fc] = true
			if ctx.Value(valueKey{}) != "value" {
				t.Fatal("a value of the context below is lost")
			}
		}
	}
	// Over one: gqlgen's and ours.
	first := made[0][0]
	child := newFieldContext(&contexts)
	if got := graphql.GetFieldContext(withFieldContext(&contexts, first, child)); got != child || child.Parent != graphql.GetFieldContext(first) {
		t.Error("a field context over one of ours does not have it as its parent")
	}
	theirs := &graphql.FieldContext{}
	if got := graphql.GetFieldContext(graphql.WithFieldContext(first, theirs)); got != theirs || theirs.Parent != graphql.GetFieldContext(first) {
		t.Error("gqlgen's field context over one of ours does not have it as its parent")
	}
	// Cancelled below, cancelled here and in what is made from here.
	derived, stop := context.WithCancel(first)
	defer stop()
	cancel()
	for _, ctx := range []context.Context{first, derived} {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
			t.Fatal("cancelling the context below did not reach a field's")
		}
	}
}

// TestStructFieldsResolveAsGqlgenResolvesThem marshals fields that show
// a struct's field (a pointer, nil or not, a list, nil or not, a number,
// one no JSON number can hold, a marshaller that panics) through
// resolveStructField and through gqlgen's ResolveField with a resolver
// returning the value, and expects the same bytes and the same errors,
// paths included.
func TestStructFieldsResolveAsGqlgenResolvesThem(t *testing.T) {
	ec := &executionContext{}
	name := "Universitetet i Oslo"
	panics := func(context.Context, ast.SelectionSet, *string) graphql.Marshaler { panic("broken") }
	t.Run("a pointer", func(t *testing.T) { compareStructField(t, &name, ec.marshalOString2ᚖstring, false) })
	t.Run("nil", func(t *testing.T) { compareStructField(t, (*string)(nil), ec.marshalOString2ᚖstring, false) })
	t.Run("a list", func(t *testing.T) { compareStructField(t, []string{"a", "b"}, ec.marshalNString2ᚕstringᚄ, true) })
	t.Run("a nil list", func(t *testing.T) { compareStructField(t, []string(nil), ec.marshalNString2ᚕstringᚄ, true) })
	t.Run("a number", func(t *testing.T) { compareStructField(t, 1.5, ec.marshalNFloat2float64, true) })
	t.Run("not a JSON number", func(t *testing.T) { compareStructField(t, math.Inf(1), ec.marshalNFloat2float64, true) })
	t.Run("a panic", func(t *testing.T) { compareStructField(t, &name, panics, true) })
}

// compareStructField marshals v as a field of a struct through
// resolveStructField and through gqlgen's ResolveField, and expects the
// same bytes and errors.
func compareStructField[T any](t *testing.T, v T, marshal func(context.Context, ast.SelectionSet, T) graphql.Marshaler, nonNull bool) {
	t.Helper()
	run := func(ours bool) (string, string) {
		ctx, oc := underOrganisation()
		field := graphql.CollectedField{Field: &ast.Field{Alias: "shown", Name: "value"}}
		initialize := func(_ context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return &graphql.FieldContext{Object: "Organisation", Field: field, NonNull: nonNull}, nil
		}
		var out graphql.Marshaler
		if ours {
			out = resolveStructField(ctx, oc, &fieldContexts{}, field, initialize, v, marshal, true)
		} else {
			out = graphql.ResolveField(ctx, oc, field, initialize, func(context.Context) (any, error) { return v, nil }, nil, marshal, true, nonNull)
		}
		var written bytes.Buffer
		out.MarshalGQL(&written)
		errs, _ := json.Marshal(graphql.GetErrors(ctx))
		return written.String(), string(errs)
	}
	gotValue, gotErrors := run(true)
	wantValue, wantErrors := run(false)
	t.Logf("%s, errors %s", gotValue, gotErrors)
	if gotValue != wantValue || gotErrors != wantErrors {
		t.Errorf("resolveStructField wrote %s, errors %s; gqlgen's %s, errors %s", gotValue, gotErrors, wantValue, wantErrors)
	}
}

// TestArgumentsAreParsedOncePerField parses the arguments of two fields,
// each asked for many times, and of a field whose arguments fail to
// parse, and expects each good field parsed once, its arguments the same
// each time, and the failing one parsed, and its error returned, every
// time.
func TestArgumentsAreParsedOncePerField(t *testing.T) {
	var cache argsCache
	first, second, failing := graphql.CollectedField{Field: &ast.Field{Name: "partners"}}, graphql.CollectedField{Field: &ast.Field{Name: "partners"}}, graphql.CollectedField{Field: &ast.Field{Name: "units"}}
	parsed := map[*ast.Field]int{}
	parse := func(field graphql.CollectedField, err error) func() (map[string]any, error) {
		return func() (map[string]any, error) {
			parsed[field.Field]++
			return map[string]any{"field": field.Field}, err
		}
	}
	for range 5 {
		for _, field := range []graphql.CollectedField{first, second} {
			args, err := fieldArgs(&cache, field, parse(field, nil))
			if err != nil || args["field"] != field.Field {
				t.Fatalf("got %v, %v for %p", args, err, field.Field)
			}
		}
		if _, err := fieldArgs(&cache, failing, parse(failing, errors.New("bad argument"))); err == nil {
			t.Fatal("a failing parse returned no error")
		}
	}
	if parsed[first.Field] != 1 || parsed[second.Field] != 1 || parsed[failing.Field] != 5 {
		t.Errorf("parsed %d, %d and %d times, want 1, 1 and 5", parsed[first.Field], parsed[second.Field], parsed[failing.Field])
	}
}

// underOrganisation returns an operation that passes each field to its
// resolver and makes a panic an error, and a context in it under the
// field organisation of Query, where the tests resolve a field.
func underOrganisation() (context.Context, *graphql.OperationContext) {
	recoverQuietly := func(_ context.Context, p any) error { return fmt.Errorf("panic: %v", p) }
	oc := &graphql.OperationContext{
		ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) },
		RecoverFunc:        recoverQuietly,
	}
	ctx := graphql.WithOperationContext(context.Background(), oc)
	ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, recoverQuietly)
	parent := graphql.CollectedField{Field: &ast.Field{Alias: "organisation", Name: "organisation"}}
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Field: parent}), oc
}
