package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// neighbourPagesAreWindows follows every relation from every fixture
// entity with page requests of every kind (first, last, after, before,
// both cursors) and expects from Follow exactly what
// ecosystem.Window cuts out of Neighbours: the same neighbours with the
// same cursors and link properties, the same page flags and the total.
// Each neighbour's cursor is also the one ecosystem.CursorOf computes.
func neighbourPagesAreWindows(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	ctx := context.Background()
	var ids []string
	for _, n := range ds.Nodes {
		ids = append(ids, n.NodeMeta().ID)
	}
	describe := func(ns []ecosystem.Neighbour, next, prev bool, total int) string {
		s := fmt.Sprintf("next=%v prev=%v total=%d", next, prev, total)
		for _, n := range ns {
			props, _ := json.Marshal(n.Props)
			s += fmt.Sprintf(" %s %s %s", n.Cursor.Encode(), n.Node.NodeMeta().ID, props)
		}
		return s
	}
	for name, rel := range relations {
		all, err := st.Neighbours(ctx, rel, ids)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var cursors []string
		for _, ns := range all {
			for _, n := range ns {
				if want := ecosystem.CursorOf(n.Node); n.Cursor != want {
					t.Errorf("%s: %s has cursor %+v, want %+v", name, n.Node.NodeMeta().ID, n.Cursor, want)
				}
				if len(ns) > 1 && len(cursors) < 2 {
					cursors = append(cursors, n.Cursor.Encode())
				}
			}
		}
		if len(cursors) < 2 {
			continue // one neighbour or none: Neighbours' own test covers it
		}
		for _, req := range pageRequests(cursors[0], cursors[1]) {
			got, err := pagesOf(ctx, st, rel, append(ids, "no-such-id"), req)
			if err != nil {
				t.Fatalf("%s %+v: %v", name, req, err)
			}
			for _, id := range ids {
				ns := all[id]
				from, to, page, err := ecosystem.Window(len(ns), func(i int) ecosystem.Cursor { return ns[i].Cursor }, req)
				if err != nil {
					t.Fatal(err)
				}
				want := describe(ns[from:to], page.HasNextPage, page.HasPreviousPage, len(ns))
				p := got[id]
				if p == nil {
					p = &ecosystem.NeighbourPage{}
				}
				if have := describe(p.Neighbours, p.HasNextPage, p.HasPreviousPage, p.Total); have != want {
					t.Errorf("%s from %s, %+v:\n got %s\nwant %s", name, id, req, have, want)
				}
			}
		}
	}
	if _, err := pagesOf(ctx, st, ecosystem.OrganisationParticipations, ids, ecosystem.PageRequest{After: "nonsense"}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("a bad cursor: got %v, want BAD_USER_INPUT", err)
	}
}

// pageRequests returns page requests of every kind around two cursors,
// the first before the second: first, last, after, before, both (and
// both the wrong way round).
func pageRequests(c0, c1 string) []ecosystem.PageRequest {
	return []ecosystem.PageRequest{{}, {First: ptr(1)}, {Last: ptr(1)},
		{First: ptr(1), After: c0}, {Last: ptr(1), Before: c1},
		{First: ptr(0), After: c0, Before: c1}, {Last: ptr(5), After: c1, Before: c0}}
}

// pagesOf follows one paged step: per id, its one page.
func pagesOf(ctx context.Context, st ecosystem.Store, rel ecosystem.Relation, ids []string, req ecosystem.PageRequest) (map[string]*ecosystem.NeighbourPage, error) {
	found, err := st.Follow(ctx, ids, []ecosystem.Step{{Relation: rel, Page: &req}})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ecosystem.NeighbourPage, len(found))
	for id, pages := range found {
		out[id] = pages[0]
	}
	return out, nil
}

