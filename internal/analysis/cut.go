package analysis

import (
	"slices"
)

// CutVertex is an organisation whose removal splits its component, with
// the pieces of that component it leaves behind, largest first, then by
// first member in the network's order.
type CutVertex struct {
	Organisation string
	Separates    []Component
}

// separated counts the organisations outside a cut vertex's largest
// piece: how many would be cut off from the rest.
func (c CutVertex) separated() int {
	total := 0
	for _, p := range c.Separates[1:] {
		total += p.size
	}
	return total
}

// CutVertices returns the articulation points of the network, those that
// separate the most organisations first, then in the network's order.
//
// One iterative Hopcroft–Tarjan depth-first search (no recursion, so a
// long chain cannot overflow the stack) numbers the organisations in
// preorder, so that every subtree of the search tree is a contiguous run
// of that numbering. A child c of v whose subtree has no link above v
// (low[c] ≥ disc[v]) is a piece v separates: the run of c's subtree. What
// remains of v's component (the runs before and after v's subtree and the
// subtrees of v's other children) is one more piece, unless v is the
// search's root. So every piece is a few runs with its size and first
// member known at once: linear time and memory in all, however many cut
// vertices there are and however large their pieces.
func (n *Network) CutVertices() []CutVertex {
	size := int32(len(n.ids))
	disc := make([]int32, size)   // preorder number
	low := make([]int32, size)    // lowest preorder number reachable through one back link
	sub := make([]int32, size)    // subtree size
	subMin := make([]int32, size) // smallest position in the subtree
	parent := make([]int32, size)
	next := make([]int32, size) // next link to explore
	order := make([]int32, 0, size)
	// The component of each preorder number: its first and end numbers.
	compStart := make([]int32, size)
	compEnd := make([]int32, size)
	for i := range disc {
		disc[i], parent[i] = -1, -1
	}
	var stack []int32
	for root := int32(0); root < size; root++ {
		if disc[root] >= 0 {
			continue
		}
		start := int32(len(order))
		visit := func(v int32) {
			disc[v], low[v], sub[v], subMin[v] = int32(len(order)), int32(len(order)), 1, v
			order = append(order, v)
			stack = append(stack, v)
		}
		visit(root)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			if links := n.links(v); next[v] < int32(len(links)) {
				w := links[next[v]].to
				next[v]++
				if disc[w] < 0 {
					parent[w] = v
					visit(w)
				} else if w != parent[v] {
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := parent[v]; p >= 0 {
				low[p] = min(low[p], low[v])
				sub[p] += sub[v]
				subMin[p] = min(subMin[p], subMin[v])
			}
		}
		for i := start; i < int32(len(order)); i++ {
			compStart[i], compEnd[i] = start, int32(len(order))
		}
	}
	// prefixMin[i] is the smallest position among the preorder numbers
	// from i's component start up to i (excluded); suffixMin[i] among i
	// and those after it in its component. -1 for none.
	prefixMin := make([]int32, size+1)
	suffixMin := make([]int32, size+1)
	for i := int32(0); i < size; i++ {
		prefixMin[i] = -1
		if i > compStart[i] {
			prefixMin[i] = minPos(prefixMin[i-1], order[i-1])
		}
	}
	for i := size - 1; i >= 0; i-- {
		suffixMin[i] = order[i]
		if i+1 < compEnd[i] {
			suffixMin[i] = minPos(suffixMin[i], suffixMin[i+1])
		}
	}
	piece := func(lead int32, size int32, spans ...[2]int32) Component {
		return Component{net: n, size: int(size), lead: lead, order: order, spans: spans}
	}
	var out []CutVertex
	for v := int32(0); v < size; v++ {
		root := parent[v] < 0
		var pieces []Component
		// What stays with v's parent: the component outside v's subtree,
		// and the subtrees of v's children that link above v.
		var rest [][2]int32
		restLead, restSize := int32(-1), int32(0)
		if !root {
			d := disc[v]
			rest = append(rest, [2]int32{compStart[d], d})
			restLead = prefixMin[d]
			if end := d + sub[v]; end < compEnd[d] {
				rest = append(rest, [2]int32{end, compEnd[d]})
				restLead = minPos(restLead, suffixMin[end])
			}
			restSize = compEnd[d] - compStart[d] - sub[v]
		}
		for _, e := range n.links(v) {
			c := e.to
			if parent[c] != v {
				continue
			}
			span := [2]int32{disc[c], disc[c] + sub[c]}
			if root || low[c] >= disc[v] {
				pieces = append(pieces, piece(subMin[c], sub[c], span))
			} else {
				rest = append(rest, span)
				restLead = minPos(restLead, subMin[c])
				restSize += sub[c]
			}
		}
		if !root && len(pieces) > 0 {
			pieces = append(pieces, piece(restLead, restSize, rest...))
		}
		if len(pieces) < 2 {
			continue
		}
		sortComponents(pieces)
		out = append(out, CutVertex{Organisation: n.ids[v], Separates: pieces})
	}
	slices.SortStableFunc(out, func(a, b CutVertex) int { return b.separated() - a.separated() })
	return out
}

// minPos returns the smaller of two positions, -1 standing for none.
func minPos(a, b int32) int32 {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}
