package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestIntegerAndFloatPathsAgree holds the bucket-queue path with exact
// integer distances and the heap path with floating-point distances to
// the same answers on random clustered networks with repeated pairs.
func TestIntegerAndFloatPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for round := 0; round < 5; round++ {
		var ps []Participation
		for p := 0; p < 120; p++ {
			size := 2 + r.IntN(3)
			for k := 0; k < size; k++ {
				ps = append(ps, Participation{Organisation: fmt.Sprintf("o%02d", r.IntN(40)), Project: fmt.Sprintf("p%d", p)})
			}
		}
		exact := NewNetwork(nil, ps, Options{})
		if _, _, ok := exact.integerLengths(); !ok {
			t.Fatalf("round %d: the weights do not allow integer distances", round)
		}
		float := NewNetwork(nil, ps, Options{})
		float.floatOnly = true
		a, b := exact.Centrality(), float.Centrality()
		for id, ca := range a {
			cb := b[id]
			if math.Abs(ca.Betweenness-cb.Betweenness) > 1e-6 || math.Abs(ca.Closeness-cb.Closeness) > 1e-9 {
				t.Errorf("round %d, %s: integer %+v, float %+v", round, id, ca, cb)
			}
		}
	}
}

func TestLargeWeightSetsUseTheFloatPath(t *testing.T) {
	var ps []Participation
	// Pairs sharing 7, 11 and 13 projects: the common multiple is 1001,
	// then 64 shared projects push it past the bucket queue's bound.
	for i, pair := range []struct {
		a, b  string
		times int
	}{{"a", "b", 7}, {"b", "c", 11}, {"c", "d", 13}, {"d", "e", 64}} {
		for k := 0; k < pair.times; k++ {
			proj := fmt.Sprintf("p%d-%d", i, k)
			ps = append(ps, Participation{pair.a, proj}, Participation{pair.b, proj})
		}
	}
	n := NewNetwork(nil, ps, Options{})
	if _, _, ok := n.integerLengths(); ok {
		t.Fatal("expected the float path")
	}
	// A chain: b, c and d each lie on the paths between their sides.
	got := n.Centrality()
	for id, want := range map[string]float64{"a": 0, "b": 3, "c": 4, "d": 3, "e": 0} {
		if math.Abs(got[id].Betweenness-want) > 1e-9 {
			t.Errorf("%s: betweenness %v, want %v", id, got[id].Betweenness, want)
		}
	}
}
