package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// neighbourPagesAreWindows follows every relation from every fixture
// entity with page requests of every kind (first, last, after, before,
// both cursors) and expects from NeighbourPages exactly what
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
		reqs := []ecosystem.PageRequest{{}, {First: ptr(1)}, {Last: ptr(1)},
			{First: ptr(1), After: cursors[0]}, {Last: ptr(1), Before: cursors[1]},
			{First: ptr(0), After: cursors[0], Before: cursors[1]}, {Last: ptr(5), After: cursors[1], Before: cursors[0]}}
		for _, req := range reqs {
			got, err := st.NeighbourPages(ctx, rel, append(ids, "no-such-id"), req)
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
	if _, err := st.NeighbourPages(ctx, ecosystem.OrganisationParticipations, ids, ecosystem.PageRequest{After: "nonsense"}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("a bad cursor: got %v, want BAD_USER_INPUT", err)
	}
}
