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
// Which participations count (dates, statuses, scope) and which tie no one
// (Participation.Unlinked) is the caller's choice.
//
// # Measures
//
// n is the number of organisations in the network, isolated ones included.
//
//   - Degree: the number of distinct collaborators.
//   - Betweenness: for every unordered pair of other organisations, the
//     share of their shortest (weighted) paths that pass through the
//     organisation, summed. NormalisedBetweenness divides by
//     (n−1)(n−2)/2, the number of such pairs.
//   - Closeness (Wasserman–Faust): for an organisation that reaches r−1
//     others (r is the size of its component) at distances summing to S,
//     ((r−1)/(n−1)) × ((r−1)/S); 0 for an organisation with no
//     collaborator. Within a connected network it is the usual (n−1)/S;
//     the first factor keeps a pair of organisations that only know each
//     other from scoring like the centre of the whole network.
//   - Components: connected parts of the network, largest first; an
//     organisation with no collaborator is a component of one.
//   - Cut vertices: organisations whose removal splits their component,
//     with the pieces each leaves behind.
//   - Partner suggestions for X: organisations X does not collaborate
//     with, scored commonPartners + adamicAdar + 0.5 × complementaryPillars,
//     where adamicAdar sums 1/ln(degree) over the common partners (of
//     degree above 1) and complementaryPillars counts the pillars the
//     candidate covers and X does not. Only positive scores are returned.
//
// # What comes from gonum, and what is our own
//
// Components are gonum's topo.ConnectedComponents, run on a read-only
// view of the network (gonumView) without copying it. gonum offers
// nothing that fits the rest within the bounds: its weighted
// betweenness and closeness (network.BetweennessWeighted, network.Closeness)
// take a path.AllShortest, an all-pairs matrix (quadratic memory), its
// unweighted network.Betweenness ignores the weights, and it has no
// articulation points. So these are our own, in memory linear in the
// network's size: Brandes' betweenness with one Dijkstra per source on
// exact integer lengths and a radix heap (centrality.go, radix.go), run
// on every core; cut vertices and their pieces from one iterative
// Hopcroft–Tarjan depth-first search (cut.go). The tests hold them to
// gonum's network.Betweenness (unweighted) and to path.DijkstraAllFrom
// (weighted, every shortest path enumerated) as independent oracles.
package analysis

import (
	"slices"
	"sort"
)

// Participation is one organisation taking part in one project.
// Unlinked counts the project as the organisation's and counts it towards
// the project's size, but ties the organisation to no one (a funder taking
// part is not a collaborator).
type Participation struct {
	Organisation string
	Project      string
	Unlinked     bool
}

// Options tune how the network is built.
type Options struct {
	// MaxProjectSize is the largest project that still links its
	// participants pairwise (0 means DefaultMaxProjectSize).
	MaxProjectSize int
}

// DefaultMaxProjectSize is used when Options.MaxProjectSize is 0.
const DefaultMaxProjectSize = 50

// Network is the collaboration network. It is immutable once built and
// safe for concurrent readers.
//
// Organisations have positions: the order given to NewNetwork, then the
// ids named only by participations, sorted. Every list the network returns
// (isolated organisations, members of components and pieces) follows it,
// so a caller that passes its organisations in display order gets lists
// in display order without sorting them again.
type Network struct {
	ids   []string         // by position
	index map[string]int32 // id → position
	// The links in compressed sparse rows: position v's links are
	// edges[offsets[v]:offsets[v+1]], by neighbour's position. The
	// shortest-path searches stream through them once per source, so they
	// lie in one array.
	offsets  []int32
	edges    []edge
	projects []int32 // by position: number of projects
	// approximate forces rounded lengths, for tests that hold the exact
	// and the rounded searches to the same answers.
	approximate bool
}

// edge is one link seen from one end.
type edge struct {
	to     int32
	weight int32
}

