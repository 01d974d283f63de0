package analytics_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/conformance"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// The neighbourhood and path checks run on the conformance fixture in
// every store: the model is built from a store's snapshot, so each store
// must give the snapshot the answers are right for.

func TestNeighbourhoodsOnEveryStore(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) { neighbourhoods(t, b.Open(t)) })
	}
}

func TestShortestPathsOnEveryStore(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) { shortestPaths(t, b.Open(t)) })
	}
}

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

// graphOf is a dataset indexed for computing expected answers: nodes by
// id and links in the order a snapshot holds them.
type graphOf struct {
	nodes map[string]ecosystem.Node
	links []ecosystem.Link
}

// indexDataset indexes ds; its links must be distinct, as the fixture's
// and the seed's are.
func indexDataset(ds *ecosystem.Dataset) *graphOf {
	g := &graphOf{nodes: map[string]ecosystem.Node{}, links: append([]ecosystem.Link(nil), ds.Links...)}
	for _, n := range ds.Nodes {
		g.nodes[n.NodeMeta().ID] = n
	}
	ecosystem.SortLinks(g.links)
	return g
}

// snapshot returns the dataset as a store's snapshot would hold it.
func (g *graphOf) snapshot() *ecosystem.Snapshot {
	return &ecosystem.Snapshot{Nodes: g.nodes, Links: g.links}
}

// applyFixture writes the conformance fixture into st and returns it
// indexed.
func applyFixture(t *testing.T, st ecosystem.Store) *graphOf {
	t.Helper()
	ds := conformance.Fixture()
	if _, err := st.Apply(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return indexDataset(ds)
}

// linkID names a link by its ends and type: there is at most one link
// of a type between two entities.
func linkID(l ecosystem.Link) string { return l.From + " " + string(l.Type) + " " + l.To }

// nodeIDs returns the ids of nodes, in order.
func nodeIDs[T ecosystem.Node](nodes []T) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, n.NodeMeta().ID)
	}
	return out
}

// neighbourhoods checks bounded neighbourhoods against distances computed
// from the conformance fixture: every entity within the depth, nearest first, and
// every relationship walked. When the node cap cuts the walk short, which
// of the equally near entities are kept is the model's choice, so only
// the count, the order by distance and membership are checked then.
func neighbourhoods(t *testing.T, st ecosystem.Store) {
	g := applyFixture(t, st)
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
		got := nodeIDs(sub.Nodes)
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
		t.Errorf("capped at 5: truncated %v, nodes %v; want 5 nodes from forening, truncated", capped.Truncated, nodeIDs(capped.Nodes))
	}
	inFull := map[string]bool{}
	for _, id := range nodeIDs(full.Nodes) {
		inFull[id] = true
	}
	for i, id := range nodeIDs(capped.Nodes) {
		if !inFull[id] || (i > 0 && dist[id] < dist[capped.Nodes[i-1].NodeMeta().ID]) {
			t.Errorf("capped: %v is not a nearest-first part of %v", nodeIDs(capped.Nodes), nodeIDs(full.Nodes))
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

// allTypes names every relationship type, for paths over all of them.
var allTypes = func() []string {
	var out []string
	for _, t := range ecosystem.RelTypes {
		out = append(out, string(t))
	}
	return out
}()

// shortestPaths checks connection paths over every relationship type
// between every pair of the conformance fixture's entities against
// distances computed from the fixture. Several paths
// may be equally short; the model picks one by a rule of its own, so each
// path is checked for its length and for being a real chain of links,
// not for which chain it is.
func shortestPaths(t *testing.T, st ecosystem.Store) {
	g := applyFixture(t, st)
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
			p, err := m.ShortestPath(from, to, analytics.MaxHops, allTypes)
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
				if shorter, _ := m.ShortestPath(from, to, want-1, allTypes); shorter != nil {
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
		types    []string
		code     ecosystem.Code
	}{
		{"forening", "no-such-id", 6, nil, ecosystem.CodeNotFound},
		{"forening", "hub", 0, nil, ecosystem.CodeBadUserInput},
		{"forening", "hub", 9, nil, ecosystem.CodeBadUserInput},
		{"forening", "hub", 6, []string{"KNOWS"}, ecosystem.CodeBadUserInput},
	} {
		if _, err := m.ShortestPath(bad.from, bad.to, bad.hops, bad.types); ecosystem.ErrorCode(err) != bad.code {
			t.Errorf("path %+v: %v, want %s", bad, err, bad.code)
		}
	}
}

// distances returns every node's number of steps from id over links of
// the given types (all when none), in either direction.
func (g *graphOf) distances(id string, types ...ecosystem.RelType) map[string]int {
	allowed := map[ecosystem.RelType]bool{}
	for _, t := range types {
		allowed[t] = true
	}
	dist := map[string]int{id: 0}
	frontier := []string{id}
	for len(frontier) > 0 {
		var next []string
		for _, at := range frontier {
			for _, l := range g.links {
				if len(allowed) > 0 && !allowed[l.Type] {
					continue
				}
				other := ""
				switch at {
				case l.From:
					other = l.To
				case l.To:
					other = l.From
				}
				if _, seen := dist[other]; other != "" && !seen {
					dist[other] = dist[at] + 1
					next = append(next, other)
				}
			}
		}
		frontier = next
	}
	return dist
}
