package generated

// This file is written by hand, not by gqlgen: scripts/generate runs
// gqlgen and then points four calls of the executor it writes at the
// functions here (marshalSlice for graphql.MarshalSliceConcurrently,
// newDeferredGroup for graphql.NewDeferredGroup, resolveField for
// graphql.ResolveField, collectFields for graphql.CollectFields), has
// every object but the operation's root marshalled into an object (for
// a graphql.FieldSet), has the fields that show a struct's never-null
// scalar marshal it directly (see resolveField) and those that show
// another of its fields marshal it without a resolver
// (resolveStructField). The first two cost most
// of the server's CPU on a query that shows many objects: issue 13's query 7
// (a programme's calls, their projects, their partners and those
// partners' parents: about 1,300 objects) took 9.9 ms of CPU a request
// with gqlgen's, 5.4 ms with these, at scale M, the server and its
// client in one process (bench/README.md, ninth pass).

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// newDeferredGroup is the @defer group of an object being marshalled,
// empty: the server refuses @defer before a query runs (it answers in
// one response, which has no place for what a @defer would send later),
// so nothing is ever deferred. gqlgen's NewDeferredGroup builds the
// object's whole response path, a map and a field set for every object
// marshalled, 18 % of the CPU of query 7.
func newDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{Context: ctx}
}

// object is an object being marshalled: the fields the query selects on
// it, the values the executor resolves into Values, and the fields whose
// resolvers run when the executor dispatches it. scripts/generate has
// every object but the operation's root marshalled into one, where
// gqlgen marshals into a graphql.FieldSet. An object of a few fields
// takes one allocation, holding its values and one resolver field's
// work inline, where a FieldSet takes two, a closure and a slice for
// its resolver fields, and a map of the aliases it has written when it
// writes itself: on query 7 (about 1,300 objects a request) those were
// a fifth of the server's allocations.
type object struct {
	fields []graphql.CollectedField
	// Values and Invalids are named as a FieldSet's: the code gqlgen
	// writes sets them.
	Values   []graphql.Marshaler
	Invalids uint32
	later    []laterField
	// inline holds Values and later for an object of a few fields.
	inline      [4]graphql.Marshaler
	inlineLater [1]laterField
}

// laterField is a resolver field of an object: the executor resolves it
// when it dispatches the object, alongside the object's other resolver
// fields, each but the first on its own goroutine, as a FieldSet does.
type laterField struct {
	i                int
	oc               *graphql.OperationContext
	recoverFromPanic bool
	// invalid is the value that, resolved, makes the object invalid:
	// null for a non-null field, a required null for a nullable one
	// whose own child was invalid.
	invalid graphql.Marshaler
	resolve func(ctx context.Context, field graphql.CollectedField) graphql.Marshaler
}

// newObject returns the object of fields, its values not yet resolved.
func newObject(fields []graphql.CollectedField) *object {
	o := &object{fields: fields}
	if len(fields) <= len(o.inline) {
		o.Values = o.inline[:len(fields)]
	} else {
		o.Values = make([]graphql.Marshaler, len(fields))
	}
	o.later = o.inlineLater[:0]
	return o
}

// resolveLater schedules field i's resolve for Dispatch, as
// graphql.FieldSet.ResolveConcurrently does but for @defer: the server
// refuses @defer before a query runs (see newDeferredGroup), and a
// deferred field would be resolved in place. resolve is handed the
// field, where gqlgen's closure holds a copy of it: about a hundred
// bytes less for every resolver field of every object (the closure is
// still one allocation).
func (o *object) resolveLater(oc *graphql.OperationContext, i int, recoverFromPanic, nonNull bool, resolve func(ctx context.Context, field graphql.CollectedField) graphql.Marshaler) {
	invalid := graphql.RequiredNull
	if nonNull {
		invalid = graphql.Null
	}
	o.later = append(o.later, laterField{i: i, oc: oc, recoverFromPanic: recoverFromPanic, invalid: invalid, resolve: resolve})
}

// Dispatch resolves the fields scheduled by resolveLater: the
// first on the caller's goroutine, the others each on its own.
func (o *object) Dispatch(ctx context.Context) {
	switch len(o.later) {
	case 0:
	case 1:
		o.runLater(ctx, &o.later[0])
	default:
		var wg sync.WaitGroup
		for k := 1; k < len(o.later); k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				o.runLater(ctx, &o.later[k])
			}()
		}
		o.runLater(ctx, &o.later[0])
		wg.Wait()
	}
}

