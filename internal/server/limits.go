package server

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Limits bound what one request may ask of the server. Every document
// limit is checked in one pass over the parsed document, linear in its
// size, before validation, the token check or anything else runs. A zero
// field takes its value from DefaultLimits; a negative one switches that
// limit off.
type Limits struct {
	// MaxBodyBytes bounds a POST body (413 above it).
	MaxBodyBytes int64
	// MaxTokens bounds the parser's tokens in a document.
	MaxTokens int
	// MaxDepth bounds how deeply fields nest, fragments expanded.
	MaxDepth int
	// MaxAliases bounds the aliased fields written in a document.
	MaxAliases int
	// MaxDirectives bounds the directives written in a document.
	MaxDirectives int
	// MaxFields bounds the field selections of the operation once its
	// fragments are expanded (a fragment fan-out bomb stops here).
	MaxFields int
	// MaxDuplicateFields bounds the fields answering under one name in one
	// selection set (validation compares those pairwise).
	MaxDuplicateFields int
	// MaxNodes bounds the rows an operation can return: each connection
	// multiplies what is under it by its page size, as GitHub counts.
	MaxNodes int
	// AnalyticsCost is what each analytics field adds to the node count.
	AnalyticsCost int
	// ListBound is the rows counted for a list of objects without paging.
	ListBound int
	// MaxListArgument bounds the items of any list in an argument (ids
	// to compare, say), written or in a variable.
	MaxListArgument int
	// Timeout is a request's deadline.
	Timeout time.Duration
	// SlowQuery is the duration above which a request is logged as slow.
	SlowQuery time.Duration
	// RatePerSecond and RateBurst shape the token bucket of each client
	// (its token, or its address when anonymous).
	RatePerSecond float64
	RateBurst     int
	// MaxExpensive bounds the analytics operations and uploads that run at
	// the same time.
	MaxExpensive int
}

// DefaultLimits are the limits of a server whose configuration leaves
// them unset; the README's settings table lists the same values.
var DefaultLimits = Limits{
	MaxBodyBytes:       1 << 20,
	MaxTokens:          15000,
	MaxDepth:           15,
	MaxAliases:         30,
	MaxDirectives:      50,
	MaxFields:          2000,
	MaxDuplicateFields: 10,
	MaxNodes:           500000,
	AnalyticsCost:      50000,
	ListBound:          10,
	MaxListArgument:    1000,
	Timeout:            30 * time.Second,
	SlowQuery:          2 * time.Second,
	RatePerSecond:      20,
	RateBurst:          100,
	MaxExpensive:       4,
}

// withDefaults returns l with every zero field taken from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	pick(&l.MaxTokens, d.MaxTokens)
	pick(&l.MaxDepth, d.MaxDepth)
	pick(&l.MaxAliases, d.MaxAliases)
	pick(&l.MaxDirectives, d.MaxDirectives)
	pick(&l.MaxFields, d.MaxFields)
	pick(&l.MaxDuplicateFields, d.MaxDuplicateFields)
	pick(&l.MaxNodes, d.MaxNodes)
	pick(&l.AnalyticsCost, d.AnalyticsCost)
	pick(&l.ListBound, d.ListBound)
	pick(&l.MaxListArgument, d.MaxListArgument)
	pick(&l.RateBurst, d.RateBurst)
	pick(&l.MaxExpensive, d.MaxExpensive)
	if l.Timeout == 0 {
		l.Timeout = d.Timeout
	}
	if l.SlowQuery == 0 {
		l.SlowQuery = d.SlowQuery
	}
	if l.RatePerSecond == 0 {
		l.RatePerSecond = d.RatePerSecond
	}
	return l
}

// on reports whether a limit is switched on.
func on(limit int) bool { return limit > 0 }

// docReport is what the check learned about an operation.
type docReport struct {
	// Nodes is the operation's cost: the rows it can return plus the cost
	// of its analytics fields.
	Nodes int64
	// Expensive counts its analytics fields.
	Expensive int
	// Fields counts its field selections, fragments expanded.
	Fields int
	// RootField names its first root field ("" when there is none).
	RootField string
	// Kind is query, mutation or subscription.
	Kind string
	// Name is the operation's name.
	Name string
}

