package neo4jstore_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

// BenchmarkStoreReads times the statements behind issue #13's read
// queries on the seed plus the Horizon 2020 import, and reports what
// Neo4j's PROFILE counts for them: database hits and rows passed between
// operators, and the size of the answers (as JSON), per operation.
//
//	go test -run XXX -bench StoreReads ./internal/store/neo4jstore/
func BenchmarkStoreReads(b *testing.B) {
	st := neo4jtest.Seeded(b)
	data, err := os.ReadFile(testenv.RCNFile(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := importer.ImportRCN(ctx, st, bytes.NewReader(data), "rcn-eu-h2020.csv", false, nil); err != nil {
		b.Fatal(err)
	}
	top, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Order: ecosystem.Order{Field: ecosystem.OrderProjectCount, Desc: true}, Page: ecosystem.PageRequest{First: ptr(1)}})
	if err != nil {
		b.Fatal(err)
	}
	org := top.Nodes[0].NodeMeta().ID
	all, err := st.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{org})
	if err != nil {
		b.Fatal(err)
	}
	var projects []string
	for _, n := range all[org][:20] {
		projects = append(projects, n.Node.NodeMeta().ID)
	}
	var after string
	for range 19 {
		p, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelProject, Page: ecosystem.PageRequest{First: ptr(50), After: after}})
		if err != nil {
			b.Fatal(err)
		}
		after = p.Cursors[len(p.Cursors)-1].Encode()
	}
	twenty := ecosystem.PageRequest{First: ptr(20)}
	research := []ecosystem.Condition{{Equals: &ecosystem.PropertyValue{Property: "sector", Value: string(ecosystem.SectorResearch)}}}
	tests := []struct {
		name string
		run  func() error
	}{
		{"1_projects_and_partners_all", func() error {
			if _, err := st.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{org}); err != nil {
				return err
			}
			_, err := st.Neighbours(ctx, ecosystem.ProjectPartners, projects)
			return err
		}},
		{"1_projects_and_partners_paged", func() error {
			if _, err := st.Follow(ctx, []string{org}, []ecosystem.Step{{Relation: ecosystem.OrganisationParticipations, Page: &twenty}}); err != nil {
				return err
			}
			_, err := st.Follow(ctx, projects, []ecosystem.Step{{Relation: ecosystem.ProjectPartners, Page: &twenty}})
			return err
		}},
		{"1_projects_and_partners_nested", func() error {
			_, err := st.Follow(ctx, []string{org}, []ecosystem.Step{{Relation: ecosystem.OrganisationParticipations, Page: &twenty,
				Then: []ecosystem.Step{{Relation: ecosystem.ProjectPartners, Page: &twenty}}}})
			return err
		}},
		{"2_filtered_page_and_count", func() error {
			q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Conditions: research, Page: ecosystem.PageRequest{First: ptr(50)}}
			if _, err := st.List(ctx, q); err != nil {
				return err
			}
			_, err := st.Count(ctx, q)
			return err
		}},
		{"6_page_20_of_projects_by_name", func() error {
			_, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelProject, Page: ecosystem.PageRequest{First: ptr(50), After: after}})
			return err
		}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			var hits, rows, size int64
			st.Profile(func(_ string, h, r, n int64) { hits, rows, size = hits+h, rows+r, size+n })
			if err := tt.run(); err != nil {
				b.Fatal(err)
			}
			st.Profile(nil)
			for b.Loop() {
				if err := tt.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(hits), "dbhits/op")
			b.ReportMetric(float64(rows), "rows/op")
			b.ReportMetric(float64(size), "answer-bytes/op")
		})
	}
}

func ptr[T any](v T) *T { return &v }
