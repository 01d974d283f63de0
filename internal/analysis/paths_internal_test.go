package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestExactAndRoundedLengthsAgree holds the exact integer lengths and the
// rounded ones (used only when the weights' common multiple is too large)
// to the same answers on random clustered networks with repeated pairs.
func TestExactAndRoundedLengthsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for round := 0; round < 5; round++ {
		var ps []Participation
		for p := 0; p < 150; p++ {
			size := 2 + r.IntN(3)
			for k := 0; k < size; k++ {
				ps = append(ps, Participation{Organisation: fmt.Sprintf("o%02d", r.IntN(40)), Project: fmt.Sprintf("p%d", p)})
			}
		}
		exact := NewNetwork(nil, ps, Options{})
		if _, _, tol := exact.lengthsOf(); tol != 0 {
			t.Fatalf("round %d: the weights do not give exact lengths", round)
		}
		rounded := NewNetwork(nil, ps, Options{})
		rounded.approximate = true
		if _, _, tol := rounded.lengthsOf(); tol == 0 {
			t.Fatalf("round %d: the rounded lengths have no tolerance", round)
		}
		a, b := exact.Centrality(), rounded.Centrality()
		for id, ca := range a {
			cb := b[id]
			if math.Abs(ca.Betweenness-cb.Betweenness) > 1e-6 || math.Abs(ca.Closeness-cb.Closeness) > 1e-9 {
				t.Errorf("round %d, %s: exact %+v, rounded %+v", round, id, ca, cb)
			}
		}
	}
}

// TestLengths checks when lengths are exact: the common multiple of the
// weights present, times the longest possible path, must fit.
func TestLengths(t *testing.T) {
	chain := func(weights ...int) *Network {
		var ps []Participation
		for i, w := range weights {
			for k := 0; k < w; k++ {
				proj := fmt.Sprintf("p%d-%d", i, k)
				ps = append(ps, Participation{Organisation: fmt.Sprintf("o%d", i), Project: proj}, Participation{Organisation: fmt.Sprintf("o%d", i+1), Project: proj})
			}
		}
		return NewNetwork(nil, ps, Options{})
	}
	tests := []struct {
		name    string
		net     *Network
		units   float64
		lengths map[int]int64
		exact   bool
	}{
		{"weights 5, 7, 8 and 9", chain(5, 7, 8, 9), 2520, map[int]int64{5: 504, 7: 360, 8: 315, 9: 280}, true},
		{"pairs sharing 1 to 12 projects", chain(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 27720, map[int]int64{1: 27720, 11: 2520, 12: 2310}, true},
		// 61 × 67 × … × 101 × 103 is about 1.2e19, past 2^61/10 for
		// the 10 links of the chain.
		{"weights with a huge common multiple", chain(61, 67, 71, 73, 79, 83, 89, 97, 101, 103), maxDistance / 10, map[int]int64{61: (maxDistance/10 + 30) / 61}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lengths, units, tol := tt.net.lengthsOf()
			if units != tt.units || (tol == 0) != tt.exact {
				t.Errorf("units %v, tolerance %d; want %v units, exact %v", units, tol, tt.units, tt.exact)
			}
			for w, l := range tt.lengths {
				if lengths[w] != l {
					t.Errorf("length of weight %d = %d, want %d", w, lengths[w], l)
				}
			}
		})
	}
}

// TestRadixHeapPopsInOrder pushes keys no smaller than the last popped,
// as Dijkstra does, and checks they come out in order.
func TestRadixHeapPopsInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	var h radixHeap
	var last uint64
	var popped []uint64
	for i := 0; i < 10000; i++ {
		if h.size == 0 || r.IntN(3) > 0 {
			h.push(last+uint64(r.IntN(1<<20)), int32(i))
			continue
		}
		k, _ := h.pop()
		if k < last {
			t.Fatalf("popped %d after %d", k, last)
		}
		last = k
		popped = append(popped, k)
	}
	for h.size > 0 {
		k, _ := h.pop()
		if k < last {
			t.Fatalf("popped %d after %d", k, last)
		}
		last = k
	}
	if len(popped) == 0 {
		t.Fatal("nothing popped")
	}
}