// followNestsSteps follows nested steps, paged and whole, from every
// fixture entity and expects what following them one level at a time
// gives: each neighbour's Then holds the pages its own id gets from the
// steps below.
func followNestsSteps(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	ctx := context.Background()
	var ids []string
	for _, n := range ds.Nodes {
		ids = append(ids, n.NodeMeta().ID)
	}
	parent := ecosystem.Step{Relation: ecosystem.OrganisationParent}
	partners := ecosystem.Step{Relation: ecosystem.ProjectPartners, Page: &ecosystem.PageRequest{First: ptr(2)}, Then: []ecosystem.Step{parent}}
	steps := []ecosystem.Step{
		{Relation: ecosystem.OrganisationParticipations, Page: &ecosystem.PageRequest{First: ptr(3)}, Then: []ecosystem.Step{partners,
			{Relation: ecosystem.ProjectPillars}}},
		{Relation: ecosystem.PillarProjects, Page: &ecosystem.PageRequest{Last: ptr(1)}, Then: []ecosystem.Step{partners}},
		{Relation: ecosystem.OrganisationUnits, Page: &ecosystem.PageRequest{First: ptr(5)}, Then: []ecosystem.Step{
			{Relation: ecosystem.OrganisationParticipations, Page: &ecosystem.PageRequest{First: ptr(1)}}}},
		{Relation: ecosystem.EventOrganisations, Then: []ecosystem.Step{parent}},
	}
	nested, err := st.Follow(ctx, append(ids, "no-such-id"), steps)
	if err != nil {
		t.Fatal(err)
	}
	// oneLevel describes what steps reach from id, following each level
	// with a Follow of its own; unpagedOrders counts the unpaged steps it
	// saw reach more than one node.
	unpagedOrders := 0
	var oneLevel func(id string, steps []ecosystem.Step) string
	oneLevel = func(id string, steps []ecosystem.Step) string {
		s := ""
		for _, step := range steps {
			flat := step
			flat.Then = nil
			found, err := st.Follow(ctx, []string{id}, []ecosystem.Step{flat})
			if err != nil {
				t.Fatal(err)
			}
			if step.Page == nil {
				// Every neighbour, in the order Neighbours gives them.
				var got []string
				for _, n := range pageAt(found[id], 0).Neighbours {
					got = append(got, n.Node.NodeMeta().ID)
				}
				want := neighbourIDs(t, st, step.Relation, id)
				if !slices.Equal(got, want) {
					t.Errorf("following %s from %s reached %v, Neighbours %v", step.Relation.Type, id, got, want)
				}
				if len(want) > 1 {
					unpagedOrders++
				}
			}
			s += describePage(pageAt(found[id], 0), true, func(n ecosystem.Neighbour) string { return oneLevel(n.Node.NodeMeta().ID, step.Then) })
		}
		return s
	}
	var asNested func(pages []*ecosystem.NeighbourPage, steps []ecosystem.Step) string
	asNested = func(pages []*ecosystem.NeighbourPage, steps []ecosystem.Step) string {
		s := ""
		for i, step := range steps {
			s += describePage(pageAt(pages, i), !step.OmitLinkProperties, func(n ecosystem.Neighbour) string { return asNested(n.Then, step.Then) })
		}
		return s
	}
	reached := 0
	for _, id := range ids {
		want, got := oneLevel(id, steps), asNested(nested[id], steps)
		if got != want {
			t.Errorf("from %s:\n got %s\nwant %s", id, got, want)
		}
		reached += strings.Count(got, "{")
	}
	if reached < 10 {
		t.Errorf("the steps reached %d nodes in the fixture; the test needs more to mean something", reached)
	}
	if unpagedOrders == 0 {
		t.Error("no unpaged step reached two nodes in the fixture; their order went unchecked")
	}
	// With the entities: what NodesByID and Follow give.
	with, err := st.NodesWith(ctx, append(ids, "no-such-id"), steps)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := st.NodesByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := with["no-such-id"]; ok || len(with) != len(ids) {
		t.Errorf("NodesWith found %d of %d ids (and no-such-id: %v)", len(with), len(ids), ok)
	}
	for _, id := range ids {
		got, want := with[id], nodes[id]
		if got.Node == nil || fmt.Sprint(ecosystem.Properties(got.Node)) != fmt.Sprint(ecosystem.Properties(want)) {
			t.Errorf("NodesWith gave %s as %v, NodesByID as %v", id, got.Node, want)
			continue
		}
		if a, b := asNested(got.Pages, steps), asNested(nested[id], steps); a != b {
			t.Errorf("from %s with the entity:\n got %s\nwant %s", id, a, b)
		}
	}
	// Without cursors, totals and link properties: the same pages,
	// whatever the cursors, totals and links' properties hold.
	omitting := omitCursors(steps)
	lean, err := st.Follow(ctx, ids, omitting)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		want, got := asNested(nested[id], omitting), asNested(lean[id], omitting)
		if strip(got) != strip(want) {
			t.Errorf("from %s without cursors:\n got %s\nwant %s", id, strip(got), strip(want))
		}
	}
	// Partially, names only: the same pages, each node with its id and
	// name as a whole read has them.
	naming := partially(steps, "name")
	named, err := st.Follow(ctx, ids, naming)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if got, want := asNested(named[id], naming), asNested(nested[id], steps); got != want {
			t.Errorf("from %s partially:\n got %s\nwant %s", id, got, want)
		}
		if got, want := namesOn(named[id]), namesOn(nested[id]); got != want {
			t.Errorf("from %s partially, the names:\n got %s\nwant %s", id, got, want)
		}
	}
	if _, err := st.Follow(ctx, ids, []ecosystem.Step{{Relation: ecosystem.OrganisationParticipations, Page: &ecosystem.PageRequest{}, Then: []ecosystem.Step{
		{Relation: ecosystem.ProjectPartners, Page: &ecosystem.PageRequest{Before: "nonsense"}}}}}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("a bad cursor below: got %v, want BAD_USER_INPUT", err)
	}
}

