// The algorithms held to independent answers on random networks:
// gonum's betweenness and closeness, and cut vertices by their
// definition (remove each organisation and flood what is left).

package analysis_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/cancermissionhub/hubgraph/internal/analysis"
)

// randomParticipations draws small projects among orgs organisations,
// some pairs sharing several.
func randomParticipations(r *rand.Rand, orgs, projects, maxSize int) []analysis.Participation {
	var ps []analysis.Participation
	for p := 0; p < projects; p++ {
		size := 2 + r.IntN(maxSize-1)
		for k := 0; k < size; k++ {
			ps = append(ps, analysis.Participation{Organisation: fmt.Sprintf("o%02d", r.IntN(orgs)), Project: fmt.Sprintf("p%d", p)})
		}
	}
	return ps
}

// gonumGraph builds, independently of package analysis, the weighted
// collaboration graph of ps: node i is ids[i], and the weight of a link,
// for gonum a length, is lcm/shared projects, an integer so that gonum's
// float sums are exact.
func gonumGraph(ids []string, ps []analysis.Participation, lcm float64) *simple.WeightedUndirectedGraph {
	pos := map[string]int64{}
	for i, id := range ids {
		pos[id] = int64(i)
	}
	members := map[string]map[int64]bool{}
	for _, p := range ps {
		if members[p.Project] == nil {
			members[p.Project] = map[int64]bool{}
		}
		members[p.Project][pos[p.Organisation]] = true
	}
	shared := map[[2]int64]float64{}
	for _, ms := range members {
		for a := range ms {
			for b := range ms {
				if a < b {
					shared[[2]int64{a, b}]++
				}
			}
		}
	}
	g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for i := range ids {
		g.AddNode(simple.Node(i))
	}
	for k, w := range shared {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(k[0]), simple.Node(k[1]), lcm/w))
	}
	return g
}

// TestBetweennessAgreesWithGonum holds Brandes' unweighted answers to
// gonum's network.Betweenness (which counts ordered pairs, so twice ours)
// on random networks where no pair shares two projects.
func TestBetweennessAgreesWithGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 10; round++ {
		var ps []analysis.Participation
		seen := map[[2]int]bool{}
		for len(seen) < 60 {
			a, b := r.IntN(40), r.IntN(40)
			if a == b || seen[[2]int{min(a, b), max(a, b)}] {
				continue
			}
			seen[[2]int{min(a, b), max(a, b)}] = true
			proj := fmt.Sprintf("p%d", len(seen))
			ps = append(ps, analysis.Participation{Organisation: fmt.Sprintf("o%02d", a), Project: proj},
				analysis.Participation{Organisation: fmt.Sprintf("o%02d", b), Project: proj})
		}
		n := analysis.NewNetwork(nil, ps, analysis.Options{})
		ids := n.Organisations()
		want := network.Betweenness(gonumGraph(ids, ps, 1))
		got := n.Centrality()
		for i, id := range ids {
			if !near(2*got[id].Betweenness, want[int64(i)]) {
				t.Errorf("round %d, %s: betweenness %v, gonum %v", round, id, got[id].Betweenness, want[int64(i)]/2)
			}
		}
	}
}

// TestWeightedMeasuresAgreeWithGonum holds betweenness and closeness on
// weighted random networks to a brute force on gonum: for every pair,
// path.DijkstraAllFrom enumerates every shortest path, and each inner
// organisation of each gets its share.
func TestWeightedMeasuresAgreeWithGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 6; round++ {
		ps := randomParticipations(r, 25, 45, 4)
		n := analysis.NewNetwork([]string{"lonely"}, ps, analysis.Options{})
		ids := n.Organisations()
		const lcm = 2 * 2 * 2 * 3 * 3 * 5 * 7 // every weight up to 10 divides it
		g := gonumGraph(ids, ps, lcm)
		between := make([]float64, len(ids))
		closeness := make([]float64, len(ids))
		for s := range ids {
			tree := path.DijkstraAllFrom(simple.Node(s), g)
			reached, sum := 0, 0.0
			for t := range ids {
				if t == s {
					continue
				}
				var paths [][]graph.Node
				tree.AllToFunc(int64(t), func(p []graph.Node) { paths = append(paths, slices.Clone(p)) })
				if len(paths) == 0 {
					continue
				}
				reached++
				sum += tree.WeightTo(int64(t)) / lcm
				if t < s {
					continue
				}
				for _, p := range paths {
					for _, v := range p[1 : len(p)-1] {
						between[v.ID()] += 1 / float64(len(paths))
					}
				}
			}
			if reached > 0 {
				closeness[s] = float64(reached) / float64(len(ids)-1) * float64(reached) / sum
			}
		}
		got := n.Centrality()
		for i, id := range ids {
			if math.Abs(got[id].Betweenness-between[i]) > 1e-9 || math.Abs(got[id].Closeness-closeness[i]) > 1e-9 {
				t.Errorf("round %d, %s: betweenness %v closeness %v; gonum %v and %v", round, id, got[id].Betweenness, got[id].Closeness, between[i], closeness[i])
			}
		}
	}
}

// TestCutVerticesAgreeWithRemoval holds the one-pass pieces to the
// definition on random sparse networks: remove each organisation in turn
// and flood what is left of its component.
func TestCutVerticesAgreeWithRemoval(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for round := 0; round < 20; round++ {
		n := analysis.NewNetwork(nil, randomParticipations(r, 40, 30, 3), analysis.Options{})
		want := map[string]string{}
		for _, v := range n.Organisations() {
			var pieces []string
			seen := map[string]bool{v: true}
			for start := range n.Collaborators(v) {
				if seen[start] {
					continue
				}
				var piece []string
				stack := []string{start}
				seen[start] = true
				for len(stack) > 0 {
					x := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					piece = append(piece, x)
					for y := range n.Collaborators(x) {
						if !seen[y] {
							seen[y] = true
							stack = append(stack, y)
						}
					}
				}
				slices.Sort(piece)
				pieces = append(pieces, strings.Join(piece, ","))
			}
			if len(pieces) > 1 {
				slices.Sort(pieces)
				want[v] = strings.Join(pieces, " | ")
			}
		}
		got := map[string]string{}
		for _, c := range n.CutVertices() {
			var pieces []string
			for _, p := range c.Separates {
				pieces = append(pieces, strings.Join(p.Organisations(-1), ","))
			}
			slices.Sort(pieces)
			got[c.Organisation] = strings.Join(pieces, " | ")
		}
		for v, w := range want {
			if got[v] != w {
				t.Errorf("round %d, %s: pieces %q, want %q", round, v, got[v], w)
			}
		}
		for v := range got {
			if want[v] == "" {
				t.Errorf("round %d: %s reported as a cut vertex, but removing it splits nothing", round, v)
			}
		}
	}
}
