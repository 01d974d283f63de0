package analysis

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Centrality is one organisation's position in the network; see the
// package comment for the definitions.
type Centrality struct {
	Degree                int
	Betweenness           float64
	NormalisedBetweenness float64
	Closeness             float64
}

// Centrality returns every organisation's degree, betweenness and
// closeness, by id.
//
// Brandes' algorithm runs one Dijkstra search per source on integer
// lengths (see lengthsOf) with a radix heap, then walks the organisations
// back from the farthest, handing each one's dependency to its
// predecessors. Time O(V·E) with small factors, memory O(V + E) per
// worker; the sources are shared among GOMAXPROCS workers, each with its
// own buffers, and their partial sums added.
func (n *Network) Centrality() map[string]Centrality {
	c, _ := n.CentralityContext(context.Background())
	return c
}

// CentralityContext is Centrality that stops when ctx ends: every worker
// checks ctx between two sources (one search each, O(E)), so that a
// request that timed out or whose client left stops using the cores
// within one search; it then returns ctx's error and no scores.
func (n *Network) CentralityContext(ctx context.Context) (map[string]Centrality, error) {
	size := len(n.ids)
	lengths, scale, tol := n.lengthsOf()
	between := make([]float64, size)
	closeness := make([]float64, size)
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), max(1, size)); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := &brandes{net: n, lengths: lengths, tol: tol, node: make([]nodeState, size), partial: make([]float64, size)}
			for i := range st.node {
				st.resetNode(int32(i))
			}
			for {
				s := int(next.Add(1) - 1)
				if s >= size || ctx.Err() != nil {
					break
				}
				reached, total := st.run(int32(s))
				if reached > 0 && size > 1 {
					// Wasserman–Faust: (r−1)/(n−1) × (r−1)/Σd.
					r := float64(reached)
					closeness[s] = r / float64(size-1) * r / (total / scale)
				}
			}
			mu.Lock()
			for i, v := range st.partial {
				between[i] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]Centrality, size)
	norm := 0.0
	if size >= 3 {
		norm = float64(size-1) * float64(size-2) / 2
	}
	for i, id := range n.ids {
		// Each unordered pair was counted from both ends.
		b := between[i] / 2
		c := Centrality{Degree: n.degree(int32(i)), Betweenness: b, Closeness: closeness[i]}
		if norm > 0 {
			c.NormalisedBetweenness = b / norm
		}
		out[id] = c
	}
	return out, nil
}

// maxDistance bounds the integer distances, so that sums and the
// unreached mark never overflow.
const maxDistance = 1 << 61

// lengthsOf returns the integer length of every weight present (indexed
// by weight), the number of units in a length of 1, and the tolerance
// within which two distances count as equal.
//
// The lengths are 1/weight. With L the least common multiple of the
// weights present, L/weight is an integer, so when (n−1)·L (the longest
// possible shortest path) fits in maxDistance the distances are exact:
// ties are ties and the tolerance is 0. Pairs sharing 1 to 20 projects
// give L = 232,792,560, well within reach for millions of organisations.
// Only a mix of weights with a huge common multiple rounds instead: S =
// maxDistance/(n−1) units per 1, each length S/weight rounded (off by at
// most ½ unit), so two equally short paths of at most n−1 links differ by
// at most n−1 units, the tolerance, which is far below the shortest link
// (S/weight units).
func (n *Network) lengthsOf() (lengths []int64, scale float64, tol int64) {
	top := int32(1)
	for _, e := range n.edges {
		top = max(top, e.weight)
	}
	present := make([]bool, top+1)
	for _, e := range n.edges {
		present[e.weight] = true
	}
	hops := int64(max(1, len(n.ids)-1))
	units, exact := int64(1), !n.approximate
	for w := int64(1); w <= int64(top) && exact; w++ {
		if present[w] {
			// units/gcd × w ≤ maxDistance/hops, checked without overflow.
			f := units / gcd(units, w)
			exact = f <= maxDistance/hops/w
			units = f * w
		}
	}
	if !exact {
		units, tol = maxDistance/hops, hops
	}
	lengths = make([]int64, top+1)
	for w := int64(1); w <= int64(top); w++ {
		if present[w] {
			lengths[w] = (units + w/2) / w
		}
	}
	return lengths, float64(units), tol
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// brandes holds one worker's buffers, reused across sources so that
// memory stays linear in the network's size.
type brandes struct {
	net     *Network
	lengths []int64
	tol     int64
	node    []nodeState
	order   []int32
	queue   radixHeap
	// preds holds every node's predecessors on shortest paths from the
	// source as linked lists in one arena (node.preds is the head), so
	// that recording one is an append and forgetting them all (when a
	// shorter path turns up) is one store.
	preds   []predecessor
	partial []float64
	// nearer holds the links of the node being settled that may shorten
	// or tie a distance.
	nearer []edge
}

// unreached is the distance of a node the search has not reached: above
// every distance, and still far from overflowing when a tolerance is
// added.
const unreached = 2 * maxDistance

// nodeState is one organisation's state during one source's search, side
// by side so that one cache line serves each visit.
type nodeState struct {
	dist  int64
	sigma float64 // number of shortest paths from the source
	delta float64 // dependency of the source on the node
	preds int32   // head of the predecessor list in the arena, -1 for none
}

type predecessor struct {
	node int32
	next int32
}

func (b *brandes) resetNode(v int32) { b.node[v] = nodeState{dist: unreached, preds: -1} }

// run adds the dependencies of the paths from s to partial and returns
// how many others s reaches and the sum of their distances in units.
func (b *brandes) run(s int32) (reached int, total float64) {
	node, tol, lengths := b.node, b.tol, b.lengths
	b.order, b.preds = b.order[:0], b.preds[:0]
	b.queue.reset()
	node[s].dist, node[s].sigma = 0, 1
	b.queue.push(0, s)
	for b.queue.size > 0 {
		key, v := b.queue.pop()
		dv, sigmav := node[v].dist, node[v].sigma
		if int64(key) != dv {
			continue // superseded by a shorter distance
		}
		b.order = append(b.order, v)
		// Most links lead to organisations already as near or nearer: pick
		// out the others first, without a branch the processor would
		// mispredict, then handle those.
		links := b.net.links(v)
		if cap(b.nearer) < len(links) {
			b.nearer = make([]edge, len(links))
		}
		nearer := b.nearer[:len(links)]
		k := 0
		for _, e := range links {
			nearer[k] = e
			next := 0
			if dv+lengths[e.weight] <= node[e.to].dist+tol {
				next = 1
			}
			k += next
		}
		for _, e := range nearer[:k] {
			w := &node[e.to]
			d := dv + lengths[e.weight]
			if d < w.dist-tol {
				w.dist, w.sigma, w.preds = d, sigmav, int32(len(b.preds))
				b.preds = append(b.preds, predecessor{node: v, next: -1})
				b.queue.push(uint64(d), e.to)
			} else {
				w.sigma += sigmav
				b.preds = append(b.preds, predecessor{node: v, next: w.preds})
				w.preds = int32(len(b.preds) - 1)
			}
		}
	}
	for i := len(b.order) - 1; i >= 0; i-- {
		w := b.order[i]
		nw := &node[w]
		coef := (1 + nw.delta) / nw.sigma
		for p := nw.preds; p >= 0; p = b.preds[p].next {
			nv := &node[b.preds[p].node]
			nv.delta += nv.sigma * coef
		}
		if w != s {
			b.partial[w] += nw.delta
		}
		total += float64(nw.dist)
	}
	for _, v := range b.order {
		b.resetNode(v)
	}
	return len(b.order) - 1, total
}
