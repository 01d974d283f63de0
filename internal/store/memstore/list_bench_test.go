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
// does at scale L, and the 1,000 covering one of 100 pillars: the
// equality conditions are answered from the order index's positions by
// value (orderIndex.equal), the relation by following it back from the
// pillar (orderIndex.positionsReaching), not by reading or walking from
// every organisation.
func BenchmarkFilteredList(b *testing.B) {
	st := memtest.New(b)
	ctx := context.Background()
	sectors := []ecosystem.Sector{ecosystem.SectorResearch, ecosystem.SectorIndustry, ecosystem.SectorHealthService, ecosystem.SectorAuthority, ecosystem.SectorUserOrganisation}
	countries := []string{"NO", "NO", "SE", "DK", "DE", "FR", "GB", "IS"}
	source := []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "b", Reason: "b"}}
	var nodes []ecosystem.Node
	var links []ecosystem.Link
	for i := range 100 {
		nodes = append(nodes, &ecosystem.Pillar{Meta: ecosystem.Meta{ID: fmt.Sprintf("p%d", i), Sources: source}, Name: fmt.Sprintf("Pillar %d", i)})
	}
	for i := range 100000 {
		nodes = append(nodes, &ecosystem.Organisation{Meta: ecosystem.Meta{ID: fmt.Sprintf("o%d", i), Sources: source},
			Name: fmt.Sprintf("Organisation %d", i), Sector: sectors[i%5], Country: &countries[(i/5)%8]})
		links = append(links, ecosystem.Link{From: fmt.Sprintf("o%d", i), Type: ecosystem.RelCovers, To: fmt.Sprintf("p%d", i%100),
			Props: &ecosystem.LinkFacts{Sources: source}})
	}
	if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: nodes, Links: links}); err != nil {
		b.Fatal(err)
	}
	first := 50
	for _, tt := range []struct {
		name  string
		conds []ecosystem.Condition
	}{
		{"research in Norway", []ecosystem.Condition{{Equals: &ecosystem.PropertyValue{Property: "sector", Value: "RESEARCH"}},
			{Equals: &ecosystem.PropertyValue{Property: "country", Value: "NO"}}}},
		{"covering a pillar", []ecosystem.Condition{{Related: &ecosystem.RelatedTo{Path: []ecosystem.Relation{ecosystem.OrganisationPillars}, ID: "p7"}}}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, WithTotal: true, Page: ecosystem.PageRequest{First: &first}, Conditions: tt.conds}
			for b.Loop() {
				p, err := st.List(ctx, q)
				if err != nil || *p.Total == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}
