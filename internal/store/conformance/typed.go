package conformance

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// typedLinksRoundTrip writes the fixture with every link stating all a
// link of its kind can state, and checks that the snapshot and
// neighbours from either end hand back the same typed values.
func typedLinksRoundTrip(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	labels := map[string]ecosystem.Label{}
	for _, n := range ds.Nodes {
		labels[n.NodeMeta().ID] = n.NodeLabel()
	}
	kinds := map[ecosystem.RelType]bool{}
	for i := range ds.Links {
		l := &ds.Links[i]
		row := i + 1
		facts := ecosystem.LinkFacts{Since: fxDate(fmt.Sprintf("2020-01-%02d", 1+i%28)), Until: fxDate("2031-12-31"),
			Sources: []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "kind " + string(l.Type), Row: &row}}}
		if p, ok := l.Props.(*ecosystem.Participation); ok {
			l.Props = &ecosystem.Participation{Role: p.Role, Status: p.Status, ContributionEur: ptr(1000.5 + float64(i)), LinkFacts: facts}
		} else {
			l.Props = &facts
		}
		kinds[l.Type] = true
	}
	if len(kinds) != len(ecosystem.RelTypes) {
		t.Fatalf("the fixture uses %d relationship types, want all %d", len(kinds), len(ecosystem.RelTypes))
	}
	mustApplyDataset(t, st, ds)
	ctx := context.Background()
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[ecosystem.LinkKey]ecosystem.LinkProps{}
	for _, l := range snap.Links {
		stored[l.Key()] = l.Props
	}
	for _, l := range ds.Links {
		if got := stored[l.Key()]; !reflect.DeepEqual(got, l.Props) {
			t.Errorf("snapshot: %s %s %s states %#v, want %#v", l.From, l.Type, l.To, got, l.Props)
		}
		for _, dir := range []ecosystem.Direction{ecosystem.Outgoing, ecosystem.Incoming} {
			at, other := l.From, l.To
			if dir == ecosystem.Incoming {
				at, other = l.To, l.From
			}
			found, err := st.Neighbours(ctx, ecosystem.Relation{Type: l.Type, Direction: dir, Target: labels[other]}, []string{at})
			if err != nil {
				t.Fatal(err)
			}
			var got ecosystem.LinkProps
			for _, nb := range found[at] {
				if nb.Node.NodeMeta().ID == other {
					got = nb.Props
				}
			}
			if !reflect.DeepEqual(got, l.Props) {
				t.Errorf("neighbours of %s (%v): %s %s %s states %#v, want %#v", at, dir, l.From, l.Type, l.To, got, l.Props)
			}
		}
	}
}
