package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// TestSearchIndexAfterWritesIsTheIndexBuiltAnew checks the index a write
// hands on (built from the one before: words added and removed,
// entities re-pointed after a link-only write) against an index built
// from scratch on the same records, after writes that rename, delete,
// add and only link entities sharing common words.
func TestSearchIndexAfterWritesIsTheIndexBuiltAnew(t *testing.T) {
	ctx := context.Background()
	st, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	org := func(id, name string) *ecosystem.Organisation {
		return &ecosystem.Organisation{Meta: ecosystem.Meta{ID: id}, Name: name, Sector: ecosystem.SectorResearch}
	}
	var first []ecosystem.Node
	for i := range 40 {
		first = append(first, org(fmt.Sprintf("org-%02d", i), fmt.Sprintf("Kreftsenter %d Nord", i)))
	}
	first = append(first, &ecosystem.Pillar{Meta: ecosystem.Meta{ID: "pilar"}, Name: "Forebygging"})
	writes := []*ecosystem.Dataset{
		{Nodes: first},
		{Nodes: []ecosystem.Node{org("org-01", "Kreftsenter Sør"), org("org-02", "Hjertesenter 2 Nord"), org("org-40", "Kreftsenter 40 Vest")}},
		{Links: []ecosystem.Link{{From: "org-03", Type: ecosystem.RelCovers, To: "pilar"}, {From: "org-04", Type: ecosystem.RelCovers, To: "pilar"}}},
		{Deletes: []string{"org-05", "org-06"}, Nodes: []ecosystem.Node{org("org-07", "Nord")}},
	}
	for i, ds := range writes {
		cur, err := st.read()
		if err != nil {
			t.Fatal(err)
		}
		cur.searchIndex() // the next write builds on it
		if _, err := st.Apply(ctx, ds); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		next, err := st.read()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := indexText(next.searchIndex()), indexText(newSearchIndex(next.nodes, nil, nil, nil)); got != want {
			t.Errorf("after write %d the index is\n%s\nwant\n%s", i, got, want)
		}
	}
}

// indexText writes an index out in a fixed order: every entity with its
// record's version and words, every word with its ids.
func indexText(ix *searchIndex) string {
	var b strings.Builder
	ids := slices.Sorted(maps.Keys(ix.entries))
	for _, id := range ids {
		e := ix.entries[id]
		fmt.Fprintf(&b, "%s v%v %s %v\n", id, e.record.Props["version"], e.label, slices.Sorted(slices.Values(e.words)))
	}
	for _, w := range ix.words {
		fmt.Fprintf(&b, "%s: %v\n", w, slices.Sorted(slices.Values(ix.postings[w])))
	}
	if len(ix.words) != len(ix.postings) {
		fmt.Fprintf(&b, "%d words listed, %d with postings\n", len(ix.words), len(ix.postings))
	}
	return b.String()
}
