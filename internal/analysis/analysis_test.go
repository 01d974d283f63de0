package analysis_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analysis"
)

// pairs builds one two-partner project per pair "a-b"; a pair listed
// twice shares two projects.
func pairs(ps ...string) []analysis.Participation {
	var out []analysis.Participation
	for i, p := range ps {
		ends := strings.Split(p, "-")
		proj := fmt.Sprintf("p%d", i)
		out = append(out, analysis.Participation{Organisation: ends[0], Project: proj}, analysis.Participation{Organisation: ends[1], Project: proj})
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCentrality(t *testing.T) {
	tests := []struct {
		name string
		net  *analysis.Network
		// want maps id → {degree, betweenness, closeness}, worked out by hand.
		want map[string][3]float64
	}{
		{
			// Every leaf-leaf pair (6) passes through the centre. Centre:
			// 4 reached at distance 1 → 4/4. Leaf: 1 + 2+2+2 = 7 → 4/7.
			"star", analysis.NewNetwork(nil, pairs("c-a", "c-b", "c-d", "c-e"), analysis.Options{}),
			map[string][3]float64{"c": {4, 6, 1}, "a": {1, 0, 4.0 / 7}, "e": {1, 0, 4.0 / 7}},
		},
		{
			// b lies on a–c and a–d; c on a–d and b–d. a: 1+2+3 → 3/6;
			// b: 1+1+2 → 3/4.
			"chain", analysis.NewNetwork(nil, pairs("a-b", "b-c", "c-d"), analysis.Options{}),
			map[string][3]float64{"a": {1, 0, 0.5}, "b": {2, 2, 0.75}, "c": {2, 2, 0.75}, "d": {1, 0, 0.5}},
		},
		{
			// Two triangles sharing x: the 4 cross pairs all pass through x.
			// x reaches 4 at distance 1; a: 1 (b) + 1 (x) + 2 + 2 = 6 → 4/6.
			"two clusters joined by one node", analysis.NewNetwork(nil, pairs("a-b", "a-x", "b-x", "c-d", "c-x", "d-x"), analysis.Options{}),
			map[string][3]float64{"x": {4, 4, 1}, "a": {2, 0, 4.0 / 6}},
		},
		{
			// a–b and b–c share 2 projects each (length 0.5), a–c one
			// (length 1): a→c is 1.0 both ways, so half of it passes b.
			// Counting hops instead would give b nothing.
			"weights split a tie", analysis.NewNetwork(nil, pairs("a-b", "a-b", "b-c", "b-c", "a-c"), analysis.Options{}),
			map[string][3]float64{"b": {2, 0.5, 2 / 1.0}, "a": {2, 0, 2 / 1.5}},
		},
		{
			// Three shared projects make a–b–c (2/3) shorter than a–c (1).
			"heavier links win", analysis.NewNetwork(nil, pairs("a-b", "a-b", "a-b", "b-c", "b-c", "b-c", "a-c"), analysis.Options{}),
			map[string][3]float64{"b": {2, 1, 2 / (2.0 / 3)}, "a": {2, 0, 2 / (1.0/3 + 2.0/3)}},
		},
		{
			"disconnected pair and an isolated organisation", analysis.NewNetwork([]string{"r"}, pairs("p-q"), analysis.Options{}),
			map[string][3]float64{"p": {1, 0, 1}, "r": {0, 0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.net.Centrality()
			for id, w := range tt.want {
				c := got[id]
				if float64(c.Degree) != w[0] || !near(c.Betweenness, w[1]) || !near(c.Closeness, w[2]) {
					t.Errorf("%s: degree %d betweenness %v closeness %v; want %v", id, c.Degree, c.Betweenness, c.Closeness, w)
				}
			}
		})
	}
}

func TestNormalisedBetweenness(t *testing.T) {
	got := analysis.NewNetwork(nil, pairs("c-a", "c-b", "c-d", "c-e"), analysis.Options{}).Centrality()
	// n = 5: (n−1)(n−2)/2 = 6 pairs not involving c; all pass through c.
	if !near(got["c"].NormalisedBetweenness, 1) {
		t.Errorf("normalised betweenness of a star's centre = %v, want 1", got["c"].NormalisedBetweenness)
	}
}

func ids(cs []analysis.Component) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, strings.Join(c.Organisations, ","))
	}
	return strings.Join(parts, " | ")
}