// runLater resolves one scheduled field into its value, counting it
// against Invalids when it makes the object invalid; a panic, when the
// field recovers from panics, is an error and null.
func (o *object) runLater(ctx context.Context, f *laterField) {
	v := resolveRecovering(ctx, f, o.fields[f.i])
	o.Values[f.i] = v
	if v == f.invalid {
		atomic.AddUint32(&o.Invalids, 1)
	}
}

// resolveRecovering runs f's resolve on field; when f recovers from
// panics, a panic is reported as an error and resolves to null, as
// gqlgen's FieldSet has it.
func resolveRecovering(ctx context.Context, f *laterField, field graphql.CollectedField) (v graphql.Marshaler) {
	if f.recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				f.oc.Error(ctx, f.oc.Recover(ctx, r))
				v = graphql.Null
			}
		}()
	}
	return f.resolve(ctx, field)
}

// maxFieldsScanned is the most fields an object may have for MarshalGQL
// to look for an alias written before by comparing it with each; one
// of more fields keeps a set of the aliases written, as gqlgen's
// FieldSet does for every object (8 % of the CPU of query 7).
const maxFieldsScanned = 16

var (
	openBrace  = []byte{'{'}
	closeBrace = []byte{'}'}
	quote      = []byte{'"'}
	quoteColon = []byte{'"', ':'}
	comma      = []byte{','}
)

// MarshalGQL writes the object as gqlgen's FieldSet writes itself: each
// field's alias (a GraphQL name, which JSON need not escape) and value,
// in the query's order, a field collected twice under one alias once.
func (o *object) MarshalGQL(w io.Writer) {
	var written map[string]bool
	if len(o.fields) > maxFieldsScanned {
		written = make(map[string]bool, len(o.fields))
	}
	w.Write(openBrace)
	first := true
	for i := range o.fields {
		alias := o.fields[i].Alias
		if written != nil {
			if written[alias] {
				continue
			}
			written[alias] = true
		} else if writtenBefore(o.fields[:i], alias) {
			continue
		}
		if !first {
			w.Write(comma)
		}
		first = false
		w.Write(quote)
		io.WriteString(w, alias)
		w.Write(quoteColon)
		o.Values[i].MarshalGQL(w)
	}
	w.Write(closeBrace)
}

// writtenBefore reports whether one of fields has alias.
func writtenBefore(fields []graphql.CollectedField, alias string) bool {
	for i := range fields {
		if fields[i].Alias == alias {
			return true
		}
	}
	return false
}

// readsKey is the context key of an operation's read counter.
type readsKey struct{}

// WithReadCounter returns ctx carrying reads, which tells how many store
// reads the operation has made so far; marshalSlice uses it to learn
// which lists marshal without reading (the operation's loaders count).
func WithReadCounter(ctx context.Context, reads func() int64) context.Context {
	return context.WithValue(ctx, readsKey{}, reads)
}

// marshalSlice marshals the n elements of a list with marshalElement.
// gqlgen starts a goroutine for every element so that the elements'
// loaders can gather their keys into one store read; where the elements
// read nothing (what they show was read ahead with their parent, or is
// their own), those goroutines and the growth of their stacks are 34 %
// of query 7's CPU and buy nothing. So each list field of a query
// (listField: the field in the parsed document, which gqlgen's query
// cache keeps for repeated queries, and the object it is on) is first
// marshalled concurrently, as gqlgen does, and watched: when none of
// its elements read from the store, it is marshalled on the caller's
// goroutine, element after element, from then on, while watched still;
// the first read seen there (another query with other variables may
// need one) hands the elements left to gqlgen's concurrent marshalling
// and makes the field concurrent for good. Outside an operation with a
// read counter, and for lists of one, this is gqlgen's function.
func marshalSlice(ctx context.Context, n int, workerLimit int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	reads, _ := ctx.Value(readsKey{}).(func() int64)
	fc := graphql.GetFieldContext(ctx)
	if n < 2 || reads == nil || fc == nil || fc.Field.Field == nil {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshalElement)
	}
	key := listField{field: weak.Make(fc.Field.Field), object: fc.Object}
	before := reads()
	if listModes.get(key) != marshalInline {
		out := graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshalElement)
		if reads() == before {
			listModes.set(key, marshalInline)
		} else {
			listModes.set(key, marshalConcurrently)
		}
		return out
	}
	out := make(graphql.Array, n)
	for i := range n {
		out[i] = marshalOne(ctx, i, omitPanicHandler, marshalElement)
		if reads() != before {
			listModes.set(key, marshalConcurrently)
			marshalConcurrentlyFrom(ctx, out, i+1, workerLimit, omitPanicHandler, marshalElement)
			break
		}
	}
	return out
}

