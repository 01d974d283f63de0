// Package analysis holds the graph algorithms behind hubgraph's
// network-gap analytics. It works on plain string ids and imports only
// the standard library and gonum.
//
// # The collaboration network
//
// Organisations are linked when they take part in at least one common
// project; a link's weight is the number of projects they share, and its
// length, for distance-based measures, is 1/weight (more shared projects,
// closer). A project with more than Options.MaxProjectSize participants
// (default 50) contributes no links, so that a huge consortium does not
// turn into all pairs; its organisations still count as having a project.
//
// # Measures
//
//   - Degree: the number of distinct collaborators.
//   - Betweenness: for every unordered pair of other organisations, the
//     share of their shortest (weighted) paths that pass through the
//     organisation, summed (Brandes' algorithm with Dijkstra, O(V·E + V²
//     log V) time, linear memory; exact integer distances with a bucket
//     queue when the weights allow). NormalisedBetweenness divides by
//     (n−1)(n−2)/2.
//   - Closeness: within the organisation's component, (reachable − 1)
//     divided by the sum of shortest distances to the reachable
//     organisations; 0 for an organisation with no collaborator.
//   - Components: connected parts of the network, largest first; an
//     organisation with no collaborator is a component of one.
//   - Cut vertices: organisations whose removal splits their component,
//     with the pieces each separates (Hopcroft–Tarjan, linear time).
//   - Partner suggestions for X: organisations X does not collaborate
//     with, scored commonPartners + adamicAdar + 0.5 × complementaryPillars,
//     where adamicAdar sums 1/ln(degree) over the common partners (of
//     degree above 1) and complementaryPillars counts the pillars the
//     candidate covers and X does not. Only positive scores are returned.
package analysis

import (
	"sort"
)

// Participation is one organisation taking part in one project.
type Participation struct {
	Organisation string
	Project      string
}

// Options tune how the network is built.
type Options struct {
	// MaxProjectSize is the largest project that still links its
	// participants pairwise (0 means 50).
	MaxProjectSize int
}

// DefaultMaxProjectSize is used when Options.MaxProjectSize is 0.
const DefaultMaxProjectSize = 50

// Network is the collaboration network. It is immutable once built and
// safe for concurrent readers.
type Network struct {
	ids      []string       // sorted
	index    map[string]int // id → position in ids
	adj      [][]edge       // by position, sorted by neighbour
	projects []int          // by position: number of projects
	// floatOnly forces floating-point Dijkstra, for tests that hold the
	// two paths to the same answers.
	floatOnly bool
}

// edge is kept small (8 bytes) because the shortest-path searches
// stream through every edge once per source.
type edge struct {
	to     int32
	weight int32
}

// NewNetwork builds the network of the given organisations (also those
// without projects); organisations named only in participations are added.
func NewNetwork(organisations []string, participations []Participation, opt Options) *Network {
	if opt.MaxProjectSize == 0 {
		opt.MaxProjectSize = DefaultMaxProjectSize
	}
	set := map[string]bool{}
	for _, o := range organisations {
		set[o] = true
	}
	byProject := map[string]map[string]bool{}
	for _, p := range participations {
		set[p.Organisation] = true
		if byProject[p.Project] == nil {
			byProject[p.Project] = map[string]bool{}
		}
		byProject[p.Project][p.Organisation] = true
	}
	n := &Network{index: make(map[string]int, len(set))}
	for id := range set {
		n.ids = append(n.ids, id)
	}
	sort.Strings(n.ids)
	for i, id := range n.ids {
		n.index[id] = i
	}
	n.adj = make([][]edge, len(n.ids))
	n.projects = make([]int, len(n.ids))
	weights := make([]map[int]int, len(n.ids))
	for _, members := range byProject {
		ms := make([]int, 0, len(members))
		for id := range members {
			i := n.index[id]
			ms = append(ms, i)
			n.projects[i]++
		}
		if len(ms) > opt.MaxProjectSize {
			continue
		}
		for a := 0; a < len(ms); a++ {
			for b := a + 1; b < len(ms); b++ {
				x, y := ms[a], ms[b]
				if weights[x] == nil {
					weights[x] = map[int]int{}
				}
				if weights[y] == nil {
					weights[y] = map[int]int{}
				}
				weights[x][y]++
				weights[y][x]++
			}
		}
	}
	for i, w := range weights {
		for j, c := range w {
			n.adj[i] = append(n.adj[i], edge{to: int32(j), weight: int32(c)})
		}
		sort.Slice(n.adj[i], func(a, b int) bool { return n.adj[i][a].to < n.adj[i][b].to })
	}
	return n
}

// Organisations returns every organisation id, sorted.
func (n *Network) Organisations() []string { return append([]string(nil), n.ids...) }

// Collaborators returns the organisations id shares projects with, and
// how many.
func (n *Network) Collaborators(id string) map[string]int {
	i, ok := n.index[id]
	if !ok {
		return nil
	}
	out := make(map[string]int, len(n.adj[i]))
	for _, e := range n.adj[i] {
		out[n.ids[e.to]] = int(e.weight)
	}
	return out
}

// Isolated returns the organisations with no collaborator, sorted.
func (n *Network) Isolated() []string {
	var out []string
	for i, id := range n.ids {
		if len(n.adj[i]) == 0 {
			out = append(out, id)
		}
	}
	return out
}

// WithoutProjects returns the organisations that take part in no
// project, sorted.
func (n *Network) WithoutProjects() []string {
	var out []string
	for i, id := range n.ids {
		if n.projects[i] == 0 {
			out = append(out, id)
		}
	}
	return out
}

// Component is a connected set of organisations, sorted by id.
type Component struct {
	Organisations []string
}

// Components returns the connected components, largest first, then by
// smallest id.
func (n *Network) Components() []Component {
	comp := make([]int, len(n.ids))
	for i := range comp {
		comp[i] = -1
	}
	var out []Component
	for s := range n.ids {
		if comp[s] >= 0 {
			continue
		}
		c := len(out)
		out = append(out, n.flood(s, func(v int) bool {
			if comp[v] >= 0 {
				return false
			}
			comp[v] = c
			return true
		}))
	}
	sortComponents(out)
	return out
}

func sortComponents(cs []Component) {
	sort.SliceStable(cs, func(i, j int) bool {
		if len(cs[i].Organisations) != len(cs[j].Organisations) {
			return len(cs[i].Organisations) > len(cs[j].Organisations)
		}
		return cs[i].Organisations[0] < cs[j].Organisations[0]
	})
}

// flood returns the component reached from start, visiting a node only
// when visit (which marks it) returns true; ids sorted.
func (n *Network) flood(start int, visit func(int) bool) Component {
	var members []string
	if !visit(start) {
		return Component{}
	}
	stack := []int{start}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		members = append(members, n.ids[v])
		for _, e := range n.adj[v] {
			if visit(int(e.to)) {
				stack = append(stack, int(e.to))
			}
		}
	}
	sort.Strings(members)
	return Component{Organisations: members}
}
