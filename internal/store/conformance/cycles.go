package conformance

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// hierarchiesNeverLoop checks that no write, an editor's or an
// import's, makes a unit its own ancestor, a programme part of itself
// or a seat its own deputy, whether the loop is within the dataset or
// closes through what is stored; a refused write changes nothing, and
// a write that moves a parent away first may then reverse the link.
func hierarchiesNeverLoop(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	role := func(id string) ecosystem.Node {
		return &ecosystem.Role{Meta: ecosystem.Meta{ID: id}, Title: id, Status: ecosystem.RoleActive}
	}
	prog := func(id string) ecosystem.Node { return &ecosystem.Programme{Meta: ecosystem.Meta{ID: id}, Name: id} }
	link := func(from string, t ecosystem.RelType, to string) ecosystem.Link {
		return ecosystem.Link{From: from, Type: t, To: to, Field: "input." + from}
	}
	base := &ecosystem.Dataset{
		Nodes: []ecosystem.Node{org("a", "A"), org("b", "B"), org("c", "C"), role("r1"), role("r2"), role("r3"), prog("p1"), prog("p2")},
		Links: []ecosystem.Link{
			link("a", ecosystem.RelUnitOf, "b"), link("b", ecosystem.RelUnitOf, "c"),
			link("r1", ecosystem.RelDeputyFor, "r2"), link("r2", ecosystem.RelDeputyFor, "r3"),
			link("p1", ecosystem.RelPartOf, "p2"),
		},
	}
	if _, err := st.Apply(ctx, base); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name string
		ds   *ecosystem.Dataset
	}{
		{"a parent loop through the store (A→B→C→A)", &ecosystem.Dataset{Links: []ecosystem.Link{link("c", ecosystem.RelUnitOf, "a")}}},
		{"a two-step parent loop by an editor (B→C→B)", &ecosystem.Dataset{ByEditor: true, Links: []ecosystem.Link{link("c", ecosystem.RelUnitOf, "b")}}},
		{"a deputy loop", &ecosystem.Dataset{Links: []ecosystem.Link{link("r3", ecosystem.RelDeputyFor, "r1")}}},
		{"a programme loop within the dataset", &ecosystem.Dataset{Nodes: []ecosystem.Node{prog("p3"), prog("p4")},
			Links: []ecosystem.Link{link("p3", ecosystem.RelPartOf, "p4"), link("p4", ecosystem.RelPartOf, "p3")}}},
		{"a programme loop through the store", &ecosystem.Dataset{Links: []ecosystem.Link{link("p2", ecosystem.RelPartOf, "p1")}}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.Snapshot(ctx)
			_, err := st.Apply(ctx, tt.ds)
			if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput || !strings.Contains(err.Error(), "loop") {
				t.Fatalf("Apply = %v, want BAD_USER_INPUT naming the loop", err)
			}
			if !strings.HasPrefix(err.Error(), "input.") {
				t.Errorf("error %q does not name the link's input path", err)
			}
			after, _ := st.Snapshot(ctx)
			if keys(before) != keys(after) {
				t.Errorf("a refused write changed the graph")
			}
		})
	}
	// B's parent moves from C to A's old parent slot: replacing A's
	// parent (B) with C first makes B→A legal.
	move := &ecosystem.Dataset{ByEditor: true,
		ReplaceLinks: []ecosystem.LinkSlot{{From: "a", Type: ecosystem.RelUnitOf}},
		Links:        []ecosystem.Link{link("a", ecosystem.RelUnitOf, "c")}}
	if _, err := st.Apply(ctx, move); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(ctx, &ecosystem.Dataset{ByEditor: true, ReplaceLinks: []ecosystem.LinkSlot{{From: "b", Type: ecosystem.RelUnitOf}},
		Links: []ecosystem.Link{link("b", ecosystem.RelUnitOf, "a")}}); err != nil {
		t.Fatalf("B under A once A is under C: %v", err)
	}
}

// keys lists a snapshot's entities and links, for comparing two.
func keys(s *ecosystem.Snapshot) string {
	var b strings.Builder
	fmt.Fprint(&b, len(s.Nodes))
	for _, l := range s.Links {
		fmt.Fprint(&b, " ", l.Key())
	}
	return b.String()
}