// marshalConcurrentlyFrom marshals the elements of out from first on,
// each on its own goroutine (at most workerLimit at once when it is
// positive), as graphql.MarshalSliceConcurrently does.
func marshalConcurrentlyFrom(ctx context.Context, out graphql.Array, first int, workerLimit int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) {
	var wg sync.WaitGroup
	var slots chan struct{}
	if workerLimit > 0 {
		slots = make(chan struct{}, workerLimit)
	}
	for i := first; i < len(out); i++ {
		if slots != nil {
			slots <- struct{}{}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = marshalOne(ctx, i, omitPanicHandler, marshalElement)
			if slots != nil {
				<-slots
			}
		}()
	}
	wg.Wait()
}

// marshalOne marshals element i under its own field context, as
// graphql.MarshalSliceConcurrently does: a panic makes it null and an
// error unless omitPanicHandler.
func marshalOne(ctx context.Context, i int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (out graphql.Marshaler) {
	element := &elementContext{index: i} // the context and its index in one allocation
	element.fc.Index = &element.index
	ctx = graphql.WithFieldContext(ctx, &element.fc)
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				out = graphql.Null
			}
		}()
	}
	return marshalElement(ctx, i)
}

// elementContext is the field context of a list's element and the index
// it points to.
type elementContext struct {
	fc    graphql.FieldContext
	index int
}

// listMode says how a list field's elements are marshalled.
type listMode int

const (
	marshalUnknown      listMode = iota // not seen yet: concurrently, watched
	marshalInline                       // read nothing when seen: in order, watched
	marshalConcurrently                 // read from the store: concurrently for good
)

// listField is a list field of a parsed query on an object type. The
// field is held weakly: a query evicted from gqlgen's cache is collected,
// and its entries are dropped when the table fills.
type listField struct {
	field  weak.Pointer[ast.Field]
	object string
}

// maxListFields bounds the table of list modes; when it is full it is
// emptied, and the lists of the queries still in use learn again.
const maxListFields = 10000

// listModeTable is what marshalSlice has learnt of each list field.
type listModeTable struct {
	mu    sync.RWMutex
	modes map[listField]listMode
}

var listModes = &listModeTable{modes: map[listField]listMode{}}

// InlineListFields returns how many list fields of the queries seen
// are marshalled inline now (for tests and diagnostics).
func InlineListFields() int {
	listModes.mu.RLock()
	defer listModes.mu.RUnlock()
	n := 0
	for _, mode := range listModes.modes {
		if mode == marshalInline {
			n++
		}
	}
	return n
}

func (t *listModeTable) get(key listField) listMode {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.modes[key]
}

// set records mode for key; a field once concurrent stays so.
func (t *listModeTable) set(key listField, mode listMode) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.modes[key] == marshalConcurrently {
		return
	}
	if len(t.modes) >= maxListFields {
		clear(t.modes)
	}
	t.modes[key] = mode
}

// resolveField resolves one field and marshals its value, as
// graphql.ResolveField does, but hands the field's resolver to the
// interceptors of fields as it is: gqlgen's wraps it in a closure of its
// own, so that a context an interceptor (handler.Server.AroundFields)
// passes on reaches the field's children, which costs two allocations
// for every field, and the server has no such interceptor. An
// interceptor still runs around every field this resolves; the children
// see the field's context as the executor made it. A field with
// directives (middlewareChain) is resolved by gqlgen's function. The
// context carrying the field's is made from contexts, the operation's
// (withFieldContext). The fields that show a struct's never-null scalar
// do not come here at all: scripts/generate writes them to marshal the value directly (no
// interceptor sees those).
func resolveField[T any](
	ctx context.Context,
	oc *graphql.OperationContext,
	contexts *fieldContexts,
	field graphql.CollectedField,
	initializeFieldContext func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error),
	fieldResolver func(ctx context.Context) (any, error),
	middlewareChain func(ctx context.Context, next graphql.Resolver) graphql.Resolver,
	marshal func(ctx context.Context, sel ast.SelectionSet, v T) graphql.Marshaler,
	recoverFromPanic bool,
	nonNull bool,
) (ret graphql.Marshaler) {
	if middlewareChain != nil {
		return graphql.ResolveField(ctx, oc, field, initializeFieldContext, fieldResolver, middlewareChain, marshal, recoverFromPanic, nonNull)
	}
	ctx, fc, ok := enterField(ctx, contexts, field, initializeFieldContext)
	if !ok {
		return graphql.Null
	}
	if recoverFromPanic {
		defer recoverToNull(ctx, oc, &ret)
	}
	res, err := oc.ResolverMiddleware(ctx, fieldResolver)
	if err != nil {
		oc.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
		if fc.NonNull && !nonNull {
			return graphql.RequiredNull
		}
		return graphql.Null
	}
	if res == nil {
		if nonNull || fc.NonNull {
			graphql.AddInvalidNullError(ctx, "")
		}
		if fc.NonNull && !nonNull {
			return graphql.RequiredNull
		}
		return graphql.Null
	}
	if v, ok := res.(T); ok {
		fc.Result = v
		return marshal(ctx, field.Selections, v)
	}
	if m, ok := res.(graphql.Marshaler); ok {
		fc.Result = m
		return m
	}
	var want T
	oc.Errorf(ctx, "unexpected type %T from middleware/directive chain, should be %T", res, want)
	return graphql.Null
}

