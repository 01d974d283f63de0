package conformance

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// model returns the analytics model of the store's snapshot: what the
// neighbourhood, connectionPath and analytics answers are computed from.
func model(t *testing.T, st ecosystem.Store) *analytics.Model {
	t.Helper()
	snap, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return analytics.NewModel(snap)
}

// neighbourhoods checks bounded neighbourhoods against distances computed
// from the fixture: every entity within the depth, nearest first, and
// every relationship walked. When the node cap cuts the walk short, which
// of the equally near entities are kept is the model's choice, so only
// the count, the order by distance and membership are checked then.
func neighbourhoods(t *testing.T, st ecosystem.Store) {
	ds := fixture()
	mustApplyDataset(t, st, ds)
	g := indexDataset(ds)
	m := model(t, st)
	tests := []struct {
		id    string
		depth int
		types []ecosystem.RelType
	}{
		{"forening", 1, nil},
		{"forening", 2, nil},
		{"forening", 3, nil},
		{"hub", 2, []ecosystem.RelType{ecosystem.RelMemberOf, ecosystem.RelParticipatesIn}},
		{"sete", 2, []ecosystem.RelType{ecosystem.RelHolds, ecosystem.RelDeputyFor}},
		{"indikator", 3, nil},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s depth %d %v", tt.id, tt.depth, tt.types)
		var types []string
		for _, rt := range tt.types {
			types = append(types, string(rt))
		}
		sub, err := m.Neighbourhood(tt.id, tt.depth, types, analytics.MaxNodes)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dist := g.distances(tt.id, tt.types...)
		var want []string
		for id, d := range dist {
			if d <= tt.depth {
				want = append(want, id)
			}
		}
		got := ids(sub.Nodes)
		if sub.Truncated || len(got) == 0 || got[0] != tt.id {
			t.Errorf("%s: truncated %v, nodes %v; want the whole neighbourhood, %s first", name, sub.Truncated, got, tt.id)
		}
		for i := 1; i < len(got); i++ {
			if dist[got[i]] < dist[got[i-1]] {
				t.Errorf("%s: %s (%d steps) comes after %s (%d steps)", name, got[i], dist[got[i]], got[i-1], dist[got[i-1]])
			}
		}
		sorted := append([]string(nil), got...)
		sort.Strings(sorted)
		sort.Strings(want)
		if fmt.Sprint(sorted) != fmt.Sprint(want) {
			t.Errorf("%s: nodes %v, want %v", name, sorted, want)
		}
		// The relationships walked: those of the allowed types with an end
		// nearer than the depth (the other end is then within it).
		var wantEdges, gotEdges []string
		allowed := map[ecosystem.RelType]bool{}
		for _, rt := range tt.types {
			allowed[rt] = true
		}
		for _, l := range g.links {
			df, okF := dist[l.From]
			dt, okT := dist[l.To]
			if (len(allowed) == 0 || allowed[l.Type]) && okF && okT && min(df, dt) < tt.depth {
				wantEdges = append(wantEdges, l.From+" "+string(l.Type)+" "+l.To)
			}
		}
		for _, l := range sub.Edges {
			gotEdges = append(gotEdges, l.From+" "+string(l.Type)+" "+l.To)
		}
		if fmt.Sprint(gotEdges) != fmt.Sprint(wantEdges) {
			t.Errorf("%s: edges\n%v\nwant\n%v", name, gotEdges, wantEdges)
		}
	}

	full, _ := m.Neighbourhood("forening", 3, nil, analytics.MaxNodes)
	dist := g.distances("forening")
	capped, err := m.Neighbourhood("forening", 3, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !capped.Truncated || len(capped.Nodes) != 5 || capped.Nodes[0].NodeMeta().ID != "forening" {
		t.Errorf("capped at 5: truncated %v, nodes %v; want 5 nodes from forening, truncated", capped.Truncated, ids(capped.Nodes))
	}
	inFull := map[string]bool{}
	for _, id := range ids(full.Nodes) {
		inFull[id] = true
	}
	for i, id := range ids(capped.Nodes) {
		if !inFull[id] || (i > 0 && dist[id] < dist[capped.Nodes[i-1].NodeMeta().ID]) {
			t.Errorf("capped: %v is not a nearest-first part of %v", ids(capped.Nodes), ids(full.Nodes))
			break
		}
	}

	for _, bad := range []struct {
		id    string
		depth int
		types []string
		max   int
		code  ecosystem.Code
	}{
		{"no-such-id", 1, nil, 10, ecosystem.CodeNotFound},
		{"forening", 0, nil, 10, ecosystem.CodeBadUserInput},
		{"forening", 4, nil, 10, ecosystem.CodeBadUserInput},
		{"forening", 1, []string{"LIKES"}, 10, ecosystem.CodeBadUserInput},
		{"forening", 1, nil, 0, ecosystem.CodeBadUserInput},
	} {
		if _, err := m.Neighbourhood(bad.id, bad.depth, bad.types, bad.max); ecosystem.ErrorCode(err) != bad.code {
			t.Errorf("neighbourhood %+v: %v, want %s", bad, err, bad.code)
		}
	}
}

// shortestPaths checks connection paths between every pair of fixture
// entities against distances computed from the fixture. Several paths
// may be equally short; the model picks one by a rule of its own, so each
// path is checked for its length and for being a real chain of links,
// not for which chain it is.
func shortestPaths(t *testing.T, st ecosystem.Store) {
	ds := fixture()
	mustApplyDataset(t, st, ds)
	g := indexDataset(ds)
	m := model(t, st)
	links := map[string]bool{}
	for _, l := range g.links {
		links[linkID(l)] = true
	}
	all := make([]string, 0, len(g.nodes))
	for id := range g.nodes {
		all = append(all, id)
	}
	sort.Strings(all)
	found, none := 0, 0
	for _, from := range all {
		dist := g.distances(from)
		for _, to := range all {
			want, reachable := dist[to]
			p, err := m.ShortestPath(from, to, analytics.MaxHops)
			if err != nil {
				t.Fatalf("%s → %s: %v", from, to, err)
			}
			if !reachable || want > analytics.MaxHops {
				if p != nil {
					t.Errorf("%s → %s: a path of %d steps, want none", from, to, p.Length())
				}
				none++
				continue
			}
			if p == nil || p.Length() != want {
				t.Errorf("%s → %s: %+v, want a path of %d steps", from, to, p, want)
				continue
			}
			found++
			at := from
			for i, s := range p.Steps {
				k := ecosystem.Link{From: s.From.NodeMeta().ID, Type: s.Relationship, To: s.To.NodeMeta().ID}
				if !s.Forward {
					k.From, k.To = k.To, k.From
				}
				if s.From.NodeMeta().ID != at || !links[linkID(k)] {
					t.Errorf("%s → %s: step %d (%s %s %s, forward %v) is not a link from where the path is", from, to, i, s.From.NodeMeta().ID, s.Relationship, s.To.NodeMeta().ID, s.Forward)
				}
				at = s.To.NodeMeta().ID
			}
			if at != to {
				t.Errorf("%s → %s: the path ends at %s", from, to, at)
			}
			if want > 1 {
				if shorter, _ := m.ShortestPath(from, to, want-1); shorter != nil {
					t.Errorf("%s → %s: a path of %d steps within %d hops", from, to, shorter.Length(), want-1)
				}
			}
		}
	}
	if found == 0 || none == 0 {
		t.Errorf("%d pairs connected and %d not: the fixture should have both", found, none)
	}
	for _, bad := range []struct {
		from, to string
		hops     int
		code     ecosystem.Code
	}{
		{"forening", "no-such-id", 6, ecosystem.CodeNotFound},
		{"forening", "hub", 0, ecosystem.CodeBadUserInput},
		{"forening", "hub", 9, ecosystem.CodeBadUserInput},
	} {
		if _, err := m.ShortestPath(bad.from, bad.to, bad.hops); ecosystem.ErrorCode(err) != bad.code {
			t.Errorf("path %+v: %v, want %s", bad, err, bad.code)
		}
	}
}