// limitError is a refusal by a limit: BAD_USER_INPUT, with the limit
// and, for the node count, the computed cost in extensions. Reason labels
// the refusal in the metrics.
func limitError(reason string, ext map[string]any, format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	e.Extensions = map[string]any{"code": ecosystem.CodeBadUserInput, "reason": reason}
	for k, v := range ext {
		e.Extensions[k] = v
	}
	return e
}

// checkDocument parses query within the token limit (unless parsed, the
// document of a query seen before, is given) and checks the document
// limits and the cost of the operation that would run (and, with
// hideSchema, refuses introspection). It is linear in the document:
// fragments are expanded only within MaxFields. A parse error is
// returned as gqlparser's (GRAPHQL_PARSE_FAILED); other problems of the
// document are left to validation.
func checkDocument(schema *ast.Schema, lim Limits, hideSchema bool, parsed *ast.QueryDocument, query, operationName string, vars map[string]any) (docReport, *gqlerror.Error) {
	tokens := lim.MaxTokens
	if tokens < 0 {
		tokens = 0
	}
	doc, err := parsed, error(nil)
	if doc == nil {
		doc, err = parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, tokens)
	}
	if err != nil {
		gerr, ok := err.(*gqlerror.Error)
		if !ok {
			gerr = gqlerror.Wrap(err)
		}
		if strings.Contains(gerr.Message, "token limit") {
			return docReport{}, limitError("tokens", map[string]any{"limit": lim.MaxTokens},
				"the document has more than %d tokens", lim.MaxTokens)
		}
		gerr.Extensions = map[string]any{"code": "GRAPHQL_PARSE_FAILED"}
		return docReport{}, gerr
	}
	c := &checker{lim: lim, hideSchema: hideSchema, schema: schema, vars: vars, fragments: map[string]*ast.FragmentDefinition{}, onStack: map[string]bool{}}
	for _, f := range doc.Fragments {
		if _, dup := c.fragments[f.Name]; !dup {
			c.fragments[f.Name] = f
		}
		c.written(f.SelectionSet, len(f.Directives))
	}
	for _, op := range doc.Operations {
		n := len(op.Directives)
		for _, v := range op.VariableDefinitions {
			n += len(v.Directives)
		}
		c.written(op.SelectionSet, n)
	}
	if on(lim.MaxAliases) && c.aliases > lim.MaxAliases {
		return docReport{}, limitError("aliases", map[string]any{"limit": lim.MaxAliases},
			"the document has %d aliases, more than the limit of %d", c.aliases, lim.MaxAliases)
	}
	if on(lim.MaxDirectives) && c.directives > lim.MaxDirectives {
		return docReport{}, limitError("directives", map[string]any{"limit": lim.MaxDirectives},
			"the document has %d directives, more than the limit of %d", c.directives, lim.MaxDirectives)
	}
	if c.defers {
		// gqlgen would leave a deferred field null in the one response
		// this server sends, and send the field itself in a later one
		// nobody reads; the executor counts on no field being deferred
		// (graph/generated/executor.go).
		return docReport{}, limitError("defer", nil,
			"@defer is not supported: the server answers a query in one response; ask without @defer")
	}
	op := pickOperation(doc, operationName)
	if op == nil {
		return docReport{}, nil // validation or gqlgen says why
	}
	root := rootType(schema, op.Operation)
	c.report.Kind, c.report.Name = string(op.Operation), op.Name
	if len(op.SelectionSet) > 0 {
		if f, ok := op.SelectionSet[0].(*ast.Field); ok {
			c.report.RootField = f.Name
		}
	}
	if err := c.selections(op.SelectionSet, root, 1, 1); err != nil {
		return docReport{}, err
	}
	if on(lim.MaxNodes) && c.report.Nodes > int64(lim.MaxNodes) {
		return docReport{}, limitError("cost", map[string]any{"cost": c.report.Nodes, "limit": lim.MaxNodes},
			"the operation could return %d nodes, more than the limit of %d; ask for smaller pages (first) or fewer nested connections",
			c.report.Nodes, lim.MaxNodes)
	}
	return c.report, nil
}

