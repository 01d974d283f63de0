package seed_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
)

// index gives tests lookups over a dataset.
type index struct {
	nodes map[string]ecosystem.Node
	links []ecosystem.Link
}

func load(t *testing.T) index {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatalf("the default dataset does not load: %v", err)
	}
	ix := index{nodes: map[string]ecosystem.Node{}, links: ds.Links}
	for _, n := range ds.Nodes {
		ix.nodes[n.NodeMeta().ID] = n
	}
	return ix
}

// from returns the ids reached from id over links of type t, sorted.
func (ix index) from(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range ix.links {
		if l.From == id && l.Type == t {
			out = append(out, l.To)
		}
	}
	sort.Strings(out)
	return out
}

// to returns the ids that reach id over links of type t, sorted.
func (ix index) to(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range ix.links {
		if l.To == id && l.Type == t {
			out = append(out, l.From)
		}
	}
	sort.Strings(out)
	return out
}

// org returns the organisation with the given id, failing the test when
// there is none.
func (ix index) org(t *testing.T, id string) *ecosystem.Organisation {
	t.Helper()
	o, ok := ix.nodes[id].(*ecosystem.Organisation)
	if !ok {
		t.Fatalf("no organisation %s", id)
	}
	return o
}

// seatsIn returns each holder's seats in a body.
func (ix index) seatsIn(body string) map[string][]string {
	seats := map[string][]string{}
	for _, seat := range ix.to(body, ecosystem.RelInBody) {
		for _, p := range ix.to(seat, ecosystem.RelHolds) {
			seats[p] = append(seats[p], seat)
		}
	}
	return seats
}

func sameSet(got, want []string) bool {
	g, w := append([]string{}, got...), append([]string{}, want...)
	sort.Strings(g)
	sort.Strings(w)
	return fmt.Sprint(g) == fmt.Sprint(w)
}

func containsKind(kinds []ecosystem.OrganisationKind, kind ecosystem.OrganisationKind) bool {
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}
