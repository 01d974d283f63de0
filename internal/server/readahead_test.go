package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/graph"
	"github.com/cancermissionhub/hubgraph/graph/generated"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
	"github.com/cancermissionhub/hubgraph/seed"
)

// TestReadAheadCoversNestedRelations asks, for every field the read
// ahead follows, the entity of its type with the most links in the seed
// for that field with every relation field of the type it reaches nested
// below it. On Neo4j each such query must cost one round trip, the root
// entity with everything below it (Store.NodesWith), whatever the
// loaders' wait: a field whose resolver reads otherwise than
// graph.ReadAheadFields says costs one more. Fields that take a roll-up
// are asked with rollUp: NONE, since expanding a roll-up walks the unit
// tree one level per round trip past the first (rollup.Expand; the
// N+1 test bounds that). The answers must be those of the embedded
// store, which follows level by level. Each query runs twice on Neo4j:
// the second time the executor marshals the lists it saw read nothing
// on one goroutine, element after element (graph/generated/executor.go),
// and must answer the same.
func TestReadAheadCoversNestedRelations(t *testing.T) {
	inlineBefore := generated.InlineListFields()
	neo := neo4jtest.Seeded(t)
	onNeo4j := newServer(t, neo, nil, 0)
	embedded := newServer(t, memtest.Seeded(t), nil, 0)

	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]int{}
	for _, l := range ds.Links {
		links[l.From]++
		links[l.To]++
	}
	busiest := map[string]string{}
	for _, n := range ds.Nodes {
		label, id := string(n.NodeLabel()), n.NodeMeta().ID
		if b, ok := busiest[label]; !ok || links[id] > links[b] {
			busiest[label] = id
		}
	}
	fields := graph.ReadAheadFields()
	byType := map[string][]graph.ReadAheadField{}
	for _, f := range fields {
		byType[f.Type] = append(byType[f.Type], f)
	}
	// selection asks for f with sub selected on the nodes it reaches.
	// Nodes show the fields a partial read may show (graph.PartialFields),
	// so that Neo4j reads them partially and must still answer as the
	// embedded store, which reads whole nodes.
	selection := func(f graph.ReadAheadField, sub string) string {
		node := strings.Join(append([]string{"id"}, graph.PartialFields(f.Target)...), " ") + " " + sub
		if f.Through != "" {
			node = f.Through + " { " + node + " }"
		}
		if !f.Paged {
			return f.Field + " { " + node + " }"
		}
		args := "first: 3"
		if f.RollUp {
			args += ", rollUp: NONE"
		}
		return f.Field + "(" + args + ") { totalCount pageInfo { hasNextPage } edges { cursor node { " + node + " } } }"
	}
	reached := 0
	for _, f := range fields {
		t.Run(f.Type+"."+f.Field, func(t *testing.T) {
			var below []string
			for _, g := range byType[f.Target] {
				below = append(below, selection(g, ""))
			}
			root := strings.ToLower(f.Type[:1]) + f.Type[1:]
			query := fmt.Sprintf(`query($id: ID!) { %s(id: $id) { id %s } }`, root, selection(f, strings.Join(below, " ")))
			vars := map[string]any{"id": busiest[f.Type]}
			var want json.RawMessage
			embedded.mustQuery(query, vars, &want)
			for _, run := range []string{"first", "second"} {
				before := neo.RoundTrips()
				var got json.RawMessage
				onNeo4j.mustQuery(query, vars, &got)
				if trips := neo.RoundTrips() - before; trips != 1 {
					t.Errorf("%s run: %d round trips, want 1 (the root with everything below it)\n%s", run, trips, query)
				}
				if string(got) != string(want) {
					t.Errorf("%s run: Neo4j answered\n%s\nthe embedded store\n%s", run, got, want)
				}
				reached += strings.Count(string(got), `"id"`)
			}
		})
	}
	inline := generated.InlineListFields() - inlineBefore
	t.Logf("%d more list fields marshal inline after %d queries", inline, len(fields))
	if inline < len(fields) {
		t.Errorf("%d more list fields marshal inline after %d queries read ahead whole, each with lists", inline, len(fields))
	}
	if reached < 6*len(fields) {
		t.Errorf("the queries reached %d entities for %d fields; the seed should reach more", reached, len(fields))
	}
	t.Run("KeepsTheCursorsASelectionShows", func(t *testing.T) { keepsTheCursorsASelectionShows(t, onNeo4j, embedded) })
	t.Run("ShowsWholeWhatAPartialReadAlsoReached", func(t *testing.T) { showsWholeWhatAPartialReadAlsoReached(t, onNeo4j, embedded) })
	t.Run("ShowsWhatTheLinksStateWhereAsked", func(t *testing.T) { showsWhatTheLinksStateWhereAsked(t, onNeo4j, embedded) })
}

