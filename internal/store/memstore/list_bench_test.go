package memstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// BenchmarkFilteredList pages and counts research organisations in
// Norway among 100,000 (5,000 of them), as the bench harness's q2
// does at scale L: the equality conditions are answered from the order
// index's positions by value (orderIndex.equal), not by reading every
// organisation (about 145 ms a list before them).
func BenchmarkFilteredList(b *testing.B) {
	st := memtest.New(b)
	ctx := context.Background()
	sectors := []ecosystem.Sector{ecosystem.SectorResearch, ecosystem.SectorIndustry, ecosystem.SectorHealthService, ecosystem.SectorAuthority, ecosystem.SectorUserOrganisation}
	countries := []string{"NO", "NO", "SE", "DK", "DE", "FR", "GB", "IS"}
	var nodes []ecosystem.Node
	for i := range 100000 {
		nodes = append(nodes, &ecosystem.Organisation{Meta: ecosystem.Meta{ID: fmt.Sprintf("o%d", i), Sources: []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "b", Reason: "b"}}},
			Name: fmt.Sprintf("Organisation %d", i), Sector: sectors[i%5], Country: &countries[(i/5)%8]})
	}
	if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: nodes}); err != nil {
		b.Fatal(err)
	}
	first := 50
	q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, WithTotal: true, Page: ecosystem.PageRequest{First: &first},
		Conditions: []ecosystem.Condition{{Equals: &ecosystem.PropertyValue{Property: "sector", Value: "RESEARCH"}}, {Equals: &ecosystem.PropertyValue{Property: "country", Value: "NO"}}}}
	b.ResetTimer()
	for b.Loop() {
		p, err := st.List(ctx, q)
		if err != nil || *p.Total == 0 {
			b.Fatal(err)
		}
	}
}