// pickOperation is the operation that would run: the one named, or the
// only one.
func pickOperation(doc *ast.QueryDocument, name string) *ast.OperationDefinition {
	if name != "" {
		return doc.Operations.ForName(name)
	}
	if len(doc.Operations) == 1 {
		return doc.Operations[0]
	}
	return nil
}

func rootType(schema *ast.Schema, op ast.Operation) *ast.Definition {
	switch op {
	case ast.Mutation:
		return schema.Mutation
	case ast.Subscription:
		return schema.Subscription
	}
	return schema.Query
}

type checker struct {
	lim        Limits
	hideSchema bool
	schema     *ast.Schema
	vars       map[string]any
	fragments  map[string]*ast.FragmentDefinition
	onStack    map[string]bool
	aliases    int
	directives int
	defers     bool // a fragment is marked @defer
	report     docReport
}

// written counts the aliases and directives as written, each selection
// once, fragments not expanded.
func (c *checker) written(set ast.SelectionSet, directives int) {
	c.directives += directives
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				c.aliases++
			}
			c.written(s.SelectionSet, len(s.Directives))
		case *ast.InlineFragment:
			c.defers = c.defers || s.Directives.ForName("defer") != nil
			c.written(s.SelectionSet, len(s.Directives))
		case *ast.FragmentSpread:
			c.defers = c.defers || s.Directives.ForName("defer") != nil
			c.directives += len(s.Directives)
		}
	}
}

// selections walks one selection set of type parent (nil when unknown)
// at depth, under mult rows, with its fragments expanded in place.
func (c *checker) selections(set ast.SelectionSet, parent *ast.Definition, depth int, mult int64) *gqlerror.Error {
	seen := map[string]int{}
	return c.flat(set, parent, depth, mult, seen)
}

// flat walks the fields of one level: those of set and of the fragments
// it spreads, so that duplicates are counted across them.
func (c *checker) flat(set ast.SelectionSet, parent *ast.Definition, depth int, mult int64, seen map[string]int) *gqlerror.Error {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if err := c.field(s, parent, depth, mult, seen); err != nil {
				return err
			}
		case *ast.InlineFragment:
			p := parent
			if s.TypeCondition != "" {
				p = c.schema.Types[s.TypeCondition]
			}
			if err := c.flat(s.SelectionSet, p, depth, mult, seen); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			f := c.fragments[s.Name]
			if f == nil || c.onStack[s.Name] {
				continue // unknown or cyclic: validation refuses it
			}
			c.onStack[s.Name] = true
			err := c.flat(f.SelectionSet, c.schema.Types[f.TypeCondition], depth, mult, seen)
			delete(c.onStack, s.Name)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *checker) field(f *ast.Field, parent *ast.Definition, depth int, mult int64, seen map[string]int) *gqlerror.Error {
	lim := c.lim
	c.report.Fields++
	if on(lim.MaxFields) && c.report.Fields > lim.MaxFields {
		return limitError("fields", map[string]any{"limit": lim.MaxFields},
			"the operation selects more than %d fields once its fragments are expanded", lim.MaxFields)
	}
	if on(lim.MaxDepth) && depth > lim.MaxDepth {
		return limitError("depth", map[string]any{"limit": lim.MaxDepth},
			"the operation nests fields more than %d deep", lim.MaxDepth)
	}
	if c.hideSchema && (f.Name == "__schema" || f.Name == "__type") {
		return limitError("introspection", nil, "introspection is turned off on this server")
	}
	key := f.Alias
	if key == "" {
		key = f.Name
	}
	seen[key]++
	if on(lim.MaxDuplicateFields) && seen[key] > lim.MaxDuplicateFields {
		return limitError("duplicates", map[string]any{"limit": lim.MaxDuplicateFields, "field": key},
			"the field %q is selected more than %d times in one selection set", key, lim.MaxDuplicateFields)
	}
	var def *ast.FieldDefinition
	// Introspection answers from the schema, bounded by its size: only
	// the field and depth limits apply to it.
	if parent != nil && !strings.HasPrefix(parent.Name, "__") {
		def = parent.Fields.ForName(f.Name)
	}
	if def == nil {
		if len(f.SelectionSet) == 0 {
			return nil
		}
		return c.selections(f.SelectionSet, nil, depth+1, mult)
	}
	if on(lim.MaxListArgument) {
		for _, a := range f.Arguments {
			v, _ := a.Value.Value(c.vars)
			if n := longestList(v); n > lim.MaxListArgument {
				return limitError("list_argument", map[string]any{"limit": lim.MaxListArgument, "field": a.Name},
					"the argument %s of %s holds a list of %d items, more than the limit of %d", a.Name, f.Name, n, lim.MaxListArgument)
			}
		}
	}
	typ := c.schema.Types[def.Type.Name()]
	rows := int64(0) // rows this field adds, per row above it
	child := mult
	if typ != nil && typ.Kind != ast.Scalar && typ.Kind != ast.Enum {
		switch {
		case strings.HasSuffix(typ.Name, "Connection"):
			n, err := c.pageSize(f, def)
			if err != nil {
				return err
			}
			rows = n
		case def.Type.Elem != nil && !strings.HasSuffix(parent.Name, "Connection"):
			rows = int64(lim.ListBound)
			if n, ok := c.intArg(f, def, "first"); ok && n >= 0 {
				rows = n
			}
		}
		if rows > 0 {
			child = mulSat(mult, rows)
			c.report.Nodes = addSat(c.report.Nodes, child)
		}
	}
	if isAnalytics(def, parent) {
		c.report.Expensive++
		c.report.Nodes = addSat(c.report.Nodes, mulSat(mult, int64(lim.AnalyticsCost)))
	}
	if len(f.SelectionSet) == 0 {
		return nil
	}
	return c.selections(f.SelectionSet, typ, depth+1, child)
}