// showsWhatTheLinksStateWhereAsked asks for pages of links that show what
// the links state (a participation's role, a membership's sources),
// beside the same pages showing only the nodes at their ends (which Neo4j
// reads without the links' properties, Step.OmitLinkProperties), and
// expects the embedded store's answer.
func showsWhatTheLinksStateWhereAsked(t *testing.T, onNeo4j, embedded *client) {
	query := `query($id: ID!) { organisation(id: $id) {
  lean: participations(first: 3, rollUp: NONE) { edges { node { project { id partners(first: 3) { edges { node { organisation { id } } } } } } } }
  full: participations(first: 3, rollUp: NONE) { edges { node { role status since sources { kind reference }
    project { id partners(first: 3) { edges { node { role contributionEur sources { kind reference } organisation { id } } } } } } } }
  leanGroups: memberOf(first: 3) { edges { node { organisation { id } } } }
  groups: memberOf(first: 3) { edges { node { since sources { kind reference } organisation { id } } } } } }`
	answerAlikeShowing(t, onNeo4j, embedded, query, `"reference":"`, 6)
}

// answerAlikeShowing asks Neo4j and the embedded store query about
// kreftforeningen and expects the same answer, showing what shows at
// least atLeast times.
func answerAlikeShowing(t *testing.T, onNeo4j, embedded *client, query, shows string, atLeast int) {
	t.Helper()
	vars := map[string]any{"id": "kreftforeningen"}
	var got, want json.RawMessage
	onNeo4j.mustQuery(query, vars, &got)
	embedded.mustQuery(query, vars, &want)
	if string(got) != string(want) {
		t.Errorf("Neo4j answered\n%s\nthe embedded store\n%s", got, want)
	}
	if n := strings.Count(string(got), shows); n < atLeast {
		t.Errorf("%s shows %d times in the answer; the seed should give more:\n%s", shows, n, got)
	}
}

// TestRootListsReadPartiallyAnswerAsWhole asks every root connection of
// a type graph.PartialFields covers for its entities' partial fields
// (read partially on Neo4j), then for more (read whole), forward and
// back, and expects the embedded store's answer, which reads whole
// entities.
func TestRootListsReadPartiallyAnswerAsWhole(t *testing.T) {
	onNeo4j := newServer(t, neo4jtest.Seeded(t), nil, 0)
	embedded := newServer(t, memtest.Seeded(t), nil, 0)
	for _, root := range []struct{ field, typeName string }{
		{"organisations", "Organisation"}, {"projects", "Project"}, {"calls", "Call"}, {"programmes", "Programme"}, {"topics", "Topic"},
	} {
		fields := strings.Join(append([]string{"id"}, graph.PartialFields(root.typeName)...), " ")
		for _, sel := range []string{
			fmt.Sprintf("%s(first: 30) { totalCount edges { cursor node { %s } } }", root.field, fields),
			fmt.Sprintf("%s(last: 5) { pageInfo { hasPreviousPage } edges { node { %s version } } }", root.field, fields),
			fmt.Sprintf("%s(first: 5) { edges { node { ... on %s { %s } } } }", root.field, root.typeName, fields),
		} {
			t.Run(root.field, func(t *testing.T) { answerAlike(t, onNeo4j, embedded, "{ "+sel+" }") })
		}
	}
}

// TestSearchesReadPartiallyAnswerAsWhole asks Neo4j (which reads the
// hits of a lean search partially, with the ranking) and the embedded
// store (which reads them whole) the same searches, lean and not, and
// expects the same answers.
func TestSearchesReadPartiallyAnswerAsWhole(t *testing.T) {
	onNeo4j := newServer(t, neo4jtest.Seeded(t), nil, 0)
	embedded := newServer(t, memtest.Seeded(t), nil, 0)
	for _, sel := range []string{
		`search(text: "kreft", types: ["Organisation"], first: 5) { totalCount edges { cursor score matchedField node { id ... on Organisation { name shortName sector country website } } } }`,
		`search(text: "kreft", types: ["Organisation", "Project"], first: 8) { edges { node { __typename id ... on Organisation { name } ... on Project { acronym
  partners(first: 2) { totalCount edges { node { organisation { id name } } } } } } } }`,
		`search(text: "kreft", types: ["Organisation"], first: 3) { edges { node { id ... on Organisation { name lean: parent { id name } whole: parent { id name version kinds } } } } }`,
		`search(text: "kreft", types: ["Project"], first: 5) { edges { node { id ... on Project { name description } } } }`,
		`search(text: "kreft", first: 5) { edges { node { id version } } }`,
	} {
		answerAlike(t, onNeo4j, embedded, "{ "+sel+" }")
	}
}

