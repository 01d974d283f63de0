package server_test

import (
	"context"
	"os"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestRealImportAnswers asks, through the API over the seed and the
// Research Council's file, what is open and what the register called
// unknown: no call is open without an opening date, and no organisation
// is named "ukjent".
func TestRealImportAnswers(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			f, err := os.Open(testenv.RCNFile(t))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := importer.ImportRCN(context.Background(), st, f, "rcn-eu-h2020.csv", false, nil); err != nil {
				t.Fatal(err)
			}
			c := newServer(t, st, nil, 0)
			var out struct {
				Today, In2014 struct{ TotalCount int }
				Call          struct{ Before, After string }
				Unknown       struct{ TotalCount int }
				Organisation  struct{ ShortName *string }
				Search        struct {
					Edges []struct{ Node struct{ ID, Name string } }
				}
			}
			c.mustQuery(`{
			  today: calls(filter: {openOn: "2026-11-30"}) { totalCount }
			  in2014: calls(filter: {openOn: "2014-01-01"}) { totalCount }
			  call(id: "eu4health-mental-health-cancer-call") { before: status(asOf: "2015-01-01") after: status(asOf: "2026-11-30") }
			  unknown: organisations(filter: {search: "ukjent"}) { totalCount }
			  organisation(id: "kreftforeningen") { shortName }
			  search(text: "SINTEF OCEAN AS", first: 1) { edges { node { ... on Organisation { id name } } } }
			}`, nil, &out)
			if out.Today.TotalCount != 0 || out.In2014.TotalCount != 0 {
				t.Errorf("calls open on 2026-11-30: %d, on 2014-01-01: %d; want none (no call has both dates around either day)",
					out.Today.TotalCount, out.In2014.TotalCount)
			}
			if out.Call.Before != "UNKNOWN" || out.Call.After != "CLOSED" {
				t.Errorf("the EU4Health call (no opening date) on 2015-01-01: %s, on 2026-11-30: %s; want UNKNOWN, CLOSED", out.Call.Before, out.Call.After)
			}
			if out.Unknown.TotalCount != 0 || out.Organisation.ShortName != nil {
				t.Errorf("%d organisations found by \"ukjent\"; Kreftforeningen's short name %v; want none and none",
					out.Unknown.TotalCount, out.Organisation.ShortName)
			}
			if len(out.Search.Edges) != 1 || out.Search.Edges[0].Node.Name != "SINTEF Ocean AS" {
				t.Errorf("search for the register's spelling: %+v; want SINTEF Ocean AS", out.Search.Edges)
			}
		})
	}
}
