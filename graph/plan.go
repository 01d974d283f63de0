package graph

import (
	"context"
	"slices"
	"sort"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// relationField says how a field of an object type follows a relation,
// so that the relations a query nests below a field can be read with it,
// in one store round trip (see readAhead).
type relationField struct {
	rel ecosystem.Relation
	// paged: the field is a connection (first, after, last, before) that
	// the store pages; otherwise a list or single node of every neighbour.
	paged bool
	// through names the field of the edge's node that holds the node
	// reached (a participation's project), "" when the edge's node is it.
	through string
	// filters name the arguments that, given, make the resolver filter
	// in Go over every neighbour rather than ask the store for a page.
	filters []string
	// rollUp: unless its rollUp argument is NONE, the resolver first
	// expands the organisation's roll-up group (rollup.Expand), which
	// reads the organisation's units and parent.
	rollUp bool
	// byID: the resolver of the through field reads the node reached
	// by its id, through the node loader, which holds whole nodes only;
	// such a field is never read partially (Step.Partial).
	byID bool
	// back names the field of the edge's node that shows the node the
	// field is on (a participation's organisation, reached from the
	// organisation): what it selects, a partial read of that node must
	// cover.
	back string
}

// rollUpSteps are what expanding an organisation's roll-up group reads
// first: its units and its parent.
var rollUpSteps = []ecosystem.Step{{Relation: ecosystem.OrganisationUnits}, {Relation: ecosystem.OrganisationParent}}

// relationFields are the fields that follow a relation, by object type
// and field name, as their resolvers follow them. A field missing here is
// read when it resolves, one round trip per level; a field here whose
// resolver reads otherwise costs a wasted read ahead, never a wrong
// answer, because what is read ahead is kept under the relation and page
// it answers (TestReadAheadCoversNestedRelations checks the table).
var relationFields = map[string]map[string]relationField{
	"Organisation": {
		"parent":         {rel: ecosystem.OrganisationParent},
		"units":          {rel: ecosystem.OrganisationUnits, paged: true},
		"memberOf":       {rel: ecosystem.OrganisationMemberOf, paged: true, through: "organisation", byID: true},
		"members":        {rel: ecosystem.OrganisationMembers, paged: true, through: "organisation", byID: true},
		"participations": {rel: ecosystem.OrganisationParticipations, paged: true, through: "project", back: "organisation", filters: []string{"role", "status", "pillar", "activeOn"}, rollUp: true},
		"roles":          {rel: ecosystem.OrganisationRoles, paged: true},
		"seats":          {rel: ecosystem.OrganisationBodySeats, paged: true},
		"pillars":        {rel: ecosystem.OrganisationPillars},
		"funds":          {rel: ecosystem.OrganisationFunds},
		"events":         {rel: ecosystem.OrganisationEvents, paged: true},
	},
	"Project": {
		"partners":   {rel: ecosystem.ProjectPartners, paged: true, through: "organisation", back: "project", filters: []string{"role", "status", "sector", "country"}},
		"calls":      {rel: ecosystem.ProjectCalls},
		"topics":     {rel: ecosystem.ProjectTopics},
		"programmes": {rel: ecosystem.ProjectProgrammes},
		"pillars":    {rel: ecosystem.ProjectPillars},
		"events":     {rel: ecosystem.ProjectEvents, paged: true},
	},
	"Call": {
		"programme": {rel: ecosystem.CallProgramme},
		"parent":    {rel: ecosystem.CallParent},
		"children":  {rel: ecosystem.CallChildren},
		"topics":    {rel: ecosystem.CallTopics},
		"projects":  {rel: ecosystem.CallProjects, paged: true},
		"pillars":   {rel: ecosystem.CallPillars},
	},
	"Pillar": {
		"framework":     {rel: ecosystem.PillarFramework},
		"organisations": {rel: ecosystem.PillarOrganisations, paged: true, filters: []string{"sector"}},
		"projects":      {rel: ecosystem.PillarProjects, paged: true},
		"calls":         {rel: ecosystem.PillarCalls, paged: true},
		"programmes":    {rel: ecosystem.PillarProgrammes, paged: true},
	},
	"Programme": {
		"funder":         {rel: ecosystem.ProgrammeFunder},
		"parent":         {rel: ecosystem.ProgrammeParent},
		"children":       {rel: ecosystem.ProgrammeChildren, paged: true},
		"calls":          {rel: ecosystem.ProgrammeCalls, paged: true, filters: []string{"status", "openOn"}},
		"projects":       {rel: ecosystem.ProgrammeProjects, paged: true},
		"pillars":        {rel: ecosystem.ProgrammePillars},
		"definesPillars": {rel: ecosystem.ProgrammeDefines},
		"events":         {rel: ecosystem.ProgrammeEvents, paged: true},
	},
	"Topic": {
		"calls":    {rel: ecosystem.TopicCalls, paged: true},
		"projects": {rel: ecosystem.TopicProjects, paged: true},
	},
	"Role": {
		"people":       {rel: ecosystem.RolePeople},
		"organisation": {rel: ecosystem.RoleOrganisation},
		"body":         {rel: ecosystem.RoleBody},
		"deputy":       {rel: ecosystem.RoleDeputy},
		"deputyFor":    {rel: ecosystem.RoleDeputyFor},
	},
	"Person": {
		"roles":  {rel: ecosystem.PersonRoles},
		"events": {rel: ecosystem.PersonEvents},
	},
	"Event": {
		"organisations": {rel: ecosystem.EventOrganisations},
		"programme":     {rel: ecosystem.EventProgramme},
		"project":       {rel: ecosystem.EventProject},
		"people":        {rel: ecosystem.EventPeople},
	},
}

// partialFields are, by object type, the fields whose resolvers show a
// stored property of the same name as it is. A read ahead or a root list
// whose nodes show nothing but these, their id and __typename, and
// relation fields (relationFields, whose resolvers use the id alone;
// see planner.partial) reads only those properties (Step.Partial,
// ListQuery.Partial): the floor of issue 13 reads two properties where a
// whole node has up to eighteen. Types missing here are read whole:
// persons and roles, whose privacy rules read more than a query shows,
// and events. TestReadAheadCoversNestedRelations asks for every field
// here on every relation that reaches its type,
// TestRootListsReadPartiallyAnswerAsWhole on every root list.
var partialFields = map[string][]string{
	"Organisation": {"name", "shortName", "sector", "country", "website"},
	"Project":      {"name", "acronym", "code"},
	"Call":         {"title", "identifier"},
	"Programme":    {"name", "acronym"},
	"Pillar":       {"name"},
	"Topic":        {"title", "code"},
}

// PartialFields returns the fields of typeName that a partial read
// ahead may show (partialFields), so that tests can ask for them.
func PartialFields(typeName string) []string {
	return slices.Clone(partialFields[typeName])
}

// Bounds of a read ahead: the steps of one statement and how deep they
// nest. The cost limit bounds what a query may ask; these keep each
// statement's text and plan small. Steps past them are read when their
// fields resolve.
const (
	maxReadAheadSteps = 24
	maxReadAheadDepth = 5
)

// planner turns the selections of a query into steps.
type planner struct {
	vars  map[string]any
	steps int
}

// stepsBelow returns the steps of the fields in sel of an object of
// typeName that follow a relation, each with the steps below it; depth is
// how many levels lie above.
func (p *planner) stepsBelow(typeName string, sel ast.SelectionSet, depth int) []ecosystem.Step {
	if depth >= maxReadAheadDepth {
		return nil
	}
	var out []ecosystem.Step
	seen := map[string]bool{}
	for _, f := range responseFields(sel) {
		if p.steps >= maxReadAheadSteps {
			break
		}
		step, ok := p.stepOf(typeName, f, depth)
		if !ok {
			continue
		}
		steps := []ecosystem.Step{step}
		if rf := relationFields[typeName][f.Name]; rf.rollUp && f.ArgumentMap(p.vars)["rollUp"] != string(ecosystem.RollUpNone) {
			steps = append(steps, rollUpSteps...)
			p.steps += len(rollUpSteps)
		}
		for _, step := range steps {
			if key := step.Key(); !seen[key] {
				seen[key] = true
				out = append(out, step)
			}
		}
	}
	return out
}

// stepOf returns the step that field f of an object of typeName takes,
// with the steps nested below it, or false when f does not follow a
// relation or filters it in Go.
func (p *planner) stepOf(typeName string, f *ast.Field, depth int) (ecosystem.Step, bool) {
	rf, ok := relationFields[typeName][f.Name]
	if !ok {
		return ecosystem.Step{}, false
	}
	args := f.ArgumentMap(p.vars)
	for _, name := range rf.filters {
		if args[name] != nil {
			return ecosystem.Step{}, false
		}
	}
	step := ecosystem.Step{Relation: rf.rel}
	p.steps++
	sel := f.SelectionSet
	if rf.paged {
		req, ok := pageArgs(args)
		if !ok {
			return ecosystem.Step{}, false // the resolver reports it
		}
		step.Page = &req
		step.OmitCursors = !hasField(sel, "pageInfo") && !hasField(selectionsAt(sel, "edges"), "cursor")
		step.OmitTotal = !hasField(sel, "totalCount")
		sel = selectionsAt(selectionsAt(sel, "edges"), "node")
	}
	// A page's edges show what a relationship states only through an
	// edge node of its own (a participation), and then only in fields
	// other than the nodes at its ends.
	step.OmitLinkProperties = step.Page != nil && (rf.through == "" || showsOnly(sel, rf.through, rf.back, "__typename"))
	if rf.through != "" {
		sel = selectionsAt(sel, rf.through)
	}
	step.Then = p.stepsBelow(string(rf.rel.Target), sel, depth+1)
	if !rf.byID {
		step.Partial, step.Properties = p.partial(string(rf.rel.Target), sel)
	}
	if step.Page == nil && step.Partial {
		// Read partially, an unpaged relation resolves from its own page
		// (many), which shows the nodes alone.
		step.OmitLinkProperties = true
	}
	return step, true
}

// partial reports whether the nodes of typeName that show sel may be
// read partially, and which properties they then need (partialFields):
// sel may select their id, __typename, relation fields (with a rollUp
// argument of NONE where they take one: expanding a roll-up group reads
// the organisation's kinds; and covering what the edges show of the node
// itself, relationField.back) and partialFields, through fragments.
func (p *planner) partial(typeName string, sel ast.SelectionSet) (bool, []string) {
	shown, ok := partialFields[typeName]
	if !ok {
		return false, nil
	}
	var props []string
	add := func(more ...string) {
		for _, name := range more {
			if !slices.Contains(props, name) {
				props = append(props, name)
			}
		}
	}
	for _, f := range fieldsOf(sel) {
		rf, isRelation := relationFields[typeName][f.Name]
		switch {
		case f.Name == "id" || f.Name == "__typename":
		case isRelation:
			if rf.rollUp && f.ArgumentMap(p.vars)["rollUp"] != string(ecosystem.RollUpNone) {
				return false, nil
			}
			if rf.back != "" {
				ok, more := p.partial(typeName, selectionsAt(selectionsAt(selectionsAt(f.SelectionSet, "edges"), "node"), rf.back))
				if !ok {
					return false, nil
				}
				add(more...)
			}
		case slices.Contains(shown, f.Name):
			add(f.Name)
		default:
			return false, nil
		}
	}
	sort.Strings(props)
	return true, props
}

// pageArgs reads the Relay arguments of a connection field, false when
// the store would refuse them.
func pageArgs(args map[string]any) (ecosystem.PageRequest, bool) {
	req := ecosystem.PageRequest{}
	if n, ok := intArg(args["first"]); ok {
		req.First = &n
	}
	if n, ok := intArg(args["last"]); ok {
		req.Last = &n
	}
	req.After, _ = args["after"].(string)
	req.Before, _ = args["before"].(string)
	return req, req.Validate() == nil
}

// collaboratorPages returns the pages of the collaborators fields sel
// selects on an organisation (typeName) with a rollUp of NONE: those the
// organisation alone ranks in the store, which a root field can start
// reading beside its own read (Loaders.ReadCollaboratorsEarly).
func (p *planner) collaboratorPages(typeName string, sel ast.SelectionSet) []ecosystem.PageRequest {
	if typeName != string(ecosystem.LabelOrganisation) {
		return nil
	}
	var out []ecosystem.PageRequest
	for _, f := range responseFields(sel) {
		if f.Name != "collaborators" {
			continue
		}
		args := f.ArgumentMap(p.vars)
		if args["rollUp"] != string(ecosystem.RollUpNone) {
			continue
		}
		if req, ok := pageArgs(args); ok {
			out = append(out, req)
		}
	}
	return out
}

// intArg reads an Int argument as the executor hands it over.
func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		return int(n), true
	}
	return 0, false
}

