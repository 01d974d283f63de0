package analysis_test

import (
	"fmt"
	"math"
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

// metrics is what the measures say of one organisation.
type metrics struct {
	degree      int
	betweenness float64
	closeness   float64
}

// The hand-built networks, with every answer worked out by hand below.
var (
	star     = analysis.NewNetwork(nil, pairs("c-a", "c-b", "c-d", "c-e"), analysis.Options{})
	chain    = analysis.NewNetwork(nil, pairs("a-b", "b-c", "c-d"), analysis.Options{})
	clusters = analysis.NewNetwork(nil, pairs("a-b", "a-x", "b-x", "c-d", "c-x", "d-x"), analysis.Options{})
	pair     = analysis.NewNetwork([]string{"r"}, pairs("p-q"), analysis.Options{})
)

// TestCentrality checks every organisation of every hand-built network.
// Closeness is Wasserman–Faust: (r−1)/(n−1) × (r−1)/Σd, r the size of the
// organisation's component and n of the network.
func TestCentrality(t *testing.T) {
	tests := []struct {
		name string
		net  *analysis.Network
		want map[string]metrics
	}{
		{
			// n = 5. Every leaf–leaf pair (6) passes through the centre.
			// Centre: 4 at distance 1 → 4/4 × 4/4. Leaf: 1 + 2+2+2 = 7 →
			// 4/4 × 4/7.
			"star", star,
			map[string]metrics{"c": {4, 6, 1}, "a": {1, 0, 4.0 / 7}, "b": {1, 0, 4.0 / 7}, "d": {1, 0, 4.0 / 7}, "e": {1, 0, 4.0 / 7}},
		},
		{
			// n = 4. b lies on a–c and a–d; c on a–d and b–d. a: 1+2+3 = 6
			// → 3/3 × 3/6; b: 1+1+2 = 4 → 3/4.
			"chain", chain,
			map[string]metrics{"a": {1, 0, 0.5}, "b": {2, 2, 0.75}, "c": {2, 2, 0.75}, "d": {1, 0, 0.5}},
		},
		{
			// n = 5. Two triangles sharing x: the 4 cross pairs pass
			// through x, and no other pair passes through anyone. x: 4 at
			// distance 1 → 1; a: 1 (b) + 1 (x) + 2 + 2 = 6 → 4/6.
			"two clusters joined by one node", clusters,
			map[string]metrics{"x": {4, 4, 1}, "a": {2, 0, 4.0 / 6}, "b": {2, 0, 4.0 / 6}, "c": {2, 0, 4.0 / 6}, "d": {2, 0, 4.0 / 6}},
		},
		{
			// n = 3. p and q reach one other at distance 1: 1/2 × 1/1;
			// r reaches nobody: 0.
			"disconnected pair and an isolated organisation", pair,
			map[string]metrics{"p": {1, 0, 0.5}, "q": {1, 0, 0.5}, "r": {0, 0, 0}},
		},
		{
			// a–b and b–c share 2 projects each (length 0.5), a–c one
			// (length 1): a→c is 1.0 both ways, so half of it passes b.
			// Counting hops instead would give b nothing. b: 0.5 + 0.5 →
			// 2/2 × 2/1; a: 0.5 + 1 → 2/1.5.
			"weights split a tie", analysis.NewNetwork(nil, pairs("a-b", "a-b", "b-c", "b-c", "a-c"), analysis.Options{}),
			map[string]metrics{"a": {2, 0, 2 / 1.5}, "b": {2, 0.5, 2}, "c": {2, 0, 2 / 1.5}},
		},
		{
			// Three shared projects make a–b–c (2/3) shorter than a–c (1).
			// b: 1/3 + 1/3 → 2/(2/3) = 3; a: 1/3 + 2/3 → 2.
			"heavier links win", analysis.NewNetwork(nil, pairs("a-b", "a-b", "a-b", "b-c", "b-c", "b-c", "a-c"), analysis.Options{}),
			map[string]metrics{"a": {2, 0, 2}, "b": {2, 1, 3}, "c": {2, 0, 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.net.Centrality()
			if len(got) != len(tt.want) {
				t.Errorf("%d organisations scored, want %d", len(got), len(tt.want))
			}
			for id, w := range tt.want {
				c := got[id]
				if c.Degree != w.degree || !near(c.Betweenness, w.betweenness) || !near(c.Closeness, w.closeness) {
					t.Errorf("%s: degree %d betweenness %v closeness %v; want %+v", id, c.Degree, c.Betweenness, c.Closeness, w)
				}
			}
		})
	}
}

func TestNormalisedBetweenness(t *testing.T) {
	got := star.Centrality()
	// n = 5: (n−1)(n−2)/2 = 6 pairs not involving c; all pass through c.
	if !near(got["c"].NormalisedBetweenness, 1) || got["a"].NormalisedBetweenness != 0 {
		t.Errorf("normalised betweenness of a star's centre = %v, of a leaf %v; want 1 and 0", got["c"].NormalisedBetweenness, got["a"].NormalisedBetweenness)
	}
}

// list renders components as "a,b | c".
func list(cs []analysis.Component) string {
	var parts []string
	for _, c := range cs {
		members := c.Organisations(-1)
		if len(members) != c.Size() {
			return fmt.Sprintf("size %d with %d members", c.Size(), len(members))
		}
		parts = append(parts, strings.Join(members, ","))
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
		{"star", star, "a,b,c,d,e", []string{"c: a | b | d | e"}, "", ""},
		// Each inner node of the chain cuts off one end; both cut off one
		// organisation, so they come in the network's order.
		{"chain", chain, "a,b,c,d", []string{"b: c,d | a", "c: a,b | d"}, "", ""},
		{"two clusters joined by one node", clusters, "a,b,c,d,x", []string{"x: a,b | c,d"}, "", ""},
		{"disconnected pair and an isolated organisation", pair, "p,q | r", nil, "r", "r"},
		{"a cycle has no cut vertex", analysis.NewNetwork(nil, pairs("a-b", "b-c", "c-d", "d-a"), analysis.Options{}), "a,b,c,d", nil, "", ""},
		// e hangs off the cycle at d; f off e. d cuts off e and f, e cuts
		// off f: d separates more, so it comes first.
		{"a cycle with a tail", analysis.NewNetwork(nil, pairs("a-b", "b-c", "c-d", "d-a", "d-e", "e-f"), analysis.Options{}),
			"a,b,c,d,e,f", []string{"d: a,b,c | e,f", "e: a,b,c,d | f"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := list(tt.net.Components()); got != tt.components {
				t.Errorf("components %q, want %q", got, tt.components)
			}
			var cuts []string
			for _, c := range tt.net.CutVertices() {
				cuts = append(cuts, c.Organisation+": "+list(c.Separates))
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

func TestListsFollowTheGivenOrder(t *testing.T) {
	// Display order z, y, x, w; v is named only by a participation.
	n := analysis.NewNetwork([]string{"z", "y", "x", "w"}, pairs("x-y", "y-z", "w-v"), analysis.Options{})
	if got := strings.Join(n.Organisations(), ","); got != "z,y,x,w,v" {
		t.Errorf("order %q, want z,y,x,w,v", got)
	}
	if got := list(n.Components()); got != "z,y,x | w,v" {
		t.Errorf("components %q", got)
	}
	cuts := n.CutVertices()
	if len(cuts) != 1 || cuts[0].Organisation != "y" || list(cuts[0].Separates) != "z | x" {
		t.Errorf("cut vertices %+v, want y separating z | x", cuts)
	}
	if got := n.Components()[0].Organisations(2); strings.Join(got, ",") != "z,y" {
		t.Errorf("first two members %q, want z,y", got)
	}
}

func TestLargeProjectsAddNoLinks(t *testing.T) {
	ps := []analysis.Participation{{Organisation: "a", Project: "big"}, {Organisation: "b", Project: "big"}, {Organisation: "c", Project: "big"},
		{Organisation: "a", Project: "small"}, {Organisation: "b", Project: "small"}}
	n := analysis.NewNetwork(nil, ps, analysis.Options{MaxProjectSize: 2})
	if got := n.Collaborators("a"); len(got) != 1 || got["b"] != 1 {
		t.Errorf("a's collaborators = %v, want only b through the small project", got)
	}
	if got := n.WithoutProjects(); len(got) != 0 {
		t.Errorf("c takes part in the big project, yet is reported without projects: %v", got)
	}
	if got := n.Isolated(); strings.Join(got, ",") != "c" {
		t.Errorf("isolated %v, want c: its only project is too big to link it", got)
	}
}

func TestAParticipationListedTwiceCountsOnce(t *testing.T) {
	ps := []analysis.Participation{{Organisation: "a", Project: "p"}, {Organisation: "b", Project: "p"}, {Organisation: "a", Project: "p"}}
	if got := analysis.NewNetwork(nil, ps, analysis.Options{}).Collaborators("a"); got["b"] != 1 {
		t.Errorf("a–b weight %d, want 1", got["b"])
	}
}

// TestAnUnlinkedParticipationTiesNoOne: a funder's part in a project
// counts as its project, and ties it to no partner; the partners stay
// tied to each other.
func TestAnUnlinkedParticipationTiesNoOne(t *testing.T) {
	ps := []analysis.Participation{{Organisation: "a", Project: "p"}, {Organisation: "b", Project: "p"},
		{Organisation: "funder", Project: "p", Unlinked: true}, {Organisation: "c", Project: "q"}, {Organisation: "funder", Project: "q", Unlinked: true}}
	n := analysis.NewNetwork(nil, ps, analysis.Options{})
	if got := n.Collaborators("a"); len(got) != 1 || got["b"] != 1 {
		t.Errorf("a's collaborators %v, want b alone", got)
	}
	if got := n.Collaborators("funder"); len(got) != 0 {
		t.Errorf("the funder's collaborators %v, want none", got)
	}
	if got := strings.Join(n.Isolated(), ","); got != "c,funder" {
		t.Errorf("isolated %s, want c,funder", got)
	}
	if got := n.WithoutProjects(); len(got) != 0 {
		t.Errorf("without projects %v, want none: the funder takes part in two", got)
	}
}

// TestALongChainWithMixedWeights is the case a bucket queue of the
// weights' common multiple (2520) paid for with one empty bucket per unit
// of distance: 1,000 organisations in a chain whose links share 5, 7, 8
// and 9 projects. The organisation at position i lies between the i
// before it and the 999−i after it.
func TestALongChainWithMixedWeights(t *testing.T) {
	n := mixedChain(1000)
	got := n.Centrality()
	for i, id := range n.Organisations() {
		if want := float64(i * (999 - i)); got[id].Betweenness != want {
			t.Fatalf("%s: betweenness %v, want %v", id, got[id].Betweenness, want)
		}
	}
}

func mixedChain(size int) *analysis.Network {
	ids := make([]string, size)
	for i := range ids {
		ids[i] = fmt.Sprintf("o%04d", i)
	}
	var ps []analysis.Participation
	for i := 0; i+1 < size; i++ {
		for k := 0; k < []int{5, 7, 8, 9}[i%4]; k++ {
			proj := fmt.Sprintf("p%d-%d", i, k)
			ps = append(ps, analysis.Participation{Organisation: ids[i], Project: proj}, analysis.Participation{Organisation: ids[i+1], Project: proj})
		}
	}
	return analysis.NewNetwork(ids, ps, analysis.Options{})
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
