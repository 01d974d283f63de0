package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/cancermissionhub/hubgraph/graph/generated"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// TestPlansPartialReads checks which read-ahead steps read their nodes
// partially, and which properties: only where every field shown is one
// a partial read covers (the server's TestReadAheadCoversNestedRelations
// checks that such answers equal whole reads).
func TestPlansPartialReads(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	tests := []struct {
		name, query string
		vars        map[string]any
		want        string
	}{
		{"ids and relations only", `{ programme(id: "p") { calls(first: 10) { edges { node { id projects(first: 10) { edges { node {
  id partners(first: 10) { edges { node { organisation { id parent { id } } } } } } } } } } } } }`, nil,
			"IN_PROGRAMME{}(RESPONDS_TO{}(PARTICIPATES_IN{}(UNIT_OF{})))"},
		{"names", `{ organisation(id: "o") { participations(first: 3, rollUp: NONE) { edges { node { role project { id name
  partners(first: 2) { edges { node { organisation { __typename id name website } } } } } } } } } }`, nil,
			"PARTICIPATES_IN{name}*(PARTICIPATES_IN{name,website})"},
		{"a field no partial read covers", `{ pillar(id: "p") { organisations(first: 5) { edges { node { id name focus } } }
  projects(first: 5) { edges { node { name } } } } }`, nil,
			"COVERS, COVERS{name}"},
		{"fragments", `query { project(id: "p") { partners(first: 2) { edges { node { organisation { ... on Organisation { name } } } } }
  calls { ...C } } } fragment C on Call { title version }`, nil,
			"PARTICIPATES_IN{name}, RESPONDS_TO"},
		{"a roll-up other than NONE reads kinds", `query($r: RollUp) { project(id: "p") { partners(first: 2) { edges { node {
  organisation { id participations(first: 1, rollUp: $r) { totalCount } } } } } } }`, map[string]any{"r": "LEGAL_ENTITY"},
			"PARTICIPATES_IN(PARTICIPATES_IN{}#, UNIT_OF, UNIT_OF)"},
		{"a roll-up of NONE", `query($r: RollUp) { project(id: "p") { partners(first: 2) { edges { node {
  organisation { id participations(first: 1, rollUp: $r) { totalCount } } } } } } }`, map[string]any{"r": "NONE"},
			"PARTICIPATES_IN{}(PARTICIPATES_IN{}#)"},
		{"edges that show the node they hang from, more than a partial read covers", `{ organisation(id: "o") { participations(first: 3, rollUp: NONE) {
  edges { node { project { id partners(first: 2) { edges { node { project { id description } organisation { id } } } } } } } } } }`, nil,
			"PARTICIPATES_IN(PARTICIPATES_IN{})"},
		{"edges that show the node they hang from, as a partial read covers", `{ organisation(id: "o") { participations(first: 3, rollUp: NONE) {
  edges { node { project { id partners(first: 2) { edges { node { project { id name } organisation { id } } } } } } } } } }`, nil,
			"PARTICIPATES_IN{name}(PARTICIPATES_IN{})"},
		{"memberships resolve by id", `{ organisation(id: "o") { memberOf(first: 2) { edges { node { organisation { id name } } } } } }`, nil,
			"MEMBER_OF"},
		{"links that state something", `{ organisation(id: "o") { memberOf(first: 2) { edges { node { since organisation { id } } } }
  participations(first: 2, rollUp: NONE) { edges { node { __typename organisation { id } project { id partners(first: 2) {
    edges { cursor node { sources { reference } project { id } organisation { id } } } } } } } } } }`, nil,
			"MEMBER_OF*, PARTICIPATES_IN{}(PARTICIPATES_IN{}*)"},
		{"roles and persons are whole", `{ organisation(id: "o") { roles(first: 2) { edges { node { id people { id name } } } } } }`, nil,
			"SEAT_AT(HOLDS)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := rootField(t, schema, tt.query)
			p := &planner{vars: tt.vars}
			if got := describeSteps(p.stepsBelow(root.Definition.Type.Name(), root.SelectionSet, 0)); got != tt.want {
				t.Errorf("planned %s, want %s", got, tt.want)
			}
		})
	}
}

