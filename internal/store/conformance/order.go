package conformance

import (
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// orderingIsCorrect lists every label of the fixture in every order it
// can be sorted by, both directions, and expects exactly the order
// computed here from the fixture: the collation key of the name, a
// date (absent first), a number (absent first) or a count of
// relationships, ties by id ascending in both directions.
func orderingIsCorrect(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	g := indexDataset(ds)
	for _, label := range ecosystem.Labels {
		fields := []ecosystem.OrderField{ecosystem.OrderName}
		for f := range storekit.Orderings[label] {
			fields = append(fields, f)
		}
		var all []string
		for id, n := range g.nodes {
			if n.NodeLabel() == label {
				all = append(all, id)
			}
		}
		for _, f := range fields {
			spec, err := storekit.OrderSpecFor(label, f)
			if err != nil {
				t.Fatal(err)
			}
			keys := map[string]storekit.OrderKey{}
			for _, id := range all {
				keys[id] = expectedKey(g, id, spec)
			}
			for _, desc := range []bool{false, true} {
				want := append([]string{}, all...)
				sort.Slice(want, func(i, j int) bool {
					c := keys[want[i]].Compare(keys[want[j]], spec.Numeric())
					if desc {
						c = -c
					}
					if c != 0 {
						return c < 0
					}
					return want[i] < want[j]
				})
				q := ecosystem.ListQuery{Label: label, Order: ecosystem.Order{Field: f, Desc: desc}}
				got := pageAll(t, st, q, 7, false)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s by %s (desc %v):\n got %v\nwant %v", label, f, desc, got, want)
				}
			}
		}
	}
}

// expectedKey computes an entity's sort key from the dataset.
func expectedKey(g *graphOf, id string, spec storekit.OrderSpec) storekit.OrderKey {
	n := g.nodes[id]
	props := ecosystem.Properties(n)
	switch {
	case spec.DateProperty != "":
		d, _ := props[spec.DateProperty].(string)
		return storekit.OrderKey{Text: d}
	case spec.NumberProperty != "":
		if v, ok := props[spec.NumberProperty].(float64); ok {
			return storekit.OrderKey{Number: v}
		}
		return storekit.OrderKey{Number: -1}
	case spec.Count != nil:
		return storekit.OrderKey{Number: float64(len(g.follow(*spec.Count, id)))}
	}
	return storekit.OrderKey{Text: ecosystem.SortKey(n.SortName())}
}