// enterField makes the field context of field with initialize and
// returns ctx carrying it (withFieldContext); false when initialize
// failed (it reports its error), and the field is null.
func enterField(ctx context.Context, contexts *fieldContexts, field graphql.CollectedField,
	initialize func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error),
) (context.Context, *graphql.FieldContext, bool) {
	fc, err := initialize(ctx, field)
	if err != nil {
		return ctx, nil, false
	}
	return withFieldContext(contexts, ctx, fc), fc, true
}

// recoverToNull, deferred by a field's resolve, makes a panic the
// field's error and its value null.
func recoverToNull(ctx context.Context, oc *graphql.OperationContext, ret *graphql.Marshaler) {
	if r := recover(); r != nil {
		oc.Error(ctx, oc.Recover(ctx, r))
		*ret = graphql.Null
	}
}

// resolveStructField marshals a field that shows a field of its
// object's struct, v, as resolveField does a resolver returning v, but
// without a resolver: gqlgen's resolver for such a field is a closure
// made for every object (it holds the object) and called through the
// interceptors of fields, which the server has none of (see
// resolveField). A query showing a thousand partners shows three such
// fields on each (an edge's node, a participation's organisation, a
// page's edges). A value of a struct's field is never an untyped nil, so
// null and the errors of null are the marshaller's to write, as they are
// when resolveField is handed one. scripts/generate has every field that
// shows a struct's field of a pointer, slice or basic type resolved
// here; no interceptor sees those.
func resolveStructField[T any](
	ctx context.Context,
	oc *graphql.OperationContext,
	contexts *fieldContexts,
	field graphql.CollectedField,
	initializeFieldContext func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error),
	v T,
	marshal func(ctx context.Context, sel ast.SelectionSet, v T) graphql.Marshaler,
	recoverFromPanic bool,
) (ret graphql.Marshaler) {
	ctx, fc, ok := enterField(ctx, contexts, field, initializeFieldContext)
	if !ok {
		return graphql.Null
	}
	if recoverFromPanic {
		defer recoverToNull(ctx, oc, &ret)
	}
	fc.Result = v
	return marshal(ctx, field.Selections, v)
}

// perOperation keeps what one operation makes once and uses again, by
// key: the fields of an object type collected from a selection set
// (fieldsCache), the arguments of a field (argsCache). Values whose
// making fails are not kept.
type perOperation[K comparable, V any] struct {
	mu   sync.Mutex
	made map[K]V
}