// fieldsOf returns the fields of sel, those in fragments included.
// Fragments count whatever their type condition: a field read ahead for
// a type the node is not costs a wasted read, not a wrong answer.
func fieldsOf(sel ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			out = append(out, s)
		case *ast.InlineFragment:
			out = append(out, fieldsOf(s.SelectionSet)...)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				out = append(out, fieldsOf(s.Definition.SelectionSet)...)
			}
		}
	}
	return out
}

// hasField reports whether sel selects a field named name.
func hasField(sel ast.SelectionSet, name string) bool {
	for _, f := range fieldsOf(sel) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// showsOnly reports whether sel selects no field but those named.
func showsOnly(sel ast.SelectionSet, names ...string) bool {
	for _, f := range fieldsOf(sel) {
		if !slices.Contains(names, f.Name) {
			return false
		}
	}
	return true
}

// responseFields returns the fields of sel one per response key (alias
// or name), the selections of every field with that key merged, as the
// executor merges them: the field a resolver sees.
func responseFields(sel ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	at := map[string]int{}
	for _, f := range fieldsOf(sel) {
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		i, seen := at[key]
		if !seen {
			at[key] = len(out)
			out = append(out, f)
			continue
		}
		merged := *out[i]
		merged.SelectionSet = append(append(ast.SelectionSet{}, merged.SelectionSet...), f.SelectionSet...)
		out[i] = &merged
	}
	return out
}

// selectionsAt returns the selections of the fields of sel named name,
// together.
func selectionsAt(sel ast.SelectionSet, name string) ast.SelectionSet {
	var out ast.SelectionSet
	for _, f := range fieldsOf(sel) {
		if f.Name == name {
			out = append(out, f.SelectionSet...)
		}
	}
	return out
}

// readAhead returns the step the field resolving in ctx takes, with the
// steps the query nests below it, when that field follows rel with req
// as relationFields says; otherwise the step of rel and req alone. The
// plan of a field is made once per operation and object type, and kept
// in l, the operation's loaders: its siblings (the same field on every
// node of a page) share it.
func readAhead(ctx context.Context, l *Loaders, rel ecosystem.Relation, req *ecosystem.PageRequest) keyedStep {
	fc := resolving(ctx)
	if fc == nil {
		return keyed(ecosystem.Step{Relation: rel, Page: req})
	}
	step, ok := l.plan(planKey{fc.Field.Field, fc.Object}, func() (ecosystem.Step, bool) {
		_, p := planning(ctx) // made only when the plan is
		if p == nil {
			return ecosystem.Step{}, false
		}
		// The field as it resolves: the selections of every occurrence
		// of its response key, merged.
		field := *fc.Field.Field
		field.SelectionSet = fc.Field.Selections
		return p.stepOf(fc.Object, &field, 0)
	})
	if !ok || step.Relation != rel || !samePage(step.Page, req) {
		return keyed(ecosystem.Step{Relation: rel, Page: req})
	}
	return step
}

// readAheadBelow returns the steps the query nests below the root field
// resolving in ctx, an object of typeName.
func readAheadBelow(ctx context.Context, typeName string) []ecosystem.Step {
	fc, p := planning(ctx)
	if p == nil {
		return nil
	}
	return p.stepsBelow(typeName, fc.Field.Selections, 0)
}

// collaboratorPagesBelow returns the collaborator pages the root field
// resolving in ctx, an object of typeName, selects (collaboratorPages).
func collaboratorPagesBelow(ctx context.Context, typeName string) []ecosystem.PageRequest {
	fc, p := planning(ctx)
	if p == nil {
		return nil
	}
	return p.collaboratorPages(typeName, fc.Field.Selections)
}

// partialList reports whether the root connection field resolving in
// ctx, a connection of label, may read its entities partially, and which
// properties (planner.partial of what its edges' nodes select); false
// for a field that is not such a connection.
func partialList(ctx context.Context, label ecosystem.Label) (bool, []string) {
	fc, p := planning(ctx)
	if p == nil || fc.Field.Definition == nil || fc.Field.Definition.Type.Name() != string(label)+"Connection" {
		return false, nil
	}
	return p.partial(string(label), selectionsAt(selectionsAt(fc.Field.Selections, "edges"), "node"))
}

// partialSearch reports whether the search field resolving in ctx may
// read its hits' entities partially, and which properties
// (planner.partialHits of what its edges' nodes select).
func partialSearch(ctx context.Context, labels []ecosystem.Label) (bool, []string) {
	fc, p := planning(ctx)
	if p == nil {
		return false, nil
	}
	return p.partialHits(selectionsAt(selectionsAt(fc.Field.Selections, "edges"), "node"), labels)
}

// partialHits reports whether sel, the selections of a search hit's
// entity, may be read partially on every label the search may find
// (labels, or every label when empty), and the properties that takes:
// planner.partial of what sel selects on each label, together.
func (p *planner) partialHits(sel ast.SelectionSet, labels []ecosystem.Label) (bool, []string) {
	if len(labels) == 0 {
		labels = ecosystem.Labels
	}
	var props []string
	for _, l := range labels {
		ok, more := p.partial(string(l), selectionsOn(sel, string(l)))
		if !ok {
			return false, nil
		}
		for _, name := range more {
			if !slices.Contains(props, name) {
				props = append(props, name)
			}
		}
	}
	sort.Strings(props)
	return true, props
}

// selectionsOn returns the selections of sel that apply to an entity of
// typeName: sel without its fragments on other entity types (fragments
// on interfaces are kept whole, which can only make a read whole that
// could have been partial).
func selectionsOn(sel ast.SelectionSet, typeName string) ast.SelectionSet {
	var out ast.SelectionSet
	for _, s := range sel {
		var cond string
		switch f := s.(type) {
		case *ast.InlineFragment:
			cond = f.TypeCondition
		case *ast.FragmentSpread:
			if f.Definition != nil {
				cond = f.Definition.TypeCondition
			}
		}
		if cond != typeName && slices.Contains(ecosystem.Labels, ecosystem.Label(cond)) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// planning returns the field resolving in ctx and a planner over the
// operation's variables, or a nil planner outside an operation.
func planning(ctx context.Context) (*graphql.FieldContext, *planner) {
	fc := resolving(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return nil, nil
	}
	return fc, &planner{vars: graphql.GetOperationContext(ctx).Variables}
}

// resolving returns the field of a query resolving in ctx, nil when none
// is. Whether an operation is under way is planning's to ask, once per
// plan: the operation's context lies at the far end of a field's chain of
// contexts, and every field that follows a relation asks for its plan.
func resolving(ctx context.Context) *graphql.FieldContext {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return nil
	}
	return fc
}

// samePage reports whether a and b are both nil or ask for the same
// page.
func samePage(a, b *ecosystem.PageRequest) bool {
	if a == nil || b == nil {
		return a == b
	}
	sameSize := func(m, n *int) bool { return (m == nil && n == nil) || (m != nil && n != nil && *m == *n) }
	return sameSize(a.First, b.First) && sameSize(a.Last, b.Last) && a.After == b.After && a.Before == b.Before
}

// planKey names a field of a query on objects of one type.
type planKey struct {
	field  *ast.Field
	object string
}

// planned is a field's plan: its step, or false when it is not read
// ahead.
type planned struct {
	step keyedStep
	ok   bool
}

// keyedStep is a step with its key (ecosystem.Step.Key), made once: the
// loaders find a step's pages by it, for every page a query reads.
type keyedStep struct {
	ecosystem.Step
	key string
}

// keyed returns step with its key.
func keyed(step ecosystem.Step) keyedStep {
	return keyedStep{Step: step, key: step.Key()}
}

// ReadAheadField describes one field that is read ahead: on objects of
// Type, Field reaches nodes of Target, a connection when Paged, the node
// in the edge node's field Through when that is not empty; RollUp when
// it takes a rollUp argument (see relationField.rollUp).
type ReadAheadField struct {
	Type, Field, Target, Through string
	Paged, RollUp                bool
}

// ReadAheadFields lists the fields a query's read ahead follows, by type
// and field name, so that tests can ask for each of them.
func ReadAheadFields() []ReadAheadField {
	var out []ReadAheadField
	for typeName, fields := range relationFields {
		for name, rf := range fields {
			out = append(out, ReadAheadField{Type: typeName, Field: name, Target: string(rf.rel.Target), Through: rf.through, Paged: rf.paged, RollUp: rf.rollUp})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Type+"."+out[i].Field < out[j].Type+"."+out[j].Field
	})
	return out
}

// selects reports whether the field resolving in ctx selects a field
// named name (through fragments).
func selects(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Field.Field != nil && hasField(fc.Field.Selections, name)
}