// describeSteps names each step by its relation type, the properties of
// a partial read in braces, # when it counts its total, * when it reads
// its links' properties, and the steps below it in parentheses.
func describeSteps(steps []ecosystem.Step) string {
	var out []string
	for _, s := range steps {
		d := string(s.Relation.Type)
		if s.Partial {
			d += "{" + strings.Join(s.Properties, ",") + "}"
		}
		if s.Page != nil && !s.OmitTotal {
			d += "#"
		}
		if s.Page != nil && !s.OmitLinkProperties {
			d += "*"
		}
		if len(s.Then) > 0 {
			d += "(" + describeSteps(s.Then) + ")"
		}
		out = append(out, d)
	}
	return strings.Join(out, ", ")
}

// TestPlansPartialSearches checks which searches read their hits'
// entities partially, and which properties: only where what the hits
// show on every label searched is what a partial read covers.
func TestPlansPartialSearches(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	tests := []struct {
		name, query string
		labels      []ecosystem.Label
		want        string
	}{
		{"a name on one type", `{ search(text: "k", types: ["Organisation"]) { totalCount edges { score node { id ... on Organisation { name } } } } }`,
			[]ecosystem.Label{ecosystem.LabelOrganisation}, "{name}"},
		{"ids only", `{ search(text: "k", types: ["Organisation", "Project"]) { edges { node { id __typename } } } }`,
			[]ecosystem.Label{ecosystem.LabelOrganisation, ecosystem.LabelProject}, "{}"},
		{"fragments on each type", `query { search(text: "k", types: ["Organisation", "Project"]) { edges { node { id
  ... on Organisation { name website } ...P } } } } fragment P on Project { acronym partners(first: 2) { totalCount } }`,
			[]ecosystem.Label{ecosystem.LabelOrganisation, ecosystem.LabelProject}, "{acronym,name,website}"},
		{"a field no partial read covers", `{ search(text: "k", types: ["Project"]) { edges { node { id ... on Project { name description } } } } }`,
			[]ecosystem.Label{ecosystem.LabelProject}, "whole"},
		{"a field of the interface no partial read covers", `{ search(text: "k", types: ["Organisation"]) { edges { node { id version } } } }`,
			[]ecosystem.Label{ecosystem.LabelOrganisation}, "whole"},
		{"every type, persons among them", `{ search(text: "k") { edges { node { id } } } }`,
			nil, "whole"},
		{"a fragment on persons, not searched", `{ search(text: "k", types: ["Organisation"]) { edges { node { id ... on Person { name } } } } }`,
			[]ecosystem.Label{ecosystem.LabelOrganisation}, "{}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := rootField(t, schema, tt.query)
			ok, props := (&planner{}).partialHits(selectionsAt(selectionsAt(root.SelectionSet, "edges"), "node"), tt.labels)
			got := "whole"
			if ok {
				got = "{" + strings.Join(props, ",") + "}"
			}
			if got != tt.want {
				t.Errorf("planned %s, want %s", got, tt.want)
			}
		})
	}
}

// rootField parses query against schema and returns its first root
// field.
func rootField(t *testing.T, schema *ast.Schema, query string) *ast.Field {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(schema, query)
	if errs != nil {
		t.Fatal(errs)
	}
	return doc.Operations[0].SelectionSet[0].(*ast.Field)
}

// TestSamePage checks that samePage says two page requests are the same
// exactly when their keys are.
func TestSamePage(t *testing.T) {
	one, two, alsoOne := 1, 2, 1
	requests := []*ecosystem.PageRequest{nil, {}, {First: &one}, {First: &alsoOne}, {First: &two}, {Last: &one},
		{First: &one, After: "a"}, {First: &one, Before: "a"}, {Last: &one, Before: "a"}, {Last: &alsoOne, Before: "a"}}
	for _, a := range requests {
		for _, b := range requests {
			want := (a == nil && b == nil) || (a != nil && b != nil && a.Key() == b.Key())
			if got := samePage(a, b); got != want {
				t.Errorf("samePage(%+v, %+v) = %v, want %v", a, b, got, want)
			}
		}
	}
}
