package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

// twinDataset returns a copy of the default dataset with every id
// suffixed, so that applying it doubles the graph.
func twinDataset(t *testing.T) *ecosystem.Dataset {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	twin := &ecosystem.Dataset{}
	for _, n := range ds.Nodes {
		props := ecosystem.Properties(n)
		props["id"] = n.NodeMeta().ID + "-twin"
		c, err := ecosystem.NodeFromProperties(n.NodeLabel(), props)
		if err != nil {
			t.Fatal(err)
		}
		twin.Nodes = append(twin.Nodes, c)
	}
	for _, l := range ds.Links {
		twin.Links = append(twin.Links, ecosystem.Link{From: l.From + "-twin", Type: l.Type, To: l.To + "-twin", Properties: l.Properties})
	}
	return twin
}

func TestNestedQueryCostIsBoundedByDepthNotRows(t *testing.T) {
	st := testenv.SeededNeo4j(t)
	// A generous loader wait makes batching deterministic under -race.
	c := newServer(t, st, nil, 25*time.Millisecond)
	const query = `{ organisations(first: 100) { edges { node { id name
	  collaborators(first: 5) { edges { node { count organisation { id } } } }
	  participations(first: 100) { edges { node { role status
	    project { id name partners(first: 100) { edges { node { role organisation { id name sector } } } } } } } } } } } }`
	cost := func() (trips int64, rows int) {
		before := st.RoundTrips()
		var out struct {
			Organisations struct {
				Edges []struct {
					Node struct {
						Participations struct {
							Edges []struct {
								Node struct {
									Project struct {
										Partners struct{ Edges []any }
									}
								}
							}
						}
					}
				}
			}
		}
		c.mustQuery(query, nil, &out)
		for _, o := range out.Organisations.Edges {
			for _, p := range o.Node.Participations.Edges {
				rows += len(p.Node.Project.Partners.Edges)
			}
		}
		return st.RoundTrips() - before, rows
	}
	trips, rows := cost()
	if _, err := st.Apply(context.Background(), twinDataset(t)); err != nil {
		t.Fatal(err)
	}
	tripsDoubled, rowsDoubled := cost()
	t.Logf("round trips: %d for %d partner rows; %d for %d rows after doubling", trips, rows, tripsDoubled, rowsDoubled)
	if rowsDoubled <= rows {
		t.Fatalf("doubling did not add rows (%d → %d)", rows, rowsDoubled)
	}
	if tripsDoubled != trips {
		t.Errorf("round trips changed from %d to %d when the data doubled", trips, tripsDoubled)
	}
	// One list query, then per level one batched call: collaborators,
	// participations, project, partners, organisation.
	if trips > 6 {
		t.Errorf("%d round trips for a query of depth 5", trips)
	}
}