// omitCursors returns steps with OmitCursors, OmitTotal and
// OmitLinkProperties set on each and below.
func omitCursors(steps []ecosystem.Step) []ecosystem.Step {
	out := make([]ecosystem.Step, len(steps))
	for i, s := range steps {
		s.OmitCursors, s.OmitTotal, s.OmitLinkProperties = true, true, true
		s.Then = omitCursors(s.Then)
		out[i] = s
	}
	return out
}

// partially returns steps reading only the given properties of the
// nodes they reach (Step.Partial), and below.
func partially(steps []ecosystem.Step, properties ...string) []ecosystem.Step {
	out := make([]ecosystem.Step, len(steps))
	for i, s := range steps {
		s.Partial, s.Properties = true, properties
		s.Then = partially(s.Then, properties...)
		out[i] = s
	}
	return out
}

// namesOn lists the id and name of every node on pages and below.
func namesOn(pages []*ecosystem.NeighbourPage) string {
	var out []string
	for _, p := range pages {
		if p == nil {
			continue
		}
		for _, n := range p.Neighbours {
			out = append(out, fmt.Sprintf("%s=%v (%s)", n.Node.NodeMeta().ID, ecosystem.Properties(n.Node)["name"], namesOn(n.Then)))
		}
	}
	return strings.Join(out, " ")
}

