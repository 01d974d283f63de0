package analysis

// Exact integer distances for the common case.
//
// Lengths are 1/weight. When the distinct weights present have a small
// least common multiple L, every length is the integer L/weight in units
// of 1/L, so distances are exact integers: ties need no epsilon, and the
// priority queue can be Dial's bucket queue (a ring of L+1 buckets, O(1)
// per operation) instead of a heap. Networks whose weights have a large
// L fall back to floating-point Dijkstra with a heap (centrality.go).

// maxDialScale bounds L for the bucket queue.
const maxDialScale = 4096

// integerLengths returns L/w for every weight w present (indexed by w),
// and L, or ok false when L exceeds maxDialScale.
func (n *Network) integerLengths() (lengths []int64, scale int64, ok bool) {
	present := map[int32]bool{}
	top := int32(1)
	for _, es := range n.adj {
		for _, e := range es {
			present[e.weight] = true
			top = max(top, e.weight)
		}
	}
	scale = 1
	for w := range present {
		scale = lcm(scale, int64(w))
		if scale > maxDialScale {
			return nil, 0, false
		}
	}
	lengths = make([]int64, top+1)
	for w := range present {
		lengths[w] = scale / int64(w)
	}
	return lengths, scale, true
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func lcm(a, b int64) int64 { return a / gcd(a, b) * b }

// dialState is one worker's buffers for integer Brandes.
type dialState struct {
	dist    []int64
	sigma   []float64
	delta   []float64
	preds   [][]int32
	order   []int32
	buckets [][]int32
	settled []int32
	gen     int32
}

func newDialState(size int, scale int64) *dialState {
	d := &dialState{dist: make([]int64, size), sigma: make([]float64, size), delta: make([]float64, size),
		preds: make([][]int32, size), settled: make([]int32, size), buckets: make([][]int32, scale+1)}
	for i := range d.dist {
		d.dist[i] = -1
	}
	return d
}

// run is Brandes' single-source step with Dial's queue; it adds the
// dependencies of s to partial and returns the closeness of s (with
// distances converted back to 1/weight units).
func (d *dialState) run(n *Network, lengths []int64, scale int64, s int, partial []float64) float64 {
	d.gen++
	gen := d.gen
	d.order = d.order[:0]
	d.dist[s], d.sigma[s] = 0, 1
	ring := int64(len(d.buckets))
	d.buckets[0] = append(d.buckets[0], int32(s))
	pending := 1
	for cur := int64(0); pending > 0; cur++ {
		slot := cur % ring
		for len(d.buckets[slot]) > 0 {
			b := d.buckets[slot]
			v := b[len(b)-1]
			d.buckets[slot] = b[:len(b)-1]
			pending--
			if d.settled[v] == gen || d.dist[v] != cur {
				continue
			}
			d.settled[v] = gen
			d.order = append(d.order, v)
			sigmav := d.sigma[v]
			for _, e := range n.adj[v] {
				w := e.to
				nd := cur + lengths[e.weight]
				switch dw := d.dist[w]; {
				case dw < 0 || nd < dw:
					d.dist[w] = nd
					d.sigma[w] = sigmav
					d.preds[w] = append(d.preds[w][:0], v)
					ws := nd % ring
					d.buckets[ws] = append(d.buckets[ws], w)
					pending++
				case nd == dw:
					d.sigma[w] += sigmav
					d.preds[w] = append(d.preds[w], v)
				}
			}
		}
	}
	var total int64
	for i := len(d.order) - 1; i >= 0; i-- {
		w := d.order[i]
		total += d.dist[w]
		coeff := (1 + d.delta[w]) / d.sigma[w]
		for _, v := range d.preds[w] {
			d.delta[v] += d.sigma[v] * coeff
		}
		if int(w) != s {
			partial[w] += d.delta[w]
		}
	}
	closeness := 0.0
	if reached := len(d.order) - 1; reached > 0 && total > 0 {
		closeness = float64(reached) / (float64(total) / float64(scale))
	}
	for _, v := range d.order {
		d.dist[v], d.sigma[v], d.delta[v] = -1, 0, 0
		d.preds[v] = d.preds[v][:0]
	}
	return closeness
}