// NewNetwork builds the network of the given organisations (also those
// without projects); organisations named only in participations are added.
// A participation listed twice counts once.
func NewNetwork(organisations []string, participations []Participation, opt Options) *Network {
	if opt.MaxProjectSize == 0 {
		opt.MaxProjectSize = DefaultMaxProjectSize
	}
	n := &Network{index: make(map[string]int32, len(organisations))}
	add := func(id string) int32 {
		if i, ok := n.index[id]; ok {
			return i
		}
		i := int32(len(n.ids))
		n.ids = append(n.ids, id)
		n.index[id] = i
		return i
	}
	for _, id := range organisations {
		add(id)
	}
	var extra []string
	for _, p := range participations {
		if _, ok := n.index[p.Organisation]; !ok {
			extra = append(extra, p.Organisation)
		}
	}
	sort.Strings(extra)
	for _, id := range extra {
		add(id)
	}
	byProject := map[string][]int32{}
	unlinked := map[int32]map[string]bool{} // position → projects it takes part in without ties
	for _, p := range participations {
		i := n.index[p.Organisation]
		byProject[p.Project] = append(byProject[p.Project], i)
		if p.Unlinked {
			if unlinked[i] == nil {
				unlinked[i] = map[string]bool{}
			}
			unlinked[i][p.Project] = true
		}
	}
	n.projects = make([]int32, len(n.ids))
	// Every link once per end, as (from << 32 | to); sorting groups a
	// pair's shared projects, whose count is its weight.
	var ends []uint64
	for project, members := range byProject {
		slices.Sort(members)
		members = slices.Compact(members)
		for _, m := range members {
			n.projects[m]++
		}
		if len(members) > opt.MaxProjectSize {
			continue
		}
		members = slices.DeleteFunc(members, func(m int32) bool { return unlinked[m][project] })
		for a, x := range members {
			for _, y := range members[a+1:] {
				ends = append(ends, uint64(x)<<32|uint64(y), uint64(y)<<32|uint64(x))
			}
		}
	}
	slices.Sort(ends)
	n.offsets = make([]int32, len(n.ids)+1)
	for i := 0; i < len(ends); {
		j := i + 1
		for j < len(ends) && ends[j] == ends[i] {
			j++
		}
		from := int32(ends[i] >> 32)
		n.edges = append(n.edges, edge{to: int32(uint32(ends[i])), weight: int32(j - i)})
		n.offsets[from+1]++
		i = j
	}
	for v := range n.ids {
		n.offsets[v+1] += n.offsets[v]
	}
	return n
}

// links returns position v's links.
func (n *Network) links(v int32) []edge { return n.edges[n.offsets[v]:n.offsets[v+1]] }

// degree returns the number of position v's collaborators.
func (n *Network) degree(v int32) int { return int(n.offsets[v+1] - n.offsets[v]) }

// Size returns the number of organisations.
func (n *Network) Size() int { return len(n.ids) }

// Organisations returns every organisation id, in the network's order.
func (n *Network) Organisations() []string { return slices.Clone(n.ids) }

// Collaborators returns the organisations id shares projects with, and
// how many.
func (n *Network) Collaborators(id string) map[string]int {
	i, ok := n.index[id]
	if !ok {
		return nil
	}
	out := make(map[string]int, n.degree(i))
	for _, e := range n.links(i) {
		out[n.ids[e.to]] = int(e.weight)
	}
	return out
}

// Isolated returns the organisations with no collaborator, in the
// network's order.
func (n *Network) Isolated() []string {
	var out []string
	for i, id := range n.ids {
		if n.degree(int32(i)) == 0 {
			out = append(out, id)
		}
	}
	return out
}

// WithoutProjects returns the organisations that take part in no
// project, in the network's order.
func (n *Network) WithoutProjects() []string {
	var out []string
	for i, id := range n.ids {
		if n.projects[i] == 0 {
			out = append(out, id)
		}
	}
	return out
}