// get returns the value of key, made by build the first time the
// operation asks.
func (c *perOperation[K, V]) get(key K, build func() (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := c.made[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := build()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.made == nil {
		c.made = map[K]V{}
	}
	c.made[key] = v
	c.mu.Unlock()
	return v, nil
}

// fieldsCache holds, for one operation, the fields gqlgen's
// CollectFields collects from a selection set for an object type, by the
// selection set and the type's implementors (a slice of the generated
// code's, one per type). gqlgen keeps such a cache too, but makes its
// key from a hash of the implementors' names and a reflected pointer:
// two allocations and a hash for every object marshalled, where this
// key is two pointers and a length (query 7 marshals about 3,000
// objects). scripts/generate has executionContext hold one and every
// CollectFields call go through collectFields.
type fieldsCache = perOperation[fieldsKey, []graphql.CollectedField]

// fieldsKey names a selection set (its first selection and length, as
// gqlgen's key does) and an object type (its implementors).
type fieldsKey struct {
	selection  *ast.Selection
	selections int
	implements *string
}

// collectFields returns graphql.CollectFields of sel for an object that
// satisfies the types named, collected once per operation: c is the
// operation's cache.
func collectFields(oc *graphql.OperationContext, c *fieldsCache, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if len(sel) == 0 || len(satisfies) == 0 {
		return graphql.CollectFields(oc, sel, satisfies)
	}
	fields, _ := c.get(fieldsKey{&sel[0], len(sel), &satisfies[0]}, func() ([]graphql.CollectedField, error) {
		return graphql.CollectFields(oc, sel, satisfies), nil
	})
	return fields
}

// fieldContexts hands out the field contexts of one operation, and the
// contexts that carry them, from slabs: a query showing a thousand
// objects makes a field context and a context for each of their fields,
// two allocations a field (a quarter of the server's allocations on
// query 7), where a slab makes up to a few hundred at once.
// scripts/generate has executionContext hold one, the generated field
// contexts made by newFieldContext and every field's context by
// withFieldContext. What a slab holds lives as long as any of it is
// used, which is as long as the operation.
type fieldContexts struct {
	mu                       sync.Mutex
	fields                   []graphql.FieldContext
	contexts                 []withField
	fieldsSlab, contextsSlab int // the sizes of the last slabs
}

// Slabs grow from the first size to the largest, so that a small query
// makes a few small ones.
const (
	firstSlab   = 8
	largestSlab = 256
)

// nextSlab returns the size of the slab after one of size last.
func nextSlab(last int) int {
	return min(max(2*last, firstSlab), largestSlab)
}

// newFieldContext returns an empty field context from c.
func newFieldContext(c *fieldContexts) *graphql.FieldContext {
	c.mu.Lock()
	if len(c.fields) == 0 {
		c.fieldsSlab = nextSlab(c.fieldsSlab)
		c.fields = make([]graphql.FieldContext, c.fieldsSlab)
	}
	fc := &c.fields[0]
	c.fields = c.fields[1:]
	c.mu.Unlock()
	return fc
}

// withFieldContext returns ctx carrying fc, as graphql.WithFieldContext
// does (fc's parent is the field context ctx carries), the context made
// from c.
func withFieldContext(c *fieldContexts, ctx context.Context, fc *graphql.FieldContext) context.Context {
	fc.Parent = graphql.GetFieldContext(ctx)
	c.mu.Lock()
	if len(c.contexts) == 0 {
		c.contextsSlab = nextSlab(c.contextsSlab)
		c.contexts = make([]withField, c.contextsSlab)
	}
	w := &c.contexts[0]
	c.contexts = c.contexts[1:]
	c.mu.Unlock()
	w.Context, w.fc = ctx, fc
	return w
}

// withField is a context carrying a field context, found by
// graphql.GetFieldContext as one carried by graphql.WithFieldContext.
type withField struct {
	context.Context
	fc *graphql.FieldContext
}

// Value returns the field context under gqlgen's key for it, and what
// the parent context holds under any other.
func (w *withField) Value(key any) any {
	if key == fieldContextKey {
		return w.fc
	}
	return w.Context.Value(key)
}

// fieldContextKey is the key gqlgen keeps a field context under in a
// context, which it does not export: learnt once, by asking
// graphql.GetFieldContext of a context that notes the key it is asked
// for.
var fieldContextKey = func() any {
	var spy keySpy
	graphql.GetFieldContext(&spy)
	return spy.asked
}()

// keySpy is a context that holds nothing and notes the last key it was
// asked for.
type keySpy struct {
	context.Context
	asked any
}

// Value notes key and returns nil.
func (s *keySpy) Value(key any) any {
	s.asked = key
	return nil
}

// argsCache holds, for one operation, the arguments of each field of the
// query as the generated code parses them, by the field in the parsed
// document: a field's arguments are the same wherever it resolves in one
// operation (they depend on the document and the variables alone), and a
// field under a list is parsed for every element (a partners(first: 10)
// under a page of a hundred projects, a map and a few allocations each).
// Arguments that fail to parse are not kept: each element reports its
// error, as without the cache. scripts/generate has executionContext hold
// one and every field's arguments parsed through fieldArgs.
type argsCache = perOperation[*ast.Field, map[string]any]

// fieldArgs returns the arguments of field, parsed by parse the first
// time the operation asks; c is the operation's cache. The map returned
// is shared by every resolve of the field and must not be changed.
func fieldArgs(c *argsCache, field graphql.CollectedField, parse func() (map[string]any, error)) (map[string]any, error) {
	return c.get(field.Field, parse)
}