// pageSize is a connection's page: first or last, else its default;
// above ecosystem.MaxPageSize it is refused here, before anything runs.
func (c *checker) pageSize(f *ast.Field, def *ast.FieldDefinition) (int64, *gqlerror.Error) {
	size := int64(ecosystem.DefaultPageSize)
	for _, name := range []string{"first", "last"} {
		n, ok := c.intArg(f, def, name)
		if !ok {
			continue
		}
		if n > ecosystem.MaxPageSize {
			return 0, limitError("page", map[string]any{"limit": ecosystem.MaxPageSize, "field": name},
				"%s on %s must be at most %d", name, f.Name, ecosystem.MaxPageSize)
		}
		size = max(n, 0)
	}
	return size, nil
}

// intArg is the value of an Int argument, from the document, a variable
// or the argument's default.
func (c *checker) intArg(f *ast.Field, def *ast.FieldDefinition, name string) (int64, bool) {
	var v any
	if a := f.Arguments.ForName(name); a != nil {
		v, _ = a.Value.Value(c.vars)
	} else if d := def.Arguments.ForName(name); d != nil && d.DefaultValue != nil {
		v, _ = d.DefaultValue.Value(nil)
	}
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case float64:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case string: // a literal's raw text
		var i int64
		_, err := fmt.Sscan(n, &i)
		return i, err == nil
	}
	return 0, false
}

// isAnalytics reports whether a field is an entry into the analytics:
// declared in schema/analytics.graphqls on a type declared elsewhere
// (Query, Organisation), so that the schema file is the one list.
func isAnalytics(def *ast.FieldDefinition, parent *ast.Definition) bool {
	src := func(p *ast.Position) string {
		if p == nil || p.Src == nil {
			return ""
		}
		return p.Src.Name
	}
	return strings.HasSuffix(src(def.Position), "analytics.graphqls") && !strings.HasSuffix(src(parent.Position), "analytics.graphqls")
}

// longestList is the length of the longest list in an argument's value.
func longestList(v any) int {
	n := 0
	switch v := v.(type) {
	case []any:
		n = len(v)
		for _, e := range v {
			n = max(n, longestList(e))
		}
	case map[string]any:
		for _, e := range v {
			n = max(n, longestList(e))
		}
	}
	return n
}

func mulSat(a, b int64) int64 {
	if a != 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}

func addSat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