// answerAlike asks both servers query and expects the same answer, with
// an entity in it (the seed has some for every query it is given).
func answerAlike(t *testing.T, onNeo4j, embedded *client, query string) {
	t.Helper()
	var got, want json.RawMessage
	onNeo4j.mustQuery(query, nil, &got)
	embedded.mustQuery(query, nil, &want)
	if string(got) != string(want) {
		t.Errorf("%s\nNeo4j answered\n%s\nthe embedded store\n%s", query, got, want)
	}
	if !strings.Contains(string(got), `"id"`) {
		t.Errorf("no entity in the answer; the seed has some:\n%s", got)
	}
}

// showsWholeWhatAPartialReadAlsoReached asks for the same relations
// twice under different response keys, once showing only fields a
// partial read covers and once showing more, paged and not, and for
// entities a partial read reached through memberships (whose
// organisations resolve by id), and expects on
// Neo4j (which reads the lean selections partially) the embedded
// store's answer, every field of the whole selections included; and the
// same where a lean selection must not be read partially (a roll-up
// that reads kinds, memberships whose organisations resolve by id).
// graph's TestPlansPartialReads checks which selections are partial.
func showsWholeWhatAPartialReadAlsoReached(t *testing.T, onNeo4j, embedded *client) {
	tests := []struct {
		name, query string
		vars        map[string]any
	}{
		{"paged", `query($id: ID!) { organisation(id: $id) { participations(first: 3, rollUp: NONE) { edges { node { project { id
  lean: partners(first: 3) { edges { node { organisation { id name } } } }
  whole: partners(first: 3) { edges { node { organisation { id name version kinds aliases website } } } } } } } }
  memberOf(first: 5) { edges { node { organisation { id name version kinds aliases } } } } } }`,
			map[string]any{"id": "kreftforeningen"}},
		{"not paged", `query($id: ID!) { organisation(id: $id) { units(first: 5) { edges { node { id
  lean: parent { id name } whole: parent { id name version kinds focus } } } } } }`,
			map[string]any{"id": "oslo-universitetssykehus"}},
		{"roll-up other than NONE", `query($id: ID!) { project(id: $id) { partners(first: 5) { edges { node { organisation { id name
  participations(first: 2) { totalCount edges { node { project { id } } } } } } } } } }`,
			map[string]any{"id": "mypath"}},
		{"edges showing the node they hang from", `query($id: ID!) { organisation(id: $id) { id participations(first: 3, rollUp: NONE) { edges { node { project { id
  partners(first: 3) { edges { node { project { id name description version } organisation { id name } } } } } } } } }
  organisations(first: 5) { edges { node { id participations(first: 2, rollUp: NONE) { edges { node { organisation { id name website kinds version } } } } } } } }`,
			map[string]any{"id": "kreftforeningen"}},
		{"memberships", `query($id: ID!) { organisation(id: $id) { id memberOf(first: 5) { edges { node { organisation { id name } } } } } }`,
			map[string]any{"id": "kreftforeningen"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want json.RawMessage
			onNeo4j.mustQuery(tt.query, tt.vars, &got)
			embedded.mustQuery(tt.query, tt.vars, &want)
			if string(got) != string(want) {
				t.Errorf("Neo4j answered\n%s\nthe embedded store\n%s", got, want)
			}
			if n := strings.Count(string(got), `"id"`); n < 2 {
				t.Errorf("%d ids in the answer; the seed should give more:\n%s", n, got)
			}
		})
	}
}

// keepsTheCursorsASelectionShows asks for nested
// connections with and without their cursors and totals, the same field
// twice with the two selections merged, and expects on Neo4j (which
// leaves cursors and totals out of a read ahead that shows none) the
// embedded store's answer, cursors and totals included.
func keepsTheCursorsASelectionShows(t *testing.T, onNeo4j, embedded *client) {
	query := `query($id: ID!) { organisation(id: $id) { participations(first: 3, rollUp: NONE) { edges { node { project { id
	  partners(first: 1) { edges { node { organisation { id } } } }
	  partners(first: 1) { totalCount pageInfo { endCursor hasNextPage } edges { cursor } }
	  lean: partners(first: 2) { totalCount edges { node { organisation { id } } } }
	  full: partners(first: 2) { pageInfo { startCursor } edges { cursor node { organisation { id } } } } } } } } } }`
	answerAlikeShowing(t, onNeo4j, embedded, query, `"cursor":"`, 4)
}
