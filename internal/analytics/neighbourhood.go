package analytics

import (
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Neighbourhood bounds.
const (
	MaxDepth        = 3
	DefaultMaxNodes = 200
	MaxNodes        = 1000
)

// Subgraph is part of the graph for drawing: nodes and the relationships
// among them. Truncated is set when the node cap cut the walk short.
type Subgraph struct {
	Nodes     []ecosystem.Node
	Edges     []ecosystem.Link
	Truncated bool
}

// Neighbourhood returns the entities within depth steps of id (both
// directions), following only the given relationship types (all when
// none), and the relationships walked, at most maxNodes nodes, nearest
// first. Returns NOT_FOUND for an unknown id and BAD_USER_INPUT for a
// depth outside 1..3, an unknown type or a cap outside 1..1000.
func (m *Model) Neighbourhood(id string, depth int, types []string, maxNodes int) (*Subgraph, error) {
	return m.NeighbourhoodAvoiding(id, depth, types, maxNodes, nil)
}

// NeighbourhoodAvoiding is Neighbourhood walking no link that hidden
// reports (a reader may not see every link); a nil hidden hides nothing.
func (m *Model) NeighbourhoodAvoiding(id string, depth int, types []string, maxNodes int, hidden func(ecosystem.Link) bool) (*Subgraph, error) {
	if depth < 1 || depth > MaxDepth {
		return nil, ecosystem.FieldError("depth", "must be between 1 and %d", MaxDepth)
	}
	if maxNodes < 1 || maxNodes > MaxNodes {
		return nil, ecosystem.FieldError("maxNodes", "must be between 1 and %d", MaxNodes)
	}
	allowed, err := relTypes(types)
	if err != nil {
		return nil, err
	}
	if m.nodes[id] == nil {
		return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no entity has the id %q", id)
	}
	sub := &Subgraph{Nodes: []ecosystem.Node{m.nodes[id]}}
	in := map[string]bool{id: true}
	type edgeKey struct {
		from, to string
		rel      ecosystem.RelType
	}
	edges := map[edgeKey]bool{}
	frontier := []string{id}
	for level := 0; level < depth && len(frontier) > 0 && !sub.Truncated; level++ {
		var next []string
		for _, at := range frontier {
			for _, s := range m.steps(at, hidden) {
				if len(allowed) > 0 && !allowed[s.rel] {
					continue
				}
				if !in[s.to] {
					if len(sub.Nodes) >= maxNodes {
						sub.Truncated = true
						continue
					}
					in[s.to] = true
					sub.Nodes = append(sub.Nodes, m.nodes[s.to])
					next = append(next, s.to)
				}
				k := edgeKey{from: at, rel: s.rel, to: s.to}
				if !s.forward {
					k.from, k.to = s.to, at
				}
				edges[k] = true
			}
		}
		frontier = next
	}
	for _, l := range m.linksAmong(in) {
		if edges[edgeKey{from: l.From, rel: l.Type, to: l.To}] {
			sub.Edges = append(sub.Edges, l)
		}
	}
	return sub, nil
}

// linksAmong returns the links whose ends are both in ids, with their
// properties, in from–type–to order.
func (m *Model) linksAmong(ids map[string]bool) []ecosystem.Link {
	var out []ecosystem.Link
	for id := range ids {
		for _, l := range m.out[id] {
			if ids[l.To] {
				out = append(out, l)
			}
		}
	}
	ecosystem.SortLinks(out)
	return out
}
