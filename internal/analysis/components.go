package analysis

import (
	"slices"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// Component is a connected set of organisations: a component of the
// network, or a piece of one that a cut vertex leaves behind. Its size is
// known at once; its members are listed on demand, so that the pieces of
// every cut vertex of a long chain cost nothing until someone asks for
// them.
type Component struct {
	net  *Network
	size int
	// lead is the position of the first member in the network's order.
	lead int32
	// The members are order[s[0]:s[1]] for every span s.
	order []int32
	spans [][2]int32
}

// Size returns the number of organisations.
func (c Component) Size() int { return c.size }

// Organisations returns the first limit members in the network's order
// (every member when limit is negative). It takes time linear in the
// component's size.
func (c Component) Organisations(limit int) []string {
	if limit < 0 || limit > c.size {
		limit = c.size
	}
	if limit == 0 {
		return nil
	}
	// The limit smallest positions, in a max-heap while scanning.
	best := make([]int32, 0, limit)
	for _, s := range c.spans {
		for _, v := range c.order[s[0]:s[1]] {
			switch {
			case len(best) < limit:
				best = append(best, v)
				siftUp(best, len(best)-1)
			case v < best[0]:
				best[0] = v
				siftDown(best, 0)
			}
		}
	}
	slices.Sort(best)
	out := make([]string, len(best))
	for i, v := range best {
		out[i] = c.net.ids[v]
	}
	return out
}

func siftUp(h []int32, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] >= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []int32, i int) {
	for {
		m := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(h) && h[c] > h[m] {
				m = c
			}
		}
		if m == i {
			return
		}
		h[m], h[i] = h[i], h[m]
		i = m
	}
}

// Components returns the connected components, largest first, then by
// their first member in the network's order. They are gonum's
// topo.ConnectedComponents.
func (n *Network) Components() []Component {
	var out []Component
	for _, nodes := range topo.ConnectedComponents(gonumView{n}) {
		members := make([]int32, len(nodes))
		for i, v := range nodes {
			members[i] = int32(v.ID())
		}
		slices.Sort(members)
		out = append(out, Component{net: n, size: len(members), lead: members[0], order: members, spans: [][2]int32{{0, int32(len(members))}}})
	}
	sortComponents(out)
	return out
}

// sortComponents orders components largest first, then by first member.
func sortComponents(cs []Component) {
	slices.SortFunc(cs, func(a, b Component) int {
		if a.size != b.size {
			return b.size - a.size
		}
		return int(a.lead - b.lead)
	})
}

// gonumView shows the network to gonum as an undirected graph whose node
// ids are positions, without copying it.
type gonumView struct{ n *Network }

func (g gonumView) valid(id int64) bool { return id >= 0 && id < int64(len(g.n.ids)) }

// Node returns the node with the id, or nil.
func (g gonumView) Node(id int64) graph.Node {
	if !g.valid(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns every node.
func (g gonumView) Nodes() graph.Nodes { return &positions{end: int64(len(g.n.ids)), at: -1} }

// From returns the collaborators of id.
func (g gonumView) From(id int64) graph.Nodes {
	if !g.valid(id) {
		return &neighbours{at: -1}
	}
	return &neighbours{links: g.n.links(int32(id)), at: -1}
}

// HasEdgeBetween reports whether x and y collaborate.
func (g gonumView) HasEdgeBetween(x, y int64) bool {
	if !g.valid(x) || !g.valid(y) {
		return false
	}
	links := g.n.links(int32(x))
	i := sort.Search(len(links), func(i int) bool { return int64(links[i].to) >= y })
	return i < len(links) && int64(links[i].to) == y
}

// Edge returns the link from u to v, or nil.
func (g gonumView) Edge(u, v int64) graph.Edge {
	if !g.HasEdgeBetween(u, v) {
		return nil
	}
	return simple.Edge{F: simple.Node(u), T: simple.Node(v)}
}

// EdgeBetween returns the link between x and y, or nil.
func (g gonumView) EdgeBetween(x, y int64) graph.Edge { return g.Edge(x, y) }

// positions iterates over the positions below end.
type positions struct{ end, at int64 }

func (p *positions) Next() bool {
	if p.at+1 >= p.end {
		p.at = p.end
		return false
	}
	p.at++
	return true
}
func (p *positions) Len() int         { return int(p.end - min(p.at+1, p.end)) }
func (p *positions) Reset()           { p.at = -1 }
func (p *positions) Node() graph.Node { return simple.Node(p.at) }

// neighbours iterates over one organisation's links.
type neighbours struct {
	links []edge
	at    int
}

func (p *neighbours) Next() bool {
	if p.at+1 >= len(p.links) {
		p.at = len(p.links)
		return false
	}
	p.at++
	return true
}
func (p *neighbours) Len() int         { return len(p.links) - min(p.at+1, len(p.links)) }
func (p *neighbours) Reset()           { p.at = -1 }
func (p *neighbours) Node() graph.Node { return simple.Node(p.links[p.at].to) }