// strip removes the cursors, totals and page information from a
// description of describePage's: what a step that omits them
// (omitCursors) may leave out.
func strip(description string) string {
	var kept []string
	for _, w := range strings.Fields(description) {
		switch {
		case strings.HasPrefix(w, "[next="):
			kept = append(kept, "[")
		case strings.HasPrefix(w, "cursor:"), strings.HasPrefix(w, "total="), strings.HasPrefix(w, "prev="):
		default:
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// pageAt returns the i-th page, an empty one when there is none.
func pageAt(pages []*ecosystem.NeighbourPage, i int) *ecosystem.NeighbourPage {
	if i < len(pages) && pages[i] != nil {
		return pages[i]
	}
	return &ecosystem.NeighbourPage{}
}

// describePage writes a page as text, each neighbour followed by the
// properties of the link to it (when withProps) and by what below says
// of it.
func describePage(p *ecosystem.NeighbourPage, withProps bool, below func(ecosystem.Neighbour) string) string {
	s := fmt.Sprintf("[next=%v prev=%v total=%d", p.HasNextPage, p.HasPreviousPage, p.Total)
	for _, n := range p.Neighbours {
		props := []byte("-")
		if withProps {
			props, _ = json.Marshal(n.Props)
		}
		s += fmt.Sprintf(" cursor:%s %s %s {%s}", n.Cursor.Encode(), n.Node.NodeMeta().ID, props, below(n))
	}
	return s + "]"
}

// collaboratorPagesAreWindows asks every fixture organisation for pages
// of its collaborators of every kind and expects exactly what
// ecosystem.Window cuts out of Collaborators' ranking.
func collaboratorPagesAreWindows(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	ctx := context.Background()
	var ids []string
	for _, n := range ds.Nodes {
		if n.NodeLabel() == ecosystem.LabelOrganisation {
			ids = append(ids, n.NodeMeta().ID)
		}
	}
	all, err := st.Collaborators(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	describe := func(cs []ecosystem.Collaboration, next, prev bool, total int) string {
		s := fmt.Sprintf("next=%v prev=%v total=%d", next, prev, total)
		for _, c := range cs {
			projects := append([]string(nil), c.ProjectIDs...)
			sort.Strings(projects)
			s += fmt.Sprintf(" %s %s %v", c.RankCursor().Encode(), c.OrganisationID, projects)
		}
		return s
	}
	nodes, err := st.NodesByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	var cursors []string
	for _, cs := range all {
		if len(cs) > 1 && len(cursors) < 2 {
			cursors = append(cursors, cs[0].RankCursor().Encode(), cs[1].RankCursor().Encode())
		}
	}
	if len(cursors) < 2 {
		t.Fatal("no fixture organisation has two collaborators; the test needs one")
	}
	for _, req := range pageRequests(cursors[0], cursors[1]) {
		got, err := st.CollaboratorPages(ctx, append(ids, "no-such-id"), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		if _, ok := got["no-such-id"]; ok {
			t.Errorf("%+v: a page for an id that names nothing", req)
		}
		for _, id := range ids {
			cs := all[id]
			from, to, page, err := ecosystem.Window(len(cs), func(i int) ecosystem.Cursor { return cs[i].RankCursor() }, req)
			if err != nil {
				t.Fatal(err)
			}
			want := describe(cs[from:to], page.HasNextPage, page.HasPreviousPage, len(cs))
			p := got[id]
			if p == nil {
				t.Fatalf("%+v: no page for the organisation %s", req, id)
			}
			if have, want := wholeJSON(p.Organisation), wholeJSON(nodes[id]); p.Organisation == nil || have != want {
				t.Errorf("%+v: the page of %s came with the organisation\n%s\nwant\n%s", req, id, have, want)
			}
			if have := describe(p.Collaborations, p.HasNextPage, p.HasPreviousPage, p.Total); have != want {
				t.Errorf("collaborators of %s, %+v:\n got %s\nwant %s", id, req, have, want)
			}
			for _, c := range p.Collaborations {
				if o := c.Organisation; o != nil && (o.ID != c.OrganisationID || ecosystem.CursorOf(o) != c.Cursor()) {
					t.Errorf("the collaborator %s came with organisation %s (cursor %+v, want %+v)", c.OrganisationID, o.ID, ecosystem.CursorOf(o), c.Cursor())
				}
			}
		}
	}
	if _, err := st.CollaboratorPages(ctx, ids, ecosystem.PageRequest{After: "nonsense"}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("a bad cursor: got %v, want BAD_USER_INPUT", err)
	}
}

// wholeJSON encodes an entity with every field, for comparing two reads
// of it.
func wholeJSON(n ecosystem.Node) string {
	b, err := json.Marshal(n)
	if err != nil {
		return err.Error()
	}
	return string(b)
}
