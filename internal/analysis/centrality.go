package analysis

import (
	"runtime"
	"sync"
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
// closeness. Brandes' algorithm runs one Dijkstra per source (with exact
// integer distances and a bucket queue when the weights allow, see
// dial.go); sources are shared among the machine's cores and the partial
// sums merged.
func (n *Network) Centrality() map[string]Centrality {
	size := len(n.ids)
	workers := min(runtime.GOMAXPROCS(0), max(1, size))
	sources := make(chan int, size)
	for s := 0; s < size; s++ {
		sources <- s
	}
	close(sources)
	between := make([]float64, size)
	closeness := make([]float64, size)
	lengths := n.lengthTable()
	intLengths, scale, exact := n.integerLengths()
	exact = exact && !n.floatOnly
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			partial := make([]float64, size)
			if exact {
				st := newDialState(size, scale)
				for s := range sources {
					closeness[s] = st.run(n, intLengths, scale, s, partial)
				}
			} else {
				st := newBrandes(size)
				for s := range sources {
					closeness[s] = st.run(n, lengths, s, partial)
				}
			}
			mu.Lock()
			for i, v := range partial {
				between[i] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	out := make(map[string]Centrality, size)
	norm := 0.0
	if size >= 3 {
		norm = float64(size-1) * float64(size-2) / 2
	}
	for i, id := range n.ids {
		// Each unordered pair was counted from both ends.
		b := between[i] / 2
		c := Centrality{Degree: len(n.adj[i]), Betweenness: b, Closeness: closeness[i]}
		if norm > 0 {
			c.NormalisedBetweenness = b / norm
		}
		out[id] = c
	}
	return out
}

// brandes holds one worker's buffers, reused across sources so that
// memory stays linear in the network's size.
type brandes struct {
	// node holds the per-node state the inner loop touches, side by side
	// so that one cache line serves each visit.
	node  []nodeState
	delta []float64
	preds [][]int
	order []int
	queue distQueue
	gen   int32
}

// nodeState is one node's state during one source's search.
type nodeState struct {
	dist  float64
	sigma float64
	// settled == the run's generation marks the node settled.
	settled int32
}

func newBrandes(size int) *brandes {
	b := &brandes{node: make([]nodeState, size), delta: make([]float64, size), preds: make([][]int, size)}
	for i := range b.node {
		b.node[i].dist = -1
	}
	return b
}

// epsilon absorbs floating-point error when comparing path lengths made
// of sums of 1/weight.
const epsilon = 1e-9

// lengthTable returns 1/w for every weight up to the network's largest,
// so that the searches look lengths up instead of dividing.
func (n *Network) lengthTable() []float64 {
	top := int32(1)
	for _, es := range n.adj {
		for _, e := range es {
			top = max(top, e.weight)
		}
	}
	out := make([]float64, top+1)
	for w := 1; w <= int(top); w++ {
		out[w] = 1 / float64(w)
	}
	return out
}

// run adds the dependencies of source s to partial and returns the
// closeness of s.
func (b *brandes) run(n *Network, lengths []float64, s int, partial []float64) float64 {
	b.order = b.order[:0]
	b.node[s].dist, b.node[s].sigma = 0, 1
	b.queue = append(b.queue[:0], item{node: s, dist: 0})
	b.gen++
	gen := b.gen
	for len(b.queue) > 0 {
		it := b.queue.pop()
		v := it.node
		sv := &b.node[v]
		if sv.settled == gen {
			continue
		}
		sv.settled = gen
		b.order = append(b.order, v)
		dv, sigmav := sv.dist, sv.sigma
		for _, e := range n.adj[v] {
			w := int(e.to)
			sw := &b.node[w]
			d := dv + lengths[e.weight]
			switch {
			case sw.dist < 0 || d < sw.dist-epsilon:
				sw.dist = d
				sw.sigma = sigmav
				b.preds[w] = append(b.preds[w][:0], v)
				b.queue.push(item{node: w, dist: d})
			case d <= sw.dist+epsilon && sw.settled != gen:
				sw.sigma += sigmav
				b.preds[w] = append(b.preds[w], v)
			}
		}
	}
	total := 0.0
	for i := len(b.order) - 1; i >= 0; i-- {
		w := b.order[i]
		total += b.node[w].dist
		coeff := (1 + b.delta[w]) / b.node[w].sigma
		for _, v := range b.preds[w] {
			b.delta[v] += b.node[v].sigma * coeff
		}
		if w != s {
			partial[w] += b.delta[w]
		}
	}
	closeness := 0.0
	if reached := len(b.order) - 1; reached > 0 && total > 0 {
		closeness = float64(reached) / total
	}
	// Every node reached was settled, so order lists all there is to reset.
	for _, v := range b.order {
		b.node[v].dist, b.node[v].sigma, b.delta[v] = -1, 0, 0
		b.preds[v] = b.preds[v][:0]
	}
	return closeness
}

type item struct {
	node int
	dist float64
}

// distQueue is a 4-ary min-heap of tentative distances, written out
// rather than through container/heap so that no push allocates; four
// children per node halve the depth a pop sifts through. Ties need no
// order: dependencies only flow between nodes at different distances.
type distQueue []item

func (q *distQueue) push(it item) {
	*q = append(*q, it)
	h := *q
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if h[p].dist <= it.dist {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
}

func (q *distQueue) pop() item {
	h := *q
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	*q = h
	if len(h) == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= len(h) {
			break
		}
		m := c
		for k := c + 1; k < c+4 && k < len(h); k++ {
			if h[k].dist < h[m].dist {
				m = k
			}
		}
		if h[m].dist >= last.dist {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return top
}
