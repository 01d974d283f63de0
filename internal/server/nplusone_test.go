package server_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
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
		twin.Links = append(twin.Links, ecosystem.Link{From: l.From + "-twin", Type: l.Type, To: l.To + "-twin", Props: l.Props})
	}
	return twin
}

// The nested queries whose cost is measured, each with the number of
// round trips its depth allows: one for the list, then one batched call per
// level below it, and for a field under a roll-up (LEGAL_ENTITY by
// default) the levels of the unit tree, two in the seed, each a read of
// units and one of parents made at once (rollup.Expand).
var nestedQueries = []struct {
	name     string
	query    string
	maxTrips int64
}{
	{
		name: "participations, projects, partners, organisations",
		query: `{ organisations(first: 100) { edges { node { id name
		  participations(first: 100) { edges { node { role status
		    project { id name partners(first: 100) { edges { node { role organisation { id name sector } } } } } } } } } } } }`,
		maxTrips: 5 + 2,
	},
	{
		name: "collaborators and their organisations",
		query: `{ organisations(first: 100) { edges { node { id
		  collaborators(first: 5) { edges { node { count organisation { id name } } } } } } } }`,
		// The list, the unit tree's two levels, then at the level of
		// collaborators two batches: ranked pages (with their
		// organisations) for organisations alone, whole rankings for
		// groups; then the groups' collaborators' organisations.
		maxTrips: 4 + 2,
	},
}

func TestNestedQueryCostIsBoundedByDepthNotRows(t *testing.T) {
	st := neo4jtest.Seeded(t)
	// A generous loader wait makes batching reliable under -race.
	c := newServer(t, st, nil, 60*time.Millisecond)
	// cost runs query four times and returns the fewest round trips it
	// took and the size of its answer. Batching is by time: on a loaded
	// machine a level's keys may now and then straddle two batches (and
	// two levels' reads may share one); an N+1 pattern adds round trips
	// on every run, one per row.
	cost := func(query string) (trips int64, size int) {
		trips = -1
		for range 4 {
			before := st.RoundTrips()
			var out json.RawMessage
			c.mustQuery(query, nil, &out)
			if n := st.RoundTrips() - before; trips < 0 || n < trips {
				trips = n
			}
			size = len(out)
		}
		return trips, size
	}
	type measure struct {
		trips int64
		size  int
	}
	before := map[string]measure{}
	for _, q := range nestedQueries {
		trips, size := cost(q.query)
		before[q.name] = measure{trips, size}
	}
	if _, err := st.Apply(context.Background(), twinDataset(t)); err != nil {
		t.Fatal(err)
	}
	for _, q := range nestedQueries {
		t.Run(q.name, func(t *testing.T) {
			was := before[q.name]
			trips, size := cost(q.query)
			t.Logf("round trips: %d for %d bytes of answer; %d for %d bytes after doubling", was.trips, was.size, trips, size)
			if size < 2*was.size-100 {
				t.Fatalf("doubling the data did not double the answer (%d → %d bytes)", was.size, size)
			}
			// Timing moves a level's keys between batches by one now and
			// then, either way (two levels' reads sometimes share a
			// batch); an N+1 pattern would add a round trip per row.
			if trips > was.trips+1 || trips < was.trips-1 {
				t.Errorf("round trips changed from %d to %d when the data doubled", was.trips, trips)
			}
			if trips > q.maxTrips {
				t.Errorf("%d round trips, more than the query's depth allows (%d)", trips, q.maxTrips)
			}
		})
	}
}

// TestRepeatedNestedQueriesKeepBatching runs each nested query six
// times. The executor marshals a list's elements one after another once
// it has seen them read nothing (graph/generated/executor.go); these
// queries' levels are read by the loaders, so every run must still
// gather a level's keys into one read, and answer as the first.
func TestRepeatedNestedQueriesKeepBatching(t *testing.T) {
	st := neo4jtest.Seeded(t)
	c := newServer(t, st, nil, 60*time.Millisecond)
	for _, q := range nestedQueries {
		t.Run(q.name, func(t *testing.T) {
			var first json.RawMessage
			for run := 1; run <= 6; run++ {
				before := st.RoundTrips()
				var out json.RawMessage
				c.mustQuery(q.query, nil, &out)
				// Twice the bound: timing may split a level's batch now
				// and then; reading a level element by element costs a
				// round trip per row (a hundred here).
				if trips := st.RoundTrips() - before; trips > 2*q.maxTrips {
					t.Errorf("run %d: %d round trips; the query's depth allows %d", run, trips, q.maxTrips)
				}
				if run == 1 {
					first = out
				} else if string(out) != string(first) {
					t.Errorf("run %d answered otherwise than the first", run)
				}
			}
		})
	}
}