func TestComponentsAndCutVertices(t *testing.T) {
	tests := []struct {
		name       string
		net        *analysis.Network
		components string
		cuts       []string // "id: pieces"
		isolated   string
		noProjects string
	}{
		{"star", analysis.NewNetwork(nil, pairs("c-a", "c-b", "c-d", "c-e"), analysis.Options{}),
			"a,b,c,d,e", []string{"c: a | b | d | e"}, "", ""},
		{"chain", analysis.NewNetwork(nil, pairs("a-b", "b-c", "c-d"), analysis.Options{}),
			"a,b,c,d", []string{"b: c,d | a", "c: a,b | d"}, "", ""},
		{"two clusters joined by one node", analysis.NewNetwork(nil, pairs("a-b", "a-x", "b-x", "c-d", "c-x", "d-x"), analysis.Options{}),
			"a,b,c,d,x", []string{"x: a,b | c,d"}, "", ""},
		{"disconnected pair and an isolated organisation", analysis.NewNetwork([]string{"r"}, pairs("p-q"), analysis.Options{}),
			"p,q | r", nil, "r", "r"},
		{"a cycle has no cut vertex", analysis.NewNetwork(nil, pairs("a-b", "b-c", "c-d", "d-a"), analysis.Options{}),
			"a,b,c,d", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.net.Components()); got != tt.components {
				t.Errorf("components %q, want %q", got, tt.components)
			}
			var cuts []string
			for _, c := range tt.net.CutVertices() {
				cuts = append(cuts, c.Organisation+": "+ids(c.Separates))
			}
			if strings.Join(cuts, "; ") != strings.Join(tt.cuts, "; ") {
				t.Errorf("cut vertices %q, want %q", cuts, tt.cuts)
			}
			if got := strings.Join(tt.net.Isolated(), ","); got != tt.isolated {
				t.Errorf("isolated %q, want %q", got, tt.isolated)
			}
			if got := strings.Join(tt.net.WithoutProjects(), ","); got != tt.noProjects {
				t.Errorf("without projects %q, want %q", got, tt.noProjects)
			}
		})
	}
}

func TestLargeProjectsAddNoLinks(t *testing.T) {
	ps := []analysis.Participation{{"a", "big"}, {"b", "big"}, {"c", "big"}, {"a", "small"}, {"b", "small"}}
	n := analysis.NewNetwork(nil, ps, analysis.Options{MaxProjectSize: 2})
	if got := n.Collaborators("a"); len(got) != 1 || got["b"] != 1 {
		t.Errorf("a's collaborators = %v, want only b through the small project", got)
	}
	if got := n.WithoutProjects(); len(got) != 0 {
		t.Errorf("c takes part in the big project, yet is reported without projects: %v", got)
	}
}

func TestSuggestions(t *testing.T) {
	// X works with P1, P2, P3; Y with P1, P2; Z with P3; W with nobody.
	n := analysis.NewNetwork([]string{"w"}, pairs("x-p1", "x-p2", "x-p3", "y-p1", "y-p2", "z-p3"), analysis.Options{})
	pillars := map[string][]string{"z": {"prevention"}, "w": {"early-detection"}, "x": {"treatment"}}
	names := map[string]string{"x": "X", "p1": "P1", "p2": "P2", "p3": "P3", "prevention": "Prevention"}
	got := n.Suggestions("x", pillars, names, 10)
	// Every common partner has degree 2: each adds 1/ln 2 to Adamic–Adar.
	aa := 1 / math.Log(2)
	want := []struct {
		id    string
		score float64
	}{{"y", 2 + 2*aa}, {"z", 1 + aa + 0.5}, {"w", 0.5}}
	if len(got) != len(want) {
		t.Fatalf("got %d suggestions, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Organisation != w.id || !near(got[i].Score, w.score) {
			t.Errorf("suggestion %d = %s %.4f, want %s %.4f", i, got[i].Organisation, got[i].Score, w.id, w.score)
		}
	}
	if r := strings.Join(got[1].Reasons, "; "); r != "shares 1 partner with X: P3; covers 1 pillar X does not: Prevention" {
		t.Errorf("reasons for z: %q", r)
	}
	for _, s := range got {
		if s.Organisation == "x" || s.Organisation == "p1" {
			t.Errorf("suggested %s, which is X itself or already a partner", s.Organisation)
		}
	}
	if got := n.Suggestions("x", nil, nil, 1); len(got) != 1 || got[0].Organisation != "y" {
		t.Errorf("limit 1: %+v", got)
	}
}

// syntheticNetwork builds a clustered collaboration network of orgs
// organisations: projects of 2–8 partners drawn mostly within clusters of
// 100, sometimes across.
func syntheticNetwork(orgs, projects int) *analysis.Network {
	r := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, orgs)
	for i := range ids {
		ids[i] = fmt.Sprintf("org-%05d", i)
	}
	var ps []analysis.Participation
	for p := 0; p < projects; p++ {
		size := 2 + r.IntN(7)
		cluster := r.IntN(orgs / 100)
		for k := 0; k < size; k++ {
			o := cluster*100 + r.IntN(100)
			if r.IntN(10) == 0 {
				o = r.IntN(orgs)
			}
			ps = append(ps, analysis.Participation{Organisation: ids[o], Project: fmt.Sprintf("p%d", p)})
		}
	}
	return analysis.NewNetwork(ids, ps, analysis.Options{})
}

// BenchmarkNetworkGaps10000 measures what networkGaps computes on a
// synthetic network of 10,000 organisations.
func BenchmarkNetworkGaps10000(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		n := syntheticNetwork(10000, 6000)
		n.Centrality()
		n.CutVertices()
		n.Components()
	}
}
