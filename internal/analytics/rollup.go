package analytics

import (
	"context"
	"sort"
	"sync"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Neighbours follows rel from each id in the snapshot, as a store does,
// so that package rollup can expand organisations over a model.
func (m *Model) Neighbours(_ context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	out := make(map[string][]ecosystem.Neighbour, len(ids))
	for _, id := range ids {
		links, far := m.out[id], func(l ecosystem.Link) string { return l.To }
		if rel.Direction == ecosystem.Incoming {
			links, far = m.in[id], func(l ecosystem.Link) string { return l.From }
		}
		for _, l := range links {
			if l.Type != rel.Type {
				continue
			}
			if n := m.nodes[far(l)]; n != nil && n.NodeLabel() == rel.Target {
				out[id] = append(out[id], ecosystem.Neighbour{Node: n, Props: l.Props})
			}
		}
	}
	return out, nil
}

// parent returns the organisation id is a unit of, or "".
func (m *Model) parent(id string) string {
	for _, p := range m.targets(id, ecosystem.RelUnitOf) {
		if m.Organisation(p) != nil {
			return p
		}
	}
	return ""
}

// mergedInto returns the organisation id counts under where a question
// merges organisations: itself under NONE, the top of its unit tree
// under UNITS, and under LEGAL_ENTITY the nearest organisation up its
// unit links (itself first) that signs contracts, or itself when none
// does.
func (m *Model) mergedInto(id string, mode ecosystem.RollUp) string {
	if mode == ecosystem.RollUpNone {
		return id
	}
	seen := map[string]bool{id: true}
	at := id
	for {
		if mode == ecosystem.RollUpLegalEntity && m.Organisation(at).SignsContracts() {
			return at
		}
		p := m.parent(at)
		if p == "" || seen[p] {
			break
		}
		seen[p] = true
		at = p
	}
	if mode == ecosystem.RollUpLegalEntity {
		return id
	}
	return at
}

// rolled is a model under one roll-up, made once.
type rolled struct {
	once  sync.Once
	model *Model
}

// RolledUp returns the model in which every organisation is merged into
// the one the roll-up counts it under (see mergedInto): its
// relationships move to that organisation, those within a merged group
// go, and it is no longer a node, so that the network, its centralities,
// its gaps and the coverage of pillars answer for the merged
// organisations. NONE returns m. It is made once per model and roll-up.
// Returns BAD_USER_INPUT for an unknown roll-up.
func (m *Model) RolledUp(mode ecosystem.RollUp) (*Model, error) {
	switch mode {
	case ecosystem.RollUpNone:
		return m, nil
	case ecosystem.RollUpUnits, ecosystem.RollUpLegalEntity:
	default:
		return nil, ecosystem.FieldError("rollUp", "%q is not a roll-up", mode)
	}
	r, _ := m.rolledUp.LoadOrStore(mode, &rolled{})
	entry := r.(*rolled)
	entry.once.Do(func() { entry.model = m.merge(mode) })
	return entry.model, nil
}

// merge builds the model of RolledUp.
func (m *Model) merge(mode ecosystem.RollUp) *Model {
	into := map[string]string{}
	for _, id := range m.organisations {
		if h := m.mergedInto(id, mode); h != id {
			into[id] = h
		}
	}
	head := func(id string) string {
		if h, ok := into[id]; ok {
			return h
		}
		return id
	}
	snap := &ecosystem.Snapshot{Version: m.Version, Nodes: make(map[string]ecosystem.Node, len(m.nodes))}
	ids := make([]string, 0, len(m.nodes))
	for id, n := range m.nodes {
		ids = append(ids, id)
		if _, merged := into[id]; !merged {
			snap.Nodes[id] = n
		}
	}
	sort.Strings(ids)
	seen := map[ecosystem.LinkKey]bool{}
	for _, id := range ids {
		for _, l := range m.out[id] {
			l.From, l.To = head(l.From), head(l.To)
			if l.From == l.To || seen[l.Key()] {
				continue
			}
			seen[l.Key()] = true
			snap.Links = append(snap.Links, l)
		}
	}
	return NewModel(snap)
}

// MergedInto returns the organisation id counts under in RolledUp(mode).
func (m *Model) MergedInto(id string, mode ecosystem.RollUp) string {
	if m.Organisation(id) == nil {
		return id
	}
	return m.mergedInto(id, mode)
}
